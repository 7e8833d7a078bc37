"""Mentoring through the API: mentors of funded enterprises, their log, enterprise news."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, EnterpriseUpdate, Mentorship
from microfuture.clubs.services import club_record_events

pytestmark = pytest.mark.django_db
BASE = "/api/v1/clubs/zadruga-srce"


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, path: str, body: dict):
    return client.post(path, json.dumps(body), content_type="application/json")


@pytest.fixture
def funded(club, treasurer, enterprise):
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("500")),
        Event(date=date(2026, 2, 2), type="investment", enterprise=enterprise.name,
              instrument="equity", amount=Decimal("300")),
    ])
    return enterprise


def test_officer_names_mentors_and_a_mentor_logs_a_session(club, manager, member, funded):
    response = post(as_user(manager), f"{BASE}/mentoring", {
        "enterprise": funded.slug, "mentor": "Miha", "since": "2026-02-05"})
    assert response.status_code == 201, response.content
    ship_id = response.json()["id"]
    logged = post(as_user(member), f"{BASE}/mentoring/{ship_id}/sessions", {
        "date": "2026-03-01", "minutes": 90, "topic": "Cash-flow plan"})
    assert logged.status_code == 201
    listing = as_user(member).get(f"{BASE}/mentoring").json()["items"]
    assert listing[0]["mentor"] == "Miha"
    assert listing[0]["sessions"] == [{"date": "2026-03-01", "minutes": 90,
                                       "topic": "Cash-flow plan", "notes": ""}]
    assert AuditLog.objects.filter(club=club, action="mentoring.session").exists()


def test_refusals_are_plain_4xx(club, manager, member, outsider, funded):
    assert post(as_user(member), f"{BASE}/mentoring", {
        "enterprise": funded.slug, "mentor": "Miha", "since": "2026-02-05"}).status_code == 403
    for name in ["Miha", "Nina"]:
        post(as_user(manager), f"{BASE}/mentoring",
             {"enterprise": funded.slug, "mentor": name, "since": "2026-02-05"})
    third = post(as_user(manager), f"{BASE}/mentoring", {
        "enterprise": funded.slug, "mentor": "Sara", "since": "2026-02-05"})
    assert third.status_code == 400
    assert "two" in third.json()["detail"]
    assert Mentorship.objects.count() == 2
    assert as_user(outsider).get(f"{BASE}/mentoring").status_code == 404  # an outsider may not know the club exists (docs/security.md, "Oracles")
    ship = Mentorship.objects.first()
    assert ship is not None
    bad = post(as_user(manager), f"{BASE}/mentoring/{ship.pk}/sessions",
               {"date": "2026-03-01", "minutes": 0, "topic": "x"})
    assert bad.status_code == 422


def test_only_representatives_post_enterprise_news(entrepreneur, outsider, funded):
    path = f"/api/v1/clubs/enterprises/{funded.slug}/updates"
    body = {"date": "2026-06-30", "jobs": 4, "turnover": "85000.00", "milestone": "New oven"}
    assert post(as_user(outsider), path, body).status_code == 404  # as for a missing one
    response = post(as_user(entrepreneur), path, body)
    assert response.status_code == 201
    assert response.json()["turnover"] == "85000.00"
    assert EnterpriseUpdate.objects.get().turnover_cents == 8_500_000
    assert post(as_user(entrepreneur), path, {**body, "turnover": "1,5"}).status_code == 422
