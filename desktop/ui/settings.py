"""Settings: language, role, auto-lock, retention, passphrase, and the connection to CoMensha.

The dialog only edits values; the main window stores them (QSettings for the language, the
encrypted store for role, auto-lock and retention) through the worker.

The connection group holds the panel the main window passes in (``connection_panel``, from
delivery); without one it shows a note that this build does not send.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.ui.common import (
    DEFAULT_AUTOLOCK_MINUTES,
    DEFAULT_RETENTION_DAYS,
    MIN_PASSPHRASE_LENGTH,
    ROLES,
    BusyIndicator,
    PassphraseEdit,
    passphrase_strength,
    role_name,
    strength_text,
)


class SettingsDialog(QDialog):
    """Signals:
        apply_requested(dict): keys ``language``, ``role``, ``autolock_minutes``, ``retention_days``.
        change_passphrase_requested(str, str): old and new passphrase.
    """

    apply_requested = Signal(dict)
    change_passphrase_requested = Signal(str, str)
    wipe_requested = Signal()

    def __init__(self, values: dict[str, Any], parent: QWidget | None = None, *,
                 connection_panel: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setModal(True)
        outer = QVBoxLayout(self)
        self._outer_layout = outer  # fit_to_screen measures both layouts
        # The groups scroll, the buttons stay: on a small laptop screen Save and Cancel must not
        # end up below the bottom edge.
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = QWidget(self.scroll_area)
        self.content.setObjectName("settingsContent")
        layout = QVBoxLayout(self.content)
        self._content_layout = layout
        layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area.setWidget(self.content)
        outer.addWidget(self.scroll_area, 1)

        self.general = QGroupBox(self)
        form = QFormLayout(self.general)
        self.language = QComboBox(self.general)
        for code, name in i18n.language_names().items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(values.get("language", "nl"))))
        self.language_label = QLabel(self.general)
        self.language_label.setBuddy(self.language)
        form.addRow(self.language_label, self.language)
        self.role = QComboBox(self.general)
        for role in ROLES:
            self.role.addItem(role_name(role), role)
        self.role.setCurrentIndex(max(0, self.role.findData(values.get("role", "coa"))))
        self.role_label = QLabel(self.general)
        self.role_label.setBuddy(self.role)
        form.addRow(self.role_label, self.role)
        self.autolock = QSpinBox(self.general)
        self.autolock.setRange(1, 60)
        self.autolock.setValue(int(values.get("autolock_minutes", DEFAULT_AUTOLOCK_MINUTES)))
        self.autolock_label = QLabel(self.general)
        self.autolock_label.setBuddy(self.autolock)
        form.addRow(self.autolock_label, self.autolock)
        self.retention = QSpinBox(self.general)
        self.retention.setRange(1, 365)
        self.retention.setValue(int(values.get("retention_days", DEFAULT_RETENTION_DAYS)))
        self.retention_label = QLabel(self.general)
        self.retention_label.setBuddy(self.retention)
        form.addRow(self.retention_label, self.retention)
        layout.addWidget(self.general)

        self.passphrase_box = QGroupBox(self)
        pform = QFormLayout(self.passphrase_box)
        self.old_passphrase = PassphraseEdit(self.passphrase_box)
        self.new_passphrase = PassphraseEdit(self.passphrase_box)
        self.repeat_passphrase = PassphraseEdit(self.passphrase_box)
        self.old_label = QLabel(self.passphrase_box)
        self.new_label = QLabel(self.passphrase_box)
        self.repeat_label = QLabel(self.passphrase_box)
        for label, edit in ((self.old_label, self.old_passphrase), (self.new_label, self.new_passphrase),
                            (self.repeat_label, self.repeat_passphrase)):
            label.setBuddy(edit)
            pform.addRow(label, edit)
        self.strength = QLabel(self.passphrase_box)
        self.strength.setObjectName("hint")
        self.strength.setWordWrap(True)
        self.strength.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        pform.addRow("", self.strength)
        row = QHBoxLayout()
        self.passphrase_message = QLabel(self.passphrase_box)
        self.passphrase_message.setWordWrap(True)
        row.addWidget(self.passphrase_message, 1)
        self.passphrase_busy = BusyIndicator(self.passphrase_box)
        self.passphrase_busy.setMaximumWidth(80)
        row.addWidget(self.passphrase_busy)
        self.change_button = QPushButton(self.passphrase_box)
        row.addWidget(self.change_button)
        pform.addRow(row)
        layout.addWidget(self.passphrase_box)

        self.connection_box = QGroupBox(self)
        self.connection_box.setObjectName("connectionBox")
        self.connection_layout = QVBoxLayout(self.connection_box)
        self.connection_note = QLabel(self.connection_box)
        self.connection_note.setWordWrap(True)
        self.connection_note.setObjectName("hint")
        self.connection_layout.addWidget(self.connection_note)
        layout.addWidget(self.connection_box)
        # Last, out of the way of Tab through the settings: destroying everything is never a default.
        self.wipe_box = QGroupBox(self)
        wipe_layout = QVBoxLayout(self.wipe_box)
        self.wipe_note = QLabel(self.wipe_box)
        self.wipe_note.setObjectName("hint")
        self.wipe_note.setWordWrap(True)
        wipe_layout.addWidget(self.wipe_note)
        self.wipe_button = QPushButton(self.wipe_box)
        self.wipe_button.setObjectName("danger")
        self.wipe_button.setAutoDefault(False)
        self.wipe_button.clicked.connect(self.wipe_requested)
        wipe_layout.addWidget(self.wipe_button)
        layout.addWidget(self.wipe_box)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self.new_passphrase.textChanged.connect(self._update_strength)
        self.change_button.clicked.connect(self._change_passphrase)
        self.retranslate()
        if connection_panel is not None:
            self.add_connection_panel(connection_panel)
        self.resize(560, 480)

    def showEvent(self, event: QShowEvent) -> None:
        self.fit_to_screen()
        super().showEvent(event)

    def fit_to_screen(self) -> None:
        """As tall as the groups need, but never taller than the screen (they scroll then)."""
        self.ensurePolished()
        for widget in self.content.findChildren(QWidget):
            widget.ensurePolished()
        self._content_layout.activate()
        margins = self._outer_layout.contentsMargins()
        want = (self.content.sizeHint().height() + self.buttons.sizeHint().height()
                + self._outer_layout.spacing() + margins.top() + margins.bottom() + 24)
        screen = (self.parentWidget() or self).screen()
        room = screen.availableGeometry().height() - 60 if screen is not None else want
        self.scroll_area.setMinimumWidth(self.content.sizeHint().width())
        self.resize(max(560, self.sizeHint().width()), max(200, min(want, room)))

    def add_connection_panel(self, widget: QWidget) -> None:
        """Put ``widget`` in the "Connection with CoMensha" group, replacing the placeholder note."""
        self.connection_note.hide()
        widget.setParent(self.connection_box)
        self.connection_layout.addWidget(widget)
        # Tab: after the passphrase, through the connection fields, then erasing, then Save/Cancel
        # (the panel is made elsewhere, so Qt would put it after the dialog's buttons).
        previous: QWidget = self.change_button
        for child in widget.findChildren(QWidget):
            if child.focusPolicy() & Qt.FocusPolicy.TabFocus:
                QWidget.setTabOrder(previous, child)
                previous = child
        QWidget.setTabOrder(previous, self.wipe_button)
        if self.isVisible():
            self.fit_to_screen()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.general.setTitle(self.tr("General"))
        self.language_label.setText(self.tr("&Language"))
        self.language.setAccessibleName(self.tr("Language"))
        self.role_label.setText(self.tr("&Your work"))
        self.role.setAccessibleName(self.tr("Your work"))
        for i in range(self.role.count()):
            self.role.setItemText(i, role_name(self.role.itemData(i)))
        self.autolock_label.setText(self.tr("&Lock after"))
        self.autolock.setSuffix(self.tr(" minutes without use"))
        self.autolock.setAccessibleName(self.tr("Lock after minutes without use"))
        self.retention_label.setText(self.tr("&Keep sent reports"))
        self.retention.setSuffix(self.tr(" days after the receipt"))
        self.retention.setAccessibleName(self.tr("Keep sent reports for days after the receipt"))
        self.passphrase_box.setTitle(self.tr("Change passphrase"))
        self.old_label.setText(self.tr("C&urrent passphrase"))
        self.old_passphrase.setAccessibleName(self.tr("Current passphrase"))
        self.new_label.setText(self.tr("&New passphrase"))
        self.new_passphrase.setAccessibleName(self.tr("New passphrase"))
        self.repeat_label.setText(self.tr("&Repeat new passphrase"))
        self.repeat_passphrase.setAccessibleName(self.tr("Repeat new passphrase"))
        self.change_button.setText(self.tr("C&hange passphrase"))
        self.connection_box.setTitle(self.tr("Connection with CoMensha"))
        self.wipe_box.setTitle(self.tr("Erase everything"))
        self.wipe_note.setText(self.tr(
            "In an emergency: make everything of Signaal on this computer unreadable at once and "
            "remove it. Reports that have not been sent are lost."))
        self.wipe_button.setText(self.tr("Erase everything…"))
        self.connection_note.setText(self.tr(
            "Not connected yet. Once your organisation has given you a connection code, you can "
            "connect here. Until then your finalised reports wait safely on this computer."))
        self._update_strength()

    def values(self) -> dict[str, Any]:
        return {
            "language": self.language.currentData(),
            "role": self.role.currentData(),
            "autolock_minutes": self.autolock.value(),
            "retention_days": self.retention.value(),
        }

    def _apply(self) -> None:
        self.apply_requested.emit(self.values())
        self.accept()

    def _update_strength(self) -> None:
        text = self.new_passphrase.text()
        self.strength.setText(strength_text(passphrase_strength(text)) if text else "")

    def _change_passphrase(self) -> None:
        new = self.new_passphrase.text()
        if not self.old_passphrase.text():
            self.passphrase_result(False, self.tr("Type your current passphrase first."))
            return
        if len(new) < MIN_PASSPHRASE_LENGTH:
            self.passphrase_result(False, self.tr("The new passphrase is too short. Use at least %n "
                                                  "characters.", "", MIN_PASSPHRASE_LENGTH))
            return
        if new != self.repeat_passphrase.text():
            self.passphrase_result(False, self.tr("The two new passphrases are not the same. Type them "
                                                  "again."))
            return
        self.passphrase_busy.show()
        self.change_button.setEnabled(False)
        self.change_passphrase_requested.emit(self.old_passphrase.text(), new)

    def passphrase_result(self, ok: bool, message: str) -> None:
        """Called by the main window when the worker has answered."""
        self.passphrase_busy.hide()
        self.change_button.setEnabled(True)
        self.passphrase_message.setProperty("ok", ok)
        self.passphrase_message.setText(message)
        if ok:
            for edit in (self.old_passphrase, self.new_passphrase, self.repeat_passphrase):
                edit.clear()
        self.passphrase_message.setFocus(Qt.FocusReason.OtherFocusReason)
