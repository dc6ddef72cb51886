"""First start: what Signaal does, a passphrase (twice), the role and the language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from desktop import i18n
from desktop.ui.common import (
    MIN_PASSPHRASE_LENGTH,
    ROLES,
    Banner,
    BusyIndicator,
    PassphraseEdit,
    centred_card,
    passphrase_strength,
    role_name,
    strength_text,
)


class SetupPage(QWidget):
    """The first screen on a machine without a store.

    Signals:
        create_requested(str, str, str): passphrase, role, language.
        language_chosen(str): the user picked another language (applies at once).
    """

    create_requested = Signal(str, str, str)
    restore_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problem_text: Callable[[], str] | None = None
        self.setObjectName("setupPage")
        card, layout, self.title, self.intro = centred_card(
            self, max_width=640, card_stretch=4, above=1, below=1, flush=True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.language = QComboBox(card)
        for code, name in i18n.language_names().items():
            self.language.addItem(name, code)
        self.language_label = QLabel(card)
        self.language_label.setBuddy(self.language)
        form.addRow(self.language_label, self.language)

        self.passphrase = PassphraseEdit(card)
        self.passphrase_label = QLabel(card)
        self.passphrase_label.setBuddy(self.passphrase)
        form.addRow(self.passphrase_label, self.passphrase)
        self.strength = QLabel(card)
        self.strength.setObjectName("hint")
        self.strength.setWordWrap(True)
        # As wide as the passphrase field: a wrapped label would otherwise take its narrow hint.
        self.strength.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        form.addRow("", self.strength)
        self.repeat = PassphraseEdit(card)
        self.repeat_label = QLabel(card)
        self.repeat_label.setBuddy(self.repeat)
        form.addRow(self.repeat_label, self.repeat)

        self.role = QComboBox(card)
        for role in ROLES:
            self.role.addItem("", role)
        self.role_label = QLabel(card)
        self.role_label.setBuddy(self.role)
        form.addRow(self.role_label, self.role)
        layout.addLayout(form)

        self.warning = Banner("warning", card)
        layout.addWidget(self.warning)
        self.problem = QLabel(card)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.busy = BusyIndicator(card)
        layout.addWidget(self.busy)
        buttons = QHBoxLayout()
        # A new laptop: start from a backup instead of empty.
        self.restore_button = QPushButton(card)
        self.restore_button.setObjectName("flat")
        self.restore_button.clicked.connect(self.restore_requested)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        self.create_button = QPushButton(card)
        self.create_button.setObjectName("primary")
        self.create_button.setDefault(True)
        self.create_button.setAutoDefault(True)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)

        self.setTabOrder(self.language, self.passphrase)
        self.setTabOrder(self.passphrase, self.repeat)
        self.setTabOrder(self.repeat, self.role)
        self.setTabOrder(self.role, self.create_button)

        self.passphrase.textChanged.connect(self._update_strength)
        self.repeat.returnPressed.connect(self._submit)
        self.passphrase.returnPressed.connect(self.repeat.setFocus)
        self.create_button.clicked.connect(self._submit)
        self.language.activated.connect(lambda _i: self.language_chosen.emit(self.language.currentData()))
        self.retranslate()

    def keyPressEvent(self, event: Any) -> None:
        # Enter in the last field (the choice of work) starts, as it does in the passphrase fields.
        # (Return and keypad Enter both type "\r"; asking by text keeps PySide6's Qt namespace,
        # ~10 ms of enums, off the way to the first screen: see desktop.qt.)
        if (event.text() == "\r" and self.focusWidget() is self.role
                and self.create_button.isEnabled()):
            self._submit()
            return
        super().keyPressEvent(event)

    def set_language(self, lang: str) -> None:
        index = self.language.findData(lang)
        if index >= 0:
            self.language.setCurrentIndex(index)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome to Signaal"))
        self.intro.setText(
            self.tr(
                "Signaal helps you record signals of possible human trafficking for CoMensha, also "
                "without an internet connection. What you enter stays encrypted on this computer, "
                "protected by your passphrase. When you finalise a report it is sealed so that only "
                "CoMensha can read it, and it is sent as soon as there is a connection."
            )
        )
        self.language_label.setText(self.tr("&Language"))
        self.passphrase_label.setText(self.tr("&Passphrase"))
        self.repeat_label.setText(self.tr("&Repeat passphrase"))
        self.role_label.setText(self.tr("&Your work"))
        self.language.setAccessibleName(self.tr("Language"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setPlaceholderText(self.tr("For example: three or four words you will remember"))
        self.repeat.setAccessibleName(self.tr("Repeat passphrase"))
        self.role.setAccessibleName(self.tr("Your work"))
        for i in range(self.role.count()):
            self.role.setItemText(i, role_name(self.role.itemData(i)))
        self.warning.setText(
            self.tr(
                "Write your passphrase down somewhere safe. If you forget it, nobody can open your "
                "drafts on this computer again: they are lost. Reports you have already finalised "
                "are sealed for CoMensha and are not lost. You can change your work later in the "
                "settings."
            )
        )
        self.create_button.setText(self.tr("&Start using Signaal"))
        self.restore_button.setText(self.tr("&Restore a backup…"))
        self._update_strength()
        # A problem on screen is said again in the new language, not left in the old one.
        if self._problem_text is not None:
            self.problem.setText(self._problem_text())

    def _update_strength(self) -> None:
        score = passphrase_strength(self.passphrase.text())
        self.strength.setText(strength_text(score) if self.passphrase.text() else
                              self.tr("Use at least %n characters.", "", MIN_PASSPHRASE_LENGTH))
        self.strength.setProperty("score", score)

    def show_problem(self, text: str | Callable[[], str]) -> None:
        """Show a problem; given as a function, its text follows a change of language."""
        self._problem_text = text if callable(text) else (lambda: text)
        self.problem.setText(self._problem_text())
        self.problem.setVisible(bool(self.problem.text()))

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.create_button.setEnabled(not busy)
        for w in (self.passphrase, self.repeat, self.role, self.language):
            w.setEnabled(not busy)

    def clear(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self.show_problem("")

    def _submit(self) -> None:
        passphrase = self.passphrase.text()
        if len(passphrase) < MIN_PASSPHRASE_LENGTH:
            self.show_problem(lambda: self.tr("The passphrase is too short. Use at least %n characters.",
                                              "", MIN_PASSPHRASE_LENGTH))
            self.passphrase.setFocus()  # OtherFocusReason
            self.passphrase.selectAll()  # what is typed next replaces it, not adds to it
            return
        if passphrase != self.repeat.text():
            self.show_problem(lambda: self.tr("The two passphrases are not the same. Type the passphrase "
                                              "again in both fields."))
            # Either one may hold the typing error, and the dots do not show which: start again.
            self.passphrase.clear()
            self.repeat.clear()
            self.passphrase.setFocus()  # OtherFocusReason
            return
        self.show_problem("")
        self.create_requested.emit(passphrase, self.role.currentData(), self.language.currentData())
