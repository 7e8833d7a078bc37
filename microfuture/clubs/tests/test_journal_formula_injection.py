"""Formula injection: the journal export never hands a spreadsheet a cell it would run.

Text cells (member, enterprise, reference, note) that start with = + - @, a tab or a CR are
written with a leading apostrophe (the OWASP rule); amounts and rates stay plain numbers; the
journal import removes exactly that apostrophe, so export then import reproduces the club.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, ClubEvent
from microfuture.clubs.selectors import club_problems, club_statement
from microfuture.clubs.services import club_create, club_record_events

pytestmark = pytest.mark.django_db

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NAMES = ["=HYPERLINK(\"http://x.example\",\"pay\")", "-Miha", "@Nina", "+Ana", "'=Vid"]
NOTES = ["=1+1", "-2", "@SUM(A1)", "+cmd|' /C calc'!A0", "\tindented", "'@quoted", "plain"]


def club_events() -> list[Event]:
    events = [Event(date=date(2026, 2, 1), type="join", member=name) for name in NAMES]
    events += [
        Event(date=date(2026, 2, 2), type="contribution", member=name, amount=Decimal("100"),
              reference=f"-r{i}", note=NOTES[i])
        for i, name in enumerate(NAMES)
    ]
    events += [
        Event(date=date(2026, 2, 10), type="investment", enterprise="=Kmetija", instrument="loan",
              amount=Decimal("120.50"), rate=Decimal("4.5"), term=6, note=NOTES[5]),
        Event(date=date(2026, 3, 10), type="repayment", enterprise="=Kmetija",
              amount=Decimal("20.45"), note=NOTES[6]),
    ]
    return events


def stored(club: Club) -> list[tuple[str, str, str, str]]:
    return [(e.member, e.enterprise, e.reference, e.note) for e in
            ClubEvent.objects.filter(club=club).exclude(type="join", member="")
            .order_by("date", "id")]


def check_no_formula(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    for row in rows[1:]:
        for name, cell in zip(header, row, strict=True):
            assert not cell.startswith(TRIGGERS), (name, cell)
    return rows


def test_the_exported_journal_has_no_cell_a_spreadsheet_would_run(
        client: Any, club: Club, treasurer: Any, admin: Any) -> None:
    club_record_events(club=club, recorded_by=treasurer, events=club_events())
    client.force_login(treasurer)
    exported = client.get(reverse("clubs:journal_export", args=[club.slug])).content.decode()

    rows = check_no_formula(exported)
    header = rows[0]
    cells = {name: [row[header.index(name)] for row in rows[1:]] for name in header}
    assert "'-Miha" in cells["member"] and "''=Vid" in cells["member"]
    assert "'=1+1" in cells["note"] and "'\tindented" in cells["note"]
    assert "''@quoted" in cells["note"] and "plain" in cells["note"]
    assert "'-r0" in cells["reference"] and "'=Kmetija" in cells["enterprise"]
    # Numbers we write stay numbers.
    assert "120.50" in cells["amount"] and "4.5" in cells["rate"]

    twin = club_create(name="Dvojček", region="SI041", start_date=date(2026, 1, 5),
                       status=Club.Status.ACTIVE, created_by=admin)
    client.force_login(admin)
    page = client.post(reverse("clubs:journal", args=[twin.slug]), {
        "file": SimpleUploadedFile("journal.csv", exported.encode(), content_type="text/csv")},
        follow=True)
    assert "events recorded" in page.content.decode()
    assert stored(twin) == stored(club)
    assert {e.member for e in ClubEvent.objects.filter(club=twin)} >= set(NAMES)
    on = date(2026, 6, 30)
    ours, theirs = club_statement(club, as_of=on), club_statement(twin, as_of=on)
    ours.pop("club"), theirs.pop("club")
    assert ours == theirs
    assert club_problems(twin) == []


def test_the_api_export_is_neutralised_too(client: Any, club: Club, treasurer: Any) -> None:
    club_record_events(club=club, recorded_by=treasurer, events=club_events())
    client.force_login(treasurer)
    response = client.get(f"/api/v1/clubs/{club.slug}/journal")
    assert response.status_code == 200, response.content[:300]
    rows = check_no_formula(response.content.decode())
    assert len(rows) == 1 + ClubEvent.objects.filter(club=club).count()
