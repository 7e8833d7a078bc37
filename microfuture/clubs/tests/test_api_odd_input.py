"""Odd input to the clubs API is a 4xx with a reason, never a 500, and stores nothing."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from microfuture.clubs.models import ClubEvent

pytestmark = pytest.mark.django_db

BASE = "/api/v1/clubs/zadruga-srce"


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        json.dumps({"date": "2026-02-01", "type": "contribution", "member": "Miha",
                    "amount": "9" * 40}),
        json.dumps({"date": "2026-02-01", "type": "contribution", "member": "Miha",
                    "amount": 5}),
        json.dumps({"date": "99999-01-01", "type": "contribution", "member": "Miha",
                    "amount": "5"}),
        json.dumps({"date": "2026-02-01", "type": "join", "member": " "}),
        json.dumps({"date": "2026-02-01", "type": "join", "member": "x" * 400}),
        json.dumps({"date": "2026-02-01", "type": "repayment", "enterprise": "Nobody",
                    "amount": "5"}),
        json.dumps({"date": "2026-02-01", "type": "dissolve", "amount": "5"}),
    ],
)
def test_odd_event_bodies(club, treasurer, body):
    client = Client(raise_request_exception=False)
    client.force_login(treasurer)
    response = client.post(f"{BASE}/events", body, content_type="application/json")
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["detail"]
    assert ClubEvent.objects.filter(club=club).exclude(type="join").count() == 0


@pytest.mark.parametrize(
    "query",
    ["principal=1e3&rate=1&term=3&disbursed=2026-01-01",
     "principal=100&rate=1&term=0&disbursed=2026-01-01",
     "principal=100&rate=1&term=3&disbursed=2026-01-01&first_due=2025-01-01",
     "principal=100&rate=-1&term=3&disbursed=2026-01-01",
     "principal=" + "9" * 30 + "&rate=1&term=3&disbursed=2026-01-01"],
)
def test_odd_loan_schedule_queries(db, query):
    response = Client(raise_request_exception=False).get(f"/api/v1/clubs/loan-schedule?{query}")
    assert 400 <= response.status_code < 500, response.content
