"""A reversal is a money entry: it is never dated after today (the site's time zone), like
every other money event (`test_bounds_future.py`). The service refuses such a date with the
same plain message and stores nothing; the reversal page and the API date a reversal today,
whatever date a request carries."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, ClubEvent, EventReversal
from microfuture.clubs.services import ClubError, club_reverse_event
from microfuture.clubs.services.money import club_record_event
from microfuture.ledger.models import JournalEntry

pytestmark = pytest.mark.django_db


def _contribution(club: Club, treasurer: Any) -> ClubEvent:
    return club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("25.00")))


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("when", ["tomorrow", "9999-12-31"])
def test_the_service_refuses_a_reversal_after_today(club: Club, treasurer: Any,
                                                    when: str) -> None:
    today = timezone.localdate()
    day = today + timedelta(days=1) if when == "tomorrow" else date.fromisoformat(when)
    row = _contribution(club, treasurer)
    entries = JournalEntry.objects.count()
    with pytest.raises(ClubError) as refused:
        club_reverse_event(club=club, event=row, reason="Typed twice.", reversed_by=treasurer,
                           on=day)
    assert refused.value.message == (
        f"The date {day.isoformat()} is after today ({today.isoformat()}): money is recorded "
        "once it has moved, not in advance.")
    assert not EventReversal.objects.exists()
    assert JournalEntry.objects.count() == entries
    # Today is fine.
    done = club_reverse_event(club=club, event=row, reason="Typed twice.",
                              reversed_by=treasurer, on=today)
    assert done.entry.date == today


def test_the_api_dates_a_reversal_today(club: Club, treasurer: Any) -> None:
    row = _contribution(club, treasurer)
    response = _client(treasurer).post(
        f"/api/v1/clubs/{club.slug}/events/{row.seq}/reverse",
        json.dumps({"reason": "Typed twice.", "date": "9999-12-31"}),
        content_type="application/json")
    assert response.status_code == 200, response.content
    assert EventReversal.objects.get(event=row).entry.date == timezone.localdate()


def test_the_reversal_page_dates_a_reversal_today(club: Club, treasurer: Any) -> None:
    row = _contribution(club, treasurer)
    response = _client(treasurer).post(
        reverse("clubs:reverse_event", args=[club.slug, row.seq]),
        {"reason": "Typed twice.", "date": "9999-12-31"})
    assert response.status_code == 302
    assert EventReversal.objects.get(event=row).entry.date == timezone.localdate()
    # Nothing dated after today blocks the next entry dated today.
    today = timezone.localdate().isoformat()
    again = _client(treasurer).post(f"/api/v1/clubs/{club.slug}/events", json.dumps(
        {"date": today, "type": "contribution", "member": "Miha", "amount": "5.00"}),
        content_type="application/json")
    assert again.status_code == 201, again.content
