"""The open-data page in a real headless Chromium: at a phone's width and a desktop's nothing
scrolls sideways and axe-core finds no WCAG 2.2 A/AA violation; the day and region form
works with JavaScript off."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.impact.tests.open_data_world import ON, build_world
from microfuture.web.tests.axe import axe_violations, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_open_data_page_is_accessible(page: Any, live_server: Any, width: int) -> None:
    build_world()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/open-data/?date={ON}")
    assert page.locator("h1").inner_text() == "Open data: what the clubs' money did"
    table = page.get_by_role("table", name="The platform and its regions on 31 March 2026")
    assert "€490.00" in table.inner_text()
    assert sideways_overflow(page) == ""
    assert axe_violations(page) == []


def test_the_form_works_without_javascript(browser: Any, live_server: Any) -> None:
    build_world()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/open-data/")
    page.get_by_label("Date", exact=True).fill("2026-03-31")
    page.get_by_label("Region", exact=True).select_option("SI042")
    page.get_by_role("button", name="Show the figures").click()
    assert "region=SI042" in page.url and "date=2026-03-31" in page.url
    headers = page.locator("table thead th").all_inner_texts()
    assert headers == ["Figure", "Whole platform", "Gorenjska"]
    assert "not published" in page.locator("table").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Gorenjska as CSV").click()
    assert download.value.suggested_filename == "open-data-region-SI042-2026-03-31.csv"
    context.close()
