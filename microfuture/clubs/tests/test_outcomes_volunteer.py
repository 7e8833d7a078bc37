"""Volunteer time on a club's page: officers record anyone's (hours typed the Slovenian way,
or minutes), a member records and sees only their own, a coordinator sees the totals only,
and an outsider learns nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from microfuture.clubs.models import AuditLog, VolunteerTime

pytestmark = pytest.mark.django_db


def as_user(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def url(club: Any) -> str:
    return f"/clubs/{club.slug}/volunteer/"


def entry(club: Any, name: str, duration: str, unit: str = "hours", **changes: str) -> dict:
    body = {"member": str(club.members.get(name=name).pk), "date": "2026-03-02",
            "duration": duration, "unit": unit, "activity": "Knjigovodstvo"}
    body.update(changes)
    return body


@pytest.mark.parametrize(("typed", "unit", "minutes"), [
    ("1,5", "hours", 90), ("2", "hours", 120), ("0,25", "hours", 15), ("45", "minutes", 45),
])
def test_an_officer_records_a_member_s_time_in_slovenian(club, treasurer, typed, unit,
                                                         minutes):
    response = as_user(treasurer, "sl").post(url(club), entry(club, "Miha", typed, unit))
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = VolunteerTime.objects.get(club=club)
    assert (saved.member.name, saved.minutes, saved.recorded_by) == ("Miha", minutes, treasurer)
    assert AuditLog.objects.filter(club=club, action="volunteer.recorded").count() == 1


@pytest.mark.parametrize(("typed", "unit"), [("1.5", "hours"), ("0,01", "hours"),
                                             ("0", "hours"), ("25", "hours")])
def test_unclear_or_impossible_durations_store_nothing(club, treasurer, typed, unit):
    response = as_user(treasurer, "sl").post(url(club), entry(club, "Miha", typed, unit))
    assert response.status_code == 200
    assert not VolunteerTime.objects.exists()


def test_a_future_date_is_refused_plainly(club, treasurer):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = as_user(treasurer).post(url(club), entry(club, "Miha", "1", date=tomorrow))
    assert "The date is in the future" in response.content.decode()
    assert not VolunteerTime.objects.exists()


def test_a_member_records_their_own_time_but_not_another_s(club, member):
    client = as_user(member, "sl")
    assert client.post(url(club), entry(club, "Miha", "2")).status_code == 302
    # Nina is not in Miha's list: the choice is refused and nothing is stored for her.
    response = client.post(url(club), entry(club, "Nina", "3"))
    assert response.status_code == 200
    assert list(VolunteerTime.objects.values_list("member__name", "minutes")) == [("Miha", 120)]


def test_who_sees_what(club, treasurer, member, member2, coordinator, outsider):
    as_user(treasurer).post(url(club), entry(club, "Miha", "2", activity="Miha's books"))
    as_user(treasurer).post(url(club), entry(club, "Nina", "1", activity="Nina's meeting"))
    officer = as_user(treasurer).get(url(club)).content.decode()
    assert "Miha&#x27;s books" in officer and "Nina&#x27;s meeting" in officer
    own = as_user(member).get(url(club)).content.decode()
    assert "Miha&#x27;s books" in own and "Nina&#x27;s meeting" not in own
    assert "You have recorded 2.00 hours." in own
    totals = as_user(coordinator).get(url(club)).content.decode()
    assert "Miha&#x27;s books" not in totals and "Nina&#x27;s meeting" not in totals
    assert "3.00" in totals and "Record volunteer time" not in totals
    assert as_user(coordinator).post(url(club), entry(club, "Miha", "1")).status_code == 403
    assert as_user(outsider).get(url(club)).status_code == 404
    assert VolunteerTime.objects.count() == 2


def test_the_club_page_links_volunteer_time(club, member):
    page = as_user(member).get(f"/clubs/{club.slug}/").content.decode()
    assert url(club) in page
