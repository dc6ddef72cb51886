"""A group report (one COA situation, three people) finalised in the app's store, sealed,
delivered over TLS to a real receiver and exported: a row per person in one case, each person
minimised under the report's consent (no pseudonyms without it)."""

from __future__ import annotations

import json

import pytest

import forms
from desktop.core import operations
from desktop.ui.connection import ConnectionPanel
from tests.forms import legal_cases as lc
from tests.support.receiver import running_receiver

from .conftest import run_on_store
from .test_end_to_end import _enrol_via_panel
from .test_withdrawal_end_to_end import _send


@pytest.fixture(scope="module")
def rx(tmp_path_factory):
    with running_receiver(tmp_path_factory.mktemp("rx")) as receiver:
        yield receiver


def _finalise(store, form, answers):
    draft = store.create_draft(form.id, form.version, answers, summary=form.id)
    return operations.finalise_operation(store, draft.id, answers, form.id)


def test_a_group_report_is_a_row_per_person_in_one_case(qtbot, rx, store_worker, controller, tmp_path):
    controller.on_unlocked()
    panel = ConnectionPanel(controller, store_worker)
    qtbot.addWidget(panel)
    assert _enrol_via_panel(qtbot, panel, controller, rx.url, rx.enrol()).ok

    coa3 = forms.catalog().get("coa", 3)
    answers = {k: v for k, v in lc.report(coa3, consent="no").items() if coa3.has_field(k)}
    answers.update(request_kind="registration_only", other_persons=[
        {"p_pseudonym": "W2-VOORBEELD", "p_gender": "male", "p_minor": "no", "p_nationality": ["RO"]},
        {"p_gender": "female", "p_minor": "doubt", "p_age_band": "16_17"},
    ])
    assert forms.validate(coa3, answers, "final") == []
    record = run_on_store(qtbot, store_worker, lambda s: _finalise(s, coa3, answers))
    _send(qtbot, controller, store_worker, record.id)

    out = tmp_path / "export.jsonl"
    rx.cli("export", "--private-key", str(rx.sealing_private_key), "--format", "jsonl", "--out", str(out),
           check=True)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    envelope_id = record.envelope["id"]
    mine = [r for r in rows if r["envelope_id"] == envelope_id]
    assert [r["sig_person"] for r in mine] == [1, 2, 3]
    assert {r["sig_case_id"] for r in mine} == {envelope_id}
    first, second, third = (r["record"] for r in mine)
    genders = (first["prs_Gender"], second["prs_Gender"], third["prs_Gender"])
    assert genders == ("Feminine", "Masculine", "Feminine")
    # no consent for registration: neither the main pseudonym nor a person's leaves the laptop
    text = json.dumps(mine, ensure_ascii=False)
    assert lc.PSEUDONYM not in text and "W2-VOORBEELD" not in text
