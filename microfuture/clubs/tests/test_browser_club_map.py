"""The map of clubs by region in a real headless Chromium: axe-core's WCAG 2.2 A/AA rules at
a desktop and a phone width, no sideways scrolling, and a region on the map is a link that
leads to its part of the list."""

from __future__ import annotations

from datetime import date

import pytest

from microfuture.clubs.models import Club
from microfuture.clubs.services import club_found
from microfuture.web.tests.axe import axe_violations, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_club_map_is_accessible_and_its_regions_lead_to_the_list(page, live_server, outsider,
                                                                  width):
    club_found(founder=outsider, founder_name="Oto", name="Klub Litija", region="SI035",
               start_date=date(2026, 1, 5))
    Club.objects.update(open_to_projects=True)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/clubs/region/map/")
    assert axe_violations(page) == []
    assert sideways_overflow(page) == ""
    page.get_by_role("link", name="Zasavska: 1 club open to new projects").click()
    assert page.url.endswith("#region-SI035")
    assert page.get_by_role("heading", name="Zasavska", level=3).is_visible()


def test_practice_map_with_borders_is_accessible(page, live_server, db):
    page.goto(live_server.url + "/practices/map/")
    assert axe_violations(page) == []
