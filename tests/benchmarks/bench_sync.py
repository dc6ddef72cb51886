"""Delivery throughput: 10,000 queued reports from the real store to the local receiver over TLS.

Figures:
- ``sync_reports_per_second``: the engine draining the outbox (batches of 100, pinned TLS, every
  receipt verified, each record marked sent in its own store transaction). Target >= 500/s.
- ``sync_vs_bare_loop``: the engine's rate over a bare loop that POSTs the same envelopes one per
  request with ``requests`` (keep-alive session, no store, no receipt checks) to a second receiver
  in the same run. Target: ratio > 1.

``SIGNAAL_BENCH_SYNC_N`` (default 10000) and ``SIGNAAL_BENCH_SYNC_BARE`` (default 1000: the bare
loop's rate is measured on a slice, it would otherwise dominate the run) change the sizes.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nacl.signing

from forms import MINIMISATION_RULE
from sync import envelope as envelope_mod
from sync import protocol
from sync.enrolment import enrol_device
from tests.benchmarks.common import emit, log
from tests.support.outbox import FORMS, real_store, synthetic_answers
from tests.support.receiver import running_receiver
from tests.sync.helpers import App


def main() -> None:
    n = int(os.environ.get("SIGNAAL_BENCH_SYNC_N", "10000"))
    n_bare = min(n, int(os.environ.get("SIGNAAL_BENCH_SYNC_BARE", "1000")))
    with tempfile.TemporaryDirectory(prefix="signaal-bench-sync-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "rx1").mkdir()
        (tmp_path / "rx2").mkdir()
        with running_receiver(tmp_path / "rx1", rate_limit=0) as rx, \
                running_receiver(tmp_path / "rx2", rate_limit=0) as rx2:
            device = nacl.signing.SigningKey.generate()
            enrolment = enrol_device(rx.url, rx.enrol("Bench org"), "Bench laptop", bytes(device.verify_key))
            store = real_store(tmp_path / "app")
            app = App(tmp_path / "app", store, device, enrolment, {})

            log(f"bench_sync: queueing {n} sealed reports in the store")
            pool = {(f, i): synthetic_answers(f, i) for f in FORMS for i in range(10)}
            t0 = time.perf_counter()
            envelopes = []
            for i in range(n):
                form_id = FORMS[i % 3]
                answers = pool[(form_id, i % 10)]
                rec = store.create_draft(form_id, 1, answers)
                env = envelope_mod.seal_envelope(
                    answers, envelope_id=rec.id, form_id=form_id, form_version=1,
                    created_at=protocol.utc_now(), sealing_public_key=enrolment.sealing_public_key,
                    signing_key=device).model_dump(mode="json")
                store.finalise(rec.id, answers, "", env, sealed_rule=MINIMISATION_RULE)
                envelopes.append(env)
            log(f"bench_sync: queued in {time.perf_counter() - t0:.1f}s; sending")

            engine = app.engine(rx.url, timeout=(5.0, 60.0), batch_size=100)
            t0 = time.perf_counter()
            report = engine.run_once()
            engine_s = time.perf_counter() - t0
            if report.error is not None or report.sent != n or store.outbox_count():
                raise RuntimeError(f"engine run incomplete: sent {report.sent}/{n}, error {report.error}")
            engine_rate = n / engine_s

            # The bare loop: same envelopes, one request each, to a second receiver (same device key).
            dev2 = rx2.enrol_device(signing_key=device)
            session = rx2.session()
            t0 = time.perf_counter()
            for env in envelopes[:n_bare]:
                r = session.post(rx2.url + "/v1/envelopes", json={"envelopes": [env]},
                                 headers=dev2.headers, timeout=(5.0, 60.0))
                if r.status_code != 200 or r.json()["results"][0]["status"] != "stored":
                    raise RuntimeError(f"bare loop: unexpected answer {r.status_code}")
            bare_s = time.perf_counter() - t0
            bare_rate = n_bare / bare_s
            store.close()

    emit("sync_reports_per_second", engine_rate, "reports/s", target=">= 500", ok=engine_rate >= 500,
         reports=n, seconds=round(engine_s, 2))
    emit("sync_vs_bare_loop", engine_rate, "reports/s", baseline=bare_rate,
         baseline_name=f"bare requests loop, one envelope per POST ({n_bare} reports)",
         target="ratio > 1", ok=engine_rate > bare_rate)


if __name__ == "__main__":
    main()
