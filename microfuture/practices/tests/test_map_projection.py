"""The map's pure parts: projection, clipping to the box, escaping, no external address."""

from __future__ import annotations

import re
from decimal import Decimal

from microfuture.maps import europe_countries
from microfuture.practices import mapping
from microfuture.practices.mapping import MapPoint, build_svg, project


def test_corners_and_centre_of_the_box() -> None:
    assert project(66, -12) == (0.0, 0.0)
    assert project(34, 35) == (mapping.WIDTH, mapping.HEIGHT)
    assert project(50, 11.5) == (mapping.WIDTH / 2, mapping.HEIGHT / 2)
    assert project(Decimal("45.76"), Decimal("4.84")) == (336.8, 404.8)  # Lyon


def test_custom_size_scales() -> None:
    assert project(50, 11.5, width=100, height=50) == (50.0, 25.0)


def test_points_outside_the_box_are_skipped() -> None:
    assert project(33.9, 10) is None
    assert project(40, 35.1) is None
    assert project(70, 10) is None
    assert project(None, 10) is None  # type: ignore[arg-type]
    svg = build_svg([MapPoint("Dakar", "/practices/dakar/", 14.7, -17.4),
                     MapPoint("Lyon", "/practices/lyon/", 45.76, 4.84)], title="Map")
    assert "Dakar" not in svg and "/practices/dakar/" not in svg
    assert svg.count("<a ") == 1


def test_names_are_escaped() -> None:
    svg = build_svg([MapPoint('<script>"x" & y</script>', '/p/"a"/', 45, 5)],
                    title="<b>Map</b>", description="a & b")
    assert "<script>" not in svg
    assert "&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;" in svg
    assert 'href="/p/&quot;a&quot;/"' in svg
    assert "&lt;b&gt;Map&lt;/b&gt;" in svg and "a &amp; b" in svg


def test_each_point_is_a_labelled_link_and_nothing_is_fetched() -> None:
    points = [MapPoint("Lyon", "/practices/lyon/", 45.76, 4.84),
              MapPoint("Stockholm", "/practices/sthlm/", 59.33, 18.07)]
    svg = build_svg(points, title="Map")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert '<a href="/practices/lyon/" aria-label="Lyon"><title>Lyon</title>' in svg
    assert svg.count("<circle") == 2
    urls = re.findall(r'(?:href|src)="([^"]*)"', svg)
    assert all(url.startswith("/") for url in urls)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_the_grid_gave_way_to_country_borders() -> None:
    svg = build_svg([], title="Map")
    assert "<line" not in svg  # no latitude/longitude grid any more
    # One path per country, and one more for all the NUTS-3 regions' borders (no region named).
    assert svg.count("<path ") == len(europe_countries()) + 1 > 40
