"""The practice map draws Europe's real country borders (Natural Earth, kept in the
repository), under the practices, with the credit on the map."""

from __future__ import annotations

import re

from microfuture.maps import EUROPE_ATTRIBUTION, europe_countries
from microfuture.practices import mapping
from microfuture.practices.mapping import MapPoint, build_svg


def _coordinates(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", d)]


def test_europes_countries_are_in_the_repository_and_around_the_map() -> None:
    names = {c.name for c in europe_countries()}
    assert {"France", "Slovenia", "Sweden", "Romania", "Portugal", "Finland"} <= names
    for country in europe_countries():
        for ring in country.rings:
            assert len(ring) >= 3
            assert all(-20 <= lon <= 45 and 28 <= lat <= 72 for lon, lat in ring)


def test_borders_are_paths_under_the_points_and_hidden_from_screen_readers() -> None:
    svg = build_svg([MapPoint("Lyon", "/practices/lyon/", 45.76, 4.84)], title="Map")
    group = re.search(r'<g class="borders" aria-hidden="true">(.*?)</g>', svg)
    assert group is not None
    paths = re.findall(r'<path d="([^"]+)"', group.group(1))
    assert len(paths) == len(europe_countries())
    # The borders come before the point, so the point is drawn on top of them.
    assert svg.index('class="borders"') < svg.index("<circle")


def test_slovenia_is_drawn_where_the_projection_puts_it() -> None:
    slovenia = next(c for c in europe_countries() if c.name == "Slovenia")
    xs, ys = zip(*(mapping.project(lat, lon) or (0, 0) for ring in slovenia.rings
                   for lon, lat in ring), strict=True)
    # Ljubljana (46.05 N, 14.51 E) lies inside Slovenia's outline on the map.
    lx, ly = mapping.project(46.05, 14.51) or (0, 0)
    assert min(xs) < lx < max(xs) and min(ys) < ly < max(ys)
    svg = build_svg([], title="Map")
    d = re.findall(r'<path d="([^"]+)"', svg)
    projected = [pt for path in d for pt in _coordinates(path)]
    assert any(abs(x - min(xs)) < 0.11 and abs(y - ys[xs.index(min(xs))]) < 0.11
               for x, y in projected)


def test_the_credit_is_on_the_map() -> None:
    svg = build_svg([], title="Map")
    assert f">{EUROPE_ATTRIBUTION}</text>" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
