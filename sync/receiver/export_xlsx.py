"""The export as an XLSX workbook for CoMensha's registrars (openpyxl, a well-kept library for
writing Office Open XML; no spreadsheet program needed).

Sheet "export": one row per exported row, the columns of the CSV. Codes stay codes; with
``labels`` ("nl" or "en") every column of codes gets a column ``<name> (nl)`` beside it holding
the labels from the codebook. Sheet "codebook": one row per column (type, HTCDS field or
extension, allowed values). Text is written as text: a cell starting with ``=`` is never a
formula.
"""

from __future__ import annotations

from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter

from forms.codebook import MULTI_SEPARATOR
from forms.export_table import ExportTable


def _labels(book: dict[str, Any], lang: str) -> dict[str, dict[str, str]]:
    """Per column of codes: code -> label."""
    out: dict[str, dict[str, str]] = {}
    for col in book.get("columns", []):
        values = col.get("values") or []
        if values and col.get("type") in ("code", "codes"):
            out[col["name"]] = {v["code"]: v.get(lang) or v["code"] for v in values}
    return out


def _value(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        return MULTI_SEPARATOR.join(str(v) for v in value)
    return str(value)


def _label(value: object, names: dict[str, str]) -> str | None:
    if value is None:
        return None
    items = value if isinstance(value, list | tuple) else [value]
    return MULTI_SEPARATOR.join(names.get(str(v), str(v)) for v in items)


def write(fh: IO[bytes], table: ExportTable, *, labels: str | None = None) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet
    ws.title = "export"
    names = _labels(table.codebook, labels) if labels else {}
    header: list[str] = []
    for c in table.columns:
        header.append(c)
        if c in names:
            header.append(f"{c} ({labels})")
    ws.append(header)
    for row in table.flat():
        cells: list[object] = []
        for c in table.columns:
            cells.append(_value(row.get(c)))
            if c in names:
                cells.append(_label(row.get(c), names[c]))
        ws.append(cells)
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever the text starts with
    ws.freeze_panes = "A2"
    for i, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(len(name) + 2, 12), 40)
    book = wb.create_sheet("codebook")
    book.append(["column", "type", "HTCDS", "label (nl)", "label (en)", "values", "filled by"])
    for col in table.codebook.get("columns", []):
        h = col.get("htcds")
        book.append([
            col["name"], col.get("type", ""),
            "extension" if h == "extension" else f"{h['field']} ({h['type']})",
            col.get("label", {}).get("nl", ""), col.get("label", {}).get("en", ""),
            "; ".join(f"{v['code']} = {v.get('nl', '')}" for v in col.get("values", [])[:80]),
            ", ".join(col.get("filled_by", [])),
        ])
    for row_cells in book.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING
    wb.save(fh)
