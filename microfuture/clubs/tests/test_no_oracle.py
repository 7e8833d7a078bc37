"""No oracle: an outsider cannot tell a club that exists from one that does not.

Every club page and every club endpoint of the API, for every method, is asked by an outsider
(signed in, no tie to the club) and by an anonymous visitor, once with the slug of a real
club and once with a slug that names none: the answers must be the same, byte for byte
(the CSRF token, which is new on every page, is blanked).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

MISSING = "no-such-club-at-all"
FILL = {"member_id": "1", "seq": "1", "pk": "1", "event_type": "contribution", "token": "x",
        "proposal_id": "1", "meeting_id": "1", "approval_id": "1", "id": "1", "kind": "x"}


def _club_page_paths() -> list[str]:
    """Every URL pattern under /clubs/ that names a club by its slug, with the slug left as {slug}."""
    found: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern) and route.startswith("clubs/") and "<slug:slug>" in route:
                path = route.replace("<slug:slug>", "{slug}")
                path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: FILL.get(m.group(1), "1"), path)
                found.append("/" + path)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def _api_paths() -> list[tuple[str, str]]:
    import microfuture.urls  # noqa: F401 - mounts every router on the API
    from microfuture.api import api

    schema = api.get_openapi_schema()
    found: list[tuple[str, str]] = []
    for path, operations in schema["paths"].items():
        if "{slug}" not in path or not path.startswith("/api/v1/clubs/"):
            continue
        filled = re.sub(r"\{(\w+)\}", lambda m: "{slug}" if m.group(1) == "slug"
                        else FILL.get(m.group(1), "1"), path)
        found.extend((method.upper(), filled) for method in operations)
    return sorted(found)


def _answer(client: Client, method: str, url: str) -> tuple[int, str]:
    if method == "GET":
        response = client.get(url)
    else:
        response = client.generic(method, url, data="{}", content_type="application/json")
    body = response.content.decode(errors="replace")
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", body)
    return response.status_code, body + response.get("Location", "")


def test_the_tables_cover_the_club_pages_and_endpoints():
    assert len(_club_page_paths()) > 20
    assert len(_api_paths()) > 15


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_an_existing_club_answers_like_a_missing_one(club, outsider, who):
    client = Client()
    if who == "outsider":
        client.force_login(outsider)
    differing = []
    for url in _club_page_paths():
        for method in ("GET", "POST"):
            real = _answer(client, method, url.format(slug=club.slug))
            none = _answer(client, method, url.format(slug=MISSING))
            real_text = real[1].replace(club.slug, MISSING)
            if (real[0], real_text) != none:
                differing.append((method, url, real[0], none[0]))
    for method, url in _api_paths():
        real = _answer(client, method, url.format(slug=club.slug))
        none = _answer(client, method, url.format(slug=MISSING))
        if (real[0], real[1].replace(club.slug, MISSING)) != none:
            differing.append((method, url, real[0], none[0]))
    assert differing == []


def test_members_still_get_403_where_their_role_is_missing(club, member):
    client = Client()
    client.force_login(member)
    assert client.get(f"/clubs/{club.slug}/payments/").status_code == 403
    assert client.get(f"/api/v1/clubs/{club.slug}/payments").status_code in (403, 404, 405)
