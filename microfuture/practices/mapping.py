"""The map of practices: an equirectangular projection of Europe drawn as inline SVG.

Pure functions, no Django and no I/O: the view hands in points (a label, a link, a latitude
and a longitude) and gets back SVG markup that loads nothing from anywhere (the site's CSP is
default-src 'self', and no tile server is used). Every text is escaped here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from html import escape

# The box drawn: longitude -12…35, latitude 34…66 (Europe from Portugal to the Baltic).
LON_MIN, LON_MAX = -12.0, 35.0
LAT_MIN, LAT_MAX = 34.0, 66.0
SCALE = 20  # pixels per degree: 940 × 640
WIDTH = round((LON_MAX - LON_MIN) * SCALE)
HEIGHT = round((LAT_MAX - LAT_MIN) * SCALE)
GRATICULE_STEP = 5

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


def graticule(*, width: int = WIDTH, height: int = HEIGHT,
              step: int = GRATICULE_STEP) -> list[str]:
    """Light lines every `step` degrees, with their degree labels."""
    parts: list[str] = []
    lon = int(LON_MIN // step * step)
    while lon <= LON_MAX:
        if lon >= LON_MIN:
            x, _ = project(LAT_MIN, lon, width=width, height=height) or (0.0, 0.0)
            parts.append(f'<line x1="{_fmt(x)}" y1="0" x2="{_fmt(x)}" y2="{height}" '
                         f'stroke="#c9d0d8" stroke-width="1"/>')
            parts.append(f'<text x="{_fmt(x + 3)}" y="{height - 6}" font-size="12" '
                         f'fill="#4a5360">{lon}°</text>')
        lon += step
    lat = int(LAT_MIN // step * step)
    while lat <= LAT_MAX:
        if lat >= LAT_MIN:
            _, y = project(lat, LON_MIN, width=width, height=height) or (0.0, 0.0)
            parts.append(f'<line x1="0" y1="{_fmt(y)}" x2="{width}" y2="{_fmt(y)}" '
                         f'stroke="#c9d0d8" stroke-width="1"/>')
            parts.append(f'<text x="4" y="{_fmt(y - 4)}" font-size="12" '
                         f'fill="#4a5360">{lat}°</text>')
        lat += step
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
              width: int = WIDTH, height: int = HEIGHT) -> str:
    """The whole <svg> element: background, graticule, and a labelled link per point."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" class="practice-map" '
        f'aria-labelledby="practice-map-title practice-map-desc">',
        f'<title id="practice-map-title">{escape(title)}</title>',
        f'<desc id="practice-map-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f3f5f7" '
        f'stroke="#c9d0d8"/>',
        *graticule(width=width, height=height),
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
    parts.append("</svg>")
    return "".join(parts)
