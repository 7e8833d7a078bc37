"""The governance JSON API, through HTTP with a session, as mounted at /api/v1/clubs/.

Until the lead mounts the router in microfuture/api.py, this module mounts it on a throwaway
NinjaAPI in its own URLconf (pytest.mark.urls), at the same path.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import path
from django.utils import timezone
from ninja import NinjaAPI

from microfuture.clubs.api_governance import router
from microfuture.clubs.api_payments import router as payments_router
from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, ClubEvent, Meeting, Proposal, Vote
from microfuture.clubs.selectors import club_problems
from microfuture.clubs.services.money import club_record_event

_api = NinjaAPI(urls_namespace="gov-test")
_api.add_router("/clubs/", router)
_api.add_router("/clubs/", payments_router)
urlpatterns = [path("api/v1/", _api.urls)]
pytestmark = pytest.mark.urls(__name__)


def api(club: Any) -> str:
    return f"/api/v1/clubs/{club.slug}"


@pytest.fixture
def proposal(club, enterprise, entrepreneur, client):
    client.force_login(entrepreneur)
    response = client.post(f"{api(club)}/proposals", {
        "enterprise": enterprise.slug, "title": "Oven", "summary": "A wood-fired oven.",
        "instrument": "loan", "amount": "1200.50", "rate": "2.5", "term": 24,
    }, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["amount"] == "1200.50"
    assert (body["rate"], body["term"], body["grace"], body["method"]) == ("2.5", 24, 0,
                                                                         "annuity")
    client.logout()
    return Proposal.objects.get(pk=body["id"])


def test_not_signed_in_is_401(club, client):
    response = client.get(f"{api(club)}/proposals")
    assert response.status_code == 401


def test_meetings_list_and_create(club, client, secretary, member):
    client.force_login(member)
    refused = client.post(f"{api(club)}/meetings", {
        "title": "June", "starts_at": "2026-06-01T18:00:00+02:00"},
        content_type="application/json")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Only the club's officers can call a meeting."}
    client.force_login(secretary)
    created = client.post(f"{api(club)}/meetings", {
        "title": "June", "starts_at": "2026-06-01T18:00:00+02:00", "place": "Hall"},
        content_type="application/json")
    assert created.status_code == 201
    assert Meeting.objects.get().location == "Hall"
    listing = client.get(f"{api(club)}/meetings").json()["items"]
    assert [m["title"] for m in listing] == ["June"]


def test_validation_is_422_never_500(club, client, manager, enterprise):
    client.force_login(manager)
    response = client.post(f"{api(club)}/proposals", {
        "enterprise": enterprise.slug, "title": "Oven", "summary": "Oven.",
        "instrument": "equity", "amount": 12.5}, content_type="application/json")
    assert response.status_code == 422
    assert "detail" in response.json()
    response = client.post(f"{api(club)}/proposals", "not json",
                           content_type="application/json")
    assert response.status_code in (400, 422)
    assert not Proposal.objects.exists()


def test_club_rule_refusal_is_400(club, client, manager, enterprise):
    client.force_login(manager)
    response = client.post(f"{api(club)}/proposals", {
        "enterprise": enterprise.slug, "title": "Oven", "summary": "Oven.",
        "instrument": "loan", "amount": "100.00"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "A loan needs an annual interest rate and a term in months."}


def test_missing_is_404(club, client, manager):
    client.force_login(manager)
    assert client.get(f"{api(club)}/proposals/999").status_code == 404
    assert client.get("/api/v1/clubs/no-such-club/proposals").status_code == 404


def test_outsider_is_404(club, proposal, client, outsider):
    client.force_login(outsider)
    response = client.get(f"{api(club)}/proposals/{proposal.pk}")
    assert response.status_code == 404  # an outsider may not know the club exists (docs/security.md, "Oracles")
    assert response.json()["detail"]


def test_vote_flow_and_invest(club, proposal, client, manager, treasurer, member, member2):
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("5000")))
    client.force_login(member)
    assert client.post(f"{api(club)}/proposals/{proposal.pk}/vote/open", {
        "deadline": (timezone.now() + timedelta(days=1)).isoformat()},
        content_type="application/json").status_code == 403
    client.force_login(manager)
    opened = client.post(f"{api(club)}/proposals/{proposal.pk}/vote/open", {
        "deadline": (timezone.now() + timedelta(days=1)).isoformat()},
        content_type="application/json")
    assert opened.status_code == 200
    assert opened.json()["status"] == "voting"
    for user in (manager, treasurer, member, member2):
        client.force_login(user)
        voted = client.post(f"{api(club)}/proposals/{proposal.pk}/votes", {"choice": "yes"},
                            content_type="application/json")
        assert voted.status_code == 200
        assert voted.json()["my_vote"] == "yes"
    client.force_login(member2)
    bad = client.post(f"{api(club)}/proposals/{proposal.pk}/votes", {"choice": "maybe"},
                      content_type="application/json")
    assert bad.status_code == 422
    client.force_login(manager)
    early = client.post(f"{api(club)}/proposals/{proposal.pk}/vote/close")
    assert early.status_code == 400
    assert "4 of 5 so far" in early.json()["detail"]
    Proposal.objects.filter(pk=proposal.pk).update(
        vote_deadline=timezone.now() - timedelta(seconds=1))
    closed = client.post(f"{api(club)}/proposals/{proposal.pk}/vote/close").json()
    assert closed["status"] == "approved"
    assert closed["tally"] == {"yes": 4, "no": 0, "abstain": 0, "cast": 4, "eligible": 5,
                               "quorum_needed": 3}
    assert Vote.objects.filter(proposal=proposal).count() == 4

    client.force_login(member)
    assert client.post(f"{api(club)}/proposals/{proposal.pk}/investment", {
        "on": "2026-03-01"}, content_type="application/json").status_code == 403
    client.force_login(treasurer)
    # 1,200.50 is above the charter's four-eyes threshold (1,000.00 by default): it waits.
    asked = client.post(f"{api(club)}/proposals/{proposal.pk}/investment", {
        "on": "2026-03-01"}, content_type="application/json")
    assert asked.status_code == 202, asked.content
    assert (asked.json()["status"], asked.json()["amount"]) == ("pending", "1200.50")
    assert not ClubEvent.objects.filter(type="investment").exists()
    own = client.post(f"{api(club)}/payments/{asked.json()['id']}/confirm")
    assert own.status_code == 403, own.content  # the asker is not the second pair of eyes
    client.force_login(manager)
    confirmed = client.post(f"{api(club)}/payments/{asked.json()['id']}/confirm")
    assert confirmed.status_code == 201, confirmed.content
    assert confirmed.json()["approval"]["status"] == "confirmed"
    client.force_login(treasurer)
    proposal.refresh_from_db()
    assert proposal.status == "funded"
    row = ClubEvent.objects.get(type="investment")
    assert (row.amount_cents, row.instrument, row.reference, row.rate) == (
        120050, "loan", f"proposal-{proposal.pk}", "2.5")
    again = client.post(f"{api(club)}/proposals/{proposal.pk}/investment", {
        "on": "2026-03-01"}, content_type="application/json")
    assert again.status_code == 400
    assert again.json() == {"detail": "This proposal has already been funded."}
    assert club_problems(club) == []
    assert AuditLog.objects.filter(action="proposal.funded").count() == 1


def test_list_filters_by_status(club, proposal, client, member):
    client.force_login(member)
    submitted = client.get(f"{api(club)}/proposals?status=submitted").json()["items"]
    assert [p["id"] for p in submitted] == [proposal.pk]
    assert client.get(f"{api(club)}/proposals?status=approved").json()["items"] == []
