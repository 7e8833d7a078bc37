"""The treasurer records the monthly collection in a real headless Chromium."""

from __future__ import annotations

import pytest

from microfuture.clubs.models import ClubEvent
from microfuture.clubs.selectors import club_problems, club_statement
from microfuture.conftest import sign_in
from microfuture.web.tests.a11y import accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_treasurer_records_the_monthly_collection(page, live_server, club, treasurer):
    sign_in(page, live_server, "treasurer")
    page.goto(f"{live_server.url}/clubs/{club.slug}/record/")
    page.get_by_role("navigation", name="Club").get_by_role(
        "link", name="Monthly collection"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Monthly collection"
    assert accessibility_problems(page) == []

    miha = page.get_by_label("Amount from Miha (EUR)")
    assert miha.input_value() == "20.00"
    miha.fill("35.50")
    page.get_by_label("Amount from Sara (EUR)").fill("")
    page.get_by_role("button", name="Record the collection").click()

    message = page.locator(".messages").inner_text()
    assert "Recorded 4 contributions" in message and "€95.50" in message
    amounts = dict(
        ClubEvent.objects.filter(club=club, type="contribution").values_list(
            "member", "amount_cents"
        )
    )
    assert amounts == {"Maja": 2000, "Tine": 2000, "Miha": 3550, "Nina": 2000}
    assert club_problems(club) == []

    # Sending the same sheet again is refused, not double-counted.
    page.go_back()
    page.get_by_label("Amount from Miha (EUR)").fill("35.50")
    page.get_by_label("Amount from Sara (EUR)").fill("")
    page.get_by_role("button", name="Record the collection").click()
    assert "already recorded" in page.locator(".error-summary").inner_text()
    assert ClubEvent.objects.filter(club=club, type="contribution").count() == 4

    page.get_by_role("navigation", name="Club").get_by_role("link", name="Statement").click()
    assert page.get_by_role("heading", level=1).is_visible()
    assert club_statement(club)["cash"] == "95.50"
    assert "€95.50" in page.locator("main").inner_text()
    assert accessibility_problems(page) == []


@pytest.mark.parametrize(
    "path",
    ["collection/", "statement/", "record/", "record/contribution/", "record/investment/",
     "events/", "journal/", "pledges/"],
)
def test_pages_fit_a_phone(page, live_server, club, treasurer, path):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server, "treasurer")
    page.goto(f"{live_server.url}/clubs/{club.slug}/{path}")
    assert accessibility_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
