"""What the main window does on request, beyond showing its pages: creating and unlocking the
store, starting delivery, and what the menus open (Settings, the audit log, About, a backup and its
restore, the hand-off file and its receipts, erasing everything).

Module functions that take the window: the window keeps the state (is it unlocked, which dialog is
open); the work runs on the store thread through ``window.worker``. Loaded when one is first used,
not with the first screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop import i18n
from desktop.core import operations, session
from desktop.core import wipe as wipe_mod
from desktop.core.store.errors import UnlockThrottled, WrongPassphrase
from desktop.qt import translate
from desktop.ui import backup_dialogs, window_dialogs
from desktop.ui.common import (
    DEFAULT_AUTOLOCK_MINUTES,
    DEFAULT_RETENTION_DAYS,
    error_text,
    report_if_unexpected,
)
from desktop.ui.delivery_view import DeliveryView
from signaal_common.errors import UserError

log = logging.getLogger("desktop.ui.main_window")

if TYPE_CHECKING:
    from desktop.core.store.models import Record
    from desktop.ui.main_window import MainWindow
    from desktop.worker import StoreInfo
    from forms import FormCatalog


def open_settings(window: MainWindow) -> None:
    if not window.is_unlocked:
        return
    window.settings_dialog = window_dialogs.open_settings(
        window, window.worker, {"language": window.lang, **window.settings}, window.lang,
        connection_panel=window.delivery.connection_panel() if window.delivery is not None else None,
        apply=lambda values: apply_settings(window, values), wipe=window.ask_wipe)


def apply_settings(window: MainWindow, values: dict[str, Any]) -> None:
    window.set_language(values["language"])
    stored = {k: values[k] for k in (session.ROLE, session.AUTOLOCK, session.RETENTION)}
    stored[session.LANGUAGE] = values["language"]
    for key in (session.ROLE, session.AUTOLOCK, session.RETENTION):
        window.settings[key] = stored[key]
    window.set_autolock_minutes(int(values[session.AUTOLOCK]))
    window.worker.submit(lambda store: session.save_settings_operation(store, stored),
                         lambda _r: window.show_message(translate("MainWindow", "Settings saved.")),
                         lambda exc: window.show_message(error_text(exc, window.lang)))


def open_audit(window: MainWindow) -> None:
    if window.is_unlocked:
        window.audit_dialog = window_dialogs.open_audit(window, window.worker, window.lang)


def ask_wipe(window: MainWindow) -> None:
    """Erase everything, after the words are typed (see window_dialogs.WipeDialog)."""
    if not window.is_unlocked:
        return
    window.wipe_dialog = window_dialogs.WipeDialog(window.lang, window)
    window.wipe_dialog.confirmed.connect(lambda: wipe(window))
    window.wipe_dialog.finished.connect(window.wipe_dialog.deleteLater)
    window.wipe_dialog.open()


def wipe(window: MainWindow) -> None:
    """Key material first, then the files (desktop.core.wipe), on the store thread; then the
    window is as on a first start and says what happened."""
    if window.delivery is not None:
        window.delivery.on_locked()  # the sync thread lets go of the store and the spool
    data_dir, secrets = window.data_dir, window.secrets

    def done(report: wipe_mod.WipeReport) -> None:
        window.lock()
        window._show_first_screen(False)
        window.wipe_report = window_dialogs.inform(window, translate("MainWindow", "Erase everything"),
                                                   report.text(window.lang))

    window.worker.submit(lambda store: wipe_mod.wipe(data_dir, confirm=wipe_mod.WIPE_PHRASE,
                                                     secrets=secrets, store=store),
                         done, window._worker_error)


def open_backup(window: MainWindow) -> None:
    if window.is_unlocked:
        window.backup_dialog = backup_dialogs.start_backup(window, window.worker, window.lang)


def open_restore(window: MainWindow) -> None:
    """First start on a new laptop: make the store from a backup (opened as after an unlock)."""

    def opened(info: StoreInfo) -> None:
        window.worker.submit(operations.after_unlock_operation,
                             lambda values: window._opened(info, values), window._worker_error)

    window.restore_dialog = backup_dialogs.start_restore(window, window.worker, window.data_dir,
                                                         window.secrets, window.lang, opened)


def choose_handoff_file(window: MainWindow) -> None:
    path = window_dialogs.choose_file(window, translate("MainWindow", "Hand-off file for CoMensha"),
                                      save=True, suggested="signaal-overdracht.json")
    if path:
        window.write_handoff(path)


def choose_receipts_file(window: MainWindow) -> None:
    path = window_dialogs.choose_file(window, translate("MainWindow", "Read receipts from CoMensha"),
                                      save=False)
    if path:
        window.read_receipts(path)


def write_handoff(window: MainWindow, path: str) -> None:
    """No connection for weeks: the waiting reports into a file for a USB disk."""
    if window.is_unlocked:
        window_dialogs.write_handoff(window, window.worker, window.lang, path)


def read_receipts(window: MainWindow, path: str) -> None:
    if window.is_unlocked:
        window_dialogs.read_receipts(window, window.worker, window.lang, path)


def open_about(window: MainWindow) -> None:
    window.about_dialog = window_dialogs.open_about(window, str(window.data_dir), window.store_info,
                                                    window.lang)


def create_store(window: MainWindow, passphrase: str, role: str, lang: str) -> None:
    window.setup_page.set_busy(True)
    window.set_language(lang)

    def done(info: StoreInfo) -> None:
        window.setup_page.set_busy(False)
        window.setup_page.clear()
        values = {session.ROLE: role, session.LANGUAGE: lang,
                  session.AUTOLOCK: DEFAULT_AUTOLOCK_MINUTES,
                  session.RETENTION: DEFAULT_RETENTION_DAYS}
        window.worker.submit(lambda store: session.save_settings_operation(store, values))
        window._opened(info, values)

    def failed(exc: BaseException) -> None:
        window.setup_page.set_busy(False)
        window.setup_page.show_problem(lambda: error_text(exc, window.lang))
        window._log_unexpected(exc)

    window.worker.create(window.data_dir, passphrase, secrets=window.secrets, kdf=window.kdf,
                         on_done=done, on_error=failed)


def unlock(window: MainWindow, passphrase: str, *, accept_loss: bool = False) -> None:
    window.unlock_page.set_busy(True)

    def done(info: StoreInfo) -> None:
        def opened(values: dict[str, Any]) -> None:
            window._opened(info, values)
            if info.keyring_adoptable:
                offer_keyring(window, passphrase)

        def settings_unreadable(exc: BaseException) -> None:
            window._opened(info, {})
            window._worker_error(exc)  # opened with the defaults; say what went wrong

        window.worker.submit(operations.after_unlock_operation, opened, settings_unreadable)

    def failed(exc: BaseException) -> None:
        window.unlock_page.set_busy(False)
        if isinstance(exc, UserError) and exc.code == "writes_missing":
            # The passphrase was right; the user chooses: go on with what is there, or stop
            # and ask the administrator first (the damaged files are kept either way).
            window.unlock_page.show_problem(error_text(exc, window.lang), can_continue=True)
            return
        window.unlock_page.passphrase.clear()
        retry = exc.retry_after if isinstance(exc, WrongPassphrase | UnlockThrottled) else 0.0
        window.unlock_page.show_problem(_text_without_wait(exc, window.lang) if retry else
                                        error_text(exc, window.lang))
        if retry:
            window.unlock_page.start_wait(retry)
        window.unlock_page.focus_passphrase()
        window._log_unexpected(exc)

    window.worker.open(window.data_dir, passphrase, secrets=window.secrets, accept_loss=accept_loss,
                       on_done=done, on_error=failed)


def offer_keyring(window: MainWindow, passphrase: str) -> None:
    """A secure keyring has appeared since this store was made: ask before adding it. The
    passphrase is needed for that; it is held only by this question (a lock closes it)."""
    def adopt() -> None:
        def done(_status: object) -> None:
            window.notice.hide()
            window.show_message(translate(
                "MainWindow", "Your reports are now protected by your passphrase and by this computer's "
                              "keyring."))

        secrets = window.secrets
        window.worker.submit(lambda store: store.adopt_keyring(passphrase, secrets), done,
                             window._worker_error)

    window.keyring_question = window_dialogs.ask(
        window, translate("MainWindow", "Use this computer's keyring"),
        translate("MainWindow",
                  "This computer now has a secure keyring. Use it from now on? Your reports are then "
                  "protected by your passphrase and by this user account: a copy of the folder on "
                  "another computer or account no longer opens with the passphrase alone."),
        yes=translate("MainWindow", "&Use the keyring"), no=translate("MainWindow", "&Not now"),
        on_yes=adopt)


def start_delivery(window: MainWindow) -> None:
    """Once the worker has checked for a store (right after the first paint): the sync thread, the
    status-bar sentence, the connection panel in Settings, delivery after a finalise, receipts.
    When it cannot start, recording goes on and the status bar says that reports wait here."""
    if window._delivery_factory is None or window._shut_down or window.delivery is not None:
        return
    try:
        view = DeliveryView(window._delivery_factory(window.worker), window.worker, window)
    except Exception as exc:
        log.exception("delivery could not start")
        window._delivery_failed = True
        window._retranslate_status_label()
        report_if_unexpected(exc)
        return
    window.delivery = view
    window.status_label.hide()
    window.statusBar().addPermanentWidget(view.status)
    view.settings_requested.connect(window.open_settings)
    view.records_changed.connect(lambda: records_changed(window))
    window.unlocked.connect(view.on_unlocked)
    window.locked.connect(view.on_locked)
    # First start: no store yet, so "Locked" or "Not connected" would be wrong there.
    window.stack.currentChanged.connect(lambda _index: show_delivery_status(window))
    show_delivery_status(window)
    if window.form_view is not None:
        view.follow(window.form_view)
    if window.is_unlocked:
        view.on_unlocked()


def show_delivery_status(window: MainWindow) -> None:
    if window.delivery is not None:
        window.delivery.status.setVisible(window.stack.currentWidget() is not window._setup_page)


def _text_without_wait(exc: BaseException, lang: str) -> str:
    """The error's sentence without its "try again in N seconds": the live countdown under it
    says that, and a second, fixed number would contradict it a second later."""
    retry = exc.retry_after  # type: ignore[attr-defined]
    try:
        exc.retry_after = 0.0  # type: ignore[attr-defined]
        return error_text(exc, lang)
    finally:
        exc.retry_after = retry  # type: ignore[attr-defined]


def records_changed(window: MainWindow) -> None:
    """Delivery changed records: the list shows it, and an open finalised report that has just
    been sent shows that (state, banner, receipt) instead of still saying it waits to be sent."""
    if window.is_unlocked and window._main_page is not None:
        window.list_page.reload()
    view = window.form_view
    if not window.is_unlocked or view is None or view.state != "final" or not view.record_id:
        return
    record_id = view.record_id

    def loaded(record: Record) -> None:
        if window.form_view is not view or record.state == view.state:
            return
        section = view.index.currentRow()
        try:
            form = window.catalog().get(record.form_id, record.form_version)
        except KeyError:
            return
        window._open_form(form, record)
        if window.form_view is not None:
            window.form_view.index.setCurrentRow(section)

    window.worker.submit(lambda store: session.load_record_operation(store, record_id), loaded,
                       window._worker_error)


def form_titles(catalog: FormCatalog) -> Callable[[str, int | None], str]:
    """A form's short title for the list of reports (its id when this catalogue lacks it)."""

    def title(form_id: str, version: int | None) -> str:
        try:
            form = catalog.get(form_id, version)
        except (KeyError, ValueError):
            return form_id.upper()
        return i18n.text(form.short_title or form.title)

    return title


def start_withdrawal(window: MainWindow, envelope_id: str) -> None:
    """A new withdrawal of consent for the sent report ``envelope_id`` (a follow-up report)."""
    try:
        form = next(f for f in window.catalog().follow_ups() if f.id == "withdrawal")
    except StopIteration:
        window.show_message(translate("MainWindow", "This version of Signaal cannot withdraw consent."))
        return
    window._open_form(form, None, initial={"withdraws_envelope_id": envelope_id})
