"""What a person sees of the answers and contacts on the finder's result page (Chromium, no
JavaScript, 360 px): the answers first, contacts as named links, nothing wider than the screen."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.web.tests.a11y import accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_answers_and_contacts_on_a_small_screen(browser: Any, live_server: Any, catalogue: Any,
                                                club: Any) -> None:
    club.contact_email = "srce@example.org"
    club.save()
    context = browser.new_context(java_script_enabled=False, locale="sl-SI",
                                  viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/finder/results/?entity_type=individual&country=SI"
              "&region=SI041&amount=8000")
    answers = page.get_by_role("region", name="Vaši odgovori")
    assert answers.is_visible()
    assert "8.000,00 €" in answers.inner_text()
    assert "brez odgovora" in answers.inner_text()
    club_link = page.get_by_role("link", name="Zadruga Srce")
    assert club_link.get_attribute("href") == "mailto:srce@example.org"
    assert page.get_by_role("link", name="Prijava pri klubu").first.is_visible()
    assert accessibility_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
