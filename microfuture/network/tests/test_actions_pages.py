"""The action plan's pages: the regional plan (by owner, overdue first, filters), one item
(where it came from, its history, what it led to; staff change it), a new item, and what
came of a meeting on one page. Who sees whom as docs/network.md says."""

# ruff: noqa: F811  (the fixtures imported from actions_fixtures are named as parameters)
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from microfuture.network.models import ActionItem, Outcome
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


def text(response: Any) -> str:
    import html
    import re

    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ",
                                                     response.content.decode())))


@pytest.fixture
def items(admin: Any, meeting: Any, decision: Any, agency: Any, listed_person: Any,
          unlisted_person: Any, cigales: Any, pilot_club: Any, draft_practice: Any) -> Any:
    visit = item_create(actor=admin, title="Prepare a study visit to CIGALES",
                        due_on=today() - timedelta(days=5), owner_person=listed_person,
                        decision=decision)
    item_add_outcome(actor=admin, item=visit, kind="practice", record=cigales)
    item_add_outcome(actor=admin, item=visit, kind="club", record=pilot_club)
    item_add_outcome(actor=admin, item=visit, kind="practice", record=draft_practice)
    legal = item_create(actor=admin, title="Check the legal form", due_on=today() + timedelta(9),
                        owner_person=unlisted_person, decision=decision)
    minutes = item_create(actor=admin, title="Send the minutes", due_on=today() - timedelta(1),
                          owner_organisation=agency, meeting=meeting)
    budget = item_create(actor=admin, title="Draft the pilot's budget",
                         due_on=today() + timedelta(20), owner_organisation=agency,
                         meeting=meeting)
    done = item_create(actor=admin, title="Publish the report", due_on=today() - timedelta(60),
                       owner_organisation=agency, meeting=meeting)
    item_set_status(actor=admin, item=done, status="done", note="Published in August.")
    return {"visit": visit, "legal": legal, "minutes": minutes, "budget": budget, "done": done}


def test_the_plan_groups_open_items_by_owner_overdue_first(client: Any, items: Any) -> None:
    response = client.get("/network/actions/")
    assert response.status_code == 200
    page = text(response)
    page = page[page.index("4 items"):]  # after the filters
    # Petra's group first (5 days overdue), then the agency's (1 day), then the Ministry's.
    assert (page.index("Petra Listed") < page.index("Razvojni center Srca Slovenije")
            < page.index("Ministrstvo za gospodarstvo"))
    assert "overdue by 5 days" in page and "overdue by 1 day " in page
    assert page.index("Send the minutes") < page.index("Draft the pilot's budget")
    assert "Publish the report" not in page
    assert "Urban" not in page  # not listed: shown by his organisation


def test_done_and_dropped_on_request_and_filters(client: Any, items: Any, agency: Any,
                                                 admin: Any) -> None:
    item_set_status(actor=admin, item=items["budget"], status="dropped")
    page = text(client.get("/network/actions/?status=closed"))
    assert "Publish the report" in page and "Draft the pilot's budget" in page
    assert "Send the minutes" not in page and "overdue by" not in page
    page = text(client.get(f"/network/actions/?owner=o{agency.pk}"))
    assert "Send the minutes" in page and "Prepare a study visit" not in page
    page = text(client.get("/network/actions/?region=SI041"))
    assert "Check the legal form" in page and "Send the minutes" not in page
    page = text(client.get("/network/actions/?status=all"))
    assert "5 items" in page


def test_a_bad_filter_shows_the_whole_plan_with_the_reason(client: Any, items: Any) -> None:
    response = client.get("/network/actions/?status=finished")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_staff_see_people_not_listed_by_name(client: Any, items: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    page = text(client.get("/network/actions/"))
    assert "Urban Unlisted" in page
    assert "New action item" in page


def test_an_item_shows_where_it_came_from_its_history_and_what_it_led_to(client: Any, items: Any,
                                                                         meeting: Any,
                                                                         decision: Any,
                                                                         pilot_club: Any) -> None:
    response = client.get(f"/network/actions/{items['visit'].pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/network/meetings/{meeting.pk}/outcomes/#decision-{decision.pk}"' in html
    assert 'href="/practices/clubs-cigales/"' in html
    # The public may not open the club's page or the draft: their names only.
    assert "Klub Litija" in html and f"/clubs/{pilot_club.slug}/" not in html
    assert "A draft idea" in html and "/practices/draft-idea/" not in html
    page = text(response)
    assert "Petra Listed" in page and "overdue by 5 days" in page
    assert "added to the plan as “Open”" in page
    assert "Change the status" not in page and "Record what it led to" not in page


def test_an_unknown_item_is_a_404(client: Any, db: Any) -> None:
    assert client.get("/network/actions/999/").status_code == 404


def test_anonymous_readers_see_an_unlisted_owner_by_organisation(client: Any, items: Any) -> None:
    page = text(client.get(f"/network/actions/{items['legal'].pk}/"))
    assert "Urban" not in page and "Ministrstvo za gospodarstvo, turizem in šport" in page


def test_staff_change_the_status_with_a_note(client: Any, items: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    item = items["visit"]
    response = client.post(f"/network/actions/{item.pk}/",
                           {"form": "status", "status": "done", "note": "Held on 3 October."},
                           follow=True)
    assert "The status is changed" in text(response)
    item.refresh_from_db()
    assert item.status == "done"
    assert list(item.history.values_list("old_status", "new_status", "note"))[-1] == (
        "open", "done", "Held on 3 October.")
    # The same status again: the service's plain reason, nothing written.
    response = client.post(f"/network/actions/{item.pk}/",
                           {"form": "status", "status": "done"}, follow=True)
    assert "already “Done”" in text(response)
    assert item.history.count() == 2


def test_staff_record_and_remove_what_an_item_led_to(client: Any, items: Any, admin: Any,
                                                     study_visit: Any, meeting: Any) -> None:
    client.force_login(admin)
    item = items["legal"]
    form_page = client.get(f"/network/actions/{item.pk}/").content.decode()
    assert f'value="meeting:{study_visit.pk}"' in form_page
    response = client.post(f"/network/actions/{item.pk}/",
                           {"form": "outcome", "record": f"meeting:{study_visit.pk}"},
                           follow=True)
    assert "What the item led to is recorded." in text(response)
    outcome = Outcome.objects.get(item=item)
    assert outcome.meeting == study_visit
    response = client.post(f"/network/actions/{item.pk}/",
                           {"form": "outcome", "record": f"meeting:{meeting.pk}"}, follow=True)
    assert "cannot lead to the meeting it came from" in text(response)
    response = client.post(f"/network/actions/{item.pk}/", {"form": "outcome", "record": ""})
    assert response.status_code == 400
    client.post(f"/network/actions/{item.pk}/", {"form": "remove", "outcome": outcome.pk})
    assert not Outcome.objects.filter(item=item).exists()


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("outsider", 403),
                                         ("curator", 403)])
def test_only_staff_change_an_item(client: Any, request: Any, items: Any, who: Any,
                                   status: Any) -> None:
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    item = items["visit"]
    response = client.post(f"/network/actions/{item.pk}/", {"form": "status", "status": "done"})
    assert response.status_code == status
    assert client.get("/network/actions/new/").status_code == status
    item.refresh_from_db()
    assert item.status == "open"


def test_staff_add_an_item_from_a_decision(client: Any, coordinator: Any, decision: Any,
                                           meeting: Any, listed_person: Any) -> None:
    client.force_login(coordinator)
    form = client.get(f"/network/actions/new/?decision={decision.pk}").content.decode()
    assert f'<option value="{decision.pk}" selected>' in form
    response = client.post("/network/actions/new/", {
        "title": "Invite the bank to the next meeting", "owner": f"p{listed_person.pk}",
        "due_on": "2024-09-30", "meeting": meeting.pk, "decision": decision.pk,
        "language": "en"}, follow=True)
    item = ActionItem.objects.get()
    assert response.redirect_chain[-1][0] == f"/network/actions/{item.pk}/"
    assert item.decision == decision and item.owner_person == listed_person
    assert item.history.get().new_status == "open"


def test_a_new_item_without_owner_or_source_is_refused_plainly(client: Any, coordinator: Any,
                                                               agency: Any) -> None:
    client.force_login(coordinator)
    response = client.post("/network/actions/new/", {
        "title": "Something", "owner": f"o{agency.pk}", "due_on": "2024-09-30",
        "language": "sl"})
    assert response.status_code == 200
    assert "Say where the item came from" in text(response)
    assert not ActionItem.objects.exists()


def test_a_slovenian_date_is_understood(client: Any, coordinator: Any, agency: Any,
                                        decision: Any) -> None:
    client.force_login(coordinator)
    client.post("/network/actions/new/", {
        "title": "Nekaj", "owner": f"o{agency.pk}", "due_on": "30. 9. 2024",
        "decision": decision.pk, "language": "sl"}, HTTP_ACCEPT_LANGUAGE="sl")
    assert ActionItem.objects.get().due_on.isoformat() == "2024-09-30"


def test_what_came_of_the_meeting_on_one_page(client: Any, items: Any, meeting: Any,
                                              decision: Any) -> None:
    response = client.get(f"/network/meetings/{meeting.pk}/outcomes/")
    assert response.status_code == 200
    page = text(response)
    assert "What came of the meeting of 24 July 2024" in page
    assert "Prenesti prakso Clubs CIGALES v Slovenijo." in page
    decision_part = page[page.index("Prenesti prakso"):page.index("Other action items")]
    assert "Prepare a study visit to CIGALES" in decision_part
    assert "Clubs CIGALES" in decision_part and "Check the legal form" in decision_part
    other = page[page.index("Other action items"):]
    assert "Send the minutes" in other and "Publish the report" in other
    html = response.content.decode()
    assert f'href="/network/actions/{items["visit"].pk}/"' in html
    assert 'href="/practices/clubs-cigales/"' in html
    assert f'href="/network/meetings/{meeting.pk}/"' in html


def test_a_meeting_without_decisions_or_items(client: Any, study_visit: Any) -> None:
    page = text(client.get(f"/network/meetings/{study_visit.pk}/outcomes/"))
    assert "No decision is recorded for this meeting." in page
    assert client.get("/network/meetings/999/outcomes/").status_code == 404


def test_pages_run_a_constant_number_of_queries(client: Any, items: Any, admin: Any, decision: Any,
                                                agency: Any, meeting: Any,
                                                django_assert_max_num_queries: Any) -> None:
    for n in range(10):
        item_create(actor=admin, title=f"Item {n}", due_on=today(), owner_organisation=agency,
                    decision=decision)
    with django_assert_max_num_queries(20):
        client.get("/network/actions/")
    with django_assert_max_num_queries(20):
        client.get(f"/network/meetings/{meeting.pk}/outcomes/")
