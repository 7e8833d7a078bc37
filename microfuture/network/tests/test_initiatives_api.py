"""GET /api/v1/network/initiatives and /initiatives/{id}: the public record, no person."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from microfuture.network.models import ActionItem, Initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilot(agency: Any, ministry: Any, meeting: Any, listed_person: Any) -> Initiative:
    initiative = Initiative.objects.create(
        title_sl="Prvi pilotni klubi", title_en="The first pilot clubs",
        goal_en="Found the first three clubs.", status="active", started_on=date(2024, 9, 1))
    initiative.partners.set([agency, ministry])
    initiative.meetings.set([meeting])
    ActionItem.objects.create(title="Vzorčna pogodba", owner_person=listed_person,
                              due_on=date(2024, 10, 15), initiative=initiative)
    return initiative


def test_the_list_is_paged_and_filtered(client: Client, pilot: Initiative) -> None:
    Initiative.objects.create(title_en="Done", status="completed")
    body = client.get("/api/v1/network/initiatives").json()
    assert body["count"] == 2
    assert [i["title_en"] for i in body["items"]] == ["Done", "The first pilot clubs"]
    first = body["items"][1]
    assert first["status"] == "active" and first["started_on"] == "2024-09-01"
    assert {p["name"] for p in first["partners"]} == {
        "Razvojni center Srca Slovenije", "Ministrstvo za gospodarstvo, turizem in šport"}
    active = client.get("/api/v1/network/initiatives?status=active").json()
    assert [i["id"] for i in active["items"]] == [pilot.pk]
    bad = client.get("/api/v1/network/initiatives?status=finished")
    assert bad.status_code == 422


def test_one_initiative_with_its_meetings_and_items(client: Client, pilot: Initiative,
                                                    meeting: Any) -> None:
    body = client.get(f"/api/v1/network/initiatives/{pilot.pk}").json()
    assert body["title_sl"] == "Prvi pilotni klubi" and body["goal_en"].startswith("Found")
    assert body["meetings"] == [{
        "id": meeting.pk, "kind": "stakeholder_meeting",
        "title_sl": "3. srečanje deležnikov MICROFUTURE",
        "title_en": "3rd MICROFUTURE stakeholder meeting",
        "starts_at": "2024-07-24T08:00:00Z", "cancelled": False}]
    item = pilot.action_items.get()
    assert body["action_items"] == [{"id": item.pk, "title": "Vzorčna pogodba",
                                     "status": "open", "due": "2024-10-15"}]
    # No person's data: the item's owner is a person and is not named.
    assert "Petra" not in str(body) and "petra@example.org" not in str(body)


def test_an_unknown_initiative_is_a_404(client: Client) -> None:
    answer = client.get("/api/v1/network/initiatives/999")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "There is no joint initiative with this id."}


def test_a_constant_number_of_queries(client: Client, pilot: Initiative, agency: Any,
                                      meeting: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(10):
        more = Initiative.objects.create(title_en=f"Initiative {n}", status="active")
        more.partners.set([agency])
        more.meetings.set([meeting])
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/network/initiatives").json()["count"] == 11
    with django_assert_max_num_queries(6):
        assert client.get(f"/api/v1/network/initiatives/{pilot.pk}").status_code == 200
