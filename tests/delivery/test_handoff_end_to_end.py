"""Weeks offline: reports carried to CoMensha in a hand-off file on USB, imported by the real
receiver (twice, by mistake), and later also sent online: each report is stored once, and the
receipts come back to the laptop by file."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.core import handoff
from desktop.ui.connection import ConnectionPanel
from tests.support.receiver import running_receiver

from .conftest import make_final, run_on_store
from .test_end_to_end import _enrol_via_panel


@pytest.fixture
def rx(tmp_path_factory):
    with running_receiver(tmp_path_factory.mktemp("rx")) as receiver:
        yield receiver


def _stored(rx, ids):
    with sqlite3.connect(f"file:{rx.data_dir / 'receiver.sqlite3'}?mode=ro", uri=True) as db:
        return db.execute(f"SELECT count(*) FROM envelopes WHERE id IN ({','.join('?' * len(ids))})",  # noqa: S608
                          ids).fetchone()[0]


def test_a_handed_off_report_imported_twice_and_sent_online_is_stored_once(
        qtbot, rx, store_worker, controller, test_keyring, tmp_path):
    controller.on_unlocked()
    panel = ConnectionPanel(controller, store_worker)
    qtbot.addWidget(panel)
    assert _enrol_via_panel(qtbot, panel, controller, rx.url, rx.enrol()).ok
    rx.stop()  # weeks without a connection
    records = [run_on_store(qtbot, store_worker, make_final) for _ in range(2)]
    ids = [r.envelope["id"] for r in records]

    usb = tmp_path / "signaal-overdracht.json"
    written = run_on_store(qtbot, store_worker, lambda s: handoff.write_handoff_file(s, usb))
    assert written.count == 2
    receipts = tmp_path / "ontvangstbewijzen.json"
    for _ in range(2):  # imported twice by mistake
        done = rx.cli("import", str(usb), "--receipts-out", str(receipts), check=True)
        assert "refused" in done.stderr
    assert _stored(rx, ids) == 2

    # Back in range before the receipts file came back: the same reports also go out online.
    rx.start()
    controller.send_now()
    for r in records:
        qtbot.waitUntil(lambda r=r: run_on_store(qtbot, store_worker, lambda s: s.get(r.id).state) == "sent",
                        timeout=20_000)
    assert _stored(rx, ids) == 2  # still one row each: the receiver answered "duplicate"

    # The receipts file arriving later changes nothing, and says so.
    applied = run_on_store(qtbot, store_worker,
                           lambda s: handoff.apply_receipts_file(s, receipts.read_bytes()))
    assert (applied.applied, applied.already, applied.refused) == (0, 2, 0)


def test_receipts_from_a_hand_off_mark_the_reports_sent_on_the_laptop(
        qtbot, rx, store_worker, controller, test_keyring, tmp_path):
    controller.on_unlocked()
    panel = ConnectionPanel(controller, store_worker)
    qtbot.addWidget(panel)
    assert _enrol_via_panel(qtbot, panel, controller, rx.url, rx.enrol()).ok
    rx.stop()
    records = [run_on_store(qtbot, store_worker, make_final) for _ in range(2)]
    usb = tmp_path / "signaal-overdracht.json"
    run_on_store(qtbot, store_worker, lambda s: handoff.write_handoff_file(s, usb))
    receipts = tmp_path / "ontvangstbewijzen.json"
    rx.cli("import", str(usb), "--receipts-out", str(receipts), check=True)
    applied = run_on_store(qtbot, store_worker,
                           lambda s: handoff.apply_receipts_file(s, receipts.read_bytes()))
    assert applied.applied == 2
    states = [run_on_store(qtbot, store_worker, lambda s, r=r: s.get(r.id).state) for r in records]
    assert states == ["sent", "sent"]
