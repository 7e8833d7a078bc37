"""A year is never grouped (2023, not 2.023) and coordinates are typed the reader's way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings

from microfuture.practices.models import Practice
from microfuture.practices.tests import test_pages_edit as edit
from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

author = support.author
library = support.library


@pytest.mark.parametrize("language", ["sl", "en"])
def test_the_figures_table_shows_the_year_as_a_year(library: Any, language: str) -> None:
    client = as_user()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/practices/cigales-clubs/").content.decode()
    cells = re.findall(r'<td class="num">([^<]*)</td>', html)
    assert "2023" in cells and "2.023" not in html and "2,023" not in html
    # The coordinates' decimal comma must not read as the pair's separator.
    assert ("45,7600; 4,8400" if language == "sl" else "45.7600; 4.8400") in html


def test_slovenian_coordinates_and_year_are_read_and_shown_back(library: Any,
                                                                outsider: Any) -> None:
    client = as_user(outsider)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sl"
    response = client.post("/practices/new/", edit.form_data(
        latitude="45,07", longitude="7,69", **{"ind-0-year": "2022"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = Practice.objects.get(title_en="Cooperative microloans")
    assert (str(practice.latitude), str(practice.longitude)) == ("45.070000", "7.690000")
    assert practice.indicators.get().year == 2022
    refused = client.post("/practices/new/", edit.form_data(
        slug="other", title_en="Other", latitude="45.07", longitude="7,69"))
    assert refused.status_code == 400
    assert "napišite 45,07" in refused.content.decode()
    page = client.get(f"/practices/{practice.slug}/edit/").content.decode()
    assert 'value="45,070000"' in page and 'value="2022"' in page
    # A date box (type="date") gets an ISO date in every language, or the browser drops it.
    assert 'name="started_on" value="2010-03-01"' in page


@pytest.mark.parametrize(("language", "started"), [("sl", "1. 1. 1983"),
                                                   ("en", "1 January 1983")])
def test_compare_shows_dates_in_the_page_s_format(library: Any, language: str,
                                                  started: str) -> None:
    client = as_user()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    other = Practice.objects.exclude(slug="cigales-clubs").filter(
        status__in=["approved", "validated"]).first()
    assert other is not None
    html = client.get("/practices/compare/", {"p": ["cigales-clubs", other.slug]}).content.decode()
    assert "1983-01-01" not in html
    assert started in html
