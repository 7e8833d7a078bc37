"""The action plan's API (the spec's §7): what came of a meeting, and the regional plan with
its filters, overdue first. Public record: no sign-in needed; people named only if listed."""

# ruff: noqa: F811  (the fixtures imported from actions_fixtures are named as parameters)
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from microfuture.network.services_actions import item_add_outcome, item_create, item_set_status
from microfuture.network.tests.actions_fixtures import (  # noqa: F401
    cigales,
    decision,
    draft_practice,
    interview,
    mechanism,
    pilot_club,
    pilot_initiative,
    study_visit,
)

pytestmark = pytest.mark.django_db

def today() -> date:
    """Today where the platform is, read when a test runs (not when it is collected)."""
    return timezone.localdate()


@pytest.fixture
def items(admin: Any, meeting: Any, decision: Any, agency: Any, listed_person: Any,
          unlisted_person: Any, cigales: Any, draft_practice: Any, interview: Any, pilot_club: Any,
          mechanism: Any, study_visit: Any, pilot_initiative: Any) -> Any:
    visit = item_create(actor=admin, title="Prepare a study visit to CIGALES",
                        due_on=today() - timedelta(days=5), owner_person=listed_person,
                        decision=decision)
    for kind, record in [("practice", cigales), ("interview", interview), ("club", pilot_club),
                         ("mechanism", mechanism), ("meeting", study_visit),
                         ("initiative", pilot_initiative), ("practice", draft_practice)]:
        item_add_outcome(actor=admin, item=visit, kind=kind, record=record)
    legal = item_create(actor=admin, title="Check the legal form", due_on=today() + timedelta(2),
                        owner_person=unlisted_person, decision=decision)
    minutes = item_create(actor=admin, title="Send the minutes", due_on=today() - timedelta(30),
                          owner_organisation=agency, meeting=meeting)
    done = item_create(actor=admin, title="Publish the report", due_on=today() - timedelta(60),
                       owner_organisation=agency, meeting=meeting)
    item_set_status(actor=admin, item=done, status="done")
    return {"visit": visit, "legal": legal, "minutes": minutes, "done": done}


def test_what_came_of_a_meeting(client: Any, items: Any, meeting: Any, decision: Any, cigales: Any,
                                interview: Any, pilot_club: Any, mechanism: Any, study_visit: Any,
                                pilot_initiative: Any, draft_practice: Any) -> None:
    response = client.get(f"/api/v1/network/meetings/{meeting.pk}/outcomes")
    assert response.status_code == 200
    body = response.json()
    assert body["meeting"] == {
        "id": meeting.pk, "kind": "stakeholder_meeting",
        "title": "3rd MICROFUTURE stakeholder meeting",
        "starts_at": "2024-07-24T08:00:00Z", "ends_at": "2024-07-24T11:00:00Z",
        "place": "Ministrstvo za gospodarstvo, turizem in šport, Ljubljana"}
    assert [d["id"] for d in body["decisions"]] == [decision.pk]
    assert body["decisions"][0]["text"] == "Prenesti prakso Clubs CIGALES v Slovenijo."
    visit, legal = body["decisions"][0]["action_items"]
    assert {k: visit[k] for k in ("id", "title", "owner", "due", "status")} == {
        "id": items["visit"].pk, "title": "Prepare a study visit to CIGALES",
        "owner": "Petra Listed", "due": (today() - timedelta(days=5)).isoformat(),
        "status": "open"}
    # An owner not listed: their organisation.
    assert legal["owner"] == "Ministrstvo za gospodarstvo, turizem in šport"
    assert legal["led_to"] == []
    site = "http://testserver"
    assert visit["led_to"] == [
        {"kind": "practice", "id": cigales.pk, "title": "Clubs CIGALES",
         "url": f"{site}/practices/clubs-cigales/"},
        {"kind": "interview", "id": interview.pk,
         "title": "manager of a club in Lyon (2024-09-12), Clubs CIGALES",
         "url": f"{site}/practices/clubs-cigales/"},
        # A club's page is for its members and coordinators: named, not linked.
        {"kind": "club", "id": pilot_club.pk, "title": "Klub Litija", "url": None},
        {"kind": "mechanism", "id": mechanism.pk, "title": "Microloans for social enterprises",
         "url": f"{site}/finder/mechanisms/srrs-microloans/"},
        {"kind": "meeting", "id": study_visit.pk, "title": "Study visit to CIGALES in Lyon",
         "url": visit["led_to"][4]["url"]},
        {"kind": "initiative", "id": pilot_initiative.pk, "title": "The first pilot clubs",
         "url": visit["led_to"][5]["url"]},
        # A draft practice stays unlinked for the public.
        {"kind": "practice", "id": draft_practice.pk, "title": "A draft idea", "url": None},
    ]
    assert visit["led_to"][4]["url"] in (None, f"{site}/network/meetings/{study_visit.pk}/")
    assert visit["led_to"][5]["url"] in (
        None, f"{site}/network/initiatives/{pilot_initiative.pk}/")
    assert [i["title"] for i in body["action_items_without_decision"]] == [
        "Publish the report", "Send the minutes"]
    assert body["action_items_without_decision"][1]["owner"] == "Razvojni center Srca Slovenije"


def test_an_owner_without_listing_or_organisation_is_not_listed(client: Any, admin: Any,
                                                                decision: Any) -> None:
    from microfuture.network.models import Person

    loner = Person.objects.create(name="Lojze Alone", email="lojze@example.org")
    item_create(actor=admin, title="Think", due_on=today(), owner_person=loner, decision=decision)
    body = client.get(f"/api/v1/network/meetings/{decision.meeting_id}/outcomes").json()
    assert body["decisions"][0]["action_items"][0]["owner"] == "not listed"
    assert "Lojze" not in str(body)


def test_staff_signed_in_see_the_club_linked(client: Any, items: Any, meeting: Any, pilot_club: Any,
                                             admin: Any) -> None:
    client.force_login(admin)
    body = client.get(f"/api/v1/network/meetings/{meeting.pk}/outcomes").json()
    club = body["decisions"][0]["action_items"][0]["led_to"][2]
    assert club["url"] == f"http://testserver/clubs/{pilot_club.slug}/"
    # The owner string is the public one, whoever asks.
    assert body["decisions"][0]["action_items"][1]["owner"] == (
        "Ministrstvo za gospodarstvo, turizem in šport")


def test_an_unknown_meeting_is_a_404(client: Any, db: Any) -> None:
    response = client.get("/api/v1/network/meetings/999/outcomes")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no such meeting."}


def test_the_plan_overdue_first_without_done_or_dropped(client: Any, items: Any, meeting: Any,
                                                        decision: Any) -> None:
    body = client.get("/api/v1/network/actions").json()
    assert body["count"] == 3
    assert [i["title"] for i in body["items"]] == [
        "Send the minutes", "Prepare a study visit to CIGALES", "Check the legal form"]
    first = body["items"][0]
    assert first["meeting_id"] == meeting.pk and first["decision_id"] is None
    assert first["overdue"] is True and first["days_overdue"] == 30
    assert first["owner"] == "Razvojni center Srca Slovenije" and first["status"] == "open"
    assert set(first) == {"id", "title", "owner", "due", "status", "led_to", "meeting_id",
                          "decision_id", "overdue", "days_overdue"}
    assert body["items"][1]["decision_id"] == decision.pk
    assert body["items"][2]["overdue"] is False and body["items"][2]["days_overdue"] == 0


def test_the_plan_filtered_by_status_and_overdue(client: Any, items: Any, admin: Any) -> None:
    item_set_status(actor=admin, item=items["legal"], status="in_progress")
    body = client.get("/api/v1/network/actions?status=open&overdue=true").json()
    assert [i["title"] for i in body["items"]] == ["Send the minutes",
                                                   "Prepare a study visit to CIGALES"]
    body = client.get("/api/v1/network/actions?status=in_progress").json()
    assert [i["title"] for i in body["items"]] == ["Check the legal form"]
    body = client.get("/api/v1/network/actions?status=done").json()
    assert [(i["title"], i["overdue"]) for i in body["items"]] == [("Publish the report", False)]
    body = client.get("/api/v1/network/actions?status=done&overdue=true").json()
    assert body == {"items": [], "count": 0}


def test_the_plan_filtered_by_owner_and_region(client: Any, items: Any, agency: Any,
                                               listed_person: Any) -> None:
    body = client.get(f"/api/v1/network/actions?owner=o{agency.pk}").json()
    assert [i["title"] for i in body["items"]] == ["Send the minutes"]
    body = client.get(f"/api/v1/network/actions?owner=p{listed_person.pk}").json()
    assert [i["title"] for i in body["items"]] == ["Prepare a study visit to CIGALES"]
    body = client.get("/api/v1/network/actions?region=SI041").json()
    assert [i["title"] for i in body["items"]] == ["Check the legal form"]  # the Ministry's


@pytest.mark.parametrize("query", ["status=finished", "owner=agency", "overdue=perhaps",
                                   "limit=501"])
def test_a_bad_filter_is_a_422_with_a_plain_reason(client: Any, db: Any, query: Any) -> None:
    response = client.get(f"/api/v1/network/actions?{query}")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_the_plan_runs_a_constant_number_of_queries(client: Any, items: Any, admin: Any,
                                                    decision: Any, agency: Any,
                                                    django_assert_max_num_queries: Any) -> None:
    for n in range(10):
        item_create(actor=admin, title=f"Item {n}", due_on=date(2030, 1, 1),
                    owner_organisation=agency, decision=decision)
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/network/actions").json()["count"] == 13
