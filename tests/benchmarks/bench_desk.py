"""Desk benchmark: ingest rate, and the inbox at 100,000 reports.

Figures:
- ``desk.ingest``: envelopes/s that the desk pulls, verifies (device signature), opens (SealedBox
  with CoMensha's key), validates against their form version, minimisation-checks and stores in
  its SQLCipher store (``desk.core.ingest.store_page``, pages of 500 as the receiver serves them),
  next to bare ``SealedBox.decrypt`` of the same sealed bytes in the same run. Reported as the
  rate (envelopes/s) with the ratio of the times (ingest / bare opening).
- ``desk.inbox_ids_100k``: the inbox's query for a filter over 100,000 reports (all reports, and
  state + form + period), the ids the table model holds; target < 0.25 s.
- ``desk.inbox_block_100k``: the rows of one block (200) the view shows; target < 0.05 s.
- ``desk.facts_100k``: the statistics tab's input, ``desk.core.facts.report_facts`` over 100,000
  stored reports (answers as the devices sealed them), next to only reading and parsing their
  answers (``json.loads``); target < 10 s on the worker thread.

The envelopes are sealed by three synthetic devices (COA, NLA, Zorg forms) through
``sync.envelope.seal_report``; the 100,000 inbox rows are written straight into the desk's table
(what is measured is the query, not how the rows got there). ``SIGNAAL_BENCH_QUICK=1``: 500
envelopes and 20,000 rows.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
import time
import uuid
from pathlib import Path

import nacl.public
import nacl.signing

import forms
from desk.core import facts, inbox, ingest
from desk.core.store import DeskStore
from desktop.core.store.keys import MemorySecretStore
from sync.registrar import EnvelopePage
from tests.benchmarks.common import best_of, emit, log
from tests.support.desk import PASSPHRASE, Device, OrderingLog, receiver_keys, sealed_report
from tests.support.reports import report_answers

QUICK = bool(os.environ.get("SIGNAAL_BENCH_QUICK"))
N_ENVELOPES = 500 if QUICK else 2_000
N_ROWS = 20_000 if QUICK else 100_000
PAGE = 500


def _ingest(folder: Path) -> None:
    key_file, public, receipt_key = receiver_keys(folder / "keys")
    devices = [Device(f"dev_{i:016x}", nacl.signing.SigningKey.generate(), org)
               for i, org in enumerate(("COA", "NLA", "Zorg"), start=1)]
    log_ = OrderingLog(receipt_key)
    log(f"desk: sealing {N_ENVELOPES} envelopes")
    for i in range(N_ENVELOPES):
        dev = devices[i % 3]
        log_.add_envelope(sealed_report(dev, public, ("coa", "nla", "zorg")[i % 3], i=i % 50), dev)
    private = ingest.sealing.read_key_file(key_file)
    sealed = [base64.b64decode(e.envelope["sealed"]) for e in log_.envelopes]
    box = nacl.public.SealedBox(nacl.public.PrivateKey(private))
    bare = best_of(lambda: [box.decrypt(s) for s in sealed], repeat=3)
    pages = [EnvelopePage(log_.envelopes[i:i + PAGE], log_.envelopes[min(i + PAGE, N_ENVELOPES) - 1].seq,
                          i + PAGE < N_ENVELOPES) for i in range(0, N_ENVELOPES, PAGE)]
    store = DeskStore.create(folder / "desk", PASSPHRASE, secrets=MemorySecretStore(), kdf="test")
    ingest.sealing.keep(store, private)
    t0 = time.perf_counter()
    opened = sum(ingest.store_page(store, p, receipt_key=bytes(receipt_key.verify_key)).opened for p in pages)
    took = time.perf_counter() - t0
    store.close()
    emit("desk.ingest", N_ENVELOPES / took, "envelopes/s", baseline=N_ENVELOPES / bare,
         baseline_name="bare SealedBox.decrypt (envelopes/s)", opened=opened,
         time_ratio=round(took / bare, 1), target="every envelope opened", ok=opened == N_ENVELOPES)


def _inbox(folder: Path) -> None:
    store = DeskStore.create(folder / "desk100k", PASSPHRASE, secrets=MemorySecretStore(), kdf="test")
    states = ("new", "in_progress", "registered", "referred", "not_trafficking")
    samples = [json.dumps(forms.minimise(forms.catalog().get(f, 1), report_answers(f, i=i)).answers)
               for i in range(10) for f in ("coa", "nla", "zorg")]
    log(f"desk: writing {N_ROWS} inbox rows")
    with store.tx() as c:
        rows = []
        for i in range(N_ROWS):
            rid = str(uuid.UUID(int=i + 1))
            day = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
            at = day + "T10:00:00Z"
            rows.append((rid, i + 1, ("coa", "nla", "zorg")[i % 3], 1, at, at, day,
                         ("COA", "NLA", "Zorg")[i % 3], f"dev_{i % 7:016x}", f"CM-2026-{i:06d}", 1,
                         ("limburg", "oost_nederland", "amsterdam")[i % 3], states[i % 5],
                         None if i % 4 else "Anna", rid))
        c.executemany("INSERT INTO reports (id, seq, form_id, form_version, created_at, received_at, "
                      "received_day, organisation, device_id, reference, receipt_ok, region, state, "
                      "assignee, person_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        c.executemany("INSERT INTO report_answers (id, answers) VALUES (?, ?)",
                      [(r[0], samples[i % len(samples)]) for i, r in enumerate(rows)])
    c = store.conn()
    c.execute("ANALYZE")
    everything = inbox.Filter()
    narrow = inbox.Filter(states=("in_progress",), form_ids=("nla",), day_from="2026-03-01",
                          day_to="2026-06-30")
    ids = best_of(lambda: inbox.matching_seqs(store, everything), repeat=5)
    ids_narrow = best_of(lambda: inbox.matching_seqs(store, narrow), repeat=5)
    seqs = inbox.matching_seqs(store, everything)
    block = best_of(lambda: inbox.rows(store, seqs[50_000 % len(seqs):50_000 % len(seqs) + 200]), repeat=5)
    emit("desk.inbox_ids_100k", ids, "s", rows=N_ROWS, narrow_s=round(ids_narrow, 4), target="< 0.25 s",
         ok=ids < 0.25 and ids_narrow < 0.25)
    emit("desk.inbox_block_100k", block, "s", rows=200, target="< 0.05 s", ok=block < 0.05)
    c.execute("SELECT answers FROM report_answers").fetchall()   # both measured with the pages cached

    def parse_only() -> None:
        rows = c.execute("SELECT a.answers FROM reports r JOIN report_answers a ON a.id = r.id "
                         "WHERE r.follow_up = 0 ORDER BY r.seq").fetchall()
        for (answers,) in rows:
            json.loads(answers)

    bare = best_of(parse_only, repeat=2)
    took = best_of(lambda: facts.report_facts(store), repeat=2)
    found = facts.report_facts(store)
    emit("desk.facts_100k", took, "s", baseline=bare, baseline_name="read + json.loads of the answers",
         facts=len(found), target="< 10 s", ok=took < 10)
    store.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="signaal-bench-desk-") as tmp:
        _ingest(Path(tmp))
        _inbox(Path(tmp))


if __name__ == "__main__":
    main()
