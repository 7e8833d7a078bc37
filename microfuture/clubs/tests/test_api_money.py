"""The clubs JSON API: role checks, plain 4xx reasons, and the same figures as the pages."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from microfuture.clubs.models import ClubEvent
from microfuture.clubs.selectors import club_problems, club_statement

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def post(client: Client, path: str, body: dict):
    return client.post(path, json.dumps(body), content_type="application/json")


BASE = "/api/v1/clubs/zadruga-srce"


def test_treasurer_records_a_contribution_and_reads_the_statement(club, treasurer):
    api = client_for(treasurer)
    response = post(api, f"{BASE}/events", {
        "date": "2026-02-01", "type": "contribution", "member": "Miha", "amount": "20.00",
        "reference": "feb-miha",
    })
    assert response.status_code == 201, response.content
    assert response.json()["amount"] == "20.00"
    stmt = api.get(f"{BASE}/statement?date=2026-02-28").json()
    assert stmt == club_statement(club, as_of=date(2026, 2, 28))
    assert stmt["cash"] == "20.00"


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"date": "2026-02-01", "type": "contribution", "member": "Ghost", "amount": "5"},
         400, "has not joined"),
        ({"date": "2026-02-01", "type": "expense", "amount": "5.00"}, 400, "cash would go negative"),
        ({"date": "2026-02-01", "type": "contribution", "member": "Miha", "amount": "5.123"},
         422, "amount"),
        ({"date": "2026-02-01", "type": "contribution", "member": "Miha", "amount": "-5"},
         422, "amount"),
        ({"date": "2026-02-31", "type": "contribution", "member": "Miha", "amount": "5"},
         422, "date"),
        ({"date": "2026-02-01", "type": "investment", "enterprise": "X", "amount": "5"},
         422, "type"),
    ],
)
def test_bad_input_gets_a_plain_reason_and_stores_nothing(club, treasurer, body, status, detail):
    before = ClubEvent.objects.count()
    response = post(client_for(treasurer), f"{BASE}/events", body)
    assert response.status_code == status
    assert detail in response.json()["detail"]
    assert ClubEvent.objects.count() == before


def test_roles_are_checked_on_the_server(club, member, outsider):
    body = {"date": "2026-02-01", "type": "contribution", "member": "Miha", "amount": "5"}
    assert post(client_for(None), f"{BASE}/events", body).status_code == 401
    # an outsider may not know the club exists (docs/security.md, "Oracles")
    assert post(client_for(outsider), f"{BASE}/events", body).status_code == 404
    assert client_for(outsider).get(f"{BASE}/statement").status_code == 404
    response = post(client_for(member), f"{BASE}/events", body)
    assert response.status_code == 403
    assert "treasurer" in response.json()["detail"]
    assert client_for(member).get(f"{BASE}/statement").status_code == 200
    assert client_for(member).get("/api/v1/clubs/no-such-club/statement").status_code == 404


def test_members_see_only_their_own_member_statement(club, member, treasurer):
    nina = club.members.get(name="Nina")
    miha = club.members.get(name="Miha")
    assert client_for(member).get(f"{BASE}/members/{miha.pk}/statement").status_code == 200
    assert client_for(member).get(f"{BASE}/members/{nina.pk}/statement").status_code == 403
    assert client_for(treasurer).get(f"{BASE}/members/{nina.pk}/statement").status_code == 200


def test_collection_is_all_or_nothing(club, treasurer):
    api = client_for(treasurer)
    bad = post(api, f"{BASE}/events/collection", {
        "date": "2026-02-01", "contributions": {"Miha": "20.00", "Ghost": "20.00"}})
    assert bad.status_code == 400
    assert ClubEvent.objects.filter(type="contribution").count() == 0
    good = post(api, f"{BASE}/events/collection", {
        "date": "2026-02-01", "reference_prefix": "2026-02",
        "contributions": {"Miha": "20.00", "Nina": "25.00", "Sara": "0"}})
    assert good.status_code == 201
    assert [row["reference"] for row in good.json()] == ["2026-02-Miha", "2026-02-Nina"]
    again = post(api, f"{BASE}/events/collection", {
        "date": "2026-02-01", "reference_prefix": "2026-02",
        "contributions": {"Miha": "20.00"}})
    assert again.status_code == 400
    assert "already recorded" in again.json()["detail"]


def test_journal_import_reports_every_error_with_its_line(club, treasurer):
    api = client_for(treasurer)
    csv = ("date,type,member,amount\n"
           "2026-02-01,contribution,Miha,20\n"
           "2026-02-01,contribution,Ghost,20\n"
           "2026-02-02,contribution,Nina,5,50\n"
           "2026-02-03,expense,,1e3\n")
    response = post(api, f"{BASE}/journal", {"csv": csv})
    assert response.status_code == 400
    lines = sorted({e["line"] for e in response.json()["errors"]})
    assert lines == [3, 4, 5]
    assert ClubEvent.objects.filter(type="contribution").count() == 0
    ok = post(api, f"{BASE}/journal", {"csv": "date,type,member,amount,reference\n"
                                              "2026-02-01,contribution,Miha,20,j-1\n"})
    assert ok.json() == {"imported": 1, "skipped": 0}
    again = post(api, f"{BASE}/journal", {"csv": "date,type,member,amount,reference\n"
                                                 "2026-02-01,contribution,Miha,20,j-1\n"})
    assert again.json() == {"imported": 0, "skipped": 1}
    exported = api.get(f"{BASE}/journal")
    assert exported["Content-Type"].startswith("text/csv")
    assert "2026-02-01,contribution,Miha,,,20.00" in exported.content.decode()


def test_reversal_through_the_api(club, treasurer):
    api = client_for(treasurer)
    post(api, f"{BASE}/events", {"date": "2026-02-01", "type": "contribution",
                                 "member": "Miha", "amount": "20"})
    seq = ClubEvent.objects.get(type="contribution").seq
    assert post(api, f"{BASE}/events/{seq}/reverse", {"reason": ""}).status_code == 422
    response = post(api, f"{BASE}/events/{seq}/reverse", {"reason": "paid twice"})
    assert response.status_code == 200
    assert response.json()["reversed"] is True
    assert club_problems(club) == []


def test_loan_schedule_endpoint_matches_the_spec_shape(db):
    response = Client().get(
        "/api/v1/clubs/loan-schedule?principal=1000&rate=12&term=3&disbursed=2026-01-31")
    assert response.status_code == 200
    assert response.json()[0] == {"n": 1, "due": "2026-02-28", "payment": "340.02",
                                  "interest": "10.00", "principal": "330.02",
                                  "outstanding": "669.98"}
    bad = Client().get("/api/v1/clubs/loan-schedule?principal=1000&rate=12&term=3"
                       "&disbursed=2026-01-31&grace=3")
    assert bad.status_code == 400


def test_coordinator_overview_is_for_coordinators_only(club, coordinator, member, treasurer):
    post(client_for(treasurer), f"{BASE}/events", {"date": "2026-02-01", "type": "contribution",
                                                   "member": "Miha", "amount": "20"})
    rows = client_for(coordinator).get("/api/v1/clubs/region-overview").json()["items"]
    assert [(r["club"], r["savings"], r["members"]) for r in rows] == [("Zadruga Srce", "20.00", 5)]
    assert client_for(member).get("/api/v1/clubs/region-overview").status_code == 403
    # A coordinator of the region may read the club but not record money.
    assert client_for(coordinator).get(f"{BASE}/statement").status_code == 200
    assert post(client_for(coordinator), f"{BASE}/events", {
        "date": "2026-02-01", "type": "contribution", "member": "Miha", "amount": "1"}
    ).status_code == 403


def test_founding_a_club_makes_the_founder_its_manager(outsider):
    api = client_for(outsider)
    response = post(api, "/api/v1/clubs/", {
        "name": "Nova Zadruga", "region": "SI042", "start_date": "2026-03-01",
        "founder_name": "Oto"})
    assert response.status_code == 201
    assert response.json()["status"] == "forming"
    assert [c["slug"] for c in api.get("/api/v1/clubs/").json()["items"]] == ["nova-zadruga"]
    dup = post(api, "/api/v1/clubs/", {"name": "Nova Zadruga", "region": "SI042",
                                      "start_date": "2026-03-01", "founder_name": "Oto"})
    assert dup.status_code == 400
    assert post(api, "/api/v1/clubs/", {"name": "X", "region": "XX", "start_date": "2026-03-01",
                                       "founder_name": "Oto"}).status_code == 400


def test_a_club_founded_by_the_api_may_cover_other_regions(outsider):
    api = client_for(outsider)
    response = post(api, "/api/v1/clubs/", {
        "name": "Klub ob meji", "region": "SI035", "other_regions": ["SI041"],
        "start_date": "2026-03-01", "founder_name": "Oto"})
    assert response.status_code == 201
    assert (response.json()["region"], response.json()["other_regions"]) == ("SI035", ["SI041"])
    for others in (["SI035"], ["SI999"]):  # its own region, an unknown one: 400, nothing kept
        refused = post(api, "/api/v1/clubs/", {
            "name": f"Klub {others[0]}", "region": "SI035", "other_regions": others,
            "start_date": "2026-03-01", "founder_name": "Oto"})
        assert refused.status_code == 400 and refused.json()["detail"]
