"""The real export of every shipped form version, against the HTCDS v2.0 field list.

Each form is filled by a generator that walks its conditions (tests/support/form_filler.py), in
enough variants to answer every option of its lists; the envelopes go through the real receiver and
``signaal-receiver export``. Every column named by HTCDS must be an HTCDS v2.0 field and every value
in it one the standard allows (tests/forms/fixtures/htcds_v2_fields.json); CSV and XLSX say the
same as JSON Lines, and the codebook beside the export describes every column.
"""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook

import forms
from forms import codebook, htcds
from sync import protocol
from tests.forms.test_htcds import FIELDS, check_value
from tests.support.form_filler import variants
from tests.support.receiver import Receiver


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    rx = Receiver(tmp_path_factory.mktemp("htcds"))
    rx.start()
    dev = rx.enrol_device("Laptop H", org="Organisatie H")
    sent: dict[str, tuple[forms.Form, dict]] = {}
    batch = []
    for form in sorted(forms.catalog().forms.values(), key=lambda f: f.key):
        for answers in variants(form):
            env = rx.seal(dev, answers, form_id=form.id, form_version=form.version)
            sent[env.id] = (form, answers)
            batch.append(env)
    for i in range(0, len(batch), protocol.MAX_BATCH_ENVELOPES):
        part = batch[i:i + protocol.MAX_BATCH_ENVELOPES]
        res = protocol.parse_batch_response(rx.post_batch(dev, part).content).results
        assert {r.status for r in res} == {"stored"}
    out = tmp_path_factory.mktemp("out")
    files = {}
    for fmt in ("jsonl", "csv", "xlsx"):
        path = out / f"export.{fmt}"
        args = ["--labels", "nl"] if fmt == "xlsx" else []
        proc = rx.cli("export", "--private-key", str(rx.sealing_private_key), "--format", fmt,
                      "--out", str(path), *args)
        assert proc.returncode in (0, 3), proc.stderr  # 3: some generated answers break a rule
        files[fmt] = path
    rows = [json.loads(line) for line in files["jsonl"].read_text(encoding="utf-8").splitlines()]
    yield {"rows": rows, "files": files, "sent": sent}
    rx.kill()


def test_every_report_of_every_form_is_exported(export):
    assert {r["envelope_id"] for r in export["rows"]} == set(export["sent"])
    # a group report: a row per person, numbered, in one case
    groups: dict[str, list] = {}
    for r in export["rows"]:
        if r["sig_person"] is not None:
            groups.setdefault(r["envelope_id"], []).append(r)
    assert groups, "the generator fills the repeat groups"
    for rows in groups.values():
        assert [r["sig_person"] for r in rows] == [1, 2, 3]
        assert len({r["sig_case_id"] for r in rows}) == 1
    assert {(r["form_id"], r["form_version"]) for r in export["rows"]} == set(forms.catalog().forms)


def test_every_htcds_column_and_value_is_the_standards(export):
    seen: dict[str, set[str]] = {}
    for row in export["rows"]:
        cells = {**{k: v for k, v in row.items() if k != "record"}, **row["record"]}
        for column, value in cells.items():
            if not column.startswith(htcds.PREFIXES):
                assert column.startswith(("sig_", "ind_")) or column in codebook.META_NAMES or column in (
                    "form_id", "form_version", "consent_withdrawn"), column
                continue
            assert column in FIELDS, f"{column} is not an HTCDS v2.0 field"
            check_value(column, value)
            if value is not None:
                seen.setdefault(column, set()).update(value if isinstance(value, list) else [str(value)])
    # Every HTCDS column Signaal knows is filled by some report.
    assert set(seen) == set(htcds.COLUMNS)
    assert seen["vic_TraffickingStatus"] == {"PossibleVictimOfTrafficking", "NotAVictimOfTrafficking"}
    assert seen["con_Consent"] == {"True", "False"}
    assert seen["cas_ReferringOrganisation"] == {"Organisatie H"}
    assert seen["hte_Type"] == {"Exploitation"}


def test_the_extension_keeps_what_htcds_cannot_say(export):
    for row in export["rows"]:
        record = row["record"]
        if record.get("sig_assessment") == "probable":
            assert record["vic_TraffickingStatus"] == "PossibleVictimOfTrafficking"
        if record.get("sig_language") == "npi":
            assert record["prs_PrimaryLanguage"] == "nep"


def test_csv_and_xlsx_say_what_the_jsonl_says(export):
    by_id = {(r["envelope_id"], r["sig_person"]): r for r in export["rows"]}
    with export["files"]["csv"].open(newline="", encoding="utf-8") as fh:
        csv_rows = list(csv.DictReader(fh))
    wb = load_workbook(export["files"]["xlsx"], read_only=True)
    sheet = list(wb["export"].iter_rows(values_only=True))
    header, body = list(sheet[0]), sheet[1:]
    assert len(csv_rows) == len(body) == len(by_id)
    columns = [c for c in header if not str(c).endswith(" (nl)")]
    assert columns == list(csv_rows[0].keys())
    for csv_row, xlsx_row in zip(csv_rows, body, strict=True):
        row = by_id[(csv_row["envelope_id"], int(csv_row["sig_person"]) if csv_row["sig_person"] else None)]
        xlsx = dict(zip(header, xlsx_row, strict=True))
        for column in ("vic_TraffickingStatus", "prs_Gender", "vic_MethodsOfControl", "sig_assessment"):
            value = row["record"].get(column)
            text = "|".join(value) if isinstance(value, list) else ("" if value is None else value)
            assert csv_row[column] == text
            assert (xlsx[column] or "") == text
        assert xlsx["con_Consent"] == row["record"].get("con_Consent")  # a real boolean cell
    # Dutch labels beside the codes
    labels = [c for c in header if str(c).endswith(" (nl)")]
    assert "sig_assessment (nl)" in labels and "prs_Gender (nl)" in labels
    i = header.index("sig_assessment")
    assert {r[i + 1] for r in body if r[i] == "probable"} == {"Waarschijnlijk slachtoffer"}


def test_the_codebook_beside_the_export_describes_every_column(export):
    for fmt, path in export["files"].items():
        book = json.loads(path.with_name(path.name + ".codebook.json").read_text(encoding="utf-8"))
        described = {c["name"] for c in book["columns"]}
        if fmt == "csv":
            with path.open(newline="", encoding="utf-8") as fh:
                header = next(csv.reader(fh))
            assert set(header) <= described, sorted(set(header) - described)
