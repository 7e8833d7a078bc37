"""A revision page in a real Chromium at 360 px: the changed fields with their labels, long
texts and long addresses wrapped, no sideways scrolling, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.conftest import sign_in
from microfuture.practices import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_URL = "https://example.org/" + "a-very-long-path-segment-" * 15
LONG_TEXT = "Varčevalci skupaj vlagajo v lokalna podjetja in se o naložbah odločajo sami. " * 40


@pytest.mark.parametrize(("lang", "label"), [("sl", "Opis (slovensko)"),
                                             ("en", "Description (in Slovenian)")])
def test_revision_page_fits_360_px(browser: Any, live_server: Any, curator: Any,
                                   outsider: Any, lang: str, label: str) -> None:
    practice = services.practice_save(practice=None, actor=outsider, data={
        "slug": "clubs", "title": {"sl": "Klubi", "en": "Clubs"}, "country": "FR",
        "sources": ["https://example.org/a"]})
    services.practice_save(practice=practice, actor=outsider, data={
        "description": {"sl": LONG_TEXT, "en": ""}, "sources": [LONG_URL]})
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 360, "height": 800}, locale="en-GB")
    page = context.new_page()
    try:
        sign_in(page, live_server, "curator")
        context.add_cookies([{"name": "django_language", "value": lang,
                              "url": live_server.url}])
        page.goto(live_server.url + "/practices/clubs/revisions/2/")
        assert page.get_by_role("heading", name=label).is_visible()
        assert page.locator(".revision-change").count() == 2  # description and sources
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
