"""A report with its consent record, and later the withdrawal of that consent, through a real
receiver over TLS; CoMensha's export then treats the report as if consent had never been given."""

from __future__ import annotations

import json

import pytest

import forms
from desktop.ui.connection import ConnectionPanel
from tests.forms import legal_cases as lc
from tests.support.receiver import running_receiver

from .conftest import run_on_store
from .test_end_to_end import _enrol_via_panel
from .test_minimisation import _finalise


@pytest.fixture(scope="module")
def rx(tmp_path_factory):
    with running_receiver(tmp_path_factory.mktemp("rx")) as receiver:
        yield receiver


def _send(qtbot, controller, store_worker, record_id):
    controller.report_finalised(record_id)
    qtbot.waitUntil(lambda: run_on_store(qtbot, store_worker, lambda s: s.get(record_id).state) == "sent",
                    timeout=20_000)


def test_consent_record_and_its_withdrawal_reach_comensha_and_the_export_honours_it(
        qtbot, rx, store_worker, controller, test_keyring, tmp_path):
    controller.on_unlocked()
    panel = ConnectionPanel(controller, store_worker)
    qtbot.addWidget(panel)
    assert _enrol_via_panel(qtbot, panel, controller, rx.url, rx.enrol()).ok

    coa = forms.catalog().get("coa", 2)
    answers = lc.report(coa, consent="yes")  # with the consent record: what was explained, by whom
    report = run_on_store(qtbot, store_worker, lambda s: _finalise(s, coa, answers))
    _send(qtbot, controller, store_worker, report.id)
    envelope_id = report.envelope["id"]

    withdrawal_form = next(f for f in forms.catalog().follow_ups() if f.id == "withdrawal")
    withdrawal = {"withdraws_envelope_id": envelope_id, "withdraws": ["registration"],
                  "withdrawal_date": "2026-11-20", "withdrawal_received_by": "coa_staff"}
    follow_up = run_on_store(qtbot, store_worker, lambda s: _finalise(s, withdrawal_form, withdrawal))
    _send(qtbot, controller, store_worker, follow_up.id)

    out = tmp_path / "export.jsonl"
    rx.cli("export", "--private-key", str(rx.sealing_private_key), "--format", "jsonl", "--out", str(out),
           check=True)
    rows = {row["envelope_id"]: row for row in map(json.loads, out.read_text().splitlines())}
    exported = rows[envelope_id]["record"]
    # The withdrawal is honoured: only what may be used without consent is left of the report.
    assert exported["consent_withdrawn"] == ["registration"]
    text = json.dumps(exported, ensure_ascii=False)
    assert lc.PSEUDONYM not in text and lc.FREE not in text and lc.NOTE not in text
    assert exported["prs_Gender"] is not None  # the report itself still counts
    # The consent record travelled with the report (it is about the consent, not the person).
    assert exported["sig_consent_explained_by"] == lc.CONSENT_RECORD["consent_explained_by"]
    # (its date as the month only: without consent, exact dates do not leave)
    assert exported["sig_consent_date"] == lc.CONSENT_RECORD["consent_date"][:7]
    # The withdrawal is a row of its own, and holds nothing about the person.
    assert rows[follow_up.envelope["id"]]["form_id"] == "withdrawal"
    withdrawn = json.dumps(rows[follow_up.envelope["id"]]["record"], ensure_ascii=False)
    assert envelope_id in withdrawn and lc.PSEUDONYM not in withdrawn
