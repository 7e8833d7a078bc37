"""The initiatives' pages and the period report in a real Chromium: axe-core's WCAG 2.2 A/AA
rules and a 360 px phone width, in Slovenian and English."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from microfuture.network.models import ActionItem, Initiative
from microfuture.web.tests.axe import axe_violations, install_axe, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "sl"])
def test_the_pages_pass_axe_and_fit_a_phone(browser: Any, live_server: Any, coordinator: Any,
                                            agency: Any, ministry: Any, meeting: Any,
                                            language: str) -> None:
    pilot = Initiative.objects.create(
        title_sl="Prvi pilotni klubi", title_en="The first pilot clubs",
        goal_sl="Ustanoviti prve tri klube.", status="active", started_on=date(2024, 9, 1))
    pilot.partners.set([agency, ministry])
    pilot.meetings.set([meeting])
    ActionItem.objects.create(title="Vzorčna pogodba", owner_organisation=agency,
                              due_on=date(2024, 10, 15), initiative=pilot)
    client = Client()
    client.force_login(coordinator)
    # JavaScript on only for axe-core: the pages themselves use none.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    install_axe(context)
    context.add_cookies([
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        {"name": settings.SESSION_COOKIE_NAME,
         "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url},
    ])
    page = context.new_page()
    try:
        for path in ("/network/initiatives/", "/network/initiatives/?status=active",
                     f"/network/initiatives/{pilot.pk}/", "/network/initiatives/new/",
                     f"/network/initiatives/{pilot.pk}/edit/", "/network/report/",
                     "/network/report/?period=2024-2"):
            page.set_viewport_size({"width": 1280, "height": 900})
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path
            assert page.locator("html").get_attribute("lang") == language
            assert axe_violations(page) == [], path
            page.set_viewport_size({"width": 360, "height": 800})
            assert sideways_overflow(page) == "", path
    finally:
        context.close()
