"""Every list of the API is paged: `{"items": [...], "count": N}` chosen by `limit` (at most
500) and `offset`, so a club's whole history is never sent in one answer."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from microfuture.clubs.models import ClubEvent

pytestmark = pytest.mark.django_db

BASE = "/api/v1/clubs/zadruga-srce"


def test_events_come_in_pages_with_the_whole_count(club, treasurer):
    api = Client()
    api.force_login(treasurer)
    for day in range(1, 8):
        response = api.post(f"{BASE}/events", json.dumps({
            "date": f"2026-02-{day:02d}", "type": "contribution", "member": "Miha",
            "amount": "1.00"}), content_type="application/json")
        assert response.status_code == 201
    total = ClubEvent.objects.filter(club=club).count()
    first = api.get(f"{BASE}/events?limit=3").json()
    assert first["count"] == total
    assert [e["seq"] for e in first["items"]] == [1, 2, 3]
    last = api.get(f"{BASE}/events?limit=3&offset={total - 2}").json()
    assert [e["seq"] for e in last["items"]] == [total - 1, total]
    assert len(api.get(f"{BASE}/events").json()["items"]) == total  # default 100 a page
    too_many = api.get(f"{BASE}/events?limit=501")
    assert too_many.status_code == 422
    assert "500 or less" in too_many.json()["detail"]
    assert api.get(f"{BASE}/events?offset=-1").status_code == 422


def test_every_list_endpoint_is_paged_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    paged = [
        "/api/v1/clubs/", "/api/v1/clubs/region-overview", "/api/v1/clubs/{slug}/pledges",
        "/api/v1/clubs/{slug}/events", "/api/v1/clubs/enterprises/{ent_slug}/loans",
        "/api/v1/clubs/{slug}/meetings", "/api/v1/clubs/{slug}/proposals",
        "/api/v1/clubs/{slug}/mentoring", "/api/v1/clubs/{slug}/payments",
    ]
    for path in paged:
        operation = paths[path]["get"]
        params = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}
        assert params["limit"]["schema"]["maximum"] == 500, path
        assert "offset" in params, path
        ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        body = schemas[ref.rsplit("/", 1)[-1]]
        assert set(body["properties"]) == {"items", "count"}, path
