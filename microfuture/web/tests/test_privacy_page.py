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


def test_a_person_downloads_their_own_data_and_nobody_else_s(outsider, coordinator):
    import json

    from microfuture.accounts.models import Consent
    from microfuture.clubs.services.interest import interest_join_club

    Consent.objects.create(user=outsider, document="privacy_notice", version="2026-12-01",
                           given_at="2026-12-01T10:00:00+01:00")
    interest_join_club(actor=outsider, region="SI041", message="Rada bi varčevala.")
    interest_join_club(actor=coordinator, region="SI041", message="Someone else's words.")
    assert Client().get(reverse("web:my_data")).status_code == 302  # sign in first
    client = Client()
    client.force_login(outsider)
    response = client.get(reverse("web:my_data"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "outsider@example.org"
    assert data["consents"] == [{"document": "privacy_notice", "version": "2026-12-01",
                                 "given_at": "2026-12-01T09:00:00+00:00"}]
    assert [r["message"] for r in data["requests"]] == ["Rada bi varčevala."]
    assert len(data["sessions"]) == 1  # this one
    assert "Someone else" not in response.content.decode()
    assert reverse("web:my_data") in client.get(reverse("accounts:me")).content.decode()
