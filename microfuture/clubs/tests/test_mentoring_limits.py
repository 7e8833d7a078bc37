"""Mentors: one or two active members per funded enterprise; sessions by mentor or officers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from microfuture.clubs.core import Event
from microfuture.clubs.models import Member, MentoringSession, Mentorship
from microfuture.clubs.services.mentoring import mentor_assign, mentoring_log
from microfuture.clubs.services.money import ClubError, club_record_event

ON = date(2026, 3, 5)


@pytest.fixture
def funded(club, enterprise, treasurer):
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("3000")))
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 3, 1), type="investment", enterprise=enterprise.name,
        instrument="equity", amount=Decimal("500")))
    return enterprise


def m(club: Any, name: str) -> Member:
    return Member.objects.get(club=club, name=name)


def test_two_mentors_at_most(club, funded, manager):
    mentor_assign(club=club, enterprise=funded, mentor=m(club, "Miha"), actor=manager, since=ON)
    with pytest.raises(ClubError, match="already mentors"):
        mentor_assign(club=club, enterprise=funded, mentor=m(club, "Miha"), actor=manager,
                      since=ON)
    mentor_assign(club=club, enterprise=funded, mentor=m(club, "Nina"), actor=manager, since=ON)
    with pytest.raises(ClubError, match="already has two mentors"):
        mentor_assign(club=club, enterprise=funded, mentor=m(club, "Sara"), actor=manager,
                      since=ON)
    assert Mentorship.objects.count() == 2


def test_only_funded_enterprises_and_active_members(club, enterprise, manager, treasurer):
    with pytest.raises(ClubError, match="has not invested in Pekarna"):
        mentor_assign(club=club, enterprise=enterprise, mentor=m(club, "Miha"), actor=manager,
                      since=ON)
    club_record_event(club=club, event=Event(date=date(2026, 2, 1), type="exit", member="Nina"),
                      recorded_by=manager)
    with pytest.raises(ClubError, match="active member"):
        mentor_assign(club=club, enterprise=enterprise, mentor=m(club, "Nina"), actor=manager,
                      since=ON)


def test_member_cannot_name_mentors(club, funded, member):
    with pytest.raises(ClubError, match="Only the club's manager"):
        mentor_assign(club=club, enterprise=funded, mentor=m(club, "Miha"), actor=member,
                      since=ON)


def test_page_assigns_and_logs_in_hours(club, funded, client, manager, member, member2):
    client.force_login(manager)
    url = f"/clubs/{club.slug}/mentoring/"
    client.post(url, {"action": "assign", "assign-enterprise": funded.pk,
                      "assign-mentor": m(club, "Miha").pk, "assign-since": "2026-03-05"})
    client.post(url, {"action": "assign", "assign-enterprise": funded.pk,
                      "assign-mentor": m(club, "Nina").pk, "assign-since": "2026-03-05"})
    third = client.post(url, {"action": "assign", "assign-enterprise": funded.pk,
                              "assign-mentor": m(club, "Sara").pk, "assign-since": "2026-03-05"})
    assert "already has two mentors" in third.content.decode()
    assert Mentorship.objects.count() == 2

    client.force_login(member)  # Miha, a mentor
    mine = Mentorship.objects.get(mentor__name="Miha")
    page = client.get(url).content.decode()
    assert "Log a mentoring session" in page and "Name a mentor" not in page
    client.post(url, {"action": "session", "session-mentorship": mine.pk,
                      "session-date": "2026-03-10", "session-duration": "1.5",
                      "session-unit": "hours", "session-topic": "Pricing bread"})
    session = MentoringSession.objects.get()
    assert (session.minutes, session.topic, session.recorded_by) == (90, "Pricing bread", member)
    # Miha cannot log for Nina's mentorship (it is not among his choices).
    ninas = Mentorship.objects.get(mentor__name="Nina")
    response = client.post(url, {"action": "session", "session-mentorship": ninas.pk,
                                 "session-date": "2026-03-10", "session-duration": "30",
                                 "session-unit": "minutes", "session-topic": "x"})
    assert response.status_code == 200 and MentoringSession.objects.count() == 1
    assert "Pricing bread" in client.get(url).content.decode()


def test_member_without_mentorship_cannot_log(club, funded, client, manager, member2):
    mentorship = mentor_assign(club=club, enterprise=funded, mentor=m(club, "Miha"),
                               actor=manager, since=ON)
    with pytest.raises(ClubError, match="Only the mentor"):
        mentoring_log(mentorship=mentorship, actor=member2, on=ON, minutes=30, topic="x")
    client.force_login(member2)
    response = client.post(f"/clubs/{club.slug}/mentoring/", {
        "action": "session", "session-mentorship": mentorship.pk, "session-date": "2026-03-10",
        "session-duration": "30", "session-unit": "minutes", "session-topic": "x"})
    assert response.status_code == 403
    assert not MentoringSession.objects.exists()
