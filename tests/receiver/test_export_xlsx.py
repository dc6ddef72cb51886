"""The XLSX for registrars: text that looks like a formula stays text, lists are joined the
documented way, a checkbox is a boolean cell, and labels sit beside the codes."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from forms.export_table import ExportTable
from sync.receiver import export_xlsx

BOOK = {"columns": [
    {"name": "sig_assessment", "type": "code", "htcds": "extension",
     "label": {"nl": "Inschatting", "en": "A"},
     "values": [{"code": "probable", "nl": "Waarschijnlijk slachtoffer", "en": "Probable victim"}],
     "filled_by": ["coa.v3"]},
    {"name": "sig_free_text", "type": "text", "htcds": "extension", "label": {"nl": "T", "en": "T"},
     "values": [], "filled_by": ["coa.v3"]},
]}


def _sheet(labels):
    table = ExportTable(
        columns=["envelope_id", "sig_assessment", "sig_free_text", "prs_Citizenship", "con_Consent"],
        rows=[({"envelope_id": "e1"}, {"sig_assessment": "probable", "sig_free_text": "=HYPERLINK(\"x\")",
                                       "prs_Citizenship": ["NG", "RO"], "con_Consent": False})],
        codebook=BOOK)
    buf = io.BytesIO()
    export_xlsx.write(buf, table, labels=labels)
    buf.seek(0)
    return load_workbook(buf)


def test_text_is_never_a_formula_and_lists_and_booleans_keep_their_form():
    wb = _sheet(None)
    header, row = list(wb["export"].iter_rows(values_only=True))
    cells = dict(zip(header, row, strict=True))
    assert cells["sig_free_text"] == '=HYPERLINK("x")'
    assert wb["export"]["C2"].data_type == "s"  # a string cell, not a formula
    assert cells["prs_Citizenship"] == "NG|RO" and cells["con_Consent"] is False
    assert [r[0] for r in wb["codebook"].iter_rows(min_row=2, values_only=True)] == [
        "sig_assessment", "sig_free_text"]


def test_labels_beside_the_codes():
    header, row = list(_sheet("nl")["export"].iter_rows(values_only=True))
    assert header[1:3] == ("sig_assessment", "sig_assessment (nl)")
    assert row[1:3] == ("probable", "Waarschijnlijk slachtoffer")
