"""The application window: first start, unlock, my reports, a report, and locking.

One window with a stack of pages keeps locking simple: a lock shows the unlock page and
destroys or clears everything else. The window title is always just "Signaal".
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from desktop import i18n
from desktop.core import session
from desktop.ui.common import (
    DEFAULT_AUTOLOCK_MINUTES,
    DEFAULT_RETENTION_DAYS,
    Banner,
    error_text,
    is_known_error,
    report_if_unexpected,
)
from desktop.ui.lock_guard import LockGuard, wipe_widgets
from desktop.ui.setup_page import SetupPage
from desktop.ui.unlock_page import UnlockPage
from desktop.ui.window_menus import WindowMenus
from desktop.ui.window_place import (
    place_on_screen,
    preferences,
    remember_place,
    store_files_present,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QShowEvent
    from PySide6.QtWidgets import QMessageBox

    from desktop.core.store import Store
    from desktop.core.store.keys import SecretStore
    from desktop.core.store.models import Record
    from desktop.sending import SyncController
    from desktop.ui.about import AboutDialog
    from desktop.ui.audit import AuditDialog
    from desktop.ui.backup_dialogs import BackupDialog, RestoreDialog
    from desktop.ui.delivery_view import DeliveryView
    from desktop.ui.form_picker import FormPickerDialog
    from desktop.ui.form_view import FormView
    from desktop.ui.report_list import ReportListModel, ReportListPage
    from desktop.ui.settings import SettingsDialog
    from desktop.ui.window_dialogs import WipeDialog
    from desktop.worker import StoreInfo, StoreWorker
    from forms import Form, FormCatalog

log = logging.getLogger(__name__)

#: Makes the sync controller from the store worker (see :class:`MainWindow`).
DeliveryFactory = Callable[["StoreWorker"], "SyncController"]

class MainWindow(QMainWindow):
    """Signals:
        unlocked(): the store is open and the list is shown.
        locked(): everything is hidden and the store is closed.
        first_screen_shown(): the setup or unlock page is on screen for the first time.
        workspace_ready(): right after that, the workspace (``desktop.ui.workspace``) is loaded
            and delivery started (after the store worker's first job: one thread imports at a time).
    """

    unlocked = Signal()
    locked = Signal()
    first_screen_shown = Signal()
    workspace_ready = Signal()

    # Open dialogs, set by the menus' commands (desktop.ui.window_commands) and kept while open.
    picker: FormPickerDialog
    settings_dialog: SettingsDialog
    audit_dialog: AuditDialog
    wipe_dialog: WipeDialog
    backup_dialog: BackupDialog
    restore_dialog: RestoreDialog
    about_dialog: AboutDialog
    wipe_report: QMessageBox
    keyring_question: QMessageBox

    def __init__(self, data_dir: str | os.PathLike[str], *, lang: str | None = None,
                 secrets: SecretStore | None = None, kdf: str = "moderate",
                 store_class: type[Store] | None = None, delivery: DeliveryFactory | None = None,
                 parent: QWidget | None = None) -> None:
        """Args:
            delivery: makes the sync controller from the store worker. It is called right after
                the first paint (the sync thread and network code do not slow the first screen);
                ``None`` means a window without delivery (reports wait in the outbox).
        """
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.data_dir = Path(data_dir)
        self.secrets = secrets
        self.kdf = kdf
        self.prefs = preferences(self.data_dir)
        self.lang = i18n.set_language(lang or str(self.prefs.value("language", i18n.DEFAULT_LANGUAGE)))
        self._store_class = store_class
        self._worker: StoreWorker | None = None
        self.store_info: StoreInfo | None = None
        self.settings: dict[str, Any] = {}
        self.form_view: FormView | None = None
        self.is_unlocked = False
        self._first_shown = False
        self._delivery_failed = False
        self._catalog: FormCatalog | None = None
        self._delivery_factory = delivery
        self.delivery: DeliveryView | None = None
        self._shut_down = False
        self._resume_record_id: str | None = None
        self._resume_section = 0

        self.setWindowTitle("Signaal")
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        # Only the first screen is built before the first paint; the other pages are built on
        # first use and, at the latest, in the event-loop turn right after that paint.
        self._setup_page: SetupPage | None = None
        self._unlock_page: UnlockPage | None = None
        self._main_page: QWidget | None = None

        self._build_actions()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("syncStatus")
        self.statusBar().addPermanentWidget(self.status_label)

        self.guard = LockGuard(self)
        self.guard.lock_requested.connect(lambda _reason: self.lock())
        self.autolock_timer = self.guard.timer
        self.set_autolock_minutes(DEFAULT_AUTOLOCK_MINUTES)


        self.retranslate()
        self._set_locked_ui(True)
        place_on_screen(self, self.prefs)
        # The first screen is chosen from the folder listing at once (no store import on the
        # way to the first paint); the worker confirms with Store.exists and corrects it if needed.
        self._show_first_screen(store_files_present(self.data_dir))

    @property
    def worker(self) -> StoreWorker:
        """The store worker (its thread starts on first use, at the latest right after the first
        paint: nothing before that needs the store)."""
        if self._worker is None:
            # The store's thread, started right after the first paint: its module (a QThread and
            # a queue, ~6 ms) is the one import the window makes there (see docs/architecture.md).
            worker_module = importlib.import_module("desktop.worker")
            self._worker = worker_module.StoreWorker(self._store_class, self)
            self._worker.error.connect(self._worker_error)
        return self._worker

    # -- pages (built on first use) --------------------------------------------------------------
    @property
    def setup_page(self) -> SetupPage:
        if self._setup_page is None:
            page = SetupPage(self.stack)
            page.set_language(self.lang)
            page.create_requested.connect(self._create_store)
            page.restore_requested.connect(self.open_restore)
            page.language_chosen.connect(self.set_language)
            self.stack.addWidget(page)
            self._setup_page = page
        return self._setup_page

    @property
    def unlock_page(self) -> UnlockPage:
        if self._unlock_page is None:
            page = UnlockPage(self.stack)
            page.set_language(self.lang)
            page.unlock_requested.connect(self._unlock)
            page.continue_requested.connect(lambda passphrase: self._unlock(passphrase, accept_loss=True))
            page.language_chosen.connect(self.set_language)
            self.stack.addWidget(page)
            self._unlock_page = page
        return self._unlock_page

    @property
    def main_page(self) -> QWidget:
        """My reports (the list) with the notice banner above it."""
        if self._main_page is None:
            ws = workspace()
            self._list_model: ReportListModel = ws.ReportListModel(self.worker.submit, self)
            page = QWidget(self.stack)
            self._list_page: ReportListPage = ws.ReportListPage(self._list_model, page)
            self._notice = Banner("warning", page)
            self._notice.hide()
            main_layout = QVBoxLayout(page)
            main_layout.setContentsMargins(0, 0, 0, 0)
            main_layout.addWidget(self._notice)
            main_layout.addWidget(self._list_page, 1)
            self._list_page.new_requested.connect(lambda: self.new_report())
            self._list_page.open_requested.connect(self.open_record)
            self.stack.addWidget(page)
            self._main_page = page
        return self._main_page

    @property
    def list_model(self) -> ReportListModel:
        self.main_page  # noqa: B018 (builds it)
        return self._list_model

    @property
    def list_page(self) -> ReportListPage:
        self.main_page  # noqa: B018 (builds it)
        return self._list_page

    @property
    def notice(self) -> Banner:
        self.main_page  # noqa: B018 (builds it)
        return self._notice

    def _build_remaining_pages(self) -> None:
        """Right after the first paint: every page exists before the user can need it."""
        if self._shut_down:
            return
        self.setup_page  # noqa: B018
        self.unlock_page  # noqa: B018
        self.main_page  # noqa: B018
        self.menus.work  # noqa: B018

    # -- actions and menus ---------------------------------------------------------------------
    def _build_actions(self) -> None:
        commands = window_commands
        self.menus = WindowMenus(self, {
            "new": lambda: self.new_report(), "lock": self.lock, "search": self._focus_search,
            "settings": self.open_settings, "audit": self.open_audit, "about": self.open_about,
            "quit": self.close, "help": self._help, "backup": self.open_backup,
            "handoff": lambda: commands().choose_handoff_file(self),
            "receipts": lambda: commands().choose_receipts_file(self),
        })

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.menus.retranslate()
        self._retranslate_status_label()
        if self._main_page is not None and self.notice.isVisible() and self.store_info is not None:
            self.notice.setText(self._keyring_notice_text())

    # -- delivery ------------------------------------------------------------------------------
    def _retranslate_status_label(self) -> None:
        """The status text when there is no delivery widget: none given, or it could not start."""
        if not self._delivery_failed:
            self.status_label.setText(self.tr("Not connected to CoMensha"))
            self.status_label.setToolTip("")
            return
        self.status_label.setText(self.tr("Sending is not available: reports wait on this computer"))
        self.status_label.setToolTip(self.tr(
            "Signaal could not start sending to CoMensha. Your reports are kept safely on this "
            "computer. Restart Signaal; if this keeps happening, contact your administrator."))

    def _start_delivery(self) -> None:
        """Once the worker's first job is done (its thread has imported the store): load the
        workspace on this thread, start delivery, build the pages not yet shown."""
        window_commands().start_delivery(self)
        self._build_remaining_pages()
        self.workspace_ready.emit()

    def show_message(self, text: str, *, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    # -- start ---------------------------------------------------------------------------------
    def _show_first_screen(self, exists: bool) -> None:
        if exists:
            self._show_unlock(locked=False)
        else:
            self.stack.setCurrentWidget(self.setup_page)
            self.setup_page.passphrase.setFocus()

    def _exists_known(self, exists: bool) -> None:
        self._start_delivery()
        if self.is_unlocked:
            return
        if exists != (self.stack.currentWidget() is self.unlock_page):
            self._show_first_screen(exists)
        if exists:
            self.worker.unlock_wait(self.data_dir, self.unlock_page.start_wait, self._worker_error)

    def _start_failed(self, exc: BaseException) -> None:
        self._start_delivery()
        self._show_unlock(locked=False)
        self.unlock_page.show_problem(error_text(exc, self.lang))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._first_shown:
            self._first_shown = True
            # After this show has been processed, like a bare window's first screen. The store
            # is imported (on the worker) only then, so it does not compete with the first paint.
            QTimer.singleShot(0, self._first_screen_painted)

    def _first_screen_painted(self) -> None:
        self.first_screen_shown.emit()
        if not self._shut_down:
            self.guard.watch_input()  # from now on (before the first paint there is no input)
            # The worker imports the store (and part of the forms) for this first job. The menu
            # commands and delivery import the same packages on this thread, so they start when
            # that job is done (_exists_known, _start_failed): two threads importing one package at once can
            # find it half imported (an ImportError; seen under Xvfb).
            self.worker.check_exists(self.data_dir, self._exists_known, self._start_failed)

    def _show_unlock(self, locked: bool) -> None:
        self.unlock_page.set_locked_mode(locked)
        self.unlock_page.clear()
        self.unlock_page.set_language(self.lang)
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.focus_passphrase()

    # -- creating and unlocking ----------------------------------------------------------------
    def _create_store(self, passphrase: str, role: str, lang: str) -> None:
        window_commands().create_store(self, passphrase, role, lang)

    def _unlock(self, passphrase: str, *, accept_loss: bool = False) -> None:
        window_commands().unlock(self, passphrase, accept_loss=accept_loss)

    def _opened(self, info: StoreInfo, values: dict[str, Any]) -> None:
        self.store_info = info
        self.settings = {
            session.ROLE: values.get(session.ROLE) or "coa",
            session.AUTOLOCK: int(values.get(session.AUTOLOCK) or DEFAULT_AUTOLOCK_MINUTES),
            session.RETENTION: int(values.get(session.RETENTION) or DEFAULT_RETENTION_DAYS),
        }
        self.set_autolock_minutes(self.settings[session.AUTOLOCK])
        self.is_unlocked = True
        self.unlock_page.clear()
        self._set_locked_ui(False)
        self.stack.setCurrentWidget(self.main_page)
        # Every time, not only the first: it stays true (the passphrase alone protects the reports)
        # for as long as there is no keyring, and whoever unlocks next should know it too.
        self.notice.setVisible(not info.keyring_in_use)
        if not info.keyring_in_use:
            self.notice.setText(self._keyring_notice_text())
        self.list_page.reload()
        self.list_page.table.setFocus()
        self.worker.run_plain(workspace().load_catalog, self._catalog_loaded, self._worker_error)
        resume, self._resume_record_id = self._resume_record_id, None
        if resume is not None:
            self.open_record(resume, section=self._resume_section)
        self.guard.arm()
        self.unlocked.emit()

    def _keyring_notice_text(self) -> str:
        return self.tr("This computer has no secure keyring, so your reports are protected by your "
                       "passphrase alone. Keep it long and do not write it on the laptop.")

    def _catalog_loaded(self, catalog: FormCatalog) -> None:
        self._catalog = catalog
        self.list_model.form_titles = window_commands().form_titles(catalog)
        self.list_page.retranslate()

    def catalog(self) -> FormCatalog:
        """The forms catalogue (loaded off the UI thread after unlock; cached by ``forms``)."""
        if self._catalog is None:
            loaded: FormCatalog = workspace().load_catalog()
            self._catalog = loaded
        return self._catalog

    # -- reports -------------------------------------------------------------------------------
    def new_report(self, form_id: str | None = None) -> None:
        if not self.is_unlocked:
            return
        if form_id is not None:
            self._open_form(self.catalog().get(form_id), None)
            return
        ws = workspace()
        forms_list = list(self.catalog().latest())
        picker = ws.FormPickerDialog(ws.ordered_forms(forms_list, self.settings.get(session.ROLE)),
                                  self.settings.get(session.ROLE), self.lang, self)
        picker.chosen.connect(lambda fid: self._open_form(self.catalog().get(fid), None))
        picker.finished.connect(picker.deleteLater)
        self.picker = picker
        picker.open()

    def open_record(self, record_id: str, *, section: int = 0) -> None:
        """Open a report; ``section``: the section to show (after unlocking: where the user was)."""
        if not self.is_unlocked:
            return

        def loaded(record: Record) -> None:
            try:
                form = self.catalog().get(record.form_id, record.form_version)
            except KeyError:
                self.show_message(self.tr("This report uses a form that this version of Signaal does not "
                                          "know. Install the latest version of Signaal."))
                return
            self._open_form(form, record)
            if section > 0 and self.form_view is not None and section < self.form_view.index.count():
                self.form_view.index.setCurrentRow(section)

        self.worker.submit(lambda store: session.load_record_operation(store, record_id), loaded,
                           lambda exc: self.show_message(error_text(exc, self.lang)))

    def _open_form(self, form: Form, record: Record | None, *, initial: dict[str, Any] | None = None) -> None:
        ws = workspace()
        self._close_form_view(save=True)
        view: FormView = ws.FormView(form, self.worker.submit, self.lang, record=record, initial=initial,
                                     parent=self)
        view.closed.connect(self._form_closed)
        view.finalised.connect(lambda _rid: self.show_message(
            self.tr("The report is finalised and waits to be sent.")))
        view.deleted.connect(self._form_deleted)
        view.problem.connect(self.show_message)
        view.withdraw_requested.connect(lambda eid: ws.commands.start_withdrawal(self, eid))
        view.addition_requested.connect(lambda eid, fid: ws.start_addition(self, eid, fid))
        self.form_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        if self.delivery is not None:
            self.delivery.follow(view)
        self.activateWindow()  # back from the list of forms: the keys go to the form
        view._step(0)

    def _form_closed(self) -> None:
        self._close_form_view(save=False)
        self.stack.setCurrentWidget(self.main_page)
        self.list_page.reload()
        self.list_page.table.setFocus()

    def _form_deleted(self, _record_id: str) -> None:
        self.show_message(self.tr("The draft was deleted."))
        self._form_closed()

    def _close_form_view(self, save: bool) -> None:
        view, self.form_view = self.form_view, None
        if view is None:
            return
        if save:
            view.save_now()
        view.dispose()
        self.stack.removeWidget(view)
        wipe_widgets(view)
        view.hide()
        view.setParent(None)
        view.deleteLater()

    # -- menus: dialogs and file tasks (desktop.ui.window_commands, loaded when first used) -------
    def open_settings(self) -> None:
        window_commands().open_settings(self)

    def open_audit(self) -> None:
        window_commands().open_audit(self)

    def ask_wipe(self) -> None:
        window_commands().ask_wipe(self)

    def open_backup(self) -> None:
        window_commands().open_backup(self)

    def open_restore(self) -> None:
        window_commands().open_restore(self)


    def write_handoff(self, path: str) -> None:
        window_commands().write_handoff(self, path)

    def read_receipts(self, path: str) -> None:
        window_commands().read_receipts(self, path)

    def open_about(self) -> None:
        window_commands().open_about(self)

    # -- language ------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Switch the interface language now (Qt sends LanguageChange to every widget)."""
        lang = lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        self.prefs.setValue("language", lang)
        if lang == self.lang and i18n.current_language() == lang:
            return
        self.lang = i18n.set_language(lang)
        for page in (self._setup_page, self._unlock_page):
            if page is not None:
                page.set_language(self.lang)
        if self.form_view is not None:
            self.form_view.set_language(self.lang)

    # -- locking -------------------------------------------------------------------------------
    def set_autolock_minutes(self, minutes: float) -> None:
        self.set_autolock_ms(int(float(minutes) * 60_000))

    def set_autolock_ms(self, ms: int) -> None:
        """The inactivity time before an automatic lock (tests use a short one)."""
        self.guard.set_autolock_ms(ms)

    def lock(self) -> None:
        """Hide everything now: save what is typed, close the store, clear every view."""
        # Remember (in memory only) which report was open, to reopen it after unlocking.
        view = self.form_view
        self._resume_record_id, self._resume_section = None, 0
        if view is not None:
            # A new draft has no record until its first save: the flush below makes it, under its id.
            saved_or_typed = not view.read_only and bool(view.record_id or view.dirty)
            self._resume_record_id = view.draft_id if saved_or_typed else view.record_id
            self._resume_section = view.index.currentRow()
            view.flush()  # a write: it still runs before the store closes
        self.worker.cancel_pending()
        self.worker.close_store()
        was_unlocked = self.is_unlocked
        self.is_unlocked = False
        self.guard.disarm()
        self._close_form_view(save=False)
        self.guard.close_dialogs(self)
        self.list_page.clear()
        self.notice.hide()
        self.store_info = None
        self.settings = {}
        self.guard.clear_clipboard()
        self.statusBar().clearMessage()
        self._set_locked_ui(True)
        self.setWindowTitle("Signaal")
        if self.stack.currentWidget() is not self.setup_page or was_unlocked:
            self._show_unlock(locked=True)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if was_unlocked:
            self.locked.emit()

    def _set_locked_ui(self, locked: bool) -> None:
        self.menus.set_locked(locked)

    # -- misc ----------------------------------------------------------------------------------
    def _focus_search(self) -> None:
        if self.is_unlocked:
            if self.form_view is not None:
                self.form_view.close_view()
            self.list_page.focus_search()

    def _help(self) -> None:
        if self.form_view is not None and self.stack.currentWidget() is self.form_view:
            self.form_view.show_help()
            return
        self.show_message(self.tr("Press F1 in a form to show the help for the field you are in."))

    def _worker_error(self, exc: BaseException) -> None:
        self._log_unexpected(exc)
        self.show_message(error_text(exc, self.lang))

    def _log_unexpected(self, exc: BaseException) -> None:
        if not is_known_error(exc):
            log.error("unexpected %s from the store worker", type(exc).__name__)
            report_if_unexpected(exc)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.form_view is not None and not self._shut_down:
            self.form_view.flush()  # a write: stop() below lets it finish
        remember_place(self, self.prefs)
        self.guard.clear_clipboard()  # text copied from a report does not outlive the app
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the worker (finishes the running job, closes the store) and stop listening."""
        if self._shut_down:
            return
        self._shut_down = True
        self.guard.stop()
        if self.form_view is not None:  # what is typed is stored, and no autosave fires later
            self.form_view.flush()
            self.form_view.dispose()
        self.is_unlocked = False
        if self.delivery is not None:  # the sync thread first: it submits to the store worker
            self.delivery.stop()
        if self._worker is not None:
            self._worker.stop()


def workspace() -> ModuleType:
    """``desktop.ui.workspace``: what the window needs after the first screen, imported here and
    nowhere else (see that module), at the latest when first used."""
    return importlib.import_module("desktop.ui.workspace")


def window_commands() -> ModuleType:
    """The menus' commands (``desktop.ui.window_commands``, through the workspace)."""
    module: ModuleType = workspace().commands
    return module
