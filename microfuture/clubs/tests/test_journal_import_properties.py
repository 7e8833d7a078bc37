"""Hypothesis-generated journal files: a clean import or a complete error list, never a part.

Valid files and files with random faults (missing or bad cells, bad numbers and dates, wrong
types, unknown members, cut short anywhere) go through the import service. Each ends either
with every row of the file stored, as the file says, or with errors (each with its line) and
the club's events and ledger exactly as before; never an exception, never a partial import.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from microfuture.clubs.models import Club, ClubEvent
from microfuture.clubs.services import club_import_journal
from microfuture.ledger.models import JournalEntry, Leg

pytestmark = pytest.mark.django_db

HEADER = ["date", "type", "member", "enterprise", "instrument", "amount", "rate", "term",
          "reference", "note"]
MEMBERS = ["Maja", "Tine", "Sara", "Miha", "Nina"]
FAULTS = ["none", "none", "none", "amount", "date", "type", "cells", "member", "truncate",
          "expense", "column"]
BAD_AMOUNTS = ["12.345", "-5", "abc", "1e3", "", "5,50", "99999999999999999999"]
BAD_DATES = ["2026-02-30", "", "01.02.2026", "2026-2-1", "tomorrow"]

_seq = iter(range(10**9))


@st.composite
def journal_files(draw: Any) -> tuple[str, str]:
    start = date(2026, 2, 1) + timedelta(days=draw(st.integers(0, 200)))
    rows: list[list[str]] = []
    day = start
    run = next(_seq)
    for index in range(draw(st.integers(1, 6))):
        day += timedelta(days=draw(st.integers(0, 5)))
        rows.append([day.isoformat(), "contribution", draw(st.sampled_from(MEMBERS)), "", "",
                     f"{draw(st.integers(1, 50_000)) / 100:.2f}", "", "",
                     f"p{run}-{index}", draw(st.sampled_from(["", "note", "=1+1", "a, b"]))])
    fault = draw(st.sampled_from(FAULTS))
    where = draw(st.integers(0, len(rows) - 1))
    if fault == "amount":
        rows[where][5] = draw(st.sampled_from(BAD_AMOUNTS))
    elif fault == "date":
        rows[where][0] = draw(st.sampled_from(BAD_DATES))
    elif fault == "type":
        rows[where][1] = draw(st.sampled_from(["", "gift", "Contribution", "7"]))
    elif fault == "cells":
        del rows[where][draw(st.integers(0, len(HEADER) - 1))]
    elif fault == "member":
        rows[where][2] = draw(st.sampled_from(["Ghost", ""]))
    elif fault == "expense":  # more than the club has: a rule break, found by the book
        rows[where][1:6] = ["expense", "", "", "", "1000000.00"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER if fault != "column" else [*HEADER[:-1], "colour"])
    writer.writerows(rows)
    text = out.getvalue()
    if fault == "truncate":
        text = text[:draw(st.integers(0, len(text)))]
    return fault, text


def snapshot(club: Club) -> tuple[Any, ...]:
    return (
        list(ClubEvent.objects.filter(club=club).order_by("id").values_list(
            "id", "date", "type", "member", "amount_cents", "reference")),
        JournalEntry.objects.count(),
        Leg.objects.count(),
    )


def file_rows(text: str) -> list[tuple[str, str, str, Decimal, str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    return [(r[0], r[1], r[2], Decimal(r[5]), r[8]) for r in rows if any(c.strip() for c in r)]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(generated=journal_files())
def test_a_journal_file_imports_whole_or_not_at_all(club: Club, treasurer: Any,
                                                    generated: tuple[str, str]) -> None:
    _fault, text = generated
    before = snapshot(club)
    last_id = max([row[0] for row in before[0]], default=0)
    known = {row[5] for row in before[0] if row[5]}

    outcome = club_import_journal(club=club, text=text.encode(), recorded_by=treasurer)

    event("refused" if outcome.errors else "imported")
    if outcome.errors:
        assert snapshot(club) == before
        assert all(e.line >= 0 and e.message for e in outcome.errors)
        return
    new = [(e.date.isoformat(), e.type, e.member, Decimal(e.amount_cents or 0) / 100,
            e.reference)
           for e in ClubEvent.objects.filter(club=club, id__gt=last_id).order_by("id")]
    expected = [row for row in file_rows(text) if row[4] not in known]
    assert new == expected
    assert outcome.imported == len(expected)
