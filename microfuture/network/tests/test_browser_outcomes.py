"""From a meeting to what came of it, in a real headless Chromium: the meeting's page, its
decisions with their items, one item, the practice it led to, and back to the meeting.
Then a coordinator closes the item with a note, without JavaScript."""

# ruff: noqa: F811  (the fixtures imported from actions_fixtures are named as parameters)
from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from microfuture.conftest import sign_in
from microfuture.network.models import ActionItem
from microfuture.network.services_actions import item_add_outcome, item_create
from microfuture.network.tests.actions_fixtures import cigales, decision  # noqa: F401
from microfuture.web.tests.axe import axe_violations, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(admin: Any, meeting: Any, decision: Any, listed_person: Any, agency: Any,
          cigales: Any) -> Any:
    visit = item_create(actor=admin, title="Prepare a study visit to CIGALES",
                        due_on=timezone.localdate() - timedelta(days=3),
                        owner_person=listed_person, decision=decision)
    item_add_outcome(actor=admin, item=visit, kind="practice", record=cigales)
    item_create(actor=admin, title="Send the minutes to the participants",
                due_on=timezone.localdate() + timedelta(days=7), owner_organisation=agency,
                meeting=meeting)
    return visit


def test_from_a_meeting_to_its_decisions_an_item_what_it_led_to_and_back(page: Any,
                                                                         live_server: Any,
                                                                         story: Any,
                                                                         meeting: Any) -> None:
    page.goto(f"{live_server.url}/network/meetings/{meeting.pk}/")
    page.get_by_role("link", name="What came of this meeting").click()
    assert page.url.endswith(f"/network/meetings/{meeting.pk}/outcomes/")
    assert page.locator("h1").inner_text() == "What came of the meeting of 24 July 2024"
    decision_part = page.get_by_role("region", name="Prenesti prakso Clubs CIGALES v Slovenijo.")
    assert "Prepare a study visit to CIGALES" in decision_part.inner_text()
    assert "overdue by 3 days" in decision_part.inner_text()
    others = page.get_by_role("region", name="Other action items from the meeting")
    assert "Send the minutes to the participants" in others.inner_text()
    assert axe_violations(page) == []

    decision_part.get_by_role("link", name="Prepare a study visit to CIGALES").click()
    assert page.url.endswith(f"/network/actions/{story.pk}/")
    assert page.locator("h1").inner_text() == "Prepare a study visit to CIGALES"
    assert "Petra Listed" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.get_by_role("region", name="What it led to").get_by_role(
        "link", name="Clubs CIGALES").click()
    assert page.url.endswith("/practices/clubs-cigales/")
    assert page.locator("h1").inner_text() == "Clubs CIGALES"

    page.go_back()
    page.get_by_role("link", name="3rd MICROFUTURE stakeholder meeting").click()
    assert page.url.endswith(f"/network/meetings/{meeting.pk}/")
    assert "3rd MICROFUTURE stakeholder meeting" in page.locator("h1").inner_text()


def test_a_coordinator_closes_an_item_with_a_note(page: Any, live_server: Any, story: Any,
                                                  coordinator: Any) -> None:
    sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/network/actions/{story.pk}/")
    page.get_by_label("New status").select_option("done")
    page.get_by_label("Note (what happened)").fill("The visit was held on 3 October.")
    page.get_by_role("button", name="Change the status").click()
    assert "The status is changed" in page.locator(".messages").inner_text()
    history = page.get_by_role("region", name="Status history").inner_text()
    assert "Open → Done" in history and "The visit was held on 3 October." in history
    assert ActionItem.objects.get(pk=story.pk).status == "done"
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/network/actions/")
    assert "Prepare a study visit" not in page.locator("main").inner_text()
    page.set_viewport_size({"width": 360, "height": 800})
    assert sideways_overflow(page) == ""
    assert axe_violations(page) == []
