"""The meetings API (the spec's §7): public, newest first, in pages; people for staff only."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from microfuture.network import services_meetings
from microfuture.network.models import Document, Meeting, Participant

LJ = ZoneInfo("Europe/Ljubljana")
LIST_KEYS = {"id", "kind", "title", "title_sl", "title_en", "starts_at", "ends_at", "place",
             "url", "public", "cancelled", "organiser", "page_url"}


@pytest.fixture
def two(meeting: Meeting, admin: Any) -> tuple[Meeting, Meeting]:
    later = services_meetings.meeting_create(
        actor=admin, kind=Meeting.Kind.INFO_SESSION, title_sl="Informativni dan",
        title_en="", starts_at=dt.datetime(2025, 5, 6, 17, 0, tzinfo=LJ),
        ends_at=dt.datetime(2025, 5, 6, 19, 0, tzinfo=LJ), url="https://meet.example.org/x",
        public=True,
    )
    return meeting, later


def test_the_list_is_public_newest_first_and_paged(client: Client, two: Any) -> None:
    meeting, later = two
    response = client.get("/api/v1/network/meetings", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [m["id"] for m in body["items"]] == [later.pk, meeting.pk]
    first, second = body["items"]
    assert set(first) == LIST_KEYS
    assert first["title"] == "Informativni dan"  # no English title: the Slovenian one
    assert first["organiser"] is None and first["public"] is True
    assert first["url"] == "https://meet.example.org/x" and first["place"] == ""
    assert second == {
        "id": meeting.pk, "kind": "stakeholder_meeting",
        "title": "3rd MICROFUTURE stakeholder meeting",
        "title_sl": "3. srečanje deležnikov MICROFUTURE",
        "title_en": "3rd MICROFUTURE stakeholder meeting",
        "starts_at": "2024-07-24T08:00:00Z", "ends_at": "2024-07-24T11:00:00Z",
        "place": "Ministrstvo za gospodarstvo, turizem in šport, Ljubljana", "url": "",
        "public": False, "cancelled": False,
        "organiser": {"id": meeting.organiser_id, "name": "Razvojni center Srca Slovenije"},
        "page_url": f"http://testserver/network/meetings/{meeting.pk}/",
    }
    page = client.get("/api/v1/network/meetings?limit=1&offset=1").json()
    assert page["count"] == 2 and [m["id"] for m in page["items"]] == [meeting.pk]
    sl = client.get("/api/v1/network/meetings", HTTP_ACCEPT_LANGUAGE="sl").json()
    assert sl["items"][1]["title"] == "3. srečanje deležnikov MICROFUTURE"


def test_one_meeting_in_full_without_people_for_the_public(
    client: Client, meeting: Meeting, listed_person: Any, unlisted_person: Any,
) -> None:
    Participant.objects.create(meeting=meeting, person=listed_person, attended=True)
    Participant.objects.create(meeting=meeting, person=unlisted_person)
    Document.objects.create(meeting=meeting, title="Slides", url="https://example.org/s.pdf")
    meeting.minutes = "Zapisnik."
    meeting.save()
    response = client.get(f"/api/v1/network/meetings/{meeting.pk}")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == LIST_KEYS | {"agenda", "minutes", "language", "documents",
                                     "decisions", "participants"}
    assert body["agenda"] == "1. Highlights from Paris\n2. Next steps"
    assert body["minutes"] == "Zapisnik."
    assert body["documents"] == [{"title": "Slides", "url": "https://example.org/s.pdf"}]
    decision = meeting.decisions.get()
    assert body["decisions"] == [{"id": decision.pk,
                                  "text": "Prenesti prakso Clubs CIGALES v Slovenijo."}]
    assert body["participants"]["organisations"] == [
        {"id": unlisted_person.organisation_id,
         "name": "Ministrstvo za gospodarstvo, turizem in šport", "kind": "policymaker",
         "attended": True},
        {"id": meeting.organiser_id, "name": "Razvojni center Srca Slovenije",
         "kind": "support_org", "attended": True},
    ]
    assert body["participants"]["people"] is None
    assert "Petra" not in response.content.decode()
    assert "@example.org" not in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "curator"])
def test_signed_in_non_staff_get_no_people(client: Client, meeting: Meeting,
                                           listed_person: Any, who: str, request: Any) -> None:
    Participant.objects.create(meeting=meeting, person=listed_person)
    client.force_login(request.getfixturevalue(who))
    body = client.get(f"/api/v1/network/meetings/{meeting.pk}").json()
    assert body["participants"]["people"] is None


def test_staff_get_the_people_but_no_addresses(
    client: Client, meeting: Meeting, listed_person: Any, unlisted_person: Any,
    coordinator: Any,
) -> None:
    Participant.objects.create(meeting=meeting, person=listed_person, attended=True)
    Participant.objects.create(meeting=meeting, person=unlisted_person)
    client.force_login(coordinator)
    response = client.get(f"/api/v1/network/meetings/{meeting.pk}")
    assert response.json()["participants"]["people"] == [
        {"id": listed_person.pk, "name": "Petra Listed",
         "organisation": "Razvojni center Srca Slovenije", "attended": True},
        {"id": unlisted_person.pk, "name": "Urban Unlisted",
         "organisation": "Ministrstvo za gospodarstvo, turizem in šport", "attended": False},
    ]
    assert "@example.org" not in response.content.decode()


def test_an_unknown_meeting_is_a_plain_404(client: Client, db: Any) -> None:
    response = client.get("/api/v1/network/meetings/4242")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no meeting with this number."}


def test_the_list_takes_a_constant_number_of_queries(
    client: Client, two: Any, agency: Any, admin: Any, django_assert_max_num_queries: Any,
) -> None:
    for day in range(1, 11):
        services_meetings.meeting_create(
            actor=admin, kind=Meeting.Kind.WORKSHOP, title_sl=f"Delavnica {day}", title_en="",
            starts_at=dt.datetime(2025, 9, day, 9, 0, tzinfo=LJ),
            ends_at=dt.datetime(2025, 9, day, 12, 0, tzinfo=LJ), organiser=agency,
        )
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/network/meetings").json()["count"] == 12
