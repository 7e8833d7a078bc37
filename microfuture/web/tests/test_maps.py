"""The map of Slovenia (`microfuture/maps.py`): the 12 statistical regions' real borders from
GURS, each region a named shape, municipalities as points, the credit on the map."""

from __future__ import annotations

import re

from microfuture import maps
from microfuture.maps import RegionMark, slovenia_project, slovenia_regions, slovenia_svg
from microfuture.municipalities import MUNICIPALITIES, MUNICIPALITY_CENTROIDS
from microfuture.regions import REGIONS


def _inside(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def test_the_twelve_regions_with_their_nuts_codes():
    regions = slovenia_regions()
    assert [r.code for r in regions] == sorted(REGIONS)
    assert all(r.name == REGIONS[r.code] for r in regions)
    assert all(r.rings and all(len(ring) >= 3 for ring in r.rings) for r in regions)
    # Simplified: a few thousand points in all, not the source's tens of thousands.
    assert 1000 < sum(len(ring) for r in regions for ring in r.rings) < 6000


def _distance(x: float, y: float, ring: list[tuple[float, float]]) -> float:
    best = float("inf")
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5)
    return best


def test_each_municipalitys_centroid_lies_in_its_regions_simplified_border():
    # The simplified borders still agree with the table: every centroid is in its region,
    # or (Piran's, near the tip of its peninsula) within the simplification's tolerance of
    # the region's coast.
    by_code = {r.code: r for r in slovenia_regions()}
    outside = {
        m.name: min(_distance(*MUNICIPALITY_CENTROIDS[m.code], list(ring))
                    for ring in by_code[m.region].rings)
        for m in MUNICIPALITIES.values()
        if not any(_inside(*MUNICIPALITY_CENTROIDS[m.code], list(ring))
                   for ring in by_code[m.region].rings)
    }
    assert set(outside) <= {"Piran"}
    assert all(d < 0.0025 for d in outside.values())


def test_neighbouring_regions_share_their_border_points():
    # Each border stretch was simplified once, so Zasavska's border with Osrednjeslovenska
    # has the same points in both: no gap and no overlap between them.
    by_code = {r.code: {p for ring in r.rings for p in ring} for r in slovenia_regions()}
    shared = by_code["SI035"] & by_code["SI041"]
    assert len(shared) >= 10
    assert len(by_code["SI035"] & by_code["SI036"]) >= 5


def test_every_region_is_a_named_path_and_a_marked_one_a_link():
    marks = {"SI035": RegionMark(name="Zasavska: 2 clubs", shown="2", url="#region-SI035",
                                 filled=True)}
    svg = slovenia_svg(marks, title="Clubs <by> region", description="d & e")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "Clubs &lt;by&gt; region" in svg and "d &amp; e" in svg
    assert svg.count("<path ") == 12
    assert ('<a href="#region-SI035" aria-label="Zasavska: 2 clubs"><title>Zasavska: 2 clubs'
            '</title><path ') in svg
    for code, name in REGIONS.items():
        if code != "SI035":
            assert (f'<g role="img" aria-label="{name}"><title>{name}</title><path ') in svg
        assert f'data-region="{code}"' in svg
    assert '<tspan x="' in svg and '>2</tspan>' in svg
    assert svg.count("#cfe8d9") == 1  # only the marked region is filled


def test_municipalities_are_points_and_the_credit_is_on_the_map():
    points = list(MUNICIPALITY_CENTROIDS.values())
    svg = slovenia_svg({}, title="Map", points=points)
    dots = re.search(r'<g class="municipality-points"[^>]*aria-hidden="true">(.*?)</g>', svg)
    assert dots is not None and dots.group(1).count("<circle") == 212
    assert f">{maps.SLOVENIA_ATTRIBUTION}</text>" in svg
    assert "Geodetska uprava Republike Slovenije" in svg and "CC BY 4.0" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_the_projection_fits_slovenia_in_the_drawing():
    for r in slovenia_regions():
        for ring in r.rings:
            for lon, lat in ring:
                x, y = slovenia_project(lon, lat)
                assert 0 <= x <= maps.SLOVENIA_WIDTH and 0 <= y <= maps.SLOVENIA_HEIGHT - 28
    ljubljana = slovenia_project(*MUNICIPALITY_CENTROIDS["061"])
    litija = slovenia_project(*MUNICIPALITY_CENTROIDS["060"])
    assert ljubljana[0] < litija[0]  # Litija lies east of Ljubljana
