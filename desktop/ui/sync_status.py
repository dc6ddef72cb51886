"""Status-bar widget: always says where delivery stands, plus "Nu verzenden".

Examples (nl): "Offline — 3 meldingen wachten" (no network at all), "CoMensha niet bereikbaar —
3 meldingen wachten" (the network is up, the server does not answer), "Verzenden 40/120",
"Alles verzonden om 14:02",
"Dit apparaat is ingetrokken — verbind opnieuw via Instellingen"; while locked (counts only):
"Vergrendeld — 3 meldingen wachten", "Vergrendeld — alles verzonden om 14:02",
"Vergrendeld — 2 meldingen worden verzonden na ontgrendelen" (no acceptable keyring). Conflicts are
appended in every state so they are never hidden by a later success.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop import i18n
from desktop.sending import SyncController, SyncState


def network_down() -> bool:
    """True only when the system says this computer has no network at all: then "Offline" is the
    truth. When the network is up, or the system cannot tell, a server that does not answer is
    "CoMensha not reachable" (the laptop is not offline, and the user need not check the wifi)."""
    if not QNetworkInformation.loadDefaultBackend():
        return False
    info = QNetworkInformation.instance()
    return info is not None and info.reachability() == QNetworkInformation.Reachability.Disconnected


class SyncStatusWidget(QWidget):
    """Shows a :class:`~desktop.sending.SyncState` as one sentence.

    Signals:
        open_connection_settings(): the user clicked the link to fix the connection.
    """

    open_connection_settings = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self._controller = controller
        self._state: SyncState = controller.state
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

    def show_state(self, state: SyncState) -> None:
        self._state = state
        self.label.setText(self.describe(state))
        kind = state.kind
        self.send_button.setEnabled(
            kind in ("offline", "waiting", "error", "certificate", "all_sent", "idle"))
        needs_connection = kind in ("not_enrolled", "revoked", "token_missing")
        self.send_button.setVisible(kind != "locked" and not needs_connection)
        self.settings_button.setVisible(needs_connection)
        problem = (kind in ("revoked", "error", "certificate", "token_missing")
                   or bool(state.conflicts))
        self.label.setProperty("problem", problem)
        self.setToolTip(self._detail(state))

    def describe(self, state: SyncState) -> str:
        """The sentence for ``state`` in the current language."""
        kind = state.kind
        waiting = state.waiting + state.awaiting_seal
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
        elif kind == "offline" and network_down():
            text = self.tr("Offline — %n report(s) waiting", "", waiting)
        elif kind == "offline":
            text = self.tr("CoMensha not reachable — %n report(s) waiting", "", waiting)
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
        refused = state.extra.get("held", 0)
        if refused:
            text += " · " + self.tr("%n report(s) refused by CoMensha — press Send now to try again", "",
                                    refused)
        conflicts = state.conflicts
        if conflicts:
            text += " · " + self.tr("%n conflict(s) — see the report list", "", conflicts)
        return text

    def _locked_text(self, state: SyncState) -> str:
        """While locked: counts and times only, never content (the screen is locked)."""
        mode = state.extra.get("mode")
        waiting = state.waiting
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
        last = state.last_sent_at
        if last is not None:
            return self.tr("Locked — all sent at {time}").format(time=last.astimezone().strftime("%H:%M"))
        return self.tr("Locked")

    def _message(self, state: SyncState) -> str:
        return state.message(i18n.current_language())

    def _detail(self, state: SyncState) -> str:
        message = self._message(state)
        retry = state.retry_in
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
        self.show_state(self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
