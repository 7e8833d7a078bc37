"""The library in a real Chromium with JavaScript off: search, tick two practices, compare
them, then ask whether one would work in Slovenia; every page passes the accessibility
smoke check, and the list and a practice fit a 375 px phone without sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices.tests import test_pages_support as support
from microfuture.web.tests.a11y import accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The shared fixtures (pytest finds them by these names).
author = support.author
library = support.library


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 375, "height": 800}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= 375)


def test_search_compare_and_transferability_without_javascript(phone: Any, live_server: Any,
                                                               library: Any) -> None:
    page = phone
    page.goto(live_server.url + "/practices/")
    assert page.get_by_role("heading", level=1).inner_text() == "Good practices"
    assert accessibility_problems(page) == []
    assert fits(page)

    page.get_by_label("Search words").fill("local")
    page.get_by_role("button", name="Search", exact=True).click()
    assert "q=local" in page.url
    assert page.locator("mark").count() >= 2
    assert accessibility_problems(page) == []
    page.locator("input[name=p][value=cigales-clubs]").check()
    page.locator("input[name=p][value=adie-microloans]").check()
    page.get_by_role("button", name="Compare selected").click()
    assert "/practices/compare/" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Compare practices"
    assert page.locator("table th[scope=col]").count() == 3
    assert accessibility_problems(page) == []

    page.get_by_role("link", name="CIGALES investment clubs").click()
    assert page.url.endswith("/practices/cigales-clubs/")
    assert page.get_by_text("Validated by an expert").first.is_visible()
    assert accessibility_problems(page) == []
    assert fits(page)

    page.get_by_label("Region").select_option("SI")
    page.get_by_role("button", name="Assess transferability").click()
    assert "/practices/cigales-clubs/transferability/?region=SI" in page.url
    blockers = page.get_by_role("heading", name="Blockers")
    assert blockers.is_visible()
    assert page.locator("#blockers").get_by_text("No such legal form in Slovenian law.").is_visible()
    assert page.get_by_text("33 %").is_visible()
    assert accessibility_problems(page) == []


def test_map_page_is_accessible(phone: Any, live_server: Any, library: Any) -> None:
    page = phone
    page.goto(live_server.url + "/practices/map/")
    assert page.locator("svg a").count() == 2
    assert page.get_by_role("heading", name="Practices by country").is_visible()
    assert accessibility_problems(page) == []
    assert fits(page)
    # The link's name starts with its visible mark (1787bc7), then the practice's title.
    page.locator('svg a[aria-label$=" Adie microloans"]').click()
    assert page.url.endswith("/practices/adie-microloans/")


def test_editor_pages_are_accessible(phone: Any, live_server: Any, library: Any,
                                     curator: Any) -> None:
    from microfuture.conftest import sign_in

    page = phone
    sign_in(page, live_server, "curator")
    for path in ("/practices/new/", "/practices/cigales-clubs/edit/", "/practices/regions/SI/",
                 "/practices/cigales-clubs/interviews/new/", "/practices/cigales-clubs/"):
        page.goto(live_server.url + path)
        assert accessibility_problems(page) == [], path
        assert fits(page), path
