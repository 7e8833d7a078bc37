"""Money is never recorded ahead: an event dated after today (the site's time zone) is refused
by the service, so by the API, the pages and the journal import (with its line). Before, an
event dated 9999-12-31 was stored and then blocked every entry dated today until reversed.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from microfuture.clubs.models import ClubEvent

pytestmark = pytest.mark.django_db

BASE = "/api/v1/clubs/zadruga-srce"


def _client(user: object) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.mark.parametrize("when", ["tomorrow", "9999-12-31"])
def test_an_api_event_after_today_is_refused(club, treasurer, when):
    today = timezone.localdate()
    day = today + timedelta(days=1) if when == "tomorrow" else date.fromisoformat(when)
    before = list(ClubEvent.objects.filter(club=club).values_list("seq", flat=True))
    body = {"date": day.isoformat(), "type": "contribution", "member": "Miha", "amount": "5"}
    response = _client(treasurer).post(f"{BASE}/events", json.dumps(body),
                                       content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json() == {"detail": (
        f"The date {day.isoformat()} is after today ({today.isoformat()}): money is recorded "
        "once it has moved, not in advance.")}
    assert list(ClubEvent.objects.filter(club=club).values_list("seq", flat=True)) == before
    # Today itself is fine, and is not blocked by anything.
    body["date"] = today.isoformat()
    response = _client(treasurer).post(f"{BASE}/events", json.dumps(body),
                                       content_type="application/json")
    assert response.status_code == 201, response.content


def test_a_journal_row_after_today_is_a_line_error(club, treasurer):
    tomorrow = timezone.localdate() + timedelta(days=1)
    text = ("date,type,member,amount\n"
            "2026-02-01,contribution,Miha,10\n"
            f"{tomorrow.isoformat()},contribution,Miha,10\n"
            "9999-12-31,contribution,Nina,10\n")
    before = ClubEvent.objects.filter(club=club).count()
    response = _client(treasurer).post(f"{BASE}/journal", json.dumps({"csv": text}),
                                       content_type="application/json")
    assert response.status_code == 400, response.content
    today = timezone.localdate().isoformat()
    assert [(e["line"], e["message"]) for e in response.json()["errors"]] == [
        (3, f"date {tomorrow.isoformat()} is after today ({today}): money is recorded once "
            "it has moved, not in advance"),
        (4, f"date 9999-12-31 is after today ({today}): money is recorded once it has moved, "
            "not in advance"),
    ]
    assert ClubEvent.objects.filter(club=club).count() == before


def test_the_record_page_refuses_a_date_after_today(club, treasurer):
    from django.urls import reverse

    tomorrow = timezone.localdate() + timedelta(days=1)
    before = ClubEvent.objects.filter(club=club).count()
    page = _client(treasurer).post(
        reverse("clubs:record_event", args=[club.slug, "contribution"]),
        {"date": tomorrow.isoformat(), "member": "Miha", "amount": "5"})
    assert page.status_code == 200
    assert f"The date {tomorrow.isoformat()} is after today" in page.content.decode()
    assert ClubEvent.objects.filter(club=club).count() == before
