"""The practice map draws Europe's NUTS-3 regions (Eurostat GISCO, kept in the repository),
fills and names the regions where practices are, and credits GISCO on the map and the page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from microfuture.maps import DATA_DIR, NUTS_ATTRIBUTION, europe_nuts
from microfuture.practices.mapping import build_svg
from microfuture.practices.models import Practice
from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

PRACTICE_REGIONS = {"FR101", "FR106", "SE124", "RO321", "SI035", "SI041"}


def test_the_nuts_file_is_small_and_holds_the_practices_regions() -> None:
    assert (DATA_DIR / "europe_nuts3.json").stat().st_size < 400 * 1024
    assert (DATA_DIR / "europe_nuts3.SOURCE.md").exists()
    codes = {r.code for r in europe_nuts()}
    assert len(codes) > 1000  # level 3, not level 2
    assert codes >= PRACTICE_REGIONS
    for region in europe_nuts():
        for ring in region.rings:
            assert all(-14 <= lon <= 37 and 32 <= lat <= 68 for lon, lat in ring)


def test_regions_with_practices_are_filled_and_named() -> None:
    svg = build_svg([], title="Map", regions={"FR101": "Paris: 1 practice",
                                              "SE124": "Örebro län: 2 practices"})
    named = re.findall(r'<g class="practice-region" role="img" aria-label="([^"]+)">'
                       r'<title>([^<]+)</title><path d="M[^"]+"[^>]*data-nuts="(\w+)"', svg)
    assert sorted(named) == [("Paris: 1 practice", "Paris: 1 practice", "FR101"),
                             ("Örebro län: 2 practices", "Örebro län: 2 practices", "SE124")]
    # The other regions' borders are one decorative path, under the named regions.
    assert svg.index('class="nuts-regions" aria-hidden="true"') < svg.index("practice-region")
    assert f">{NUTS_ATTRIBUTION}</text>" in svg


def test_names_are_escaped() -> None:
    svg = build_svg([], title="Map", regions={"FR101": '<b>"Paris"</b>'})
    assert "<b>" not in svg and "&lt;b&gt;&quot;Paris&quot;&lt;/b&gt;" in svg


library = support.library
author = support.author


@pytest.mark.django_db
# Slovenian: "Paris: 1 praksa" (locale/sl/parts/maps-2.po, once merged into the catalogue).
@pytest.mark.parametrize("language, label", [("en", "Paris: 1 practice"),
                                             ("sl", "Paris: 1 pra")])
def test_the_map_page_fills_the_regions_of_the_practices(library: Any, language: str,
                                                         label: str) -> None:
    Practice.objects.filter(slug="cigales-clubs").update(region="FR101")
    Practice.objects.filter(slug="secret-draft").update(region="SE124")  # a draft: not shown
    html = as_user().get("/practices/map/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert re.findall(r'data-nuts="(\w+)"', svg) == ["FR101"]
    assert f'aria-label="{label}' in svg and f"<title>{label}" in svg
    assert f">{NUTS_ATTRIBUTION}</text>" in svg
    caption = html[html.index("<figcaption"):html.index("</figcaption>")]
    assert NUTS_ATTRIBUTION in caption
    assert "<script" not in svg
