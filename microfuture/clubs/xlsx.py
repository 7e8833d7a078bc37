"""A club statement as a spreadsheet (XLSX, written with openpyxl).

The figures are those of the statement page and PDF, taken from the same statement dict
(`selectors.club_statement`, filtered by `selectors.statement_seen_by` before it gets here):
nothing is computed again. Money goes into numeric cells holding the exact Decimal, shown with
two decimals; shares and PAR30 keep their six decimals and are shown as percentages; units
keep six decimals; the statement's date is a date cell. Words are in the reader's language.

One sheet per part: a summary (the club's figures and where its value comes from), the
holdings, and the members. The members sheet lists only the lines the reader may see and says
how many are private, as the page does (docs/privacy.md).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from microfuture.clubs.labels import (
    HOLDING_STATUS_LABELS,
    INSTRUMENT_LABELS,
    MEMBER_STATUS_LABELS,
)
from microfuture.clubs.templatetags.club_labels import book_name

MONEY = "#,##0.00"
MICRO = "#,##0.000000"
PERCENT = "0.00%"
DAY = "yyyy-mm-dd"
COUNT = "0"

#: The media type of an XLSX file.
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _number(value: Any) -> Decimal | None:
    """A statement figure (a decimal string, or None) as a Decimal; never a float."""
    if value is None or value == "":
        return None
    return Decimal(str(value))


def _put(sheet: Worksheet, row: int, column: int, value: Any, number_format: str = "") -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        # Text stays text: a name such as "=HYPERLINK(…)" must never become a formula.
        cell.data_type = "s"
    elif number_format and value is not None:
        cell.number_format = number_format


def _table(sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[tuple[Any, str]]],
           *, first_row: int = 1) -> int:
    """Headers in bold, then one row per entry of (value, number format); the next free row."""
    for column, header in enumerate(headers, start=1):
        _put(sheet, first_row, column, header)
        sheet.cell(row=first_row, column=column).font = Font(bold=True)
    for offset, row in enumerate(rows, start=1):
        for column, (value, number_format) in enumerate(row, start=1):
            _put(sheet, first_row + offset, column, value, number_format)
    for column, header in enumerate(headers, start=1):
        letter = sheet.cell(row=first_row, column=column).column_letter
        sheet.column_dimensions[letter].width = max(14, len(header) + 2)
    sheet.freeze_panes = sheet.cell(row=first_row + 1, column=1)
    return first_row + len(rows) + 1


def _summary(sheet: Worksheet, club_name: str, stmt: dict[str, Any]) -> None:
    rows: list[tuple[str, Any, str]] = [
        (_("Club"), club_name, ""),
        (_("Date"), date.fromisoformat(stmt["date"]), DAY),
        (_("Currency"), stmt["currency"], ""),
        (_("Net asset value"), _number(stmt["nav"]), MONEY),
        (_("Cash"), _number(stmt["cash"]), MONEY),
        (_("Investments"), _number(stmt["holdings_value"]), MONEY),
        (_("Contributions"), _number(stmt["total_contributions"]), MONEY),
        (_("Paid out to members"), _number(stmt["paid_out_total"]), MONEY),
        (_("Income"), _number(stmt["income"]), MONEY),
        (_("Expenses"), _number(stmt["expenses"]), MONEY),
        (_("Realised gains and losses"), _number(stmt["realised_gains"]), MONEY),
        (_("Unrealised gains and losses"), _number(stmt["unrealised_gains"]), MONEY),
        (_("Loans more than 30 days late (PAR30)"), _number(stmt["par30"]), PERCENT),
    ]
    if stmt.get("units_outstanding") is not None:
        rows += [
            (_("Units outstanding"), _number(stmt["units_outstanding"]), MICRO),
            (_("Value of one unit"), _number(stmt["unit_value"]), MICRO),
        ]
    _table(sheet, [_("Figure"), _("Value")],
           [[(label, ""), (value, fmt)] for label, value, fmt in rows])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 20
    note = len(rows) + 3
    _put(sheet, note, 1, _(
        "Net asset value = contributions − paid out + income − expenses + realised gains "
        "+ unrealised gains"))


def _holdings(sheet: Worksheet, stmt: dict[str, Any]) -> None:
    headers = [_("Enterprise"), _("Instrument"), _("Reference"), _("Cost"),
               _("Carrying value"), _("Principal outstanding"), _("Arrears"),
               _("Days past due"), _("Status")]
    rows = [[
        (h["enterprise"], ""),
        (str(INSTRUMENT_LABELS.get(h["instrument"], h["instrument"])), ""),
        (h.get("reference") or "", ""),
        (_number(h["cost"]), MONEY),
        (_number(h["carrying_value"]), MONEY),
        (_number(h["principal_outstanding"]), MONEY),
        (_number(h["arrears"]), MONEY),
        (h["days_past_due"], COUNT),
        (str(HOLDING_STATUS_LABELS.get(h["status"], h["status"])), ""),
    ] for h in stmt["holdings"]]
    end = _table(sheet, headers, rows)
    sheet.column_dimensions["A"].width = 30
    if not rows:
        _put(sheet, end + 1, 1, _("The club had no investment on that date."))


def _members(sheet: Worksheet, stmt: dict[str, Any], private_members: int) -> None:
    units = stmt.get("units_outstanding") is not None
    headers = [_("Member"), _("Status"), _("Contributed"), _("Paid out")]
    headers += [_("Units")] if units else []
    headers += [_("Share"), _("Value")]
    rows = []
    for m in stmt["members"]:
        row: list[tuple[Any, str]] = [
            (str(book_name(m["name"])), ""),
            (str(MEMBER_STATUS_LABELS.get(m["status"], m["status"])), ""),
            (_number(m["contributed"]), MONEY),
            (_number(m["paid_out"]), MONEY),
        ]
        if units:
            row.append((_number(m["units"]), MICRO))
        row += [(_number(m["share"]), PERCENT), (_number(m["value"]), MONEY)]
        rows.append(row)
    end = _table(sheet, headers, rows)
    sheet.column_dimensions["A"].width = 30
    if private_members:
        _put(sheet, end + 1, 1, ngettext(
            "The figures of %(n)s other member are private under the club's charter; the "
            "totals in the summary include them.",
            "The figures of %(n)s other members are private under the club's charter; the "
            "totals in the summary include them.", private_members) % {"n": private_members})
    elif not rows:
        _put(sheet, end + 1, 1, _("No member had joined on that date."))


def statement_xlsx(*, club_name: str, stmt: dict[str, Any], paid_out_total: Decimal,
                   private_members: int) -> bytes:
    """The statement as an XLSX file. `stmt` holds only the member lines the reader may see
    (`statement_seen_by`); `paid_out_total` is the club's total (every member), and
    `private_members` how many lines were left out."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = _("Summary")[:31]
    _summary(summary, club_name, {**stmt, "paid_out_total": paid_out_total})
    _holdings(book.create_sheet(_("Investments")[:31]), stmt)
    _members(book.create_sheet(_("Members")[:31]), stmt, private_members)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
