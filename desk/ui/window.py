"""The desk's main window: first start, unlock, then the inbox with the report and triage panels.

One :class:`desktop.worker.StoreWorker` owns the :class:`desk.core.store.DeskStore`; every store
and crypto call (opening envelopes, sealing events) runs there. A second one does the HTTP of
the exchange with the receiver (``desk.ui.exchange_runner``), so the store never waits on it.
The exchange runs when the desk is unlocked, every few minutes, and on demand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStackedWidget, QTabWidget, QToolBar, QWidget

from desk.core import enrolment, exchange, sealing, triage
from desk.core.store import DeskStore
from desk.ui import report_view
from desk.ui.dialogs import EnrolDialog, ExportDialog
from desk.ui.exchange_runner import ExchangeRunner
from desk.ui.inbox_view import InboxView
from desk.ui.quarantine_view import QuarantineView
from desk.ui.report_view import ReportView
from desk.ui.setup_page import DeskSetupPage
from desk.ui.stats_tab import StatisticsTab
from desk.ui.triage_panel import TriagePanel
from desktop import i18n
from desktop.core.store import errors as store_errors
from desktop.ui.common import DEFAULT_AUTOLOCK_MINUTES, error_text, report_if_unexpected
from desktop.ui.lock_guard import LockGuard
from desktop.ui.unlock_page import UnlockPage
from desktop.ui.window_place import place_on_screen, preferences, remember_place
from desktop.worker import StoreWorker
from sync import errors as sync_errors

EXCHANGE_EVERY_MS = 3 * 60 * 1000


class DeskWindow(QMainWindow):
    def __init__(self, data_dir: Path, *, lang: str | None = None, secrets: Any = None,
                 kdf: str = "moderate", worker: StoreWorker | None = None) -> None:
        super().__init__()
        self.setObjectName("deskWindow")
        self.data_dir = Path(data_dir)
        # Only the language and the window's place are remembered, in the data folder (no report data).
        self.prefs = preferences(self.data_dir)
        i18n.set_language(lang or str(self.prefs.value("language", i18n.DEFAULT_LANGUAGE)))
        self._secrets = secrets
        self._kdf = kdf
        self.worker = worker or StoreWorker(None, self)
        self.worker.error.connect(self._unexpected)
        # The receiver is reached from a thread of its own: the store's worker never waits on it.
        self.net = StoreWorker(None, self)
        self.exchanger = ExchangeRunner(self.worker, self.net, self)
        self.exchanger.finished.connect(self._exchanged)
        self.exchanger.failed.connect(self._exchange_failed)
        self._me = ""
        self._exchanging = False
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.setup_page = DeskSetupPage(self)
        self.unlock_page = UnlockPage(self)
        self.main = QTabWidget(self)
        self.main.setObjectName("deskTabs")
        for page in (self.setup_page, self.unlock_page, self.main):
            self.stack.addWidget(page)
        inbox_page = QWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, inbox_page)
        self.inbox = InboxView(self.worker, self.splitter)
        self.report = ReportView(self.splitter)
        self.triage = TriagePanel(self.splitter)
        self.splitter.setChildrenCollapsible(False)   # never squeezed below what their texts need
        for i, stretch in enumerate((5, 4, 2)):
            self.splitter.setStretchFactor(i, stretch)
        self.report.setMinimumWidth(260)
        self.triage.setMaximumWidth(400)
        self.main.addTab(self.splitter, "")
        self.stats = StatisticsTab(self.worker, self)
        self.main.addTab(self.stats, "")
        self.quarantine = QuarantineView(self.worker, self)
        self.quarantine.reopened.connect(lambda _n: self.inbox.reload())
        self.main.addTab(self.quarantine, "")
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("deskToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.exchange_action = QAction(self)
        self.exchange_action.triggered.connect(self.exchange_now)
        self.enrol_action = QAction(self)
        self.enrol_action.triggered.connect(self.open_enrol)
        self.export_action = QAction(self)
        self.export_action.triggered.connect(self.open_export)
        self.lock_action = QAction(self)
        self.lock_action.triggered.connect(lambda: self.lock("key"))
        # The toolbar's buttons take no keyboard focus: the same actions sit in a menu (Alt+K) and
        # have shortcuts of their own, so a registrar reaches each without a mouse.
        self.exchange_action.setShortcut(QKeySequence("F5"))
        self.enrol_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)   # the guard owns Ctrl+L
        self.desk_menu = self.menuBar().addMenu("")
        for a in (self.exchange_action, self.enrol_action, self.export_action, self.lock_action):
            self.toolbar.addAction(a)
            self.desk_menu.addAction(a)
        self.toolbar.hide()
        self.menuBar().hide()
        self.status = QLabel(self)
        self.statusBar().addWidget(self.status, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(EXCHANGE_EVERY_MS)
        self.timer.timeout.connect(self.exchange_now)
        # The field app's guard: inactivity, Ctrl+L from every screen, the clipboard on lock.
        self.guard = LockGuard(self)
        self.guard.set_autolock_ms(DEFAULT_AUTOLOCK_MINUTES * 60_000)
        self.guard.lock_requested.connect(self.lock)
        self.guard.watch_input()

        self.setup_page.create_requested.connect(self._create)
        self.setup_page.language_chosen.connect(self.set_language)
        self.unlock_page.unlock_requested.connect(self._unlock)
        self.unlock_page.language_chosen.connect(self.set_language)
        self.inbox.report_selected.connect(self.show_report)
        self._colleagues: list[str] = []
        self.inbox.assignees_known.connect(self._set_colleagues)
        self.report.open_report.connect(self.show_report)
        self.report.decide.connect(lambda other, same: self._change("link", {"other": other, "same": same}))
        self.triage.change_requested.connect(self._change)
        self.triage.overtaken_seen.connect(self._overtaken_seen)
        self.retranslate()
        place_on_screen(self, self.prefs)
        # A fair share for the report from the start (the stretch factors only share what is left
        # over, and the inbox's table asks for much): inbox, report and triage about 4 : 4 : 3.
        self.splitter.setSizes([400, 400, 300])
        self.setup_page.set_language(i18n.current_language())
        self.unlock_page.set_language(i18n.current_language())
        self.stack.setCurrentWidget(self.unlock_page if DeskStore.exists(self.data_dir) else self.setup_page)

    # -- language -----------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        lang = i18n.set_language(lang)
        self.prefs.setValue("language", lang)
        self.prefs.sync()
        self.setup_page.set_language(lang)
        self.unlock_page.set_language(lang)
        if self.report.report_id:
            self.show_report(self.report.report_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Signaal Desk — CoMensha"))
        self.main.setTabText(0, self.tr("&Inbox"))
        self.main.setTabText(1, self.tr("S&tatistics"))
        self.main.setTabText(2, self.tr("&Quarantine"))
        self.exchange_action.setText(self.tr("&Fetch and share now"))
        self.enrol_action.setText(self.tr("&Enrol with the receiver…"))
        self.export_action.setText(self.tr("E&xport…"))
        self.lock_action.setText(self.tr("&Lock"))
        self.desk_menu.setTitle(self.tr("Des&k"))

    # -- first start and unlock ---------------------------------------------------------------
    def _create(self, passphrase: str, key_file: str) -> None:
        self.setup_page.set_busy(True)
        data_dir, secrets, kdf = self.data_dir, self._secrets, self._kdf

        def make() -> DeskStore:
            private = sealing.read_key_file(Path(key_file))   # a wrong file: no store is made
            store = DeskStore.create(data_dir, passphrase, secrets=secrets, kdf=kdf)
            sealing.keep(store, private)
            return store

        self.worker.open_other(make, on_done=lambda _info: self._opened(), on_error=self._create_failed)

    def _create_failed(self, exc: object) -> None:
        self.setup_page.set_busy(False)
        if isinstance(exc, BaseException):
            report_if_unexpected(exc)
            self.setup_page.show_problem(error_text(exc, i18n.current_language()))

    def _unlock(self, passphrase: str) -> None:
        self.unlock_page.set_busy(True)
        data_dir, secrets = self.data_dir, self._secrets
        self.worker.open_other(lambda: DeskStore.open(data_dir, passphrase, secrets=secrets),
                               on_done=lambda _info: self._opened(), on_error=self._unlock_failed)

    def _unlock_failed(self, exc: object) -> None:
        self.unlock_page.set_busy(False)
        self.unlock_page.passphrase.clear()
        if isinstance(exc, BaseException):
            report_if_unexpected(exc)
            self.unlock_page.show_problem(error_text(exc, i18n.current_language()))
            if (isinstance(exc, store_errors.WrongPassphrase | store_errors.UnlockThrottled)
                    and exc.retry_after):
                self.unlock_page.start_wait(exc.retry_after)

    def _opened(self) -> None:
        self.guard.arm()
        self.unlock_page.clear()
        self.stack.setCurrentWidget(self.main)
        self.toolbar.show()
        self.menuBar().show()
        self.worker.submit(lambda s: (enrolment.identity(s) if enrolment.is_enrolled(s) else None),
                           self._identity)
        self.inbox.reload()
        self.stats.reload()
        self.quarantine.reload()

    def _identity(self, ident: tuple[str, str] | None) -> None:
        if ident is None:
            self.show_status(self.tr("This desk is not enrolled yet: choose 'Enrol with the receiver'."))
            return
        self._me = ident[1]
        self.triage.set_identity(ident[1], self._colleagues)
        self.exchange_now()
        self.timer.start()

    def lock(self, reason: str = "key") -> None:
        """Close the store and hide everything it showed; the unlock page asks for the passphrase."""
        if self.stack.currentWidget() is not self.main:
            return
        self.guard.disarm()
        self.timer.stop()
        self.worker.cancel_pending()
        self.net.cancel_pending()
        self.worker.close_store()
        self._exchanging = False
        self.guard.close_dialogs(self)
        self.guard.clear_clipboard()
        self.report.show_loaded(None)
        self.triage.show_view(None)
        self.triage.note_edit.clear()
        self.inbox.model.clear()
        self.stats.view.set_facts([])
        self.quarantine.clear()
        self.show_status("")
        self.toolbar.hide()
        self.menuBar().hide()
        self.unlock_page.set_locked_mode(True)
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.focus_passphrase()

    def _set_colleagues(self, names: list[str]) -> None:
        self._colleagues = names
        if self._me:
            self.triage.set_identity(self._me, names)

    # -- exchange -----------------------------------------------------------------------------
    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def exchange_now(self) -> None:
        if self._exchanging or self.stack.currentWidget() is not self.main:
            return
        self._exchanging = True
        self.show_status(self.tr("Fetching reports and sharing triage…"))
        self.exchanger.start()

    def _exchanged(self, result: exchange.ExchangeResult) -> None:
        self._exchanging = False
        parts = [self.tr("%n new report(s)", "", result.opened)]
        if result.quarantined:
            parts.append(self.tr("%n in quarantine", "", result.quarantined))
        if result.pushed:
            parts.append(self.tr("%n change(s) shared", "", result.pushed))
        if result.overtaken:
            parts.append(self.tr("%n of your changes overtaken by a colleague", "", result.overtaken))
        self.show_status(self.tr("Up to date: %1.").replace("%1", ", ".join(parts)))
        self.inbox.reload()
        self.stats.reload()
        self.quarantine.reload()
        if self.report.report_id:
            self.show_report(self.report.report_id)

    def _exchange_failed(self, exc: object) -> None:
        self._exchanging = False
        if isinstance(exc, sync_errors.Unauthorized):
            self.timer.stop()
            self.show_status(self.tr("The receiver no longer accepts this desk (revoked or unknown). Your "
                                     "changes are kept. Enrol the desk again with a new code."))
            return
        if isinstance(exc, BaseException):
            report_if_unexpected(exc)
            self.show_status(self.tr("Working offline: %1 Your changes are kept and shared later.")
                             .replace("%1", error_text(exc, i18n.current_language())))

    # -- report and triage --------------------------------------------------------------------
    def show_report(self, report_id: str) -> None:
        if not report_id:
            self.report.show_loaded(None)
            self.triage.show_view(None)
            return
        self.worker.submit(lambda s: report_view.load(s, report_id), self._loaded, self._unexpected)

    def _loaded(self, loaded: report_view.Loaded) -> None:
        self.report.show_loaded(loaded)
        self.triage.show_view(loaded.triage)

    def _change(self, kind: str, value: object) -> None:
        report_id = self.report.report_id
        if not report_id:
            return
        self.triage.show_problem("")

        def run(store: DeskStore) -> report_view.Loaded:
            triage.record(store, report_id, kind, value)
            return report_view.load(store, report_id)

        def done(loaded: report_view.Loaded) -> None:
            if kind == "note":
                self.triage.note_added()
            self._loaded(loaded)
            self.inbox.reload()
            self.exchange_now()

        self.worker.submit(run, done, self._change_failed)

    def _overtaken_seen(self, event_ids: list[str]) -> None:
        report_id = self.report.report_id

        def run(store: DeskStore) -> report_view.Loaded:
            triage.mark_overtaken_seen(store, event_ids)
            return report_view.load(store, report_id)

        if report_id:
            self.worker.submit(run, self._loaded, self._change_failed)

    def _change_failed(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            report_if_unexpected(exc)
            self.triage.show_problem(error_text(exc, i18n.current_language()))

    # -- dialogs ------------------------------------------------------------------------------
    def open_enrol(self) -> EnrolDialog:
        dialog = EnrolDialog(self.worker, self.net, self)
        dialog.accepted.connect(lambda: self.worker.submit(enrolment.identity, self._identity))
        dialog.open()
        return dialog

    def open_export(self) -> ExportDialog:
        dialog = ExportDialog(self.worker, self.inbox.current_filter(), self.inbox.model.rowCount(), self)
        dialog.open()
        return dialog

    def _unexpected(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            report_if_unexpected(exc)
            self.show_status(error_text(exc, i18n.current_language()))

    def closeEvent(self, event: Any) -> None:
        remember_place(self, self.prefs)
        self.timer.stop()
        self.guard.stop()
        self.net.stop()
        self.worker.stop()
        super().closeEvent(event)

