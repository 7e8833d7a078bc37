"""Rows to an XLSX workbook (bytes), with a sheet that says what the data is and its licence.

A small writer any download may reuse: `workbook_bytes(sheets, about=...)`. Every cell is
written as what it is: a `Decimal` or an `int` as a number (money keeps its exact digits, never
through a float in our code), a date as a date, text as text. Text is never read as a formula,
even when it starts with `=`, `+`, `-` or `@`, so a name typed into the platform cannot run in
the reader's spreadsheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

#: Excel's limit on a sheet's name.
_SHEET_NAME_MAX = 31
_MAX_WIDTH = 60


@dataclass(frozen=True)
class Sheet:
    """One sheet: a title, a header row, rows, and the number format of chosen columns
    (e.g. `{"nav": "#,##0.00"}`)."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    formats: dict[str, str] = field(default_factory=dict)


def _put(cell: Cell, value: Any, number_format: str | None = None) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        cell.value = value
    elif isinstance(value, (int, Decimal)):
        cell.value = value
        if number_format:
            cell.number_format = number_format
    elif isinstance(value, dt.datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = str(value)
        cell.data_type = "s"  # text stays text, never a formula


def _fill(ws: Any, sheet: Sheet) -> None:
    widths = [len(str(h)) for h in sheet.header]
    ws.append([str(h) for h in sheet.header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    formats = [sheet.formats.get(str(h)) for h in sheet.header]
    for r, row in enumerate(sheet.rows, start=2):
        for c, value in enumerate(row, start=1):
            _put(ws.cell(row=r, column=c), value, formats[c - 1] if c <= len(formats) else None)
            if c <= len(widths):
                widths[c - 1] = max(widths[c - 1], len(str(value if value is not None else "")))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(width + 2, _MAX_WIDTH)
    ws.freeze_panes = "A2"


def workbook_bytes(sheets: Sequence[Sheet], *,
                   about: Sequence[tuple[str, Any]] = (), about_title: str = "About") -> bytes:
    """The workbook: the data sheets in order, then (when `about` is given) a sheet of
    label–value lines saying what the data is, where it comes from and its licence."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for sheet in sheets:
        _fill(wb.create_sheet(sheet.title[:_SHEET_NAME_MAX]), sheet)
    if about:
        ws = wb.create_sheet(about_title[:_SHEET_NAME_MAX])
        for r, (label, value) in enumerate(about, start=1):
            _put(ws.cell(row=r, column=1), str(label))
            ws.cell(row=r, column=1).font = Font(bold=True)
            _put(ws.cell(row=r, column=2), value)
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 100
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
