"""Settings → "Verbinden met CoMensha": server address + one-time code, connect, disconnect, re-enrol.

The panel never runs SQL or HTTP itself: it reads the enrolment through the store worker and asks
the :class:`~desktop.sending.SyncController` to enrol; the network half runs in the sync thread
and the answer comes back as ``enrol_finished``. On a failure nothing is stored (the device key is
saved only with a successful enrolment).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop import i18n, proxy
from desktop.core import delivery
from desktop.sending import EnrolOutcome, SyncController
from desktop.ui.common import error_text, report_if_unexpected
from desktop.worker import StoreWorker
from signaal_common.dates import format_when


class ConnectionPanel(QWidget):
    """The "Verbinden met CoMensha" panel.

    Args:
        controller: the app's ``SyncController``.
        store_worker: the app's ``StoreWorker`` (to read the enrolment).

    Signals:
        enrolled(): a connection was made.
        disconnected(): the connection was removed.
    """

    enrolled = Signal()
    disconnected = Signal()

    def __init__(self, controller: SyncController, store_worker: StoreWorker,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionPanel")
        self._controller = controller
        self._store_worker = store_worker
        self._info: delivery.EnrolmentInfo | None = None
        self._busy = False
        self._confirming_disconnect = False
        self._editing = False
        self._last_outcome: EnrolOutcome | None = None

        self.title = QLabel()
        self.title.setObjectName("connectionTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.state_label = QLabel()
        self.state_label.setObjectName("connectionState")
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("serverAddress")
        self.url_edit.setPlaceholderText("https://")
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("enrolmentCode")
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.url_label = QLabel()
        self.code_label = QLabel()
        self.proxy_edit = QLineEdit()
        self.proxy_edit.setObjectName("proxyAddress")
        self.proxy_edit.setPlaceholderText("http://proxy.example:3128")
        self.proxy_label = QLabel()
        form = QFormLayout()
        form.addRow(self.url_label, self.url_edit)
        form.addRow(self.code_label, self.code_edit)
        form.addRow(self.proxy_label, self.proxy_edit)
        self._form = form

        self.connect_button = QPushButton()
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        self.disconnect_button = QPushButton()
        self.disconnect_button.setObjectName("disconnectButton")
        self.reenrol_button = QPushButton()
        self.reenrol_button.setObjectName("reenrolButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.reenrol_button)
        buttons.addWidget(self.disconnect_button)
        buttons.addStretch(1)

        # Honest about when it acts: at once, not with the dialog's Save.
        self.acts_now = QLabel()
        self.acts_now.setObjectName("hint")
        self.acts_now.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("connectionMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("connection message")

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.state_label)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.acts_now)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.connect_button.clicked.connect(self._connect)
        # Return in these fields belongs to the panel, never to the dialog's Save: the address goes
        # on to the code, the code connects, the proxy is kept.
        for edit in (self.url_edit, self.code_edit, self.proxy_edit):
            edit.installEventFilter(self)
        self.proxy_edit.editingFinished.connect(self._save_proxy)
        self.disconnect_button.clicked.connect(self._disconnect)
        self.reenrol_button.clicked.connect(self._reenrol)
        controller.enrol_finished.connect(self._on_enrol_finished)
        controller.disconnected.connect(self._on_disconnected)
        self.retranslate()
        self.refresh()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if obj is self.url_edit:
                self.code_edit.setFocus(Qt.FocusReason.TabFocusReason)
            elif obj is self.code_edit:
                self._connect()
            elif obj is self.proxy_edit:
                self._save_proxy()
            else:
                return False
            return True
        return False

    # -- state --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the current enrolment (through the store worker) and show it."""
        def done(info: delivery.EnrolmentInfo | None) -> None:
            with contextlib.suppress(RuntimeError):  # the panel was deleted (dialog closed, lock)
                self._info = info
                self._update()

        def failed(_exc: BaseException) -> None:
            with contextlib.suppress(RuntimeError):
                self._update()

        def proxy_known(value: object) -> None:
            with contextlib.suppress(RuntimeError):
                if not self.proxy_edit.hasFocus():
                    self.proxy_edit.setText("" if value is None else str(value))

        try:
            self._store_worker.submit(delivery.enrolment, done, failed)
            self._store_worker.submit(lambda s: s.get_setting(proxy.SETTING), proxy_known, self._store_failed)
        except RuntimeError:
            self._update()

    def _update(self) -> None:
        info = self._info
        connected = info is not None and not info.revoked
        show_form = not connected or self._editing
        for widget in (self.url_edit, self.code_edit, self.url_label, self.code_label, self.connect_button,
                       self.proxy_edit, self.proxy_label):
            widget.setVisible(show_form)
            widget.setEnabled(not self._busy)
        self.disconnect_button.setVisible(info is not None)
        self.disconnect_button.setEnabled(not self._busy)
        self.reenrol_button.setVisible(connected and not self._editing)
        self.reenrol_button.setEnabled(not self._busy)
        if info is not None and not self.url_edit.text():
            self.url_edit.setText(info.server_url)
        self.state_label.setText(self._state_text())
        self.disconnect_button.setText(
            self.tr("Click again to disconnect") if self._confirming_disconnect else self.tr("Disconnect"))

    def _state_text(self) -> str:
        info = self._info
        if info is None:
            return self.tr("Not connected to CoMensha. Reports you finalise are kept safely on this "
                           "laptop until you connect.")
        if info.revoked:
            return self.tr("This device was revoked by CoMensha. Your reports stay in the queue. "
                           "Enter a new code from CoMensha to connect again.")
        # Day first like every date in Signaal; the device's id is for CoMensha's staff (tooltip),
        # not a word a field worker needs to read.
        self.state_label.setToolTip(self.tr("Device number for CoMensha: %1").replace("%1", info.device_id))
        return self.tr("Connected to {server} since {when}.").format(
            server=info.server_url, when=format_when(info.enrolled_at))

    # -- actions ------------------------------------------------------------------------------
    def _connect(self) -> None:
        if self._busy:
            return
        url = self.url_edit.text().strip()
        code = self.code_edit.text().strip()
        if not url.lower().startswith("https://"):
            self._show_problem(self.tr("Enter the server address CoMensha gave you; it starts with https://."))
            return
        if not code:
            self._show_problem(self.tr("Enter the one-time code you received from CoMensha."))
            return
        self._save_proxy()
        self._busy = True
        self._confirming_disconnect = False
        self.message.setProperty("problem", False)
        self.message.setText(self.tr("Connecting to CoMensha…"))
        self._update()
        self._controller.enrol(url, code)

    def _save_proxy(self) -> None:
        """Keep the proxy typed here (empty = the system's proxy) in the encrypted store."""
        try:
            value = proxy.normalise_setting(self.proxy_edit.text())
        except ValueError:
            self._show_problem(self.tr("The proxy address is not valid. Use the form "
                                       "http://host:port, or leave it empty to use the system's proxy."))
            return
        try:
            self._store_worker.submit(lambda s: s.set_setting(proxy.SETTING, value), None, self._store_failed)
        except RuntimeError:
            return

    def _reenrol(self) -> None:
        self._editing = True
        self.code_edit.clear()
        self.message.setText(self.tr("Enter a new one-time code from CoMensha to connect this device again."))
        self._update()
        self.code_edit.setFocus()

    def _disconnect(self) -> None:
        if not self._confirming_disconnect:
            self._confirming_disconnect = True
            self.message.setText(self.tr("Disconnecting stops delivery until you connect again. Reports "
                                         "already queued stay on this laptop."))
            self._update()
            return
        self._confirming_disconnect = False
        self._busy = True
        self._update()
        self._controller.disconnect_device()

    def _store_failed(self, exc: BaseException) -> None:
        """Reading or keeping the proxy setting failed: say so (a bug also goes to the crash dialog)."""
        report_if_unexpected(exc)
        with contextlib.suppress(RuntimeError):  # the panel may be gone with its dialog
            self._show_problem(error_text(exc, i18n.current_language()))

    def _show_problem(self, text: str) -> None:
        self.message.setProperty("problem", True)
        self.message.setText(text)

    # -- answers ------------------------------------------------------------------------------
    def _on_enrol_finished(self, outcome: EnrolOutcome) -> None:
        self._busy = False
        self._last_outcome = outcome
        if outcome.ok:
            self._editing = False
            self.code_edit.clear()
            self.message.setProperty("problem", False)
            if outcome.sealed:
                self.message.setText(self.tr("Connected to CoMensha. %n waiting report(s) sealed and queued.",
                                             "", outcome.sealed))
            else:
                self.message.setText(self.tr("Connected to CoMensha."))
            self.enrolled.emit()
        else:
            self._show_problem(self.problem_text(outcome))
        self._update()
        self.refresh()

    def _on_disconnected(self) -> None:
        self._busy = False
        self._editing = False
        self.message.setProperty("problem", False)
        self.message.setText(self.tr("Disconnected from CoMensha. Queued reports stay on this laptop."))
        self.disconnected.emit()
        self._update()
        self.refresh()

    def problem_text(self, outcome: EnrolOutcome) -> str:
        """The sentence for a failed enrolment: what happened and what to do."""
        problem = outcome.problem
        if problem == "bad_address":
            return self.tr("Enter the server address CoMensha gave you; it starts with https://.")
        if problem == "bad_code":
            return self.tr("This code has a typing mistake or is incomplete. Check it against the code "
                           "you were given and type it again.")
        if problem == "wrong_code":
            return self.tr("CoMensha's server does not accept this code. Check the code, or ask CoMensha "
                           "for a new one.")
        if problem == "used_code":
            return self.tr("This code has already been used; a code works only once. Ask CoMensha for a "
                           "new code.")
        if problem == "expired_code":
            return self.tr("This code has expired. Ask CoMensha for a new code.")
        if problem == "unreachable":
            return self.tr("CoMensha's server cannot be reached. Check the address and the internet "
                           "connection, then try again.")
        if problem == "certificate":
            return self.tr("The server's certificate does not match the code: this may not be CoMensha's "
                           "server. Nothing was sent. Do not connect on this network and contact CoMensha.")
        if problem == "locked":
            return self.tr("Signaal is locked. Unlock it and try again.")
        if problem == "refused":
            detail = outcome.detail_nl if i18n.current_language() == "nl" else outcome.detail_en
            return self.tr("The server refused the connection. {detail}").format(detail=detail).strip()
        return self.tr("Connecting did not work. Try again later, or contact CoMensha if this keeps "
                       "happening.")

    # -- language -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Connect to CoMensha"))
        self.url_label.setText(self.tr("Server address"))
        self.code_label.setText(self.tr("One-time code"))
        self.proxy_label.setText(self.tr("Proxy (optional)"))
        self.proxy_edit.setToolTip(self.tr("Leave empty to use the system's proxy settings."))
        self.connect_button.setText(self.tr("Connect"))
        self.reenrol_button.setText(self.tr("Enrol again"))
        self.acts_now.setText(self.tr("Connect, Disconnect and Enrol again take effect at once; Save and "
                                      "Cancel below are about the other settings."))
        self._update()
        if self._last_outcome is not None and not self._last_outcome.ok:
            self._show_problem(self.problem_text(self._last_outcome))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
