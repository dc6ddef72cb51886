"""A sent report and later an addition to it, started from the report in the app ("Aanvulling…"),
through a real receiver over TLS: CoMensha's export links the two rows (sig_follows_up and one
sig_case_id), and the addition's withdrawal of consent is applied to the earlier report."""

from __future__ import annotations

import json

import pytest

import forms
from desktop.core import operations
from desktop.ui.connection import ConnectionPanel
from desktop.ui.form_follow_ups import envelope_id_of
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


class _View:
    """What the form view of a sent report hands to the follow-up code: its record."""

    def __init__(self, record):
        self.record, self.record_id = record, record.id


def test_an_addition_reaches_comensha_and_the_export_links_it_to_the_report(
        qtbot, rx, store_worker, controller, test_keyring, tmp_path):
    controller.on_unlocked()
    panel = ConnectionPanel(controller, store_worker)
    qtbot.addWidget(panel)
    assert _enrol_via_panel(qtbot, panel, controller, rx.url, rx.enrol()).ok

    coa2, coa3 = forms.catalog().get("coa", 2), forms.catalog().get("coa", 3)
    first = run_on_store(qtbot, store_worker, lambda s: _finalise(s, coa2, lc.report(coa2, consent="yes")))
    _send(qtbot, controller, store_worker, first.id)
    sent = run_on_store(qtbot, store_worker, lambda s: s.get(first.id))
    envelope_id = envelope_id_of(_View(sent))
    assert envelope_id == first.envelope["id"]

    # The addition: the newest form version, linked by the envelope id; the person now withdraws
    # consent for registration and asks for information and advice.
    addition = {k: v for k, v in lc.report(coa3, consent="yes").items() if coa3.has_field(k)}
    addition.update(follows_up=envelope_id, follow_up_withdraws=["registration"],
                    request_kind="information_advice")
    assert forms.validate(coa3, addition, "final") == []
    second = run_on_store(qtbot, store_worker, lambda s: _finalise(s, coa3, addition))
    _send(qtbot, controller, store_worker, second.id)

    out = tmp_path / "export.jsonl"
    rx.cli("export", "--private-key", str(rx.sealing_private_key), "--format", "jsonl", "--out", str(out),
           check=True)
    rows = {row["envelope_id"]: row for row in map(json.loads, out.read_text().splitlines())}
    earlier, later = rows[envelope_id], rows[second.envelope["id"]]
    assert later["record"]["sig_follows_up"] == envelope_id
    assert earlier["sig_case_id"] == later["sig_case_id"] == envelope_id
    assert later["record"]["sig_request_kind"] == "information_advice"
    # The withdrawal in the addition is honoured on the earlier report.
    assert earlier["record"]["consent_withdrawn"] == ["registration"]
    assert lc.PSEUDONYM not in json.dumps(earlier["record"], ensure_ascii=False)
    # CSV carries the link too.
    csv_out = tmp_path / "export.csv"
    rx.cli("export", "--private-key", str(rx.sealing_private_key), "--format", "csv", "--out",
           str(csv_out), check=True)
    header = csv_out.read_text(encoding="utf-8").splitlines()[0]
    assert "sig_follows_up" in header.split(",") and "sig_case_id" in header.split(",")
