"""The questionnaire walked in a real Chromium with JavaScript switched off, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.web.tests.a11y import accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_js_page(browser: Any) -> Any:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375,
                                                                        "height": 800})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(
    ("language", "button", "heading", "next_label", "show", "fits", "advice"),
    [
        ("English", "English", "Find finance for your idea or enterprise", "Next",
         "Show what I can use", "You can apply", "Support environment"),
        ("Slovenščina", "Slovenščina", None, None, None, None, "Podporno okolje"),
    ],
)
def test_questionnaire_without_javascript(no_js_page, live_server, catalogue, language,
                                          button, heading, next_label, show, fits, advice):
    page = no_js_page
    page.goto(live_server.url + "/finder/")
    page.get_by_role("button", name=button).click()
    assert page.locator("html").get_attribute("lang") == ("en" if language == "English"
                                                           else "sl")
    if heading:
        assert page.get_by_role("heading", level=1).inner_text() == heading
    assert accessibility_problems(page) == []
    # Step 1: a person, not registered yet, in Osrednjeslovenska.
    page.locator("input[name=entity_type][value=individual]").check()
    page.locator("select[name=country]").select_option("SI")
    page.locator("input[name=municipality]").fill("Ljubljana")
    page.locator("button[name=go][value=next]").click()
    # Step 2: long-term unemployed; employees and registration date skipped.
    page.locator("input[name=target_groups][value=long_term_unemployed]").check()
    assert accessibility_problems(page) == []
    page.locator("button[name=go][value=next]").click()
    # Step 3: 8,000 euros for starting up.
    page.locator("input[name=amount]").fill("8000")
    page.locator("input[name=purpose][value=start_up]").check()
    page.locator("button[name=go][value=results]").click()
    assert "/finder/results/" in page.url
    assert advice in page.content()
    if fits:
        assert fits in page.content()
    assert accessibility_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
