"""The Beancount file from the club's journal page: for those who get the journal file (the
club's officers; every member when the books are open; an administrator in the audit role)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from beancount import loader
from beancount.core import data
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, Club
from microfuture.clubs.selectors import club_statement
from microfuture.clubs.services import club_record_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(club, treasurer):
    club_record_events(club=club, recorded_by=treasurer, history=True, events=[
        Event(date=date(2026, 1, 10), type="contribution", member="Miha",
              amount=Decimal("40.00"), reference="C-1"),
        Event(date=date(2026, 2, 10), type="contribution", member="Nina",
              amount=Decimal("25.50"), reference="C-2"),
        Event(date=date(2026, 2, 11), type="investment", enterprise="Pekarna Zlato Zrno",
              instrument="loan", amount=Decimal("30.00"), rate=Decimal("5"), term=6,
              reference="L-1"),
    ])
    return club


def download(user, club, query=""):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(reverse("clubs:export_beancount", args=[club.slug]) + query)


@pytest.mark.parametrize("who", ["treasurer", "manager", "secretary"])
def test_officers_download_the_books_up_to_a_date(saved, who, request):
    response = download(request.getfixturevalue(who), saved, "?date=2026-01-31")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="zadruga-srce-2026-01-31.beancount"'
    )
    assert "no-store" in response["Cache-Control"]
    entries, errors, _ = loader.load_string(response.content.decode())
    assert errors == []
    refs = {e.meta.get("reference") for e in entries if isinstance(e, data.Transaction)}
    assert "C-1" in refs and "C-2" not in refs
    balance = next(e for e in entries if isinstance(e, data.Balance)
                   and e.account == "Assets:Club:Cash")
    assert balance.date == date(2026, 2, 1)
    assert balance.amount.number == Decimal(club_statement(saved, as_of=date(2026, 1, 31))
                                            ["cash"])


def test_without_a_date_the_file_runs_to_today(saved, treasurer):
    text = download(treasurer, saved).content.decode()
    assert "L-1" in text
    assert f"up to {timezone.localdate().isoformat()}" in text


def test_a_bad_date_is_refused_with_a_plain_reason(saved, treasurer):
    response = download(treasurer, saved, "?date=31.1.2026")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.content.decode()


def test_a_plain_member_may_not_unless_the_books_are_open(saved, member):
    response = download(member, saved)
    assert response.status_code == 403
    Club.objects.filter(pk=saved.pk).update(open_books=True)
    assert download(member, saved).status_code == 200


def test_the_link_is_on_the_journal_page_for_those_who_may(saved, treasurer, member):
    link = reverse("clubs:export_beancount", args=[saved.slug])
    for user, shown in [(treasurer, True), (member, False)]:
        client = Client()
        client.force_login(user)
        page = client.get(reverse("clubs:events", args=[saved.slug])).content.decode()
        assert (link in page) is shown


def test_outsiders_and_coordinators_get_no_file(saved, coordinator, entrepreneur):
    assert download(None, saved).status_code in (302, 404)
    assert download(entrepreneur, saved).status_code == 404
    assert download(coordinator, saved).status_code == 403


def test_an_administrator_reads_it_in_the_audit_role(saved, admin, treasurer):
    assert download(treasurer, saved).status_code == 200
    assert not AuditLog.objects.filter(action="figures.read_for_audit").exists()
    assert download(admin, saved).status_code == 200
    row = AuditLog.objects.get(club=saved, action="figures.read_for_audit")
    assert (row.actor, row.detail["what"]) == (admin, "journal_file")


def test_the_download_runs_the_same_queries_whatever_the_history(saved, treasurer):
    client = Client()
    client.force_login(treasurer)
    url = reverse("clubs:export_beancount", args=[saved.slug])
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    club_record_events(club=saved, recorded_by=treasurer, history=True, events=[
        Event(date=date(2026, 3, day), type="contribution", member="Sara",
              amount=Decimal("1.00"), reference=f"S-{day}")
        for day in range(1, 21)
    ])
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before)
