"""Status-bar widget: always says where delivery stands, plus "Nu verzenden".

Examples (nl): "Offline — 3 meldingen wachten", "Verzenden 40/120", "Alles verzonden om 14:02",
"Dit apparaat is ingetrokken — verbind opnieuw via Instellingen"; while locked (counts only):
"Vergrendeld — 3 meldingen wachten", "Vergrendeld — alles verzonden om 14:02",
"Vergrendeld — 2 meldingen worden verzonden na ontgrendelen" (no acceptable keyring). Conflicts are
appended in every state so they are never hidden by a later success.
"""

from __future__ import annotations

from typing import Any

from desktop.qt import (
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QLabel,
    QObject,
    QPushButton,
    QTranslator,
    QWidget,
    Signal,
)


class SyncStatusWidget(QWidget):
    """Shows a :class:`~desktop.sync_worker.SyncState` as one sentence.

    Signals:
        open_connection_settings(): the user clicked the link to fix the connection.
    """

    open_connection_settings = Signal()

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self._controller = controller
        self._state: Any = getattr(controller, "state", None)
        self.label = QLabel()
        self.label.setObjectName("syncStatusText")
        self.label.setAccessibleName("delivery status")
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendNowButton")
        self.send_button.setFlat(True)
        self.send_button.clicked.connect(self._send_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.send_button)
        self.settings_button = QPushButton()
        self.settings_button.setObjectName("connectionSettingsButton")
        self.settings_button.setFlat(True)
        self.settings_button.clicked.connect(self.open_connection_settings)
        self.settings_button.hide()
        layout.addWidget(self.settings_button)
        controller.state_changed.connect(self.show_state)
        self.retranslate()

    def _send_now(self) -> None:
        self.send_button.setEnabled(False)
        self._controller.send_now()

    def text(self) -> str:
        """The sentence shown now (without markup)."""
        return self.label.text()

    def show_state(self, state: Any) -> None:
        self._state = state
        self.label.setText(self.describe(state))
        kind = getattr(state, "kind", "locked")
        self.send_button.setEnabled(
            kind in ("offline", "waiting", "error", "certificate", "all_sent", "idle"))
        needs_connection = kind in ("not_enrolled", "revoked", "token_missing")
        self.send_button.setVisible(kind != "locked" and not needs_connection)
        self.settings_button.setVisible(needs_connection)
        problem = (kind in ("revoked", "error", "certificate", "token_missing")
                   or bool(getattr(state, "conflicts", 0)))
        self.label.setProperty("problem", problem)
        self.setToolTip(self._detail(state))

    def describe(self, state: Any) -> str:
        """The sentence for ``state`` in the current language."""
        if state is None:
            return ""
        kind = state.kind
        waiting = int(state.waiting) + int(getattr(state, "awaiting_seal", 0))
        if kind == "locked":
            text = self._locked_text(state)
        elif kind == "not_enrolled":
            text = (self.tr("Not connected — %n report(s) waiting; connect via Settings", "", waiting)
                    if waiting else self.tr("Not connected to CoMensha — connect via Settings"))
        elif kind == "revoked":
            text = self.tr("This device has been revoked — connect again via Settings")
            if waiting:
                text += " · " + self.tr("%n report(s) kept in the queue", "", waiting)
        elif kind == "token_missing":
            text = self.tr("The connection key cannot be read from the keyring — connect again via Settings")
            if waiting:
                text += " · " + self.tr("%n report(s) kept in the queue", "", waiting)
        elif kind == "offline":
            text = self.tr("Offline — %n report(s) waiting", "", waiting)
        elif kind == "sending":
            text = self.tr("Sending {done}/{total}").format(done=state.done, total=state.total)
        elif kind == "waiting":
            text = self.tr("%n report(s) waiting — next attempt soon", "", waiting)
        elif kind == "all_sent":
            if state.last_sent_at is not None:
                at = state.last_sent_at.astimezone().strftime("%H:%M")
                text = self.tr("All sent at {time}").format(time=at)
            else:
                text = self.tr("All sent")
        elif kind == "certificate":
            text = self.tr("The server could not prove it is CoMensha's — nothing was sent; "
                           "%n report(s) waiting", "", waiting)
        elif kind == "error":
            text = self._message(state) or self.tr("Sending did not work — Signaal will try again later")
            if waiting:
                text += " · " + self.tr("%n report(s) waiting", "", waiting)
        else:  # idle
            text = self.tr("Nothing to send")
        refused = int((getattr(state, "extra", None) or {}).get("held", 0))
        if refused:
            text += " · " + self.tr("%n report(s) refused by CoMensha — press Send now to try again", "",
                                    refused)
        conflicts = int(getattr(state, "conflicts", 0))
        if conflicts:
            text += " · " + self.tr("%n conflict(s) — see the report list", "", conflicts)
        return text

    def _locked_text(self, state: Any) -> str:
        """While locked: counts and times only, never content (the screen is locked)."""
        extra = getattr(state, "extra", None) or {}
        mode = extra.get("mode")
        waiting = int(getattr(state, "waiting", 0))
        if mode == "sending":
            return self.tr("Locked — sending {done}/{total}").format(done=state.done, total=state.total)
        if mode == "unavailable":
            # No acceptable keyring: the token is in the store, so nothing can go out while locked.
            return (self.tr("Locked — %n report(s) will be sent after unlocking", "", waiting)
                    if waiting else self.tr("Locked"))
        if mode == "revoked":
            return (self.tr("Locked — this device has been revoked; %n report(s) kept", "", waiting)
                    if waiting else self.tr("Locked — this device has been revoked"))
        if waiting:
            return self.tr("Locked — %n report(s) waiting", "", waiting)
        last = getattr(state, "last_sent_at", None)
        if last is not None:
            return self.tr("Locked — all sent at {time}").format(time=last.astimezone().strftime("%H:%M"))
        return self.tr("Locked")

    def _message(self, state: Any) -> str:
        from desktop import i18n

        return state.message(i18n.current_language()) if hasattr(state, "message") else ""

    def _detail(self, state: Any) -> str:
        message = self._message(state)
        retry = getattr(state, "retry_in", None)
        if retry:
            minutes = max(1, round(retry / 60))
            next_try = self.tr("Next attempt in about %n minute(s).", "", minutes)
            return f"{message}\n{next_try}".strip()
        return message

    def retranslate(self) -> None:
        self.send_button.setText(self.tr("Send now"))
        self.send_button.setToolTip(self.tr("Send the waiting reports to CoMensha now"))
        self.settings_button.setText(self.tr("Connect…"))
        self.settings_button.setToolTip(self.tr("Open Settings to connect this laptop to CoMensha"))
        if self._state is not None:
            self.show_state(self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


# ---------------------------------------------------------------------------------------------
# translations of the delivery texts (resources/i18n/delivery_<lang>.ts)


class DeliveryTranslator(QObject):
    """Keeps the delivery catalogue (``delivery_<lang>.qm``) installed for the app's language.

    ``desktop.i18n.set_language`` installs Signaal's own catalogue; this follows it: whenever the
    application receives ``LanguageChange`` and the language differs from the loaded one, the
    matching delivery catalogue is swapped in (built from the .ts with pyside6-lrelease if needed).
    """

    PREFIX = "delivery"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translator: QTranslator | None = None
        self._lang: str | None = None
        self.apply()
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def apply(self) -> None:
        from desktop import i18n

        lang = i18n.current_language()
        if lang == self._lang:
            return
        self._lang = lang
        self.remove()
        from desktop import i18n

        qm = i18n.ensure_qm(lang, self.PREFIX)
        translator = QTranslator(self)
        if qm is not None and translator.load(str(qm)):
            self._translator = translator
            QCoreApplication.installTranslator(translator)

    def remove(self) -> None:
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is QCoreApplication.instance() and event.type() == QEvent.Type.LanguageChange:
            self.apply()
        return False

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.remove()
        self._lang = None


# ---------------------------------------------------------------------------------------------
# the one hook the main window calls


class DeliveryUI(QObject):
    """Everything delivery adds to the main window. Made by :func:`install`.

    Attributes:
        controller: the ``SyncController`` (sync thread).
        status: the status-bar widget.
    """

    def __init__(self, window: Any, store_worker: Any, controller: Any) -> None:
        super().__init__(window)
        self.window = window
        self.store_worker = store_worker
        self.controller = controller
        self.translator = DeliveryTranslator(self)
        self.status = SyncStatusWidget(controller)
        self._factory = self._add_connection_panel
        self._receipt_views: list[Any] = []
        self._seen_form_view: Any = None
        self._stopped = False
        status_bar = window.statusBar() if hasattr(window, "statusBar") else None
        if status_bar is not None:
            placeholder = getattr(window, "status_label", None)
            if placeholder is not None:
                placeholder.hide()  # the shell's static "Not connected" text; this widget replaces it
            status_bar.addPermanentWidget(self.status)
        settings_opened = getattr(window, "settings_opened", None)
        if settings_opened is not None:
            settings_opened.connect(self._factory)
            self._uses_class_factories = False
        else:
            from desktop.ui.settings import SettingsDialog

            SettingsDialog.connection_panel_factories.append(self._factory)
            self._uses_class_factories = True
        stack = getattr(window, "stack", None)
        if stack is not None and hasattr(stack, "currentChanged"):
            stack.currentChanged.connect(self._page_changed)
        self.status.open_connection_settings.connect(self._open_settings)
        self.controller.records_changed.connect(self._records_changed)
        if hasattr(window, "installEventFilter"):
            window.installEventFilter(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # -- window hooks ---------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # The window is closing: stop the sync thread before the shell stops the store worker.
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def _add_connection_panel(self, dialog: Any) -> Any:
        from desktop.ui.connection import ConnectionPanel

        panel = ConnectionPanel(self.controller, self.store_worker)
        dialog.add_connection_panel(panel)
        return panel

    def _open_settings(self) -> None:
        opener = getattr(self.window, "open_settings", None)
        if callable(opener):
            opener()

    def _page_changed(self, _index: int) -> None:
        """A form view was opened: deliver after its finalise, and show a sent report's receipt."""
        view = getattr(self.window, "form_view", None)
        if view is None or view is self._seen_form_view:
            return
        self._seen_form_view = view
        finalised = getattr(view, "finalised", None)
        if finalised is not None:
            finalised.connect(self.report_finalised)
        record_id = getattr(view, "record_id", None)
        if record_id and getattr(view, "state", "") in ("sent", "purged") and hasattr(view, "show_receipt"):
            self.attach_receipt(view, record_id)

    def _records_changed(self) -> None:
        page = getattr(self.window, "list_page", None)
        if page is not None and getattr(self.window, "is_unlocked", False) and hasattr(page, "reload"):
            page.reload()

    # -- what the shell may call directly -------------------------------------------------------
    def on_unlocked(self) -> None:
        """Call when the store is open: purge past retention, seal what waited, start sending."""
        self.controller.on_unlocked()

    def on_locked(self) -> None:
        """Call on lock: the sync thread stops touching the store; receipt views are cleared."""
        self.controller.on_locked()
        self._seen_form_view = None
        for view in list(self._receipt_views):
            view.clear()

    def report_finalised(self, record_id: str) -> None:
        """Call (or connect ``FormView.finalised``) after a finalise: the report goes out at once."""
        self.controller.report_finalised(record_id)

    def attach_receipt(self, form_view: Any, record_id: str) -> Any:
        """Show the receipt of a sent (or purged) report above its form view; returns the view."""
        from desktop.ui.receipt_view import ReceiptView

        existing = form_view.findChild(ReceiptView) if hasattr(form_view, "findChild") else None
        if existing is not None:  # the shell and the page hook may both ask: show one receipt
            existing.load([record_id])
            return existing
        view = ReceiptView(self.store_worker)
        view.setMaximumHeight(160)
        form_view.show_receipt(view)
        self._receipt_views.append(view)
        view.destroyed.connect(lambda *_: self._forget_view(view))
        view.load([record_id])
        return view

    def _forget_view(self, view: Any) -> None:
        if view in self._receipt_views:
            self._receipt_views.remove(view)

    def stop(self) -> None:
        """Stop the sync thread (before the store worker stops). Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        if self._uses_class_factories:
            from desktop.ui.settings import SettingsDialog

            if self._factory in SettingsDialog.connection_panel_factories:
                SettingsDialog.connection_panel_factories.remove(self._factory)
        self.controller.stop()
        self.translator.uninstall()


def install(window: Any, store_worker: Any = None, *, unlocked: Any = None, locked: Any = None,
            **controller_options: Any) -> DeliveryUI:
    """Add delivery to the main window: status bar, Settings panel, sync thread, receipts.

    With Signaal's ``MainWindow`` one call at the end of its ``__init__`` is enough::

        self.delivery = install(self)

    It finds ``window.worker`` (the store worker), ``window.unlocked``/``window.locked``,
    ``window.settings_opened`` (to add the connection panel), ``window.stack`` (to follow form
    views: deliver right after a finalise, show the receipt of a sent report) and stops the sync
    thread when the window closes.

    Args:
        window: the QMainWindow.
        store_worker: the ``desktop.worker.StoreWorker`` (default ``window.worker``).
        unlocked: Signal emitted after the store is open (default ``window.unlocked``).
        locked: Signal emitted when the store is locked (default ``window.locked``).
        controller_options: passed to ``SyncController`` (tests: probe interval, factories).
    """
    from desktop.sync_worker import SyncController

    store_worker = store_worker if store_worker is not None else window.worker
    # The data dir lets the sync thread send from the spool while the store is locked.
    controller_options.setdefault("data_dir", getattr(window, "data_dir", None))
    controller = SyncController(store_worker, window, **controller_options)
    ui = DeliveryUI(window, store_worker, controller)
    unlocked = unlocked if unlocked is not None else getattr(window, "unlocked", None)
    locked = locked if locked is not None else getattr(window, "locked", None)
    if unlocked is not None:
        unlocked.connect(ui.on_unlocked)
    if locked is not None:
        locked.connect(ui.on_locked)
    if getattr(window, "is_unlocked", False):
        ui.on_unlocked()
    stack, setup_page = getattr(window, "stack", None), getattr(window, "setup_page", None)
    if stack is not None and setup_page is not None:
        # First start: no store exists yet, so "Locked" or "Not connected" would be wrong; the
        # status bar says nothing until there is a store.
        def follow(_index: int = 0) -> None:
            ui.status.setVisible(stack.currentWidget() is not setup_page)

        stack.currentChanged.connect(follow)
        follow()
    return ui
