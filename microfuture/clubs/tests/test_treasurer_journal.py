"""The journal file page: import (all or nothing, every error with its line) and export."""

from __future__ import annotations

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

GOOD = """date,type,member,enterprise,instrument,amount,rate,term,reference,note
2026-02-01,contribution,Miha,,,100,,,j-1,
2026-02-01,contribution,Nina,,,50.50,,,j-2,
2026-02-10,investment,,Kmetija Breg,loan,120,4.5,6,j-3,tractor
2026-03-10,repayment,,Kmetija Breg,,20.45,,,j-4,
"""

BAD = """date,type,member,enterprise,instrument,amount,rate,term,reference,note
2026-02-01,contribution,Miha,,,100,,,b-1,
2026-02-01,contribution,Oto,,,10,,,b-2,
2026-02-02,expense,,,,5.555,,,b-3,
2026-02-03,expense,,,,5000,,,b-4,
2026-02-04,contribution,Nina,,,20,,,b-5,
"""


def upload(client: Any, club: Any, text: str, name: str = "journal.csv") -> Any:
    return client.post(
        reverse("clubs:journal", args=[club.slug]),
        {"file": SimpleUploadedFile(name, text.encode(), content_type="text/csv")},
        follow=True,
    )


def test_import_records_the_file_and_skips_it_the_second_time(client, club, treasurer):
    client.force_login(treasurer)
    page = upload(client, club, GOOD)
    text = page.content.decode()
    assert "4 events recorded, 0 rows skipped" in text
    assert ClubEvent.objects.filter(club=club).exclude(type="join").count() == 4
    stmt = club_statement(club, as_of=date(2026, 3, 10))
    assert stmt["total_contributions"] == "150.50"
    page = upload(client, club, GOOD)
    assert "0 events recorded, 4 rows skipped" in page.content.decode()
    assert ClubEvent.objects.filter(club=club).exclude(type="join").count() == 4
    assert club_problems(club) == []


def test_import_with_errors_lists_every_line_and_stores_nothing(client, club, treasurer):
    client.force_login(treasurer)
    page = upload(client, club, BAD)
    assert page.status_code == 200
    text = page.content.decode()
    assert "The file was not imported: 3 problems. Nothing was stored." in text
    assert "Line 3: Oto has not joined the club" in text
    assert "Line 4: amount &#x27;5.555&#x27; is not an amount" in text
    assert "Line 5: cash would go negative" in text
    assert "Line 2" not in text and "Line 6" not in text
    assert not ClubEvent.objects.filter(club=club).exclude(type="join").exists()


def test_a_file_that_is_not_a_journal_is_refused_plainly(client, club, treasurer):
    client.force_login(treasurer)
    page = upload(client, club, "when,what\n2026-01-01,x\n")
    text = page.content.decode()
    assert "Line 1: unknown column &#x27;when&#x27;" in text
    page = client.post(reverse("clubs:journal", args=[club.slug]), {})
    assert page.status_code == 200 and "This field is required" in page.content.decode()
    page = client.post(reverse("clubs:journal", args=[club.slug]), {
        "file": SimpleUploadedFile("x.csv", b"date,type\n\xff\xfe,join\n")})
    assert "not valid UTF-8" in page.content.decode()


def test_export_then_import_into_a_new_club_gives_the_same_statement(
    client, club, treasurer, admin
):
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("300")),
        Event(date=date(2026, 2, 1), type="contribution", member="Nina", amount=Decimal("200"),
              reference="n-1", note="first, with a comma"),
        Event(date=date(2026, 2, 10), type="investment", enterprise="Kmetija Breg",
              instrument="loan", amount=Decimal("250"), rate=Decimal("3.5"), term=10, grace=2,
              method="linear", first_due=date(2026, 3, 31)),
        Event(date=date(2026, 2, 10), type="investment", enterprise="Pekarna Žito",
              instrument="equity", amount=Decimal("100")),
        Event(date=date(2026, 4, 30), type="repayment", enterprise="Kmetija Breg",
              amount=Decimal("31.33")),
        Event(date=date(2026, 5, 1), type="valuation", enterprise="Pekarna Žito",
              amount=Decimal("130")),
        Event(date=date(2026, 5, 2), type="exit", member="Nina", amount=Decimal("150")),
    ])
    client.force_login(treasurer)
    response = client.get(reverse("clubs:journal_export", args=[club.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="zadruga-srce-journal.csv"'
    exported = response.content.decode()
    assert exported.startswith("date,type,member,enterprise,instrument,amount,rate,term,grace,")

    twin = club_create(name="Dvojček", region="SI041", start_date=date(2026, 1, 5),
                       status=Club.Status.ACTIVE, created_by=admin)
    client.force_login(admin)
    page = upload(client, twin, exported)
    assert "events recorded" in page.content.decode()
    on = date(2026, 6, 30)
    ours, theirs = club_statement(club, as_of=on), club_statement(twin, as_of=on)
    assert ours.pop("club") == "Zadruga Srce" and theirs.pop("club") == "Dvojček"
    assert ours == theirs
    assert club_problems(twin) == []


def test_plain_members_cannot_import_and_export_only_with_open_books(
    client, club, member, outsider
):
    client.force_login(member)
    assert client.get(reverse("clubs:journal", args=[club.slug])).status_code == 403
    assert upload(client, club, GOOD).status_code == 403
    assert not ClubEvent.objects.filter(club=club).exclude(type="join").exists()
    # The file holds every member's amounts (docs/privacy.md).
    assert client.get(reverse("clubs:journal_export", args=[club.slug])).status_code == 403
    club.open_books = True
    club.save(update_fields=["open_books"])
    assert client.get(reverse("clubs:journal_export", args=[club.slug])).status_code == 200
    client.force_login(outsider)
    assert client.get(reverse("clubs:journal_export", args=[club.slug])).status_code == 404
