"""The site shell in a real headless Chromium: sign-in, language switch, a11y, denial."""

from __future__ import annotations

import pytest

from microfuture.conftest import sign_in
from microfuture.web.tests.a11y import accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_and_sign_out(page, live_server, outsider):
    sign_in(page, live_server, "outsider")
    page.get_by_role("link", name="My account").click()
    assert page.get_by_role("heading", level=1).inner_text() == "My account"
    page.get_by_role("button", name="Sign out").click()
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="Sign in").is_visible()


def test_language_switch_changes_text_and_lang(page, live_server, db):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Slovenščina").click()
    assert page.locator("html").get_attribute("lang") == "sl"
    assert page.get_by_role("heading", level=1).inner_text() == "Solidarno financiranje blizu doma"
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("path", ["/", "/accounts/sign-in/", "/accounts/password-reset/", "/nope/"])
@pytest.mark.parametrize("width", [375, 1280])
def test_accessibility_smoke(page, live_server, db, path, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + path)
    assert accessibility_problems(page) == []
    # Nothing wider than the screen on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The first Tab reaches the skip link, and it moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"


def test_signed_in_person_without_role_is_refused_administration(page, live_server, outsider):
    sign_in(page, live_server, "outsider")
    page.goto(live_server.url + "/admin/")
    assert "not authorized" in page.content()
