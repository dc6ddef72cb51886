"""Delivery against a real receiver over TLS (tests/support/receiver.py): enrol through the
connection panel, seal what waited, send from the sync thread, show the receipt, and every
failure of enrolment with its own message and nothing stored."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import nacl.signing
import pytest
from PySide6.QtCore import Qt

from desktop.core import delivery
from desktop.ui.connection import ConnectionPanel
from desktop.ui.receipt_view import ReceiptView
from desktop.ui.sync_status import SyncStatusWidget
from sync import enrolment as client_mod
from sync import envelope as envelope_mod
from sync import protocol
from sync.receiver.storage import open_storage
from tests.support.receiver import free_port, running_receiver

from .conftest import make_final, run_on_store, sent_answers


@pytest.fixture(scope="module")
def rx(tmp_path_factory):
    with running_receiver(tmp_path_factory.mktemp("rx")) as receiver:
        yield receiver


def _expired_code(rx) -> str:
    """A code the receiver issued an hour ago for half an hour: expired without the test waiting.

    Stored as ``signaal-receiver enrol`` stores one, only with the issue time in the past."""
    code = protocol.make_enrolment_code(rx.cert_der)
    issued = datetime.now(UTC) - timedelta(hours=1)
    storage = open_storage(rx.data_dir)
    try:
        storage.add_code(protocol.enrolment_secret_hash(code), "Test organisation",
                         protocol.format_time(issued), protocol.format_time(issued + timedelta(minutes=30)))
    finally:
        storage.close()
    return code


def _panel(qtbot, controller, store_worker):
    panel = ConnectionPanel(controller, store_worker)
    qtbot.addWidget(panel)
    return panel


def _enrol_via_panel(qtbot, panel, controller, url, code, timeout=20_000):
    panel.url_edit.setText(url)
    panel.code_edit.setText(code)
    with qtbot.waitSignal(controller.enrol_finished, timeout=timeout) as blocker:
        qtbot.mouseClick(panel.connect_button, _left())
    return blocker.args[0]


def _left():
    return Qt.MouseButton.LeftButton


def _nothing_stored(qtbot, store_worker):
    def read(store):
        return (delivery.enrolment(store), delivery.device_seed(store), delivery.load_token(store),
                store.get_setting(delivery.TOKEN_SETTING), store.get_setting(delivery.RECEIPT_KEYS))

    assert run_on_store(qtbot, store_worker, read) == (None, None, None, None, None)
    events = run_on_store(qtbot, store_worker, lambda s: [e.event for e in s.audit_entries()])
    assert "enrolled" not in events


def _wait_state(qtbot, controller, kind, timeout=15_000):
    qtbot.waitUntil(lambda: controller.state.kind == kind, timeout=timeout)
    return controller.state


def test_enrol_seals_waiting_report_sends_it_and_shows_verified_receipt(
        qtbot, rx, store_worker, controller, test_keyring):
    status = SyncStatusWidget(controller)
    qtbot.addWidget(status)
    rec = run_on_store(qtbot, store_worker, make_final)
    assert rec.state == "final" and rec.envelope is None
    controller.on_unlocked()
    state = _wait_state(qtbot, controller, "not_enrolled")
    assert state.awaiting_seal == 1
    assert "1 report waiting" in status.text()

    panel = _panel(qtbot, controller, store_worker)
    outcome = _enrol_via_panel(qtbot, panel, controller, rx.url, rx.enrol())
    assert outcome.ok, outcome
    assert outcome.sealed == 1
    assert "1 waiting report sealed" in panel.message.text() or "sealed" in panel.message.text()

    qtbot.waitUntil(lambda: run_on_store(qtbot, store_worker, lambda s: s.get(rec.id).state) == "sent",
                    timeout=20_000)
    state = _wait_state(qtbot, controller, "all_sent")
    assert status.text() == f"All sent at {state.last_sent_at.astimezone().strftime('%H:%M')}"

    # What was kept: device key and CoMensha's keys in the store, the token in the (test) keyring.
    info = run_on_store(qtbot, store_worker, delivery.enrolment)
    assert info.server_url == rx.url and info.device_id.startswith("dev_")
    assert info.receipt_public_key == rx.receipt_public_key
    assert info.sealing_public_key == rx.sealing_public_key
    assert info.cert_sha256 == protocol.certificate_sha256(rx.cert_der)
    assert run_on_store(qtbot, store_worker, delivery.token_location) == "keyring"
    assert any(k.startswith("delivery-token:") for k in json.loads(test_keyring.path.read_text()))
    kept = run_on_store(qtbot, store_worker, lambda s: s.get_setting(delivery.TOKEN_SETTING))
    assert kept == {"in": "keyring"}
    events = run_on_store(qtbot, store_worker, lambda s: [(e.event, e.detail) for e in s.audit_entries()])
    names = [name for name, _ in events]
    assert {"enrolled", "sealed", "sent", "record.sent"} <= set(names)
    assert all("Synthetic" not in json.dumps(detail or {}) for _, detail in events)  # no content in the audit

    # The receipt: reference, time and hash, and CoMensha's signature checked when shown.
    view = ReceiptView(store_worker)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.load([rec.id])
    check = view.checks[0]
    assert check.verified and check.reference.startswith("CM-") and check.received_at is not None
    sent = run_on_store(qtbot, store_worker, lambda s: s.get(rec.id))
    assert check.sha256 == sent.envelope["sha256"]
    assert view.table.item(0, 3).text().endswith("Signature verified")

    # A report finalised now (enrolled) is sealed at once and goes out on its own.
    rec2 = run_on_store(qtbot, store_worker, make_final)
    assert rec2.envelope is not None
    controller.send_now()
    qtbot.waitUntil(lambda: run_on_store(qtbot, store_worker, lambda s: s.get(rec2.id).state) == "sent",
                    timeout=20_000)
    # At CoMensha: each envelope once, from this device, and only CoMensha's private key opens it.
    sent2 = run_on_store(qtbot, store_worker, lambda s: s.get(rec2.id))
    ids = [sent.envelope["id"], sent2.envelope["id"]]
    with sqlite3.connect(f"file:{rx.data_dir / 'receiver.sqlite3'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT id, device_id, sha256, reference FROM envelopes WHERE id IN (?, ?)",
                          ids).fetchall()
    assert sorted(r[0] for r in rows) == sorted(ids)
    assert {r[1] for r in rows} == {info.device_id}
    assert {r[3] for r in rows} == {sent.receipt["reference"], sent2.receipt["reference"]}
    opened = envelope_mod.open_envelope(protocol.Envelope.model_validate(sent2.envelope),
                                        rx.sealing_private_key_bytes())
    assert opened["answers"] == sent_answers() and opened["envelope_id"] == ids[1]


def test_enrolment_failures_have_their_own_message_and_store_nothing(qtbot, rx, store_worker, controller):
    controller.on_unlocked()
    panel = _panel(qtbot, controller, store_worker)
    real_code = rx.enrol()
    secret, _hint = protocol.parse_enrolment_code(real_code)

    # Wrong code: well formed, but the server never issued it.
    wrong = protocol.make_enrolment_code(rx.cert_der)
    outcome = _enrol_via_panel(qtbot, panel, controller, rx.url, wrong)
    assert outcome.problem == "wrong_code"
    assert panel.message.text() == panel.problem_text(outcome)
    assert "does not accept this code" in panel.message.text()
    _nothing_stored(qtbot, store_worker)

    # A typing mistake in the code is caught before anything goes over the network.
    typo = real_code[:-1] + ("0" if real_code[-1] != "0" else "1")
    outcome = _enrol_via_panel(qtbot, panel, controller, rx.url, typo)
    assert outcome.problem == "bad_code"
    assert "typing mistake" in panel.message.text()

    # Expired code.
    outcome = _enrol_via_panel(qtbot, panel, controller, rx.url, _expired_code(rx))
    assert outcome.problem == "expired_code"
    assert panel.message.text() == "This code has expired. Ask CoMensha for a new code."
    _nothing_stored(qtbot, store_worker)

    # A code that another laptop has already redeemed: told as used, not as expired.
    used = rx.enrol()
    other_laptop = bytes(nacl.signing.SigningKey.generate().verify_key)
    client_mod.enrol_device(rx.url, used, "Another laptop", other_laptop)
    outcome = _enrol_via_panel(qtbot, panel, controller, rx.url, used)
    assert outcome.problem == "used_code"
    assert "already been used" in panel.message.text() and "expired" not in panel.message.text()
    _nothing_stored(qtbot, store_worker)

    # Unreachable server.
    outcome = _enrol_via_panel(qtbot, panel, controller, f"https://127.0.0.1:{free_port()}", real_code)
    assert outcome.problem == "unreachable"
    assert "cannot be reached" in panel.message.text()
    _nothing_stored(qtbot, store_worker)

    # Certificate that does not match the code's hint (a machine in the middle, or another server):
    # the same secret, with the hint of another certificate.
    mitm = protocol.make_enrolment_code(b"a different certificate", secret)
    outcome = _enrol_via_panel(qtbot, panel, controller, rx.url, mitm)
    assert outcome.problem == "certificate"
    assert "certificate does not match" in panel.message.text()
    _nothing_stored(qtbot, store_worker)

    # The real code still works afterwards (the failed attempts did not use it up).
    outcome = _enrol_via_panel(qtbot, panel, controller, rx.url, real_code)
    assert outcome.ok
    qtbot.waitUntil(lambda: "Connected to" in panel.state_label.text(), timeout=5000)
