"""Curators create region profiles on the site (issue 11 §6), with the right to edit them;
everyone else is refused. A new region answers nothing yet and inherits its country's."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices.models import RegionProfile
from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

author = support.author
library = support.library

URL = "/practices/regions/new/"


def test_a_curator_creates_a_region_profile(curator: Any, library: Any) -> None:
    client = as_user(curator)
    assert 'href="/practices/regions/new/"' in client.get("/practices/regions/").content.decode()
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<label for="id_code">Code</label>' in html and 'for="id_name"' in html

    response = client.post(URL, {"code": "si035", "name": ""})  # the name is filled in
    assert response.status_code == 302 and response["Location"] == "/practices/regions/SI035/"
    region = RegionProfile.objects.get(code="SI035")
    assert region.name == "Zasavska" and not region.answers.exists()
    # It inherits Slovenia's answers until it gives its own.
    body = as_user().get("/api/v1/practices/cigales-clubs/transferability",
                         {"region": "SI035"}).json()
    assert body["score"] == 33


def test_a_code_already_used_or_malformed_is_refused(curator: Any, library: Any) -> None:
    client = as_user(curator)
    response = client.post(URL, {"code": "SI041", "name": "Again"})
    assert response.status_code == 400
    assert "There is already a region profile with the code SI041." in response.content.decode()
    response = client.post(URL, {"code": "Ljubljana!", "name": "Ljubljana"})
    assert response.status_code == 400
    assert "country or NUTS code" in response.content.decode()
    response = client.post(URL, {"code": "XK", "name": ""})
    assert response.status_code == 400 and "Give the region a name." in response.content.decode()
    assert RegionProfile.objects.count() == 2


def test_only_editors_may_create(author: Any, expert: Any, library: Any) -> None:
    assert as_user().get(URL).status_code == 302  # to sign in
    for user in (author, expert):
        client = as_user(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"code": "SI042", "name": "Gorenjska"}).status_code == 403
        assert "/practices/regions/new/" not in client.get("/practices/regions/").content.decode()
    assert not RegionProfile.objects.filter(code="SI042").exists()


expert = support.expert
