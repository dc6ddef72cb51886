"""Unlock (and locked) screen: one passphrase field, plain errors, a countdown after failures."""

from __future__ import annotations

import math
from time import monotonic

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop import i18n
from desktop.ui.common import BusyIndicator, PassphraseEdit, centred_card


class UnlockPage(QWidget):
    """Shown at start when a store exists, and after every lock.

    Signals:
        unlock_requested(str): the passphrase to try.
        language_chosen(str)
    """

    unlock_requested = Signal(str)
    continue_requested = Signal(str)  # the passphrase: open with what is there (damaged store)
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockPage")
        self._locked_after_use = False
        self._wait_left = 0.0
        self._wait_until = 0.0
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)

        card, layout, self.title, self.subtitle = centred_card(
            self, max_width=520, card_stretch=3, above=2, below=3)
        form = QFormLayout()
        self.passphrase = PassphraseEdit(card)
        self.passphrase_label = QLabel(card)
        self.passphrase_label.setBuddy(self.passphrase)
        form.addRow(self.passphrase_label, self.passphrase)
        self.language = QComboBox(card)
        for code, name in i18n.language_names().items():
            self.language.addItem(name, code)
        self.language_label = QLabel(card)
        self.language_label.setBuddy(self.language)
        form.addRow(self.language_label, self.language)
        layout.addLayout(form)

        self.problem = QLabel(card)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.wait_label = QLabel(card)
        self.wait_label.setObjectName("hint")
        self.wait_label.hide()
        layout.addWidget(self.wait_label)
        self.busy = BusyIndicator(card)
        layout.addWidget(self.busy)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        # Offered only when the store is damaged and saved changes are missing: open what is there.
        self.continue_button = QPushButton(card)
        self.continue_button.hide()
        self.continue_button.clicked.connect(self._continue)
        buttons.addWidget(self.continue_button)
        self.unlock_button = QPushButton(card)
        self.unlock_button.setObjectName("primary")
        self.unlock_button.setDefault(True)
        buttons.addWidget(self.unlock_button)
        layout.addLayout(buttons)

        self.setTabOrder(self.passphrase, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.language)
        self.passphrase.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        self.language.activated.connect(lambda _i: self.language_chosen.emit(self.language.currentData()))
        self.retranslate()

    def set_language(self, lang: str) -> None:
        index = self.language.findData(lang)
        if index >= 0:
            self.language.setCurrentIndex(index)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self._locked_after_use:
            self.title.setText(self.tr("Signaal is locked"))
            self.subtitle.setText(self.tr("Everything is hidden. Type your passphrase to continue."))
        else:
            self.title.setText(self.tr("Unlock Signaal"))
            self.subtitle.setText(self.tr("Type your passphrase to open your reports."))
        self.passphrase_label.setText(self.tr("&Passphrase"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.language_label.setText(self.tr("&Language"))
        self.language.setAccessibleName(self.tr("Language"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.continue_button.setText(self.tr("&Go on with what is there"))
        self._tick()

    def set_locked_mode(self, locked: bool) -> None:
        """``True`` after a lock: the title says that the app is locked, not starting."""
        self._locked_after_use = locked
        self.retranslate()

    def clear(self) -> None:
        self.passphrase.clear()
        self.show_problem("")
        self.set_busy(False)

    def show_problem(self, text: str, *, can_continue: bool = False) -> None:
        """Show ``text``; ``can_continue``: also offer to open the store with what is still there."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.continue_button.setVisible(can_continue)

    def _continue(self) -> None:
        self.continue_button.hide()
        self.continue_requested.emit(self.passphrase.text())

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy and self._wait_left <= 0)

    def start_wait(self, seconds: float) -> None:
        """Refuse attempts for ``seconds`` and show a countdown (the store's growing delay)."""
        self._wait_left = max(0.0, float(seconds))
        self._deadline_ms = self._wait_left * 1000.0
        self._wait_until = monotonic() + self._wait_left
        if self._wait_left > 0:
            self._countdown.start()
        self._tick()

    def _tick(self) -> None:
        self._wait_left = max(0.0, self._wait_until - monotonic())
        if self._wait_left <= 0:
            if self._countdown.isActive():
                # The wait is over: the message that caused it has done its work.
                self.show_problem("")
            self._countdown.stop()
            self.wait_label.hide()
            self.unlock_button.setEnabled(self.passphrase.isEnabled())
            return
        seconds = math.ceil(self._wait_left)
        self.wait_label.setText(self.tr("You can try again in %n second(s).", "", seconds))
        self.wait_label.show()
        self.unlock_button.setEnabled(False)

    def _submit(self) -> None:
        if self._wait_left > 0:
            # Enter during the wait is not ignored in silence: say how long, keep what was typed.
            self.show_problem(self.tr("Wait %n more second(s), then press Enter again.", "",
                                      math.ceil(self._wait_left)))
            return
        if not self.passphrase.text():
            self.show_problem(self.tr("Type your passphrase first."))
            return
        self.show_problem("")
        self.unlock_requested.emit(self.passphrase.text())

    def focus_passphrase(self) -> None:
        self.passphrase.setFocus()  # Qt.FocusReason.OtherFocusReason (Qt not needed here: see desktop.qt)
