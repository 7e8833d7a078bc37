"""The club statement as XLSX: opened back with openpyxl, its figures are the statement's
(Decimal equality), its date a date, and a plain member's file holds no other member's
figures (docs/privacy.md: members see only their own unless the charter opens the books)."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from microfuture.clubs.core import Event
from microfuture.clubs.models import Club
from microfuture.clubs.selectors import club_statement
from microfuture.clubs.services import club_record_events, member_add
from microfuture.clubs.xlsx import CONTENT_TYPE

pytestmark = pytest.mark.django_db

ON = "2026-08-01"


@pytest.fixture
def busy_club(club: Club, treasurer: Any, manager: Any) -> Club:
    """Savings of three members, a loan late in repayment, shares revalued, income and an
    expense, and a member whose name starts like a spreadsheet formula."""
    member_add(club=club, name="=HYPERLINK(\"x\")", on=date(2026, 1, 20), role="member",
               user=None, actor=manager)
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha",
              amount=Decimal("300.10")),
        Event(date=date(2026, 2, 1), type="contribution", member="=HYPERLINK(\"x\")",
              amount=Decimal("100.05")),
        Event(date=date(2026, 2, 10), type="investment", enterprise="Kmetija Breg",
              instrument="loan", amount=Decimal("120"), rate=Decimal("5"), term=12),
        Event(date=date(2026, 2, 10), type="investment", enterprise="Pekarna Zlato Zrno",
              instrument="equity", amount=Decimal("100")),
        Event(date=date(2026, 3, 1), type="income", amount=Decimal("12.34"), note="Fair"),
        Event(date=date(2026, 3, 2), type="expense", amount=Decimal("3.21"), note="Bank"),
        Event(date=date(2026, 6, 30), type="valuation", enterprise="Pekarna Zlato Zrno",
              amount=Decimal("140")),
        Event(date=date(2026, 7, 1), type="contribution", member="Nina",
              amount=Decimal("50.01")),
    ])
    return club


def _download(client: Client, club: Club, user: Any, **query: str) -> Workbook:
    client.force_login(user)
    response = client.get(reverse("clubs:statement_xlsx", args=[club.slug]), query)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == CONTENT_TYPE
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].endswith(f'-statement-{query.get("date", ON)}.xlsx"')
    return load_workbook(io.BytesIO(response.content))


def _d(value: Any) -> Decimal | None:
    """A cell's number back as a Decimal (openpyxl reads numbers as int or float; repr gives
    the shortest digits, which for these figures are the statement's own)."""
    if value is None:
        return None
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    return Decimal(repr(value))


def _summary(sheet: Worksheet) -> dict[str, Any]:
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)
            if row[0] is not None}


def _rows(sheet: Worksheet) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:] if row[1] is not None]


def _check_club_figures(book: Workbook, club: Club) -> dict[str, Any]:
    stmt = club_statement(club, as_of=date.fromisoformat(ON))
    assert book.sheetnames == ["Summary", "Investments", "Members"]
    summary = _summary(book["Summary"])
    assert summary["Club"] == "Zadruga Srce"
    assert summary["Date"] == datetime(2026, 8, 1)
    assert book["Summary"]["B3"].is_date
    assert summary["Currency"] == "EUR"
    for label, key in [("Net asset value", "nav"), ("Cash", "cash"),
                       ("Investments", "holdings_value"), ("Contributions", "total_contributions"),
                       ("Income", "income"), ("Expenses", "expenses"),
                       ("Realised gains and losses", "realised_gains"),
                       ("Unrealised gains and losses", "unrealised_gains"),
                       ("Units outstanding", "units_outstanding"),
                       ("Value of one unit", "unit_value")]:
        assert _d(summary[label]) == Decimal(stmt[key]), label
    par30 = summary["Loans more than 30 days late (PAR30)"]
    assert _d(par30) == (None if stmt["par30"] is None else Decimal(stmt["par30"]))
    assert _d(summary["Paid out to members"]) == sum(
        (Decimal(m["paid_out"]) for m in stmt["members"]), Decimal(0))
    # Money shown with two decimals, as a number, not as text.
    nav_cell = next(row[1] for row in book["Summary"].iter_rows(min_row=2)
                    if row[0].value == "Net asset value")
    assert nav_cell.data_type == "n" and nav_cell.number_format == "#,##0.00"
    # NAV = 450.16 saved + 12.34 − 3.21 + 40.00 unrealised on the bakery's shares.
    assert Decimal(stmt["nav"]) == Decimal("499.29")

    holdings = _rows(book["Investments"])
    assert [h["Enterprise"] for h in holdings] == [h["enterprise"] for h in stmt["holdings"]]
    for row, h in zip(holdings, stmt["holdings"], strict=True):
        for label, key in [("Cost", "cost"), ("Carrying value", "carrying_value"),
                           ("Principal outstanding", "principal_outstanding"),
                           ("Arrears", "arrears")]:
            assert _d(row[label]) == (None if h[key] is None else Decimal(h[key])), label
        assert row["Days past due"] == h["days_past_due"]
    return stmt


def test_the_treasurers_file_has_the_statements_figures_and_every_member(
    client: Client, busy_club: Club, treasurer: Any,
) -> None:
    book = _download(client, busy_club, treasurer, date=ON)
    stmt = _check_club_figures(book, busy_club)
    members = _rows(book["Members"])
    assert len(members) == len(stmt["members"]) == 6
    for row, m in zip(members, stmt["members"], strict=True):
        assert row["Member"] == m["name"]
        for label in ("contributed", "paid_out", "units", "share", "value"):
            assert _d(row[label.replace("_", " ").capitalize()]) == Decimal(m[label]), label
    assert book["Members"]["C2"].number_format == "#,##0.00"
    assert book["Members"]["F2"].number_format == "0.00%"
    # A name that looks like a formula stays text: nothing runs when the file is opened.
    odd = next(c for c in book["Members"]["A"] if str(c.value).startswith("="))
    assert odd.data_type == "s"


def test_a_plain_members_file_has_the_club_figures_and_only_their_own_line(
    client: Client, busy_club: Club, member: Any,
) -> None:
    assert busy_club.open_books is False
    book = _download(client, busy_club, member, date=ON)
    stmt = _check_club_figures(book, busy_club)
    members = _rows(book["Members"])
    mine = next(m for m in stmt["members"] if m["name"] == "Miha")
    assert [row["Member"] for row in members] == ["Miha"]
    assert _d(members[0]["Contributed"]) == Decimal(mine["contributed"]) == Decimal("300.10")
    assert _d(members[0]["Value"]) == Decimal(mine["value"])
    cells = " ".join(str(c) for row in book["Members"].iter_rows(values_only=True)
                     for c in row if c is not None)
    for other in ("Nina", "Maja", "Tine", "Sara", "HYPERLINK"):
        assert other not in cells
    assert "100.05" not in cells and "50.01" not in cells
    assert "The figures of 5 other members are private" in cells


def test_with_open_books_a_member_sees_everyone(
    client: Client, busy_club: Club, member: Any,
) -> None:
    Club.objects.filter(pk=busy_club.pk).update(open_books=True)
    book = _download(client, busy_club, member, date=ON)
    assert len(_rows(book["Members"])) == 6


def test_the_file_is_in_the_readers_language(
    client: Client, busy_club: Club, treasurer: Any,
) -> None:
    client.force_login(treasurer)
    client.cookies["django_language"] = "sl"
    response = client.get(reverse("clubs:statement_xlsx", args=[busy_club.slug]), {"date": ON})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Povzetek"
    assert _summary(book["Povzetek"])["Klub"] == "Zadruga Srce"


def test_the_statement_page_links_to_the_file(
    client: Client, busy_club: Club, member: Any,
) -> None:
    client.force_login(member)
    page = client.get(reverse("clubs:statement", args=[busy_club.slug]), {"date": ON})
    assert f'/clubs/{busy_club.slug}/statement/xlsx/?date={ON}' in page.content.decode()


def test_a_bad_date_is_refused_in_words(
    client: Client, busy_club: Club, member: Any,
) -> None:
    client.force_login(member)
    response = client.get(reverse("clubs:statement_xlsx", args=[busy_club.slug]),
                          {"date": "1.8.2026x"})
    assert response.status_code == 400
    assert b"YYYY-MM-DD" in response.content


@pytest.mark.parametrize("who", ["anonymous", "outsider", "ministry", "coordinator"])
def test_who_gets_the_file(who: str, client: Client, busy_club: Club,
                           request: Any) -> None:
    """Like the statement page: readers of the club only (a club page answers 404 to whoever
    may not know the club); a coordinator of its region gets club figures, no member line."""
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("clubs:statement_xlsx", args=[busy_club.slug]), {"date": ON})
    if who != "coordinator":
        assert response.status_code == 404
        return
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert _rows(book["Members"]) == []
