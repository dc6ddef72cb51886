"""What an operator watches: Prometheus metrics on their own listener, and JSON log lines that
never hold ciphertext, tokens or enrolment codes."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import nacl.signing
import requests
from prometheus_client.parser import text_string_to_metric_families

from sync import protocol
from tests.support.receiver import EnrolledDevice, free_port, running_receiver


def _scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    r = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10)
    assert r.status_code == 200
    out = {}
    for family in text_string_to_metric_families(r.text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def test_metrics_count_what_happened_and_logs_hold_no_secrets(tmp_path: Path) -> None:
    port = free_port()
    with running_receiver(tmp_path, serve_args=["--metrics-port", str(port)]) as rx:
        code = rx.enrol("Org M")
        key = nacl.signing.SigningKey.generate()
        s = rx.session()
        public = base64.b64encode(bytes(key.verify_key)).decode()
        body = {"code": code, "label": "L", "device_public_key": public}
        enrolled = s.post(rx.url + "/v1/enrol", json=body, timeout=10)
        assert enrolled.status_code == 201
        again = s.post(rx.url + "/v1/enrol", json=body, timeout=10)
        assert again.status_code == 403
        doc = enrolled.json()
        dev = EnrolledDevice(doc["device_id"], doc["token"], key, doc)
        envs = [rx.seal(dev, {"n": i}) for i in range(3)]
        bad = envs[0].model_dump() | {"id": protocol.new_envelope_id()}  # signature no longer fits
        assert rx.post_batch(dev, envs).status_code == 200
        assert rx.post_batch(dev, [*envs[:2], bad]).status_code == 200
        assert s.post(rx.url + "/v1/envelopes", json={"envelopes": []}, timeout=10).status_code == 401

        m = _scrape(port)
        assert m[("signaal_receiver_envelopes_stored_total", ())] == 3
        assert m[("signaal_receiver_envelopes_duplicate_total", ())] == 2
        assert m[("signaal_receiver_rejections_total", (("code", "bad_signature"),))] == 1
        assert m[("signaal_receiver_rejections_total", (("code", "unauthorized"),))] == 1
        assert m[("signaal_receiver_enrolments_total", (("outcome", "ok"),))] == 1
        assert m[("signaal_receiver_enrolments_total", (("outcome", "code_used"),))] == 1
        count = m[("signaal_receiver_request_seconds_count", (("endpoint", "/v1/envelopes"),))]
        assert count == 3
        # The API port does not serve the metrics.
        assert s.get(rx.url + "/metrics", timeout=10).status_code == 404

        log = rx.log_path.read_text()
        for secret in (code, code.replace("-", ""), dev.token, envs[0].sealed[:40], envs[0].signature):
            assert secret not in log
        lines = [json.loads(line) for line in log.splitlines()]  # every line is JSON
        assert any(x.get("event") == "request" and x.get("device") == dev.device_id for x in lines)
