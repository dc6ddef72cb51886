"""The dialogs the main window opens from its menus: Settings, the audit log, About.

Each function builds its dialog, connects it to store operations on the worker, opens it and
returns it (the window keeps a reference, so tests and the lock can find it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.qt import QWidget, translate
from desktop.ui.about import AboutDialog
from desktop.ui.audit import AuditDialog
from desktop.ui.common import error_text
from desktop.ui.settings import SettingsDialog
from desktop.worker import StoreInfo, StoreWorker

AUDIT_PAGE = 200


def open_settings(parent: QWidget, worker: StoreWorker, values: dict[str, Any], lang: str, *,
                  connection_panel: QWidget | None,
                  apply: Callable[[dict[str, Any]], None]) -> SettingsDialog:
    """Settings with the current ``values``; ``apply`` gets what the user saved."""
    dialog = SettingsDialog(values, parent, connection_panel=connection_panel)
    dialog.apply_requested.connect(apply)

    def change_passphrase(old: str, new: str) -> None:
        def done(_result: object) -> None:
            dialog.passphrase_result(True, translate(
                "MainWindow", "Your passphrase has been changed. Use the new one from now on."))

        def failed(exc: BaseException) -> None:
            dialog.passphrase_result(False, error_text(exc, lang))

        worker.submit(lambda store: store.change_passphrase(old, new), done, failed)

    dialog.change_passphrase_requested.connect(change_passphrase)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_audit(parent: QWidget, worker: StoreWorker, lang: str) -> AuditDialog:
    """The audit log, a page at a time, with "verify" checking the whole chain."""
    dialog = AuditDialog(parent)
    dialog.finished.connect(dialog.deleteLater)

    def shown_error(exc: BaseException) -> None:
        dialog.show_error(error_text(exc, lang))

    def more(offset: int) -> None:
        worker.submit(lambda store: store.audit_entries(offset=offset, limit=AUDIT_PAGE),
                      lambda entries: dialog.add_entries(entries, AUDIT_PAGE), shown_error)

    dialog.more_requested.connect(more)
    dialog.verify_requested.connect(
        lambda: worker.submit(lambda store: store.verify_audit(), dialog.show_check, shown_error))
    dialog.open()
    more(0)
    return dialog


def open_about(parent: QWidget, data_dir: str, store_info: StoreInfo | None, lang: str) -> AboutDialog:
    dialog = AboutDialog(data_dir, store_info, lang, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
