"""The map page: inline SVG, one link per located visible practice, and a list by country."""

from __future__ import annotations

import re
from typing import Any

import pytest

from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

# The shared fixtures (pytest finds them by these names).
author = support.author
library = support.library


def svg_of(html: str) -> str:
    return html[html.index("<svg"):html.index("</svg>") + 6]


def test_map_has_a_link_per_located_practice_and_no_external_url(library: Any) -> None:
    response = as_user().get("/practices/map/")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    svg = svg_of(html)
    links = re.findall(r'<a href="([^"]+)"', svg)
    assert sorted(links) == ["/practices/adie-microloans/", "/practices/cigales-clubs/"]
    assert "secret-draft" not in html  # a draft is not on the public map
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    # The same practices, listed by country (the map is not the only way).
    assert "<h2>Practices by country</h2>" in html
    assert "<h3>France</h3>" in html and "<h3>Romania</h3>" in html
    assert "not on the map: no location" in html  # the guarantee fund has no location


def test_editor_map_shows_drafts_too(library: Any, curator: Any) -> None:
    svg = svg_of(as_user(curator).get("/practices/map/").content.decode())
    assert "/practices/secret-draft/" in svg


def test_map_draws_europes_borders_with_the_credit_visible(library: Any) -> None:
    html = as_user().get("/practices/map/").content.decode()
    svg = svg_of(html)
    assert '<g class="borders" aria-hidden="true">' in svg
    assert svg.count("<path ") > 40
    assert "<line" not in svg  # the grid is gone
    # The credit is in the drawing and in the caption under it.
    assert ">Made with Natural Earth</text>" in svg
    caption = html[html.index("<figcaption"):html.index("</figcaption>")]
    assert "Natural Earth (public domain)" in caption and "Made with Natural Earth" in caption
