"""Render the main screens to PNG: ``python -m desktop.screenshots OUTDIR``.

Runs offscreen on a throwaway data dir with synthetic reports (no real names), a test-speed KDF
and an in-memory stand-in for the keyring. For documentation and for looking at the UI without
a display; never touches the user's data.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QWidget

import forms
from desktop import i18n
from desktop.app import create_window, make_application
from desktop.core.store import Store
from desktop.core.store.keys import MemorySecretStore, SecretStore
from desktop.ui.fields.base import FieldWidget
from desktop.ui.fields.checklist import ChecklistWidget
from desktop.ui.fields.date_number import IntegerWidget
from desktop.ui.form_view import FormView
from desktop.ui.main_window import MainWindow
from forms.model import (
    ChecklistField,
    CountryField,
    DateField,
    FormField,
    IntegerField,
    MultipleChoiceField,
    SingleChoiceField,
    YesNoUnknownField,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1100, 720)
# The small laptop screens the app must fit on: each rendered in Dutch and English.
SCREEN_SIZES = ((1024, 768), (1366, 768))
PASSPHRASE = "voorbeeld wachtwoordzin voor schermafbeeldingen"  # noqa: S105 - throwaway demo store


def _wait(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("screen did not get ready")
        QApplication.processEvents()
        time.sleep(0.01)


def _settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def complete_answers(form: forms.Form, seed: int = 0, *,
                     extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Synthetic answers that pass final validation (first options, fixed dates, no free text)."""
    answers: dict[str, Any] = dict(form.defaults)
    answers.update(extra or {})
    for _ in range(8):
        problems = forms.validate(form, answers, level="final")
        if not problems:
            break
        for problem in problems:
            field = form.field(problem.field_id)
            # A rule may reject the first pick: try the next option on the next round.
            answers[field.id] = _value_for(field, seed + (1 if field.id in answers else 0))
            seed += 1
    return answers


def _value_for(field: FormField, seed: int) -> Any:
    codes = [o.code for o in field.choices()]
    if isinstance(field, DateField):
        return (dt.date(2026, 11, 3) - dt.timedelta(days=seed % 30)).isoformat()
    if isinstance(field, IntegerField):
        low = field.minimum if field.minimum is not None else 0
        return max(low, 1)
    if isinstance(field, YesNoUnknownField):
        return "no"
    if isinstance(field, SingleChoiceField):
        return codes[seed % len(codes)] if codes else None
    if isinstance(field, MultipleChoiceField):
        usable = [c for c in codes if c not in field.exclusive]
        return [usable[seed % len(usable)]]
    if isinstance(field, CountryField):
        return [codes[seed % len(codes)]] if field.multiple else codes[(seed * 7) % len(codes)]
    if isinstance(field, ChecklistField):
        ids = [i.id for i in field.indicators]
        yes = {seed % len(ids), 2}
        return {iid: {"answer": "yes" if n in yes else "unknown"} for n, iid in enumerate(ids)}
    return "n.v.t."


def _seed_reports(data_dir: Path, secrets: SecretStore) -> list[str]:
    catalog = forms.catalog()
    store = Store.create(data_dir, PASSPHRASE, secrets=secrets, kdf="test")
    finalised: list[str] = []
    try:
        store.set_setting("role", "coa")
        kinds = ["coa", "nla", "zorg", "coa", "coa", "nla", "zorg", "coa", "nla", "coa", "zorg", "coa"]
        for i, form_id in enumerate(kinds):
            form = catalog.get(form_id)
            extra = {"acute_danger": "yes"} if i == 4 else {}
            answers = complete_answers(form, i, extra=extra)
            summary = forms.summary_line(form, answers, lang="nl")
            record = store.create_draft(form.id, form.version, answers if i % 3 else {}, summary=summary)
            if i % 3:
                store.update_draft(record.id, answers, summary=summary)
            if i % 4 == 1:
                store.finalise(record.id, forms.clean_answers(form, answers), summary, envelope=None)
                finalised.append(record.id)
    finally:
        store.close()
    return finalised


W = TypeVar("W", bound=FieldWidget)


def _view(window: MainWindow) -> FormView:
    """The form the window shows (a screenshot step opened one)."""
    if window.form_view is None:
        raise RuntimeError("no form is open")
    return window.form_view


def _widget(view: FormView, field_id: str, kind: type[W]) -> W:
    widget = view.widgets[field_id]
    if not isinstance(widget, kind):
        raise TypeError(f"{field_id} shows as {type(widget).__name__}, not {kind.__name__}")
    return widget


def _save(widget: QWidget, out: Path, name: str) -> Path:
    path = out / name
    widget.grab().save(str(path))
    return path


def _compose(window: QWidget, dialog: QWidget, out: Path, name: str) -> Path:
    """The window with a dialog drawn on top, centred (offscreen windows are separate images)."""
    base = window.grab()
    overlay = dialog.grab()
    painter = QPainter(base)
    painter.fillRect(base.rect(), QColor(0, 0, 0, 70))
    x = (base.width() - overlay.width()) // 2
    y = (base.height() - overlay.height()) // 2
    painter.drawPixmap(x, y, overlay)
    painter.end()
    path = out / name
    base.save(str(path))
    return path


def render(out: Path) -> list[Path]:
    """Render the screens into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="signaal-shots-") as tmp:
        secrets = MemorySecretStore()
        fresh = Path(tmp) / "fresh"
        window = create_window(fresh, lang="nl", secrets=secrets, kdf="test")
        window.resize(*SIZE)
        window.show()
        _wait(lambda: window.stack.currentWidget() is window.setup_page)
        page = window.setup_page
        page.passphrase.setText("drie woorden samen")
        page.repeat.setFocus()
        _settle()
        written.append(_save(window, out, "01-first-start.png"))
        window.shutdown()
        window.close()

        data = Path(tmp) / "data"
        finalised = _seed_reports(data, secrets)
        window = create_window(data, lang="nl", secrets=secrets, kdf="test")
        window.resize(*SIZE)
        window.show()
        _wait(lambda: window.stack.currentWidget() is window.unlock_page)
        _settle()
        written.append(_save(window, out, "02-unlock.png"))

        window.unlock_page.passphrase.setText(PASSPHRASE)
        window.unlock_page.unlock_button.click()
        _wait(lambda: window.is_unlocked and window.list_model.rowCount() > 0)
        _wait(lambda: window.list_model.form_titles is not None)
        _settle()
        written.append(_save(window, out, "03-reports.png"))

        window.new_report("coa")
        view = _view(window)
        person = complete_answers(view.form, 2)
        for field_id in ("gender", "minor", "nationality", "residence_status"):
            view.widgets[field_id].set_value(person[field_id])
        _widget(view, "age_years", IntegerWidget).edit.setText("134")
        view._changed("age_years")
        view.jump_to("age_years")
        _settle()
        written.append(_save(window, out, "04-coa-form.png"))
        view.close_view()
        _wait(lambda: window.form_view is None)

        window.new_report("nla")
        view = _view(window)
        checklist = next(f for f in view.form.all_fields() if f.kind == "checklist")
        widget = _widget(view, checklist.id, ChecklistWidget)
        for n, row in enumerate(widget.rows.values()):
            if n < 9:
                row.radios[("yes", "no", "unknown")[n % 3]].setChecked(True)
        first = next(iter(widget.rows.values()))
        first.note_button.setChecked(True)
        first.note.setText("Paspoort ligt bij de uitzender")
        view.jump_to(checklist.id)
        view.section_pages[view.pages.currentIndex()].verticalScrollBar().setValue(0)
        _settle()
        written.append(_save(window, out, "05-nla-checklist.png"))
        view.close_view()
        _wait(lambda: window.form_view is None)

        window.new_report("coa")
        view = _view(window)
        # No consent, with initials and a note typed: the summary names what stays on this laptop.
        answers = complete_answers(view.form, 5, extra={
            "consent_registration": "no", "subject_pseudonym": "A.B.",
            "free_text": "Werd elke avond opgehaald bij de ingang."})
        for field_id, value in answers.items():
            if field_id in view.widgets:
                view.widgets[field_id].set_value(value)
        view._changed("acute_danger")
        view.begin_finalise()
        _wait(lambda: view.dialog is not None and view.dialog.isVisible())
        _settle()
        dialog = view.dialog
        assert dialog is not None  # waited for above
        written.append(_compose(window, dialog, out, "06-finalise-summary.png"))
        dialog.reject()

        for lang in ("nl", "en"):  # the parts issue 13 added, in both languages
            written.extend(_new_parts(window, out, lang, finalised[0]))
        window.set_language("nl")

        window.lock()
        _settle()
        written.append(_save(window, out, "07-locked.png"))
        window.shutdown()
        window.close()
        for width, height in SCREEN_SIZES:
            for lang in ("nl", "en"):
                written += _render_size(data, secrets, out, width, height, lang)
        i18n.set_language("nl")
    return written


def _new_parts(window: MainWindow, out: Path, lang: str, sent_id: str) -> list[Path]:
    """A group report's persons, the request to CoMensha with the reporter's contact, and
    "Aanvulling…" on a finalised report."""
    window.set_language(lang)
    _settle()
    written = []
    window.new_report("nla")
    view = _view(window)
    view.widgets["other_persons"].set_value([
        {"p_pseudonym": "W2", "p_gender": "male", "p_minor": "no", "p_nationality": ["RO"]},
        {"p_gender": "female", "p_minor": "doubt", "p_age_band": "16_17"}])
    view.jump_to("other_persons")
    view.section_pages[view.pages.currentIndex()].verticalScrollBar().setValue(0)
    _settle()
    written.append(_save(window, out, f"08-group-persons-{lang}.png"))
    view.close_view()
    _wait(lambda: window.form_view is None)

    window.new_report("coa")
    view = _view(window)
    for field_id, value in {"request_kind": "shelter", "care_location": "shelter", "contact_share": "yes",
                            "contact_name": "J. Voorbeeld", "contact_phone": "0612345678",
                            "contact_organisation": "COA Voorbeeldstad", "contact_remember": "yes"}.items():
        view.widgets[field_id].set_value(value)
    view._changed("contact_share")
    view.jump_to("request_kind")
    _settle()
    written.append(_save(window, out, f"09-request-contact-{lang}.png"))
    view.close_view()
    _wait(lambda: window.form_view is None)

    window.open_record(sent_id)
    _wait(lambda: window.form_view is not None and window.form_view.record_id == sent_id)
    _settle()
    written.append(_save(window, out, f"10-addition-{lang}.png"))
    _view(window).close_view()
    _wait(lambda: window.form_view is None)
    return written


def _render_size(data: Path, secrets: SecretStore, out: Path, width: int, height: int,
                 lang: str) -> list[Path]:
    """The list and a form being answered with the keyboard, at ``width`` x ``height`` in ``lang``."""
    window = create_window(data, lang=lang, secrets=secrets, kdf="test")
    window.resize(width, height)
    window.show()
    _wait(lambda: window.stack.currentWidget() is window.unlock_page)
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.unlock_button.click()
    _wait(lambda: window.is_unlocked and window.list_model.rowCount() > 0)
    _wait(lambda: window.list_model.form_titles is not None)
    _settle()
    stem = f"size-{width}x{height}-{lang}"
    written = [_save(window, out, f"{stem}-reports.png")]
    window.new_report("coa")
    view = _view(window)
    checklist = _widget(view, "coa_checklist", ChecklistWidget)
    for n, row in enumerate(checklist.rows.values()):
        if n < 3:
            row.radios[("yes", "no", "unknown")[n]].setChecked(True)
    view.jump_to("coa_checklist")
    view.section_pages[view.pages.currentIndex()].verticalScrollBar().setValue(0)
    _settle()
    written.append(_save(window, out, f"{stem}-checklist.png"))
    view.close_view()
    _wait(lambda: window.form_view is None)
    window.shutdown()
    window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m desktop.screenshots OUTDIR", file=sys.stderr)
        return 2

    make_application()
    for path in render(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
