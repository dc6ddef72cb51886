"""Delivery against the real receiver over TLS (tests/support/receiver.py), on the real store.

500 reports exactly once with verifying receipts and a matching export; revocation; conflicts.
"""

from __future__ import annotations

import json

import pytest

import forms
from sync import errors
from tests.support.outbox import seal
from tests.support.receiver import EnrolledDevice, running_receiver
from tests.sync.helpers import assert_delivered_exactly_once, enrolled_app, server_rows


@pytest.fixture
def rx(tmp_path):
    with running_receiver(tmp_path / "rx", rate_limit=0) as rx:
        yield rx


@pytest.fixture(autouse=True)
def _mkdirs(tmp_path):
    (tmp_path / "rx").mkdir()


def test_500_reports_exactly_once_and_the_export_gives_back_the_answers(rx, tmp_path):
    app = enrolled_app(rx, tmp_path, 500)
    assert {f for f, _ in app.made.values()} == {"coa", "nla", "zorg"}
    seen = []
    report = app.engine(rx.url).run_once(progress=lambda d, t: seen.append((d, t)))
    assert report.error is None, report.error
    assert report.sent == 500 and report.duplicates == 0 and report.remaining == 0
    assert seen[0] == (0, 500) and seen[-1] == (500, 500) and len(seen) == 6
    assert_delivered_exactly_once(rx, app)
    # A second run sends nothing: the outbox is empty.
    again = app.engine(rx.url).run_once()
    assert again.sent == again.duplicates == 0 and len(server_rows(rx)) == 500

    out = tmp_path / "export.jsonl"
    proc = rx.cli("export", "--private-key", str(rx.sealing_private_key), "--format", "jsonl",
                  "--out", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 500
    cat = forms.catalog()
    for line in lines:
        form_id, answers = app.made[line["envelope_id"]]
        assert line["form_id"] == form_id
        assert line["record"] == json.loads(json.dumps(forms.export_record(cat.get(form_id, 1), answers)))
        receipt = app.store.get(line["envelope_id"]).receipt
        assert receipt["reference"] == line["reference"]


def test_revoked_device_stops_with_the_re_enrol_error_and_keeps_the_queue(rx, tmp_path):
    app = enrolled_app(rx, tmp_path, 30)
    first = app.engine(rx.url, batch_size=10)
    assert first.run_once().sent == 30
    app.queue(25)
    rx.revoke(app.enrolment.device_id)
    report = app.engine(rx.url, batch_size=10).run_once()
    assert isinstance(report.error, errors.Unauthorized) and report.error.revoked
    assert report.retry_in is None and report.sent == 0
    assert app.store.outbox_count() == 25 and len(server_rows(rx)) == 30
    assert "opnieuw aan" in report.error.text("nl")
    outbox = {it.record_id: it for it in app.store.outbox_batch(100)}
    assert all(it.attempts == 0 for it in outbox.values())   # not counted against the records


def test_conflict_is_flagged_in_the_store_and_shown_in_the_report(rx, tmp_path):
    app = enrolled_app(rx, tmp_path, 5)
    victim = next(iter(app.made))
    form_id, answers = app.made[victim]
    # Another sealing of the same id (other bytes) reaches the server first.
    other = seal(victim, form_id, answers, app.enrolment.sealing_public_key, app.device)
    assert other["sha256"] != app.store.get(victim).envelope["sha256"]
    dev = EnrolledDevice(app.enrolment.device_id, app.enrolment.token, app.device, {})
    assert rx.post_batch(dev, [other]).json()["results"][0]["status"] == "stored"

    report = app.engine(rx.url).run_once()
    assert report.conflicts == 1 and report.sent == 4 and report.remaining == 0
    rec = app.store.get(victim)
    assert rec.state == "final" and rec.conflict
    assert [rid for rid, _ in report.problems] == [victim]
    assert dict(server_rows(rx))[victim] == other["sha256"]    # nothing changed at the server
