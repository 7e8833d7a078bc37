"""The catalogue's pages (the list, a product with its calls, the curators' review list) in a
real Chromium: axe-core's WCAG 2.2 A/AA rules and a 360 px phone width."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from microfuture.finder.tests.catalogue_true import load
from microfuture.web.tests.axe import axe_violations, install_axe, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "sl"])
def test_the_catalogue_pages_pass_axe_and_fit_a_phone(browser: Any, live_server: Any,
                                                      curator: Any, language: str) -> None:
    load()
    client = Client()
    client.force_login(curator)
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
        for path in ("/finder/mechanisms/", "/finder/mechanisms/p7-2025/",
                     "/finder/mechanisms/spot/", "/finder/review/"):
            page.set_viewport_size({"width": 1280, "height": 900})
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path
            assert page.locator("html").get_attribute("lang") == language
            assert axe_violations(page) == [], path
            page.set_viewport_size({"width": 360, "height": 800})
            assert sideways_overflow(page) == "", path
    finally:
        context.close()
