"""The dashboards in a real headless Chromium at a phone's width (360 px) and a desktop's:
every chart is drawn (an SVG with a size) with its table beside it, nothing scrolls sideways,
and axe-core finds no WCAG 2.2 A/AA violation."""

# ruff: noqa: F811  (the fixtures imported from dashboards_fixtures are named as parameters)
from __future__ import annotations

from typing import Any

import pytest

from microfuture.conftest import sign_in
from microfuture.impact.tests.dashboards_fixtures import (  # noqa: F401
    gorenjska,
    gorenjska_member,
    srce,
    srce_member,
)
from microfuture.web.tests.axe import axe_violations, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERIOD = "date=2026-03-15&from=2026-01-01&to=2026-03-31"


def _charts_render_with_their_tables(page: Any, names: list[str]) -> None:
    for name in names:
        chart = page.locator(f"svg#chart-{name}")
        box = chart.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0, name
        assert box["width"] <= page.viewport_size["width"]
        assert page.get_by_role("img", name=chart.locator("title").first.text_content()
                                ).count() == 1
        assert page.locator(f"table#table-{name} tbody tr").count() > 0, name


@pytest.mark.parametrize("width", [360, 1280])
def test_a_clubs_dashboard_draws_its_charts_with_their_tables(page: Any, live_server: Any,
                                                             srce: Any, srce_member: Any,
                                                             width: int) -> None:
    sign_in(page, live_server, "miha")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/impact/clubs/{srce.slug}/?{PERIOD}")
    assert page.locator("h1").inner_text() == "Dashboard of Zadruga Srce"
    _charts_render_with_their_tables(page, ["nav", "savings", "par30", "instruments"])
    savings = page.locator("table#table-savings").inner_text()
    assert "€40.00" in savings and "€111.00" in savings
    assert sideways_overflow(page) == ""
    assert axe_violations(page) == []


def test_the_public_dashboard_at_a_phones_width(page: Any, live_server: Any, srce: Any,
                                                gorenjska: Any) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/impact/?{PERIOD}")
    assert page.locator("h1").inner_text() == "What the clubs achieve"
    _charts_render_with_their_tables(page, ["nav", "savings", "par30", "instruments",
                                            "regions"])
    assert "not shown" in page.locator("table#table-regions").inner_text()
    assert sideways_overflow(page) == ""
    assert axe_violations(page) == []
    # The period form works without JavaScript: a GET with the dates.
    page.get_by_label("Trends from").fill("2026-02-01")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/impact/?date=*&from=2026-02-01&to=*")
    assert page.locator("table#table-savings tbody tr").count() == 2
