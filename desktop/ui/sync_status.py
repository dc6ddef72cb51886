"""Status-bar widget: always says where delivery stands, plus "Nu verzenden".

Examples (nl): "Offline — 3 meldingen wachten", "Verzenden 40/120", "Alles verzonden om 14:02",
"Dit apparaat is ingetrokken — verbind opnieuw via Instellingen". Conflicts are appended in every
state so they are never hidden by a later success.
"""

from __future__ import annotations

from typing import Any

from desktop.qt import QEvent, QHBoxLayout, QLabel, QPushButton, QWidget, Signal


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
        self.label.linkActivated.connect(lambda _link: self.open_connection_settings.emit())
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendNowButton")
        self.send_button.setFlat(True)
        self.send_button.clicked.connect(self._send_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.send_button)
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
        self.send_button.setVisible(kind not in ("locked", "not_enrolled", "revoked"))
        problem = kind in ("revoked", "error", "certificate") or bool(getattr(state, "conflicts", 0))
        self.label.setProperty("problem", problem)
        self.setToolTip(self._detail(state))

    def describe(self, state: Any) -> str:
        """The sentence for ``state`` in the current language."""
        if state is None:
            return ""
        kind = state.kind
        waiting = int(state.waiting) + int(getattr(state, "awaiting_seal", 0))
        if kind == "locked":
            text = self.tr("Locked")
        elif kind == "not_enrolled":
            text = (self.tr("Not connected — %n report(s) waiting; connect via Settings", "", waiting)
                    if waiting else self.tr("Not connected to CoMensha — connect via Settings"))
        elif kind == "revoked":
            text = self.tr("This device has been revoked — connect again via Settings")
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
        conflicts = int(getattr(state, "conflicts", 0))
        if conflicts:
            text += " · " + self.tr("%n conflict(s) — see the report list", "", conflicts)
        return text

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
        if self._state is not None:
            self.show_state(self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
