"""Set-up shared by the tests that run the engine against the real receiver."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nacl.signing

from sync import envelope as envelope_mod
from sync.client import ServerTrust, SyncClient
from sync.engine import SyncEngine
from sync.enrolment import Enrolment, enrol_device
from sync.receiver.storage import open_storage
from tests.support.outbox import queue_reports, real_store, reopen_store

FAST = (3.0, 5.0)


@dataclass
class App:
    """One enrolled "laptop": its real store, its device key and its enrolment."""

    data_dir: Path
    store: Any
    device: nacl.signing.SigningKey
    enrolment: Enrolment
    made: dict[str, tuple[str, dict]]

    def client(self, url: str, timeout=FAST) -> SyncClient:
        return SyncClient(url, ServerTrust(cert_sha256=self.enrolment.cert_sha256),
                          token=self.enrolment.token, timeout=timeout)

    def engine(self, url: str, timeout=FAST, **kw) -> SyncEngine:
        return SyncEngine(self.store, self.client(url, timeout), self.enrolment.receipt_public_key, **kw)

    def queue(self, n: int) -> dict[str, tuple[str, dict]]:
        more = queue_reports(self.store, n, self.enrolment.sealing_public_key, self.device,
                             start=len(self.made))
        self.made.update(more)
        return more

    def reopen(self) -> None:
        self.store.close()
        self.store = reopen_store(self.data_dir)

    def save(self, path: Path) -> None:
        """What a subprocess needs to run the engine on this store."""
        path.write_text(json.dumps({
            "data_dir": str(self.data_dir), "token": self.enrolment.token,
            "cert_sha256": self.enrolment.cert_sha256,
            "receipt_public_key": self.enrolment.receipt_public_key.hex(),
        }))


def enrolled_app(rx, tmp_path: Path, n: int = 0, name: str = "app") -> App:
    device = nacl.signing.SigningKey.generate()
    enrolment = enrol_device(rx.url, rx.enrol("Test organisation"), "Test laptop",
                             bytes(device.verify_key))
    store = real_store(tmp_path / name)
    app = App(tmp_path / name, store, device, enrolment, {})
    if n:
        app.queue(n)
    return app


def server_rows(rx) -> list[tuple[str, str]]:
    """(envelope id, sha256) of every row the receiver holds."""

    storage = open_storage(rx.data_dir)
    try:
        return [(s.id, s.sha256) for s in storage.iter_envelopes()]
    finally:
        storage.close()


def assert_delivered_exactly_once(rx, app: App, scope: set[str] | None = None) -> None:
    """Every finalised report is at the server exactly once, 'sent' locally with a receipt that
    verifies and names its envelope, and the outbox is empty. ``scope``: only look at these ids
    at the server (other tests' rows share it)."""
    rows = [r for r in server_rows(rx) if scope is None or r[0] in scope]
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids)), "a report is at the server twice"
    assert set(ids) == set(app.made), (len(set(ids)), len(app.made))
    assert app.store.outbox_count() == 0
    by_id = dict(rows)
    for rid in app.made:
        rec = app.store.get(rid)
        assert rec.state == "sent", (rid, rec.state)
        receipt = rec.receipt
        assert envelope_mod.verify_receipt(receipt, app.enrolment.receipt_public_key)
        assert receipt["envelope_id"] == rid and receipt["sha256"] == rec.envelope["sha256"]
        assert by_id[rid] == rec.envelope["sha256"]


def assert_never_both(rx, app: App, scope: set[str] | None = None) -> None:
    """The invariant at any moment: at the server or queued; never sent and queued; never twice."""
    rows = [r for r in server_rows(rx) if scope is None or r[0] in scope]
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids))
    queued = {it.record_id for it in app.store.outbox_batch(10**9)}
    for rid in app.made:
        rec = app.store.get(rid)
        assert rid in queued or rid in ids, rid
        assert not (rec.state == "sent" and rid in queued), rid
        if rec.state == "sent":
            assert rid in ids, rid
    assert set(ids) <= set(app.made), "something that was never finalised is at the server"
