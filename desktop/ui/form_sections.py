"""The parts of a form view that are built once per form: a page per section, the guard that keeps
a choice list from changing by accident, and the question before a draft is deleted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import text as tx
from desktop.qt import translate
from desktop.ui.common import Banner
from desktop.ui.fields import FieldWidget, widget_for
from forms import Form, Section
from signaal_common.dates import format_when

if TYPE_CHECKING:
    from desktop.core.store import Record

FIELD_MAX_WIDTH = 820


def build_header(parent: QWidget, outer: QVBoxLayout) -> tuple[QPushButton, QLabel, QLabel]:
    """Back to the list, the form's title and the save status, in a row above the form."""
    head = QHBoxLayout()
    back = QPushButton(parent)
    back.setObjectName("flat")
    head.addWidget(back)
    title = QLabel(parent)
    title.setObjectName("pageTitle")
    # A long form title must not widen the window: it may be cut off instead.
    title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    title.setMinimumWidth(120)
    head.addWidget(title, 1)
    status = QLabel(parent)
    status.setObjectName("hint")
    head.addWidget(status)
    outer.addLayout(head)
    return back, title, status


@dataclass
class FormButtons:
    delete: QPushButton
    withdraw: QPushButton
    addition: QPushButton
    required_hint: QLabel
    previous: QPushButton
    next: QPushButton
    save: QPushButton
    finalise: QPushButton


def build_footer(parent: QWidget, outer: QVBoxLayout) -> FormButtons:
    """Deleting and withdrawing on the left, the "required" hint, then moving on and finishing."""
    foot = QHBoxLayout()
    def button() -> QPushButton:
        return QPushButton(parent)

    bar = FormButtons(delete=button(), withdraw=button(), addition=button(), required_hint=QLabel(parent),
                      previous=button(), next=button(), save=button(), finalise=button())
    bar.delete.setObjectName("danger")
    bar.required_hint.setObjectName("hint")
    bar.finalise.setObjectName("primary")
    for widget in (bar.delete, bar.required_hint, bar.withdraw, bar.addition):
        foot.addWidget(widget)
    foot.addStretch(1)
    for widget in (bar.previous, bar.next, bar.save, bar.finalise):
        foot.addWidget(widget)
    for pushed in (bar.delete, bar.withdraw, bar.previous, bar.next, bar.save, bar.finalise):
        pushed.setAutoDefault(True)  # Enter presses the button with the focus, as Space does
    outer.addLayout(foot)
    return bar


@dataclass
class SectionPage:
    """One section of a form: its page in the stack, its title and help, and its field widgets."""

    scroll: QScrollArea
    title: QLabel
    help_label: QLabel
    widgets: dict[str, FieldWidget] = field(default_factory=dict)
    basis_guidance: Banner | None = None


def build_section(form: Form, section: Section, lang: str, index: QListWidget, pages: QStackedWidget,
                  on_change: Callable[[str], None]) -> SectionPage:
    """A scrollable page for ``section`` added to ``pages``, and its entry in the section ``index``.
    Under the field that chooses the legal basis sits a banner for what that basis means."""
    item = QListWidgetItem("", index)
    item.setData(Qt.ItemDataRole.UserRole, section.id)
    scroll = QScrollArea(pages)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own
    content = QWidget(scroll)
    content.setObjectName("sectionContent")
    layout = QVBoxLayout(content)
    layout.setContentsMargins(16, 8, 24, 16)
    title = QLabel(content)
    title.setObjectName("sectionTitle")
    title.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(title)
    help_label = QLabel(content)
    help_label.setObjectName("hint")
    help_label.setWordWrap(True)
    help_label.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(help_label)
    page = SectionPage(scroll, title, help_label)
    for question in section.fields:
        widget = widget_for(question, lang, content)
        widget.setMaximumWidth(FIELD_MAX_WIDTH)
        widget.changed.connect(lambda fid=question.id: on_change(fid))
        if question.filled_by_signaal:  # shown, not asked (e.g. the report an addition adds to)
            widget.set_read_only(True)
        page.widgets[question.id] = widget
        layout.addWidget(widget)
        if form.legal is not None and question.id == form.legal.basis_field:
            page.basis_guidance = Banner("info", content)
            page.basis_guidance.setMaximumWidth(FIELD_MAX_WIDTH)
            layout.addWidget(page.basis_guidance)
    layout.addStretch(1)
    scroll.setWidget(content)
    pages.addWidget(scroll)
    return page


def number_sections(index: QListWidget, form: Form, lang: str) -> None:
    """Number the sections that are shown 1, 2, 3…: a hidden one leaves no gap in the index. Alt and
    the number opens a section (the same keys in every language)."""
    shown = 0
    for number, section in enumerate(form.sections):
        if not index.isRowHidden(number):
            shown += 1
        item = index.item(number)
        if item is None:  # a view already wiped (closed or locked) hears of a language change
            return
        item.setText(f"{shown}. {tx(section.title, lang)}")
        item.setToolTip(translate("FormView", "Alt+%1").replace("%1", str(shown)) if shown <= 9 else "")


class ChoiceListGuard(QObject):
    """A choice list never changes its answer by accident: Ctrl+PgUp/PgDown turn the page (also
    where the key reaches the list instead of the form's shortcut), and the mouse wheel over a list
    that is not being edited scrolls the page."""

    def __init__(self, pages: QStackedWidget, step: Callable[[int], None], parent: QObject) -> None:
        super().__init__(parent)
        self._pages = pages
        self._step = step

    def watch(self, root: QWidget) -> None:
        for combo in root.findChildren(QComboBox):
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not isinstance(obj, QComboBox):
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers == Qt.KeyboardModifier.ControlModifier and event.key() in (
                    Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._step(+1 if event.key() == Qt.Key.Key_PageDown else -1)
                return True
        elif kind == QEvent.Type.Wheel and not obj.hasFocus():
            page = self._pages.currentWidget()
            if isinstance(page, QScrollArea):
                QApplication.sendEvent(page.verticalScrollBar(), event)
            return True
        return False


def confirm_delete_box(parent: QWidget, on_delete: Callable[[], None]) -> QMessageBox:
    """The question before a draft is deleted; keeping it is the default and what Escape does."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("FormView", "Delete draft"),
                      translate("FormView", "Delete this draft? It cannot be brought back. The audit "
                                            "log keeps only that a draft was deleted, not what was "
                                            "in it."),
                      QMessageBox.StandardButton.NoButton, parent)
    delete = box.addButton(translate("FormView", "&Delete draft"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(translate("FormView", "&Keep draft"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    delete.clicked.connect(on_delete)
    return box


def state_banner_text(state: str, record: Record | None) -> str:
    """What the banner above a report that can no longer be changed says."""
    if state == "sent":
        text = translate("FormView", "Sent on %1. CoMensha has confirmed receipt; the receipt is kept "
                                     "with this report.").replace(
            "%1", format_when(record.sent_at if record is not None else None))
    elif state == "purged":
        text = translate("FormView", "The content of this report was cleaned up after the retention "
                                     "period. The receipt is kept.")
    else:
        text = translate("FormView", "Finalised. This report can no longer be changed and waits to be "
                                     "sent to CoMensha.")
    if record is not None and record.conflict:
        text += " " + translate("FormView", "CoMensha reported a problem with this report; contact "
                                            "CoMensha.")
    return text


@dataclass(frozen=True)
class LocalProblem:
    """A problem the widget itself knows (a date that cannot be read), shaped like forms' problems."""

    field_id: str
    message: str
    code: str = "date"
