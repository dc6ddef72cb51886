"""Export round trip: envelopes sealed from answers to the three role forms come out of
``signaal-receiver export`` as the forms package's export records, consent applied; a swapped
payload and other bad records are reported at the end without stopping the export."""

from __future__ import annotations

import base64
import csv
import json

import pytest

import forms
from sync import envelope, protocol
from tests.forms.test_validate import complete
from tests.support.receiver import Receiver

PSEUDONYM = "Q.Z.-export-canary"
FREE = "Synthetic free text EXPORTCANARY."


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    rx = Receiver(tmp_path_factory.mktemp("export"))
    rx.start()
    dev = rx.enrol_device("Laptop E", org="Org E")
    cat = forms.catalog()
    cases = {}
    for form_id in ("coa", "nla", "zorg"):
        form = cat.get(form_id, 1)
        answers = complete(form, subject_pseudonym=PSEUDONYM, free_text=FREE)
        cases[form_id] = (form, answers, rx.seal(dev, answers, form_id=form_id, form_version=1))
    coa = cat.get("coa", 1)
    no_consent = complete(coa, subject_pseudonym=PSEUDONYM, free_text=FREE, consent_registration="no")
    no_consent.pop("consent_given_by")
    cases["coa-no-consent"] = (coa, no_consent, rx.seal(dev, no_consent, form_id="coa", form_version=1))
    incomplete = {"acute_danger": "no"}
    cases["incomplete"] = (coa, incomplete, rx.seal(dev, incomplete, form_id="coa", form_version=1))
    # A device-signed envelope whose sealed payload belongs to another envelope id (swap).
    donor = rx.seal(dev, complete(coa), form_id="coa", form_version=1)
    swap_id = protocol.new_envelope_id()
    sig = dev.signing_key.sign(
        envelope.envelope_message(swap_id, donor.form_id, donor.form_version, donor.created_at, donor.sha256)
    ).signature
    swapped = donor.model_copy(update={"id": swap_id, "signature": base64.b64encode(sig).decode()})
    unknown_form = rx.seal(dev, {"x": 1}, form_id="nope", form_version=7)
    batch = [c[2] for c in cases.values()] + [swapped, unknown_form]
    res = protocol.parse_batch_response(rx.post_batch(dev, batch).content).results
    assert [r.status for r in res] == ["stored"] * len(batch)
    yield {"rx": rx, "cases": cases, "swapped": swapped, "unknown": unknown_form, "device": dev}
    rx.kill()


def _export(rx, tmp_path, fmt, *extra):
    out = tmp_path / f"export.{fmt}"
    proc = rx.cli(
        "export", "--private-key", str(rx.sealing_private_key), "--format", fmt, "--out", str(out), *extra
    )
    return proc, out


def test_jsonl_round_trip(world, tmp_path):
    rx, cases = world["rx"], world["cases"]
    proc, out = _export(rx, tmp_path, "jsonl")
    assert proc.returncode == 3, proc.stderr  # finished, with problems listed
    assert (out.stat().st_mode & 0o077) == 0, "decrypted output is for the owner only"
    rows = {r["envelope_id"]: r for r in map(json.loads, out.read_text().splitlines())}
    for name, (form, answers, env) in cases.items():
        row = rows[env.id]
        assert row["record"] == json.loads(json.dumps(forms.export_record(form, answers))), name
        assert row["form_id"] == form.id and row["organisation"] == "Org E"
        assert row["device_id"] == world["device"].device_id
        assert row["reference"].startswith("CM-")
    # Consent applied: the record without consent holds neither the pseudonym nor the free text.
    no = json.dumps(rows[cases["coa-no-consent"][2].id])
    assert PSEUDONYM not in no and FREE not in no
    yes = json.dumps(rows[cases["coa"][2].id])
    assert PSEUDONYM in yes
    assert world["swapped"].id not in rows and world["unknown"].id not in rows
    # Problems at the end, one line per record, and not the content.
    err = proc.stderr
    assert f"({world['swapped'].id}): not exported: id_mismatch" in err
    assert f"({world['unknown'].id}): not exported: form nope version 7" in err
    assert f"({cases['incomplete'][2].id}): exported, but" in err
    assert PSEUDONYM not in err and FREE not in err
    assert "export: " in err  # progress


def test_csv_round_trip(world, tmp_path):
    rx, cases = world["rx"], world["cases"]
    proc, out = _export(rx, tmp_path, "csv")
    assert proc.returncode == 3
    with out.open(newline="", encoding="utf-8") as fh:
        rows = {r["envelope_id"]: r for r in csv.DictReader(fh)}
    assert len(rows) == len(cases)
    form, answers, env = cases["nla"]
    record = forms.export_record(form, answers)
    row = rows[env.id]
    for key, value in record.items():
        if value is None:
            assert row[key] == ""
        elif isinstance(value, list):
            assert row[key] == "|".join(map(str, value))
        elif isinstance(value, str):
            assert row[key].lstrip("'") == value
        elif isinstance(value, bool):  # an HTCDS checkbox (con_Consent)
            assert row[key] == ("true" if value else "false")
        else:
            assert row[key] == str(value)
    assert PSEUDONYM not in json.dumps(rows[cases["coa-no-consent"][2].id])


def test_since_filters(world, tmp_path):
    proc, out = _export(world["rx"], tmp_path, "jsonl", "--since", "2999-01-01")
    assert proc.returncode == 0 and out.read_text() == ""
