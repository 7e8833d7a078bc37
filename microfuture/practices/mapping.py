"""The map of practices: an equirectangular projection of Europe drawn as inline SVG.

No Django: the view hands in points (a label, a link, a latitude and a longitude) and gets
back SVG markup that loads nothing from anywhere (the site's CSP is default-src 'self', and no
tile server is used). The countries' borders come from the repository (`microfuture/maps.py`,
Natural Earth, read once), with Europe's NUTS-3 regions drawn over them (Eurostat GISCO); the
regions where practices are (`regions`, NUTS-3 code -> accessible name) are filled and named;
the points come on top, then the credits Natural Earth and GISCO ask for. Every text is
escaped here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from html import escape

from microfuture.maps import (
    EUROPE_ATTRIBUTION,
    NUTS_ATTRIBUTION,
    europe_countries,
    europe_nuts,
    path_d,
)

# The box drawn: longitude -12…35, latitude 34…66 (Europe from Portugal to the Baltic).
LON_MIN, LON_MAX = -12.0, 35.0
LAT_MIN, LAT_MAX = 34.0, 66.0
SCALE = 20  # pixels per degree: 940 × 640
WIDTH = round((LON_MAX - LON_MIN) * SCALE)
HEIGHT = round((LAT_MAX - LAT_MIN) * SCALE)

Number = float | int | Decimal


@dataclass(frozen=True)
class MapPoint:
    label: str
    url: str
    latitude: Number
    longitude: Number
    # A short mark drawn beside the point (a number keyed to the list under the map), so that
    # neighbouring practices' names do not print over each other; the label stays the
    # tooltip, and the link's accessible name starts with the mark, so that what is seen is
    # what a speech-input user says (WCAG 2.5.3, label in name).
    marker: str = ""


def inside(latitude: Number, longitude: Number) -> bool:
    lat, lon = float(latitude), float(longitude)
    return LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX


def project(latitude: Number, longitude: Number, *, width: int = WIDTH,
            height: int = HEIGHT) -> tuple[float, float] | None:
    """(x, y) in the drawing for a place, or None when it lies outside the box."""
    if latitude is None or longitude is None or not inside(latitude, longitude):
        return None
    lat, lon = float(latitude), float(longitude)
    x = (lon - LON_MIN) / (LON_MAX - LON_MIN) * width
    y = (LAT_MAX - lat) / (LAT_MAX - LAT_MIN) * height
    return round(x, 1), round(y, 1)


def _fmt(value: float) -> str:
    return f"{value:g}"


def _project_lonlat(lon: float, lat: float, *, width: int, height: int) -> tuple[float, float]:
    # Unlike `project`, points outside the box are kept: a border runs on past the edge and
    # the drawing's viewBox cuts it.
    return ((lon - LON_MIN) / (LON_MAX - LON_MIN) * width,
            (LAT_MAX - lat) / (LAT_MAX - LAT_MIN) * height)


@cache
def borders(*, width: int = WIDTH, height: int = HEIGHT) -> list[str]:
    """Europe's countries as one filled path each (Natural Earth, `microfuture/maps.py`);
    decorative: the practices are the map's content and are listed by country beside it."""
    def project_here(lon: float, lat: float) -> tuple[float, float]:
        return _project_lonlat(lon, lat, width=width, height=height)

    paths = [
        f'<path d="{path_d(country.rings, project_here)}" fill="#fbfbf7" fill-rule="evenodd" '
        f'stroke="#8a96a3" stroke-width="0.8" stroke-linejoin="round"/>'
        for country in europe_countries()
    ]
    return ['<g class="borders" aria-hidden="true">', *paths, "</g>"]


@cache
def _nuts_paths(width: int, height: int) -> tuple[tuple[str, str], ...]:
    def project_here(lon: float, lat: float) -> tuple[float, float]:
        return _project_lonlat(lon, lat, width=width, height=height)

    return tuple((region.code, path_d(region.rings, project_here)) for region in europe_nuts())


def nuts_regions(regions: Mapping[str, str] | None = None, *, width: int = WIDTH,
                 height: int = HEIGHT) -> list[str]:
    """Europe's NUTS-3 regions: all their borders as one thin decorative path, then each region
    named in `regions` (code -> accessible name) filled, with a <title> and an aria-label."""
    regions = regions or {}
    paths = _nuts_paths(width, height)
    every = "".join(d for _, d in paths)
    parts = ['<g class="nuts-regions" aria-hidden="true">'
             f'<path d="{every}" fill="none" stroke="#c5ced8" stroke-width="0.4" '
             f'stroke-linejoin="round"/></g>']
    for code, d in paths:
        if code in regions:
            name = escape(regions[code])
            parts.append(
                f'<g class="practice-region" role="img" aria-label="{name}"><title>{name}'
                f'</title><path d="{d}" fill="#cfe8d9" fill-rule="evenodd" stroke="#0b5d3b" '
                f'stroke-width="1" stroke-linejoin="round" data-nuts="{escape(code)}"/></g>')
    return parts


def placed(points: Iterable[MapPoint], *, width: int = WIDTH,
           height: int = HEIGHT) -> list[tuple[MapPoint, float, float]]:
    """The points that fall inside the box, with their x/y; the others are skipped."""
    out = []
    for point in points:
        xy = project(point.latitude, point.longitude, width=width, height=height)
        if xy is not None:
            out.append((point, xy[0], xy[1]))
    return out


def build_svg(points: Iterable[MapPoint], *, title: str, description: str = "",
              width: int = WIDTH, height: int = HEIGHT,
              regions: Mapping[str, str] | None = None) -> str:
    """The whole <svg> element: sea, countries, NUTS-3 regions (those in `regions`, code ->
    accessible name, filled and named), a labelled link per point, the credits."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" class="practice-map" '
        f'aria-labelledby="practice-map-title practice-map-desc">',
        f'<title id="practice-map-title">{escape(title)}</title>',
        f'<desc id="practice-map-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#dfe9f1"/>',
        *borders(width=width, height=height),
        *nuts_regions(regions, width=width, height=height),
    ]
    taken: list[tuple[float, float]] = []
    for point, x, y in placed(points, width=width, height=height):
        # Points in the same city: move the later marks down so that each stays readable.
        ty = y + 4
        while any(abs(tx0 - x) < 40 and abs(ty0 - ty) < 16 for tx0, ty0 in taken):
            ty += 16
        taken.append((x, ty))
        label = escape(point.label)
        shown = escape(point.marker) if point.marker else label
        name = f"{shown} {label}" if point.marker else label
        right = x < width - 220
        tx = x + 9 if right else x - 9
        anchor = "start" if right else "end"
        parts.append(
            f'<a href="{escape(point.url)}" aria-label="{name}">'
            f'<title>{label}</title>'
            f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="6" fill="#0b5d3b" stroke="#ffffff" '
            f'stroke-width="2"/>'
            f'<text x="{_fmt(tx)}" y="{_fmt(ty)}" font-size="14" fill="#1b1f24" '
            f'text-anchor="{anchor}">{shown}</text></a>'
        )
    parts.append(f'<text x="6" y="{height - 24}" font-size="12" fill="#3b4450">'
                 f'{escape(NUTS_ATTRIBUTION)}</text>')
    parts.append(f'<text x="6" y="{height - 8}" font-size="12" fill="#3b4450">'
                 f'{escape(EUROPE_ATTRIBUTION)}</text>')
    parts.append("</svg>")
    return "".join(parts)
