"""Borders for the site's maps, and the map of Slovenia's statistical regions as inline SVG.

The borders are files in `microfuture/data/`, built once by `scripts/build_maps.py` and read
once here: Europe's countries (`europe_countries.json`, Natural Earth, public domain) for the
practice map (`practices/mapping.py`) with Europe's NUTS-3 regions over them
(`europe_nuts3.json`, Eurostat GISCO, © EuroGeographics), Slovenia's 12 statistical regions
(`si_regions.json`, GURS RPE, CC BY 4.0) for the map of clubs. Municipalities have no
borders here (GURS's file of them is too large to keep): they are points at their centroids
(`microfuture/municipalities.py`).

No Django: callers hand in the texts, already in the reader's language; every text is escaped
here, and the drawing loads nothing from anywhere (no tiles, no script).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from microfuture.regions import REGIONS

__all__ = [
    "EUROPE_ATTRIBUTION",
    "NUTS_ATTRIBUTION",
    "SLOVENIA_ATTRIBUTION",
    "SLOVENIA_HEIGHT",
    "SLOVENIA_WIDTH",
    "RegionMark",
    "Shape",
    "europe_countries",
    "europe_nuts",
    "path_d",
    "slovenia_project",
    "slovenia_regions",
    "slovenia_svg",
]

DATA_DIR = Path(__file__).resolve().parent / "data"

# The credits the sources ask for, shown on the maps as written (not translated).
EUROPE_ATTRIBUTION = "Made with Natural Earth"
NUTS_ATTRIBUTION = "© EuroGeographics for the administrative boundaries"
SLOVENIA_ATTRIBUTION = (
    "Vir: Geodetska uprava Republike Slovenije, Register prostorskih enot, CC BY 4.0"
)

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Shape:
    """A country or a region: its code, its name and its rings of (longitude, latitude)."""

    code: str
    name: str
    rings: tuple[Ring, ...]
    centre: tuple[float, float] | None = None  # (longitude, latitude) for a label


def _shapes(file_name: str, key: str) -> tuple[Shape, ...]:
    data = json.loads((DATA_DIR / file_name).read_text(encoding="utf-8"))
    return tuple(
        Shape(code=str(item.get("code") or item.get("id", "")), name=item["name"],
              rings=tuple(tuple((float(x), float(y)) for x, y in ring)
                          for ring in item["rings"]),
              centre=(float(item["centre"][0]), float(item["centre"][1]))
              if item.get("centre") else None)
        for item in data[key]
    )


@cache
def europe_countries() -> tuple[Shape, ...]:
    """Europe's countries (and their neighbours' edges), clipped to a box around the
    practice map: longitude -20..45, latitude 28..72."""
    return _shapes("europe_countries.json", "countries")


@cache
def europe_nuts() -> tuple[Shape, ...]:
    """Europe's NUTS level-3 regions (Eurostat GISCO, NUTS 2013), clipped to a box around the
    practice map: longitude -14..37, latitude 32..68."""
    return _shapes("europe_nuts3.json", "regions")


@cache
def slovenia_regions() -> tuple[Shape, ...]:
    """Slovenia's 12 statistical regions, by NUTS-3 code, with their centres."""
    return _shapes("si_regions.json", "regions")


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def path_d(rings: Iterable[Ring], project: Callable[[float, float], tuple[float, float]]) -> str:
    """SVG path data for the rings, each point through `project(lon, lat) -> (x, y)`; holes
    are drawn with `fill-rule="evenodd"`."""
    parts: list[str] = []
    for ring in rings:
        points: list[str] = []
        for lon, lat in ring:
            x, y = project(lon, lat)
            point = f"{_num(x)},{_num(y)}"
            if not points or points[-1] != point:
                points.append(point)
        if len(points) >= 3:
            parts.append("M" + " ".join(points) + "Z")
    return "".join(parts)


# ----------------------------------------------------------------------------- Slovenia

# An equirectangular projection true to scale at 46.1° N, Slovenia's middle latitude.
SLOVENIA_LON_MIN, SLOVENIA_LON_MAX = 13.30, 16.68
SLOVENIA_LAT_MIN, SLOVENIA_LAT_MAX = 45.38, 46.93
_COS = math.cos(math.radians(46.1))
SLOVENIA_WIDTH = 800
_SCALE = SLOVENIA_WIDTH / ((SLOVENIA_LON_MAX - SLOVENIA_LON_MIN) * _COS)  # px per degree lat
_MAP_HEIGHT = round((SLOVENIA_LAT_MAX - SLOVENIA_LAT_MIN) * _SCALE)
SLOVENIA_HEIGHT = _MAP_HEIGHT + 28  # a strip under the country for the credit


def slovenia_project(lon: float, lat: float) -> tuple[float, float]:
    """(x, y) in the map of Slovenia for a longitude and latitude."""
    return ((lon - SLOVENIA_LON_MIN) * _COS * _SCALE, (SLOVENIA_LAT_MAX - lat) * _SCALE)


@dataclass(frozen=True)
class RegionMark:
    """What the map says of one region: `name` is its accessible name (and tooltip),
    `shown` a short text drawn under the region's name (e.g. a count), `url` where the
    region links to (none when empty), `filled` whether it is drawn as having something."""

    name: str
    shown: str = ""
    url: str = ""
    filled: bool = False


@cache
def _region_paths() -> tuple[tuple[str, str], ...]:
    return tuple((r.code, path_d(r.rings, slovenia_project)) for r in slovenia_regions())


def slovenia_svg(marks: Mapping[str, RegionMark], *, title: str, description: str = "",
                 points: Sequence[tuple[float, float]] = (), svg_id: str = "slovenia-map",
                 pin: tuple[float, float, str] | None = None) -> str:
    """The whole <svg>: each region a path named by its mark (or by its name), a label with
    the region's name and the mark's short text, small dots at `points` (longitude,
    latitude; decorative), a marked and named point at `pin` (longitude, latitude, name),
    and the source's credit."""
    sid = escape(svg_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SLOVENIA_WIDTH} '
        f'{SLOVENIA_HEIGHT}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'class="region-map" aria-labelledby="{sid}-title {sid}-desc">',
        f'<title id="{sid}-title">{escape(title)}</title>',
        f'<desc id="{sid}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{SLOVENIA_WIDTH}" height="{SLOVENIA_HEIGHT}" '
        f'fill="#ffffff"/>',
    ]
    labels: list[str] = []
    for code, d in _region_paths():
        mark = marks.get(code) or RegionMark(name=REGIONS.get(code, code))
        name = escape(mark.name)
        fill = "#cfe8d9" if mark.filled else "#f3f5f7"
        path = (f'<path d="{d}" fill="{fill}" fill-rule="evenodd" stroke="#4a5360" '
                f'stroke-width="1.2" stroke-linejoin="round" data-region="{escape(code)}"/>')
        if mark.url:
            parts.append(f'<a href="{escape(mark.url)}" aria-label="{name}">'
                         f'<title>{name}</title>{path}</a>')
        else:
            parts.append(f'<g role="img" aria-label="{name}"><title>{name}</title>{path}</g>')
        labels.append(_region_label(code, mark))
    if points:
        dots = "".join(
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="1.8"/>'
            for x, y in (slovenia_project(lon, lat) for lon, lat in points)
        )
        parts.append(f'<g class="municipality-points" fill="#6b7683" aria-hidden="true">'
                     f'{dots}</g>')
    parts.append('<g aria-hidden="true" font-size="13" fill="#1b1f24" text-anchor="middle">')
    parts.extend(labels)
    parts.append("</g>")
    if pin is not None:
        x, y = slovenia_project(pin[0], pin[1])
        name = escape(pin[2])
        parts.append(
            f'<g class="map-pin" role="img" aria-label="{name}"><title>{name}</title>'
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="8" fill="#0b5d3b" stroke="#ffffff" '
            f'stroke-width="3"/></g>'
            f'<text x="{_num(x + 12)}" y="{_num(y - 10)}" font-size="15" font-weight="700" '
            f'fill="#1b1f24" stroke="#ffffff" stroke-width="3" paint-order="stroke" '
            f'aria-hidden="true">{name}</text>')
    parts.append(f'<text x="8" y="{SLOVENIA_HEIGHT - 9}" font-size="12" fill="#4a5360">'
                 f'{escape(SLOVENIA_ATTRIBUTION)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _region_label(code: str, mark: RegionMark) -> str:
    region = next((r for r in slovenia_regions() if r.code == code), None)
    if region is None or region.centre is None:
        return ""
    x, y = slovenia_project(*region.centre)
    name = escape(REGIONS.get(code, code))
    text = (f'<text x="{_num(x)}" y="{_num(y)}" stroke="#ffffff" stroke-width="3" '
            f'paint-order="stroke">{name}')
    if mark.shown:
        text += (f'<tspan x="{_num(x)}" dy="16" font-weight="700">'
                 f'{escape(mark.shown)}</tspan>')
    return text + "</text>"
