"""Choosing the form for a new report: the forms for the user's role first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import text as tx
from forms import Form


def ordered_forms(forms_list: list[Form], role: str | None) -> list[Form]:
    """The role's forms first, then the others, each group in catalogue order."""
    own = [f for f in forms_list if f.audience == role]
    rest = [f for f in forms_list if f.audience != role]
    return own + rest


class FormPickerDialog(QDialog):
    """Signals:
        chosen(str): the id of the chosen form.
    """

    chosen = Signal(str)

    def __init__(self, forms_list: list[Form], role: str | None, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formPicker")
        self.setModal(True)
        self.setWindowTitle(self.tr("New report"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Which form do you want to use? The form for your work is at the top."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("formList")  # one card per form (style sheet), easy to tell apart
        self.list.setAccessibleName(self.tr("Forms"))
        intro.setBuddy(self.list)
        for form in ordered_forms(forms_list, role):
            title = tx(form.title, lang)
            description = tx(form.description, lang)
            item = QListWidgetItem(f"{title}\n{description}" if description else title, self.list)
            item.setData(Qt.ItemDataRole.UserRole, form.id)
            item.setToolTip(description)
        self.list.setCurrentRow(0)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(self)
        self.start_button = buttons.addButton(self.tr("&Start report"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setDefault(True)
        self.start_button.setObjectName("primary")
        self.start_button.style().unpolish(self.start_button)
        self.start_button.style().polish(self.start_button)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._choose)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _i: self._choose())
        layout.addWidget(buttons)
        self.resize(560, 360)

    def _choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.accept()
        self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
