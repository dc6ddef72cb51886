"""The keyboard flow of a form view, and the answers a form fills in for the user.

- Enter in a field, and a one-key answer (J/N/W in a yes / no / don't know question, 1…n in a list
  of options, T in a date), move on to the next question that still needs an answer: the next
  required field without an answer, in this section or a later one; when none is left, to
  "Finalise…". Tab still visits every field in order.
- Alt+1…9 open section 1…9 of the index (the same keys in every language); Ctrl+PgDown/PgUp turn
  the page (shown in the buttons' tooltips).
- A line under the form says which keys the field with the focus understands.
- Prefilled answers (``forms.new_report_answers``, ``forms.derived_answer``): today's date in a
  new report, "minor" from a typed age. They are marked as filled in, stay editable, and never
  replace an answer the user chose (or one a draft already holds).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QWidget

import forms
from desktop.qt import translate
from desktop.ui.fields import DateWidget, FieldWidget

if TYPE_CHECKING:
    from desktop.ui.form_view import FormView

SECTION_KEYS = 9


class FormKeys(QObject):
    def __init__(self, view: FormView, *, new_report: bool) -> None:
        super().__init__(view)
        self.view = view
        self.hint = QLabel(view)
        self.hint.setObjectName("keyHint")
        self.hint.setWordWrap(True)
        view.outer.insertWidget(view.outer.count() - 1, self.hint)  # above the buttons
        for field_id, widget in view.widgets.items():
            widget.advance.connect(lambda fid=field_id: self.advance_from(fid))
        view.finalised.connect(lambda _record_id: self.hint.setText(""))  # read-only now
        # Answers the user (or the draft) gave are never replaced by one that follows from others.
        answers = view.answers()
        self._derivable = [fid for fid in forms.prefill_fields(view.form) if fid in view.widgets]
        self._chosen: set[str] = {fid for fid in self._derivable if fid in answers}
        self._shortcuts: list[QShortcut] = []
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for number in range(1, SECTION_KEYS + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), view, context=context)
            shortcut.activated.connect(lambda n=number: self.open_section(n))
            self._shortcuts.append(shortcut)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        if new_report:
            self._prefill_new()

    # -- moving on -----------------------------------------------------------------------------
    def needing_answer(self) -> list[str]:
        """Fields (in form order) that still keep the report from being finalised."""
        answers = self.view.answers()
        visible = forms.visible_field_ids(self.view.form, answers)
        wrong = {p.field_id for p in forms.validate(self.view.form, answers, level="final")}
        wrong |= {fid for fid, w in self.view.widgets.items()
                  if isinstance(w, DateWidget) and w.local_problem()}
        return [f.id for f in self.view.form.all_fields()
                if f.id in wrong and f.id in visible and f.id in self.view.widgets]

    def advance_from(self, field_id: str) -> None:
        """To the next field that needs an answer after ``field_id`` (then from the top); when the
        report is complete, to "Finalise…"."""
        if self.view.read_only:
            return
        order = [f.id for f in self.view.form.all_fields()]
        needed = self.needing_answer()
        here = order.index(field_id) if field_id in order else -1
        later = [fid for fid in needed if order.index(fid) > here]
        if not needed:
            self.view.finalise_button.setFocus(Qt.FocusReason.TabFocusReason)
            return
        target = (later or needed)[0]
        self.view.jump_to(target)
        section = self.view.form.section_of(target)
        first = next((f.id for f in section.fields if self.view.widgets[f.id].isVisibleTo(self.view)), None)
        if first == target:  # a new section: its title in view, not scrolled past
            self.view.section_pages[self.view.pages.currentIndex()].verticalScrollBar().setValue(0)

    def tab(self, forward: bool, qt_step: Callable[[bool], bool]) -> bool:
        """Tab from the last field of a section goes to "Next" (or "Finalise…" in the last one),
        not to a stop outside the form (the window's "Hide now", the status bar)."""
        before = QApplication.focusWidget()
        page = self.view.pages.currentWidget()
        moved = qt_step(forward)
        after = QApplication.focusWidget()
        left_page = (forward and before is not None and page is not None and page.isAncestorOf(before)
                     and (after is None or not page.isAncestorOf(after)))
        if left_page:
            target = self.view.next_button if self.view.next_button.isEnabled() else self.view.finalise_button
            if target.isVisible() and target.isEnabled():
                target.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return moved

    def open_section(self, number: int) -> None:
        """Alt+n: the n-th section that is shown in the index."""
        index = self.view.index
        shown = [i for i in range(index.count()) if not index.isRowHidden(i)]
        if 1 <= number <= len(shown):
            index.setCurrentRow(shown[number - 1])
            self.view._step(0)

    # -- the hint line -------------------------------------------------------------------------
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.view.isAncestorOf(new):
            return
        if self.view.read_only:  # nothing to answer: no keys to explain
            self.hint.setText("")
            return
        widget: QWidget | None = new
        while widget is not None and not isinstance(widget, FieldWidget):
            widget = widget.parentWidget()
        text = widget.key_hint() if isinstance(widget, FieldWidget) else ""
        if not text and new in (self.view.next_button, self.view.finalise_button, self.view.prev_button):
            text = translate("FormView", "Enter or Space presses the button; Ctrl+PgDown: next section, "
                                         "Ctrl+Enter: finalise")
        self.hint.setText(text)

    # -- answers filled in for the user ---------------------------------------------------------
    def _prefill_new(self) -> None:
        for field_id, value in forms.new_report_answers(self.view.form).items():
            widget = self.view.widgets.get(field_id)
            if isinstance(widget, DateWidget) and widget.value() is None:
                widget.set_value(value)
                widget.set_prefilled(True, translate("Fields", "filled in: today; change it if needed"))

    def answer_changed(self, field_id: str) -> None:
        """After the user changed ``field_id``: fill in (or update) what follows from it."""
        if field_id in self._derivable:
            self._chosen.add(field_id)  # the user's own answer: it stays
            self.view.widgets[field_id].set_prefilled(False)
            return
        answers = self.view.answers()
        for target in self._derivable:
            if target in self._chosen:
                continue
            widget = self.view.widgets[target]
            if widget.value() is not None and not widget.prefilled:
                continue  # an answer that was not filled in here: never replaced
            value = forms.derived_answer(self.view.form, target, answers)
            if value != widget.value():
                widget.set_value(value)  # also back to no answer when the age no longer says
            widget.set_prefilled(value is not None, translate(
                "Fields", "filled in from the age; change it if needed"))
