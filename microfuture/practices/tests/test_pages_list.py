"""The library's list page: search box, facets with counts, highlights, compare boxes."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

# The shared fixtures (pytest finds them by these names).
author = support.author
library = support.library


def test_list_shows_public_practices_with_facets_and_compare_boxes(library: Any) -> None:
    response = as_user().get("/practices/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "CIGALES investment clubs" in html
    assert "Adie microloans" in html
    assert "Almost ready practice" not in html  # a draft stays hidden from the public
    assert 'name="country" value="FR"' in html
    assert "France (2)" in html
    assert "Romania (1)" in html
    assert 'name="kind" value="savings_club"' in html
    assert 'name="running" value="ended"' in html
    assert 'name="status"' not in html  # the status facet is for editors only
    assert 'name="p" value="cigales-clubs"' in html
    assert 'action="/practices/compare/"' in html
    assert "/practices/map/" in html
    assert "/practices/new/" not in html  # only signed-in people propose practices


def test_search_highlights_the_matched_words(library: Any) -> None:
    html = as_user().get("/practices/", {"q": "clubs"}).content.decode()
    assert "<mark>" in html
    assert "CIGALES investment <mark>clubs</mark>" in html or "<mark>clubs</mark>" in html
    assert "Guarantee fund for small firms" not in html


def test_facet_filter_narrows_the_results(library: Any) -> None:
    html = as_user().get("/practices/", {"country": "RO"}).content.decode()
    assert "Guarantee fund for small firms" in html
    assert "Adie microloans" not in html
    assert 'name="country" value="RO" checked' in html


def test_editor_sees_drafts_and_the_status_facet(library: Any, curator: Any) -> None:
    html = as_user(curator).get("/practices/").content.decode()
    assert "Almost ready practice" in html
    assert 'name="status" value="draft"' in html
    assert "/practices/new/" in html


def test_escaped_text_cannot_inject_markup(library: Any) -> None:
    library["microloans"].title_en = "Loans <script>alert(1)</script>"
    library["microloans"].save()
    html = as_user().get("/practices/", {"q": "loans"}).content.decode()
    assert "<script>alert(1)" not in html


def test_results_are_paginated_keeping_the_search(db: Any) -> None:
    from microfuture.practices.tests.test_pages_support import make_practice

    for n in range(25):
        make_practice(f"club-{n:02d}", summary_en="A savings club.")
    html = as_user().get("/practices/", {"q": "club"}).content.decode()
    assert "25 practices" in html
    assert 'href="?q=club&amp;page=2"' in html and 'rel="next"' in html
    page2 = as_user().get("/practices/", {"q": "club", "page": "2"}).content.decode()
    assert page2.count('name="p"') == 5
    assert 'rel="prev"' in page2
