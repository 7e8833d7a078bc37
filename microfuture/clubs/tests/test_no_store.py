"""No cache keeps money or personal data: `Cache-Control: no-store` (docs/security.md)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _stored(response) -> bool:
    return "no-store" not in response.get("Cache-Control", "")


MEMBER_URLS = [
    "/clubs/{slug}/", "/clubs/{slug}/members/", "/clubs/{slug}/me/", "/clubs/{slug}/charter/",
    "/clubs/{slug}/statement/", "/clubs/{slug}/statement/json/", "/clubs/{slug}/statement/pdf/",
    "/clubs/{slug}/journal/export/", "/clubs/{slug}/events/",
    "/clubs/", "/accounts/me/", "/accounts/me/sessions/", "/privacy/my-data/",
    "/api/v1/clubs/", "/api/v1/clubs/{slug}", "/api/v1/clubs/{slug}/statement",
    "/api/v1/accounts/me", "/finder/", "/", "/practices/",
]


@pytest.mark.parametrize("url", MEMBER_URLS)
def test_every_answer_to_a_signed_in_person_is_not_stored(client, club, treasurer, url):
    client.force_login(treasurer)
    response = client.get(url.format(slug=club.slug))
    assert response.status_code in (200, 302), (url, response.status_code)
    assert not _stored(response), url


ANONYMOUS_PRIVATE = [
    "/clubs/{slug}/", "/clubs/{slug}/statement/", "/clubs/no-such-club/", "/clubs/",
    "/accounts/sign-in/", "/accounts/sign-up/", "/accounts/me/",
    "/finder/results/?region=SI041", "/api/v1/clubs/", "/api/v1/clubs/{slug}",
    "/api/v1/accounts/me", "/api/v1/",
]


@pytest.mark.parametrize("url", ANONYMOUS_PRIVATE)
def test_private_areas_are_not_stored_for_anyone(club, url):
    response = Client().get(url.format(slug=club.slug))
    assert not _stored(response), (url, response.status_code)


def test_the_finder_answer_by_api_is_not_stored(club):
    response = Client().post("/api/v1/finder/match", data={}, content_type="application/json")
    assert not _stored(response), response.status_code


@pytest.mark.parametrize("url", ["/", "/privacy/", "/finder/", "/practices/",
                                 "/api/v1/openapi.json", "/api/v1/docs"])
def test_public_pages_to_anonymous_visitors_may_be_cached(club, url):
    response = Client().get(url)
    assert response.status_code == 200
    assert _stored(response), url


def test_static_files_keep_their_long_cache(client, treasurer, settings, tmp_path):
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", verbosity=0)
    client.force_login(treasurer)
    response = client.get("/static/web/site.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age" in response.get("Cache-Control", "")
