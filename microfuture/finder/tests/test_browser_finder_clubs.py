"""A region's many savings clubs on a phone (Chromium, no JavaScript, 390 px): one card that
lists every club, nothing wider than the screen, no accessibility problem (issue 15)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from microfuture.clubs.services import club_found
from microfuture.conftest import make_user
from microfuture.web.tests.a11y import accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_twelve_clubs_are_one_readable_card_on_a_phone(browser: Any, live_server: Any) -> None:
    for n in range(12):
        club_found(founder=make_user(f"founder{n}"), founder_name=f"Poslovodja {n}",
                   name=f"Klub solidarnih vlagateljev Ljubljana {n:02}", region="SI041",
                   start_date=date(2026, 1, 5), contact_email=f"klub{n}@example.org")
    context = browser.new_context(java_script_enabled=False, locale="en-GB",
                                  viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/finder/results/?entity_type=individual&country=SI"
              "&region=SI041&amount=8000")
    card = page.get_by_role("article", name="Savings clubs near you")
    assert card.count() == 1 and card.is_visible()
    assert "12 savings clubs" in card.inner_text()
    links = card.get_by_role("link", name="Klub solidarnih vlagateljev Ljubljana")
    assert links.count() == 12
    assert links.first.get_attribute("href") == "mailto:klub0@example.org"
    assert accessibility_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
