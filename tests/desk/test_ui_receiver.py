"""The desk's window against the real receiver over TLS: first start with the key file, enrolment
through the dialog with a one-time code, reports pulled, export through the dialog, and a revoked
registrar told apart."""

from __future__ import annotations

import socket

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desk.core import enrolment
from desk.ui.window import DeskWindow
from desktop import i18n
from desktop.core.store.keys import MemorySecretStore
from tests.support.desk import PASSPHRASE, Device, sealed_report
from tests.support.receiver import running_receiver

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def rx(tmp_path_factory):
    with running_receiver(tmp_path_factory.mktemp("rx")) as receiver:
        yield receiver


def _ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_set_up_enrol_pull_export_and_revoked(qtbot, rx, tmp_path):
    dev = rx.enrol_device("COA laptop", "COA Ter Apel")
    device = Device(dev.device_id, dev.signing_key, "COA Ter Apel")
    envs = [sealed_report(device, rx.sealing_public_key, "coa", i=i) for i in range(3)]
    assert rx.post_batch(dev, envs).status_code == 200
    w = DeskWindow(tmp_path / "desk", secrets=MemorySecretStore(), kdf="test")
    w.show()
    try:
        page = w.setup_page
        qtbot.keyClicks(page.passphrase, PASSPHRASE)
        qtbot.keyClicks(page.repeat, PASSPHRASE)
        qtbot.keyClicks(page.key_file, str(rx.sealing_private_key))
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "nog niet aangemeld" in w.status.text(), timeout=15000)

        dialog = w.open_enrol()
        qtbot.keyClicks(dialog.url, rx.url)
        qtbot.keyClicks(dialog.code, "ABCD-EFGH")     # a typo'd code: told, nothing saved
        qtbot.keyClicks(dialog.label, "Werkplek Anna")
        _ok(qtbot, dialog)
        qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=15000)
        assert dialog.isVisible()
        dialog.code.clear()
        qtbot.keyClicks(dialog.code, rx.registrar_code("Anna de Vries"))
        _ok(qtbot, dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15000)
        qtbot.waitUntil(lambda: w.status.text().startswith("Bijgewerkt: 3 nieuwe meldingen"),
                        timeout=20000)
        qtbot.waitUntil(lambda: w.inbox.model.rowCount() == 3, timeout=10000)

        export = w.open_export()
        out = tmp_path / "meldingen.xlsx"
        qtbot.keyClicks(export.path, str(out))
        _ok(qtbot, export)
        qtbot.waitUntil(lambda: export.result_label.isVisible(), timeout=15000)
        assert "3 meldingen geëxporteerd" in export.result_label.text()
        # the registrars' workbook by default, with the codebook beside it
        assert export.format.currentData() == "xlsx"
        rows = list(openpyxl.load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
        at = rows[0].index("envelope_id")
        assert {r[at] for r in rows[1:]} == {e["id"] for e in envs}
        assert out.with_name(out.name + ".codebook.json").is_file()
        _ok(qtbot, export)
        assert not export.isVisible()

        listed = rx.cli("registrar", "list", check=True).stdout.splitlines()
        reg_id = next(line.split()[0] for line in listed if line.startswith("reg_"))
        rx.cli("registrar", "revoke", reg_id, check=True)
        w.exchange_now()
        qtbot.waitUntil(lambda: "niet meer" in w.status.text(), timeout=15000)
        assert w.status.text().startswith("De ontvanger accepteert deze desk niet meer (ingetrokken")
        assert not w.timer.isActive()
    finally:
        w.close()
        QApplication.processEvents()
        i18n.set_language("nl")


def test_a_receiver_that_does_not_answer_holds_up_the_enrolment_not_the_desk(qtbot, rx, tmp_path,
                                                                              monkeypatch):
    """The enrolment's request runs on the network thread: while the receiver does not answer,
    the store's thread goes on; then the dialog says what happened and nothing is saved."""
    monkeypatch.setattr(enrolment, "ENROL_TIMEOUT", 5.0)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # connections are queued and never answered
    w = DeskWindow(tmp_path / "desk", secrets=MemorySecretStore(), kdf="test")
    w.show()
    try:
        page = w.setup_page
        qtbot.keyClicks(page.passphrase, PASSPHRASE)
        qtbot.keyClicks(page.repeat, PASSPHRASE)
        qtbot.keyClicks(page.key_file, str(rx.sealing_private_key))
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "nog niet aangemeld" in w.status.text(), timeout=15000)
        dialog = w.open_enrol()
        qtbot.keyClicks(dialog.url, f"https://127.0.0.1:{silent.getsockname()[1]}")
        qtbot.keyClicks(dialog.code, rx.registrar_code("Bram"))
        _ok(qtbot, dialog)
        qtbot.waitUntil(lambda: w.net.busy, timeout=5000)
        answered: list[bool] = []
        w.worker.submit(lambda store: enrolment.is_enrolled(store), answered.append)
        qtbot.waitUntil(lambda: answered == [False], timeout=4000)  # before the 5 s timeout
        assert w.net.busy and dialog.busy.isVisible()
        qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=15000)
        assert dialog.problem.text() and dialog.isVisible()
        done: list[bool] = []
        w.worker.submit(lambda store: enrolment.is_enrolled(store), done.append)
        qtbot.waitUntil(lambda: done == [False], timeout=5000)
        dialog.reject()
    finally:
        w.close()
        silent.close()
        QApplication.processEvents()
        i18n.set_language("nl")
