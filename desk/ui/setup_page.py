"""First start of the desk: a passphrase (twice) for its encrypted store and CoMensha's key file.

The key file is the one ``signaal-receiver init`` wrote (``sealing-private.key``); its private
key goes into the encrypted store and the desk opens reports with it from then on. The file
itself is left as it is: it is CoMensha's offline backup of the key.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop import i18n
from desktop.ui.common import (
    MIN_PASSPHRASE_LENGTH,
    BusyIndicator,
    PassphraseEdit,
    centred_card,
    passphrase_strength,
    strength_text,
)


class DeskSetupPage(QWidget):
    """Signals: create_requested(passphrase, key file path); language_chosen(str)."""

    create_requested = Signal(str, str)
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskSetupPage")
        card, layout, self.title, self.intro = centred_card(self, max_width=640, card_stretch=4, above=1,
                                                            below=1)
        form = QFormLayout()
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
        form.addRow("", self.strength)
        self.repeat = PassphraseEdit(card)
        self.repeat_label = QLabel(card)
        self.repeat_label.setBuddy(self.repeat)
        form.addRow(self.repeat_label, self.repeat)
        key_row = QHBoxLayout()
        self.key_file = QLineEdit(card)
        self.key_file.setObjectName("keyFile")
        self.browse = QPushButton(card)
        self.browse.clicked.connect(self._browse)
        key_row.addWidget(self.key_file, 1)
        key_row.addWidget(self.browse)
        self.key_label = QLabel(card)
        self.key_label.setBuddy(self.key_file)
        form.addRow(self.key_label, key_row)
        layout.addLayout(form)
        self.problem = QLabel(card)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.busy = BusyIndicator(card)
        layout.addWidget(self.busy)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.create_button = QPushButton(card)
        self.create_button.setObjectName("primary")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._submit)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        self.passphrase.textChanged.connect(self._update_strength)
        # A default button acts on Enter only in a dialog: the fields submit the page themselves.
        for edit in (self.passphrase, self.repeat, self.key_file):
            edit.returnPressed.connect(self._submit)
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
        self.title.setText(self.tr("Set up Signaal Desk"))
        self.intro.setText(self.tr(
            "Signaal Desk opens the reports sent to CoMensha on this computer, with CoMensha's private "
            "key. It keeps the key and the reports in an encrypted store that only your passphrase "
            "opens. Choose a passphrase and the key file that 'signaal-receiver init' wrote."))
        self.language_label.setText(self.tr("&Language"))
        self.passphrase_label.setText(self.tr("&Passphrase"))
        self.repeat_label.setText(self.tr("&Repeat passphrase"))
        self.key_label.setText(self.tr("&Key file"))
        self.browse.setText(self.tr("&Choose…"))
        self.create_button.setText(self.tr("&Set up"))
        self._update_strength()

    def _update_strength(self) -> None:
        text = self.passphrase.text()
        self.strength.setText(strength_text(passphrase_strength(text)) if text else
                              self.tr("At least %n characters.", "", MIN_PASSPHRASE_LENGTH))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("CoMensha's key file"))
        if path:
            self.key_file.setText(path)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.create_button.setEnabled(not busy)

    def _submit(self) -> None:
        if self.passphrase.text() != self.repeat.text():
            self.show_problem(self.tr("The two passphrases differ. Type them again."))
            return
        if not self.key_file.text().strip():
            self.show_problem(self.tr("Choose CoMensha's key file first."))
            return
        self.show_problem("")
        self.create_requested.emit(self.passphrase.text(), self.key_file.text().strip())
