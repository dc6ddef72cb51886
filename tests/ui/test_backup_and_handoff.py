"""Backup to a file and restore it on another laptop, and the hand-off file, through the windows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core.store import keys
from tests.ui.conftest import PASSPHRASE, create_store, in_store, wait_idle, wait_list_loaded

BACKUP_PASSPHRASE = "een andere zin voor de reservekopie"


def _messages(window):
    return [b.text() for b in window.findChildren(QMessageBox) if b.isVisible()]


def test_a_backup_made_here_is_restored_on_another_laptop(qtbot, make_window, tmp_path):
    window = make_window()
    create_store(qtbot, window)
    kept = in_store(qtbot, window, lambda s: s.create_draft("coa", 2, {"acute_danger": "no"}).id)
    usb = tmp_path / "usb" / "signaal.signaal-backup"
    usb.parent.mkdir()

    window.open_backup()
    dialog = window.backup_dialog
    dialog.path.setText(str(usb))
    qtbot.keyClicks(dialog.passphrase, BACKUP_PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, BACKUP_PASSPHRASE)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("1" in m for m in _messages(window)), timeout=20_000)
    assert usb.exists() and b"azc" not in usb.read_bytes()  # encrypted, nothing readable in it
    wait_idle(qtbot, window)

    # Another laptop, another account (its own keyring): first start, "Restore a backup…".
    other = make_window(data=tmp_path / "other-laptop", secret_store=keys.MemorySecretStore())
    assert other.stack.currentWidget() is other.setup_page
    qtbot.mouseClick(other.setup_page.restore_button, Qt.MouseButton.LeftButton)
    restore = other.restore_dialog
    restore.path.setText(str(usb))
    qtbot.keyClicks(restore.backup_passphrase, BACKUP_PASSPHRASE)
    qtbot.keyClicks(restore.passphrase, PASSPHRASE + " nieuw")
    qtbot.keyClicks(restore.repeat, PASSPHRASE + " nieuw")
    qtbot.mouseClick(restore.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: other.is_unlocked, timeout=20_000)
    wait_list_loaded(qtbot, other)
    assert kept in [r.id for r in in_store(qtbot, other, lambda s: s.list_records().items)]
    wait_idle(qtbot, other)


def test_a_wrong_backup_passphrase_is_told_and_nothing_is_made(qtbot, make_window, tmp_path):
    window = make_window()
    create_store(qtbot, window)
    usb = tmp_path / "signaal.signaal-backup"
    window.open_backup()
    window.backup_dialog.path.setText(str(usb))
    qtbot.keyClicks(window.backup_dialog.passphrase, BACKUP_PASSPHRASE)
    qtbot.keyClicks(window.backup_dialog.repeat, BACKUP_PASSPHRASE)
    qtbot.mouseClick(window.backup_dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: usb.exists(), timeout=20_000)
    wait_idle(qtbot, window)

    other = make_window(data=tmp_path / "elsewhere", secret_store=keys.MemorySecretStore())
    qtbot.mouseClick(other.setup_page.restore_button, Qt.MouseButton.LeftButton)
    restore = other.restore_dialog
    restore.path.setText(str(usb))
    qtbot.keyClicks(restore.backup_passphrase, "niet de goede zin, helaas")
    qtbot.keyClicks(restore.passphrase, PASSPHRASE)
    qtbot.keyClicks(restore.repeat, PASSPHRASE)
    qtbot.mouseClick(restore.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: restore.problem.isVisible(), timeout=20_000)
    assert not other.is_unlocked
    assert not (tmp_path / "elsewhere" / "store.key").exists()
    wait_idle(qtbot, other)


def test_the_hand_off_file_without_a_connection_says_what_to_do(qtbot, make_window, tmp_path):
    window = make_window()
    create_store(qtbot, window)
    window.write_handoff(str(tmp_path / "overdracht.json"))
    qtbot.waitUntil(lambda: bool(_messages(window)), timeout=5000)
    # Not connected to CoMensha yet: there is no device key to sign with, and the message says so.
    assert _messages(window) and not (tmp_path / "overdracht.json").exists()
    wait_idle(qtbot, window)
