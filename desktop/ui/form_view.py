"""The form view: a report being written (or read, once final), built from its definition.

Sections are listed on the left; each section is a page. Conditional fields and sections appear
and disappear as answers change (``forms.visible_field_ids``); problems from ``forms.validate``
show under the field they belong to. Every change is saved at most ``SAVE_DELAY_MS`` after the
last keystroke, and at once on every navigation (section, back to the list, lock, finalise),
through the store worker: a crash loses at most the last two seconds.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import forms
from desktop.core import operations
from desktop.i18n import text as tx
from desktop.ui import form_follow_ups as follow_ups
from desktop.ui.common import Banner, error_text, report_if_unexpected, state_name
from desktop.ui.fields import DateWidget, FieldWidget
from desktop.ui.finalise import FinaliseDialog, summary_rows
from desktop.ui.form_keys import FormKeys
from desktop.ui.form_sections import (
    ChoiceListGuard,
    LocalProblem,
    build_footer,
    build_header,
    build_section,
    confirm_delete_box,
    number_sections,
    state_banner_text,
)
from forms.model import NoticeField

if TYPE_CHECKING:
    from desktop.core.store import Record, Store

SAVE_DELAY_MS = 800  # after the last change
MAX_UNSAVED_S = 1.5  # while typing without pause, save at least this often

T = TypeVar("T")


class Submit(Protocol):
    """``StoreWorker.submit``: ``fn(store)`` runs on the store worker, the callbacks on the UI thread."""

    def __call__(self, fn: Callable[[Store], T], on_done: Callable[[T], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None, *,
                 survive_lock: bool = False) -> object: ...


class FormView(QWidget):
    """Signals:
        closed(): the user went back to the list (after the last save was queued).
        saved(str): a save reached the store (record id).
        finalised(str): the record is final.
        deleted(str)
        problem(str): a plain sentence for the status bar / a notice.
    """

    closed = Signal()
    saved = Signal(str)
    finalised = Signal(str)
    deleted = Signal(str)
    problem = Signal(str)
    withdraw_requested = Signal(str)  # the envelope id of this (sent) report
    addition_requested = Signal(str, str)  # its envelope id and form id (form_follow_ups)

    def __init__(self, form: forms.Form, submit: Submit, lang: str, *, record: Record | None = None,
                 initial: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formView")
        self.form = form
        self._submit = submit
        self.lang = lang
        self.record_id: str | None = record.id if record is not None else None
        # The id a new draft is saved under, chosen now so that every save of it (also two queued
        # behind each other) goes to the same record.
        self.draft_id: str = self.record_id or str(uuid.uuid4())
        self.state: str = record.state if record is not None else "draft"
        self.record = record
        self.read_only = self.state != "draft"
        self._dirty = False
        self._disposed = False
        self._dirty_since = 0.0
        self._saving = False
        self._after_save: list[Callable[[], None]] = []
        self._touched: set[str] = set()
        self._show_all_problems = False
        self._last_saved_at: float | None = None
        self._danger_field: str | None = None  # the id of the "danger" notice shown, if any
        self.dialog: FinaliseDialog | None = None
        self.confirm_delete: QMessageBox | None = None

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)

        self.outer = outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        self.back_button, self.title, self.status = build_header(self, outer)

        self.state_banner = Banner("info", self)
        self.state_banner.hide()
        outer.addWidget(self.state_banner)
        self.danger_banner = Banner("danger", self)
        self.danger_banner.hide()
        outer.addWidget(self.danger_banner)

        body = QHBoxLayout()
        self.index = QListWidget(self)
        self.index.setObjectName("sectionIndex")
        self.index.setFixedWidth(220)
        # A long section title wraps onto a second line instead of being cut off with a scroll bar.
        self.index.setWordWrap(True)
        self.index.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.index.setTextElideMode(Qt.TextElideMode.ElideNone)
        body.addWidget(self.index)
        self.pages = QStackedWidget(self)
        body.addWidget(self.pages, 1)
        outer.addLayout(body, 1)

        bar = build_footer(self, outer)
        self.delete_button, self.withdraw_button = bar.delete, bar.withdraw
        self.prev_button, self.next_button = bar.previous, bar.next
        self.save_button, self.finalise_button = bar.save, bar.finalise
        self.required_hint = bar.required_hint
        self.addition_button, self._bar = bar.addition, bar

        self.widgets: dict[str, FieldWidget] = {}
        self.basis_guidance: Banner | None = None
        self.section_pages: list[QScrollArea] = []
        self.section_titles: list[tuple[QLabel, QLabel]] = []
        self._section_of: dict[str, int] = {}
        for number, section in enumerate(form.sections):
            self._build_section(number, section)

        stored = record.answers if record is not None else None  # None or {}: purged
        answers = dict(stored or {**form.defaults, **(initial or {})})
        if initial:
            self._dirty = True  # a follow-up starts with what it refers to: saved as soon as it opens
        for field_id, value in answers.items():
            widget = self.widgets.get(field_id)
            if widget is not None:
                widget.set_value(value)
        follow_ups.attach(self, bar, submit)

        self.index.currentRowChanged.connect(self._go_to_section)
        self.back_button.clicked.connect(self.close_view)
        self.prev_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(+1))
        self.save_button.clicked.connect(self.save_now)
        self.finalise_button.clicked.connect(self.begin_finalise)
        self.delete_button.clicked.connect(self.ask_delete)
        # F1 is the window's action (MainWindow._help), which calls show_help() here.
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self._shortcuts = []
        for keys, slot in (("Ctrl+S", self.save_now), ("Ctrl+Return", self.begin_finalise),
                           ("Ctrl+Enter", self.begin_finalise), ("Ctrl+Shift+F", self.begin_finalise),
                           ("Alt+Left", self.close_view),
                           ("Ctrl+PgDown", lambda: self._step(+1)), ("Ctrl+PgUp", lambda: self._step(-1))):
            shortcut = QShortcut(QKeySequence(keys), self, context=context)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

        # Tab order: the fields, then Next, Save, Finalise, Previous, deleting; then back to the
        # list and the section index, and round to the fields again. Tab from the last field
        # must reach "Next", not "back to my reports".
        self.setTabOrder(self.finalise_button, self.prev_button)
        self.setTabOrder(self.prev_button, self.delete_button)
        self.setTabOrder(self.next_button, self.save_button)
        self.setTabOrder(self.save_button, self.finalise_button)
        self.setTabOrder(self.delete_button, self.back_button)
        self.setTabOrder(self.back_button, self.index)
        self._choice_guard = ChoiceListGuard(self.pages, self._step, self)
        self._choice_guard.watch(self)
        self.keys = FormKeys(self, new_report=record is None)
        if self.read_only:
            for widget in self.widgets.values():
                widget.set_read_only(True)
        self.retranslate()
        self._refresh(initial=True)
        self.index.setCurrentRow(self._first_visible_section())

    # -- building ------------------------------------------------------------------------------
    def _build_section(self, number: int, section: forms.Section) -> None:
        page = build_section(self.form, section, self.lang, self.index, self.pages, self._changed)
        self.widgets.update(page.widgets)
        self._section_of.update(dict.fromkeys(page.widgets, number))
        if page.basis_guidance is not None:
            self.basis_guidance = page.basis_guidance  # what the chosen basis means, under the choice
        self.section_pages.append(page.scroll)
        self.section_titles.append((page.title, page.help_label))

    def focusNextPrevChild(self, next: bool) -> bool:
        return self.keys.tab(next, super().focusNextPrevChild)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        """Form texts come from the definition; switch them too."""
        self.lang = lang
        for widget in self.widgets.values():
            widget.set_language(lang)
        self.retranslate()
        self._refresh()

    def retranslate(self) -> None:
        self.title.setText(tx(self.form.title, self.lang))
        self._number_sections()
        for number, section in enumerate(self.form.sections):
            title, help_label = self.section_titles[number]
            title.setText(tx(section.title, self.lang))
            help_label.setText(tx(section.help, self.lang))
            help_label.setVisible(bool(help_label.text()))
        self.index.setAccessibleName(self.tr("Sections of the form"))
        self.back_button.setText(self.tr("← My reports"))
        self.back_button.setToolTip(self.tr("Back to my reports (Alt+Left). Your work is saved."))
        # No letter mnemonic (it differed by language): Ctrl+PgUp/PgDown in every language.
        self.prev_button.setText(self.tr("Previous"))
        self.prev_button.setToolTip(self.tr("Previous section (Ctrl+PgUp)"))
        self.next_button.setText(self.tr("Next"))
        self.next_button.setToolTip(self.tr("Next section (Ctrl+PgDown); Alt+1…9 opens a section"))
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save now (Ctrl+S). Signaal also saves while you type."))
        self.finalise_button.setText(self.tr("&Finalise…"))
        self.finalise_button.setToolTip(self.tr("Check and finalise the report (Ctrl+Enter)"))
        self.delete_button.setText(self.tr("&Delete draft"))
        self.required_hint.setText("" if self.read_only else self.tr("* required to finalise"))
        for button in (self.save_button, self.finalise_button, self.delete_button):
            button.setVisible(not self.read_only)
        follow_ups.retranslate(self, self._bar)
        self._update_state_banner()
        self._update_status()

    def _update_state_banner(self) -> None:
        if not self.read_only:
            self.state_banner.hide()
            return
        text = state_banner_text(self.state, self.record)
        self.state_banner.setText(text)
        self.state_banner.show()

    def show_receipt(self, widget: QWidget) -> None:  # above the form (by the delivery view)
        self.outer.insertWidget(2, widget)

    # -- answers -------------------------------------------------------------------------------
    def answers(self) -> dict[str, Any]:
        result = {}
        for field_id, widget in self.widgets.items():
            value = widget.value()
            if value is not None:
                result[field_id] = value
        return result

    def summary(self, answers: dict[str, Any] | None = None) -> str:
        return forms.summary_line(self.form, answers if answers is not None else self.answers(),
                                  lang=self.lang)

    def dispose(self) -> None:
        """Stop saving and emitting: the view is about to be wiped and deleted (lock, close)."""
        self._disposed = True
        self._timer.stop()
        self._after_save.clear()
        for widget in self.widgets.values():
            widget.blockSignals(True)
        self.blockSignals(True)

    def _changed(self, field_id: str) -> None:
        if self.read_only or self._disposed:
            return
        self._touched.add(field_id)
        self.keys.answer_changed(field_id)
        if not self._dirty:
            self._dirty_since = time.monotonic()
        self._dirty = True
        self._refresh()
        if time.monotonic() - self._dirty_since >= MAX_UNSAVED_S:
            self.save_now()
        else:
            self._timer.start()
        self._update_status()

    def _refresh(self, initial: bool = False) -> None:
        answers = self.answers()
        visible = set(forms.visible_field_ids(self.form, answers))
        for field_id, widget in self.widgets.items():
            widget.setVisible(field_id in visible)
        for number, section in enumerate(self.form.sections):
            shown = any(f.id in visible for f in section.fields)
            self.index.setRowHidden(number, not shown)
        self._number_sections()
        # A notice of severity "danger" (call 112) also stays at the top, whatever section is open.
        danger = next((w.field for fid, w in self.widgets.items() if fid in visible
                       and isinstance(w.field, NoticeField) and w.field.severity == "danger"), None)
        if danger is not None:
            self.danger_banner.setText(f"{tx(danger.label, self.lang)}\n{tx(danger.text, self.lang)}")
        # Not twice on one screen: the inline notice is enough when its section is open.
        self._danger_field = danger.id if danger is not None else None
        self._update_danger_banner()
        self._update_basis_guidance(answers)
        if not self.read_only:
            # After "Afronden…" listed what is missing, keep the final checks: changing one field
            # must not clear the "required" marks of the others that are still empty.
            self._show_problems(answers, visible, "final" if self._show_all_problems else "draft")

    def _number_sections(self) -> None:
        number_sections(self.index, self.form, self.lang)

    def _update_basis_guidance(self, answers: dict[str, Any]) -> None:
        route = self.form.legal
        if self.basis_guidance is None or route is None or route.basis_field is None:
            return
        basis = route.basis(str(answers.get(route.basis_field, "")))
        self.basis_guidance.setText(tx(basis.guidance if basis is not None else route.guidance, self.lang))
        self.basis_guidance.setVisible(not self.widgets[route.basis_field].isHidden())

    def _update_danger_banner(self) -> None:
        field_id = self._danger_field
        shown = (field_id is not None and not self.read_only
                 and self._section_of.get(field_id) != self.pages.currentIndex())
        self.danger_banner.setVisible(shown)

    def _show_problems(self, answers: dict[str, Any], visible: set[str], level: str
                       ) -> list[forms.Problem | LocalProblem]:
        problems: list[forms.Problem | LocalProblem] = list(forms.validate(self.form, answers, level=level))
        by_field: dict[str, str] = {}
        for problem in problems:
            by_field.setdefault(problem.field_id, tx(problem.message, self.lang))
        for field_id, widget in self.widgets.items():
            message = None
            if isinstance(widget, DateWidget):
                message = widget.local_problem()
            if message is None and (self._show_all_problems or field_id in self._touched):
                message = by_field.get(field_id)
            widget.set_problem(message if field_id in visible else None)
        return problems

    # -- saving --------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:  # also while the first save of a new draft is on its way
        return self._dirty or self._saving

    def save_now(self, *, then: Callable[[], None] | None = None) -> None:
        """Queue a save of the current answers (if anything changed); ``then`` runs after it."""
        self._timer.stop()
        if self._disposed:
            return
        if then is not None:
            self._after_save.append(then)
        if self.read_only:
            self._run_after_save()
            return
        if self._saving:
            return  # the running save's callback saves again if still dirty
        if not self._dirty and (self.record_id is not None or then is None):
            self._run_after_save()
            return
        self._saving = True
        self._submit(self._save_job(), self._saved, self._save_failed, survive_lock=True)
        self._update_status()

    def flush(self) -> None:
        """Store what is typed now, also while a save runs: before a lock, an auto-lock or closing.

        The save is queued as a write that runs before the store closes; its callbacks are dropped
        with the view. Nothing typed before this call is lost.
        """
        self._timer.stop()
        if self._disposed or self.read_only or not self._dirty:
            return
        self._submit(self._save_job(), None, self._save_failed, survive_lock=True)

    def _save_job(self) -> Callable[[Store], str]:
        """A store job that saves the answers as they are now (and marks them saved)."""
        answers = self.answers()
        summary = self.summary(answers)
        draft_id, form_id, version = self.draft_id, self.form.id, self.form.version
        self._dirty = False

        def run(store: Store) -> str:
            return operations.save_draft_operation(store, draft_id, form_id, version, answers, summary)

        return run

    def _saved(self, record_id: str) -> None:
        self._saving = False
        self.record_id = record_id
        self._last_saved_at = time.time()
        self.saved.emit(record_id)
        if self._dirty:
            self.save_now()
            return
        self._update_status()
        self._run_after_save()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._dirty = True
        self._after_save.clear()
        report_if_unexpected(exc)
        self.problem.emit(self.tr("Your last changes could not be saved. %1").replace(
            "%1", error_text(exc, self.lang)))
        self._update_status()

    def _run_after_save(self) -> None:
        callbacks, self._after_save = self._after_save, []
        for callback in callbacks:
            callback()

    def _update_status(self) -> None:
        if self.read_only:
            self.status.setText(state_name(self.state))
        elif self._saving or self._dirty:
            self.status.setText(self.tr("Saving…") if self._saving else self.tr("Changes not yet saved"))
        elif self._last_saved_at is not None:
            self.status.setText(self.tr("Saved at %1").replace(
                "%1", time.strftime("%H:%M:%S", time.localtime(self._last_saved_at))))
        elif self.record_id is None:
            self.status.setText(self.tr("New draft: saved as soon as you type"))
        else:
            self.status.setText(self.tr("Draft"))

    # -- navigation ----------------------------------------------------------------------------
    def _first_visible_section(self) -> int:
        for i in range(self.index.count()):
            if not self.index.isRowHidden(i):
                return i
        return 0

    def _go_to_section(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        self._update_danger_banner()
        self.save_now()
        visible_rows = [i for i in range(self.index.count()) if not self.index.isRowHidden(i)]
        self.prev_button.setEnabled(bool(visible_rows) and row > visible_rows[0])
        self.next_button.setEnabled(bool(visible_rows) and row < visible_rows[-1])

    def _step(self, delta: int) -> None:
        row = self.index.currentRow() + delta
        while 0 <= row < self.index.count() and self.index.isRowHidden(row):
            row += delta
        if 0 <= row < self.index.count():
            self.index.setCurrentRow(row)
            widget = self.section_pages[row].widget()  # the section's content, set when built
            if widget is None:
                return
            for fw in widget.findChildren(FieldWidget):
                if fw.isVisibleTo(widget) and fw.focus_target() is not None:
                    fw.focus_input()
                    break

    def jump_to(self, field_id: str) -> None:
        """Open the field's section, scroll to it and put the cursor in it."""
        number = self._section_of.get(field_id)
        widget = self.widgets.get(field_id)
        if number is None or widget is None:
            return
        self.index.setCurrentRow(number)
        self.section_pages[number].ensureWidgetVisible(widget, 50, 50)
        widget.focus_input()

    def current_field_widget(self) -> FieldWidget | None:
        focus: QWidget | None = self.focusWidget()
        while focus is not None and not isinstance(focus, FieldWidget):
            focus = focus.parentWidget()
        return focus if isinstance(focus, FieldWidget) else None

    def show_help(self) -> None:
        widget = self.current_field_widget()
        if widget is not None:
            widget.show_help()
        else:
            self.problem.emit(tx(self.form.description, self.lang))

    def close_view(self) -> None:
        """Save what is pending, then go back to the list.

        A new report nobody typed in is not kept: opening one by mistake (Ctrl+N, a look at the
        form) must not leave an empty draft in the list.
        """
        if self.record_id is None and not self._dirty and not self._saving and not self.read_only:
            self._timer.stop()
            self.closed.emit()
            return
        self.save_now(then=self.closed.emit)

    # -- finalise and delete -------------------------------------------------------------------
    def final_problems(self) -> list[forms.Problem | LocalProblem]:
        answers = self.answers()
        visible = set(forms.visible_field_ids(self.form, answers))
        self._show_all_problems = True
        problems = self._show_problems(answers, visible, "final")
        return problems + [LocalProblem(fid, message) for fid, w in self.widgets.items()
                           if isinstance(w, DateWidget) and fid in visible and (message := w.local_problem())]

    def begin_finalise(self) -> None:
        if self.read_only or (self.dialog is not None and self.dialog.isVisible()):
            return
        self.save_now(then=self._open_finalise_dialog)

    def _open_finalise_dialog(self) -> None:
        problems = self.final_problems()
        listed = []
        for p in problems:
            widget = self.widgets.get(p.field_id)
            label = widget.label_text() if widget is not None else p.field_id
            message = p.message if isinstance(p.message, str) else tx(p.message, self.lang)
            listed.append((p.field_id, label, message))
        answers = self.clean_answers()
        rows: list[tuple[str, str, str]] = []
        staying: list[str] = []
        why = ""
        if not listed:
            rows, staying, why = summary_rows(self.form, answers, self.lang)
        self.dialog = FinaliseDialog(listed, rows, staying, self.summary(answers), self, why=why)
        self.dialog.jump_requested.connect(self.jump_to)
        self.dialog.confirmed.connect(self._finalise_confirmed)
        self.dialog.open()

    def clean_answers(self) -> dict[str, Any]:
        return dict(forms.clean_answers(self.form, self.answers()))

    def _finalise_confirmed(self) -> None:
        answers = self.clean_answers()
        summary = self.summary(answers)

        def go() -> None:
            record_id = self.draft_id  # runs after the save, which stored the draft under this id

            def run(store: Store) -> Record:
                return operations.finalise_operation(store, record_id, answers, summary)

            self._submit(run, self._finalised, self._finalise_failed, survive_lock=True)

        self.save_now(then=go)

    def _finalised(self, record: Record) -> None:
        self.record = record
        self.state = record.state
        self.read_only = True
        for widget in self.widgets.values():
            widget.set_read_only(True)
            widget.set_problem(None)
        self.danger_banner.hide()
        self.retranslate()
        self.finalised.emit(str(self.record_id))

    def _finalise_failed(self, exc: BaseException) -> None:
        report_if_unexpected(exc)
        self.problem.emit(self.tr("The report was not finalised. %1").replace(
            "%1", error_text(exc, self.lang)))

    def ask_delete(self) -> None:
        if self.read_only:
            return
        box = confirm_delete_box(self, self._delete_confirmed)
        self.confirm_delete = box
        box.open()

    def _delete_confirmed(self) -> None:
        self._timer.stop()
        self._dirty = False

        def go() -> None:
            record_id = self.record_id
            if record_id is None:
                self.deleted.emit("")
                return
            self._submit(lambda store: operations.delete_draft_operation(store, record_id),
                         lambda _r: self.deleted.emit(record_id),
                         lambda exc: self.problem.emit(error_text(exc, self.lang)))

        if self._saving:
            self._after_save.append(go)
        else:
            go()

