"""The privacy notice: in both languages, linked from every page and from the sign-up."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_privacy_page_names_the_controller_retention_and_rights():
    page = Client().get(reverse("web:privacy")).content.decode()
    assert "Development Centre of the Heart of Slovenia" in page
    assert "three days later" in page  # unconfirmed sign-ups
    for right in ("Articles 15 and 20", "Article 17", "Article 77"):
        assert right in page
    assert "https://www.ip-rs.si/" in page
    assert "Information Commissioner" in page


def test_privacy_page_in_slovenian():
    client = Client()
    client.cookies["django_language"] = "sl"
    page = client.get(reverse("web:privacy"), HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert '<html lang="sl">' in page
    assert "Razvojni center Srca Slovenije" in page
    assert "Informacijski pooblaščenec" in page
    assert "Izjava o varstvu osebnih podatkov" in page


def test_privacy_contact_address_when_configured(settings):
    settings.PRIVACY_CONTACT_EMAIL = "varstvo@example.si"
    page = Client().get(reverse("web:privacy")).content.decode()
    assert 'href="mailto:varstvo@example.si"' in page


@pytest.mark.parametrize("name", ["web:home", "clubs:list", "finder:start", "accounts:login",
                                  "accounts:sign_up", "practices:list"])
def test_every_page_links_the_privacy_notice(name):
    page = Client().get(reverse(name)).content.decode()
    assert f'href="{reverse("web:privacy")}"' in page


def test_no_link_on_the_home_page_leads_nowhere(outsider):
    for client in (Client(), None):
        if client is None:
            client = Client()
            client.force_login(outsider)
        page = client.get(reverse("web:home")).content.decode()
        hrefs = set(re.findall(r'href="(/[^"#]*)"', page))
        assert reverse("accounts:sign_up") in hrefs or client.session.get("_auth_user_id")
        assert reverse("clubs:interest_join") in hrefs
        assert reverse("clubs:enterprise_home") in hrefs
        for href in hrefs:
            if href.startswith(("/static/", "/api/")):
                continue
            response = client.get(href)
            assert response.status_code in (200, 302), href
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("accounts:login")), href
