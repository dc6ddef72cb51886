"""Follow-ups in the form view of a finalised or sent report: withdrawing consent and adding to it
("Aanvulling…", a new report of the newest version of the same form that refers to this one by its
envelope id); and, in a new draft that asks for them, the reporter's kept contact details."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import SignalInstance

import forms
from desktop.core import contact
from desktop.qt import translate
from desktop.ui.form_sections import FormButtons
from forms.withdrawal import ADDITION_LINK

if TYPE_CHECKING:  # both import this module
    from desktop.ui.form_view import FormView, Submit
    from desktop.ui.main_window import MainWindow


def envelope_id_of(view: FormView) -> str | None:
    """The id CoMensha knows the report by: its envelope's, or (purged: the envelope is gone) the
    record's, which is the same."""
    envelope = view.record.envelope if view.record is not None else None
    if isinstance(envelope, dict) and "id" in envelope:
        return str(envelope["id"])
    return str(view.record_id) if view.record_id else None


def _done(view: FormView) -> bool:
    return (view.read_only and view.state in ("final", "sent", "purged") and not view.form.follow_up
            and view.record is not None)


def can_withdraw(view: FormView) -> bool:
    """A finalised or sent report of a form that asks for consent can have it withdrawn."""
    return _done(view) and view.form.consent_field is not None


def can_add(view: FormView) -> bool:
    """A finalised or sent report can get an addition when the newest version of its form has one."""
    try:
        newest = forms.catalog().get(view.form.id)
    except KeyError:
        return False
    return _done(view) and newest.has_field(ADDITION_LINK)


def retranslate(view: FormView, bar: FormButtons) -> None:
    bar.withdraw.setText(translate("FormView", "&Withdraw consent…"))
    bar.withdraw.setToolTip(translate(
        "FormView", "Start a follow-up that tells CoMensha the person withdraws consent. It holds no "
        "data about the person, only this report's number."))
    bar.withdraw.setVisible(can_withdraw(view))
    bar.addition.setText(translate("FormView", "A&ddition…"))
    bar.addition.setToolTip(translate(
        "FormView", "Start a new report that adds to this one: CoMensha sees that they belong "
        "together. You can also withdraw consent in it."))
    bar.addition.setVisible(can_add(view))


def attach(view: FormView, bar: FormButtons, submit: Submit) -> None:
    """Connect the follow-up buttons; fill a new draft with the reporter's kept contact details."""
    bar.withdraw.clicked.connect(lambda: _emit(view.withdraw_requested, envelope_id_of(view)))
    bar.addition.clicked.connect(lambda: _emit_addition(view))
    if view.record is None and view.form.has_field(contact.FIELDS[0]):
        submit(contact.remembered, lambda answers: _fill(view, answers))


def _emit(signal: SignalInstance, envelope_id: str | None) -> None:
    if envelope_id:
        signal.emit(envelope_id)


def _emit_addition(view: FormView) -> None:
    envelope_id = envelope_id_of(view)
    if envelope_id:
        view.addition_requested.emit(envelope_id, view.form.id)


def _fill(view: FormView, answers: dict[str, Any]) -> None:
    for field_id, value in answers.items():
        widget = view.widgets.get(field_id)
        if widget is not None and widget.value() is None:
            widget.set_value(value)


def start_addition(window: MainWindow, envelope_id: str, form_id: str) -> None:
    """A new report of the newest version of ``form_id`` that adds to the sent report
    ``envelope_id``."""
    try:
        form = window.catalog().get(form_id)
    except KeyError:
        form = None
    if form is None or not form.has_field(ADDITION_LINK):
        window.show_message(translate("MainWindow", "This version of Signaal cannot add to this report."))
        return
    window._open_form(form, None, initial={ADDITION_LINK: envelope_id})
