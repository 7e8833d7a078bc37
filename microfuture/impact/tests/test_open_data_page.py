"""The open-data page (/open-data/): public, a GET form for the day and the region, the table
of the platform and the regions, the definitions, the licence and working download links."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from microfuture.impact.tests.open_data_world import ON, build_world, secrets

pytestmark = pytest.mark.django_db

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def page(query: str = "", language: str = "en") -> Any:
    return Client(headers={"accept-language": language}).get(
        reverse("open_data:index") + (f"?{query}" if query else ""))


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="(/open-data/[^"]+)"', html)]


def test_anyone_sees_the_platform_and_every_region_with_the_licence() -> None:
    build_world()
    answer = page(f"date={ON}")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "CC BY 4.0" in html and LICENCE_URL in html
    assert "Whole platform" in html
    assert "Osrednjeslovenska" in html and "Gorenjska" in html
    assert "€490.00" in html  # the platform's savings
    assert "€380.00" in html  # Osrednjeslovenska's
    assert "not published" in html  # Gorenjska's money (2 clubs)
    assert "fewer than 3 clubs" in html
    assert 'name="date"' in html and 'name="region"' in html and 'method="get"' in html
    for secret in secrets():
        assert secret not in html


def test_the_definitions_of_every_figure_are_on_the_page() -> None:
    html = page().content.decode()
    for words in ("Savings mobilised", "Net asset value", "Portfolio at risk (30 days)",
                  "an enterprise backed by two clubs counts once",
                  "not an average of the clubs"):
        assert words in html


def test_every_download_link_works_and_says_the_licence() -> None:
    build_world()
    found = links(page(f"date={ON}&region=SI042").content.decode())
    assert {link.split("?")[0] for link in found} == {
        f"/open-data/{kind}.{fmt}" for kind in ("figures", "regions")
        for fmt in ("csv", "xlsx", "json")}
    assert "/open-data/figures.csv?date=2026-03-31&region=SI042" in found
    for link in found:
        answer = Client().get(link)
        assert answer.status_code == 200, link
        assert answer["Link"] == f'<{LICENCE_URL}>; rel="license"'
        if not link.split("?")[0].endswith(".xlsx"):
            assert "CC BY 4.0" in answer.content.decode()


def test_choosing_a_region_shows_the_platform_and_that_region() -> None:
    build_world()
    html = page(f"date={ON}&region=SI041").content.decode()
    assert "Osrednjeslovenska" in html
    table = html.split("<table>", 1)[1].split("</table>", 1)[0]
    assert "Gorenjska" not in table


def test_a_region_without_clubs_shows_zero_clubs_and_no_money() -> None:
    build_world()
    html = page(f"date={ON}&region=SI031").content.decode()
    assert "Pomurska" in html and "not published" in html


def test_the_day_may_be_typed_the_slovenian_way_and_defaults_to_today() -> None:
    build_world()
    assert "490,00" in page("date=31.+3.+2026&region=", language="sl").content.decode()
    today = timezone.localdate().isoformat()
    assert f"/open-data/regions.csv?date={today}" in links(page().content.decode())


@pytest.mark.parametrize("query", [
    "date=not+a+day",
    f"date={(timezone.localdate() + timedelta(days=3)).isoformat()}",
    "region=XX999",
])
def test_a_bad_choice_is_a_400_with_the_form_and_its_reason(query: str) -> None:
    answer = page(query)
    assert answer.status_code == 400
    html = answer.content.decode()
    assert 'class="errorlist"' in html
    assert "<table>" not in html


def test_the_policy_signals_page_is_linked_once_it_exists() -> None:
    html = page().content.decode()
    try:
        signals = reverse("impact:signals")
    except NoReverseMatch:  # the page is another part's: linked only once it exists
        assert "/impact/signals/" not in html
    else:
        assert f'href="{signals}"' in html
