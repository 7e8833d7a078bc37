#!/usr/bin/env python3
"""Build the two border files the site's maps draw, simplified to a few hundred kB at most:

* `microfuture/data/europe_countries.json`: Europe's country borders, from Natural Earth
  1:50m (public domain) as pre-built TopoJSON in the npm package `world-atlas` 2.0.2
  (`countries-50m.json`), its shared arcs simplified once (so that neighbours keep one common
  border), the countries clipped to a box a little larger than the practice map's.
* `microfuture/data/si_regions.json`: Slovenia's 12 statistical regions from GURS's Register of
  Spatial Units (`data/SR.geojson` of the `stefanb/gurs-rpe` mirror, CC BY 4.0), split into
  the borders two regions share (or one region shares with the outside) and each border
  simplified once, for the same reason.
* `microfuture/data/europe_nuts3.json`: Europe's NUTS level-3 regions (Eurostat GISCO, NUTS
  2013, © EuroGeographics for the administrative boundaries) from `NUTS/nuts_3_1%.json` of the
  `idris-maps/idris-geodata` mirror (GISCO's regions already simplified with shared borders
  kept), clipped to a box a little larger than the practice map's, coordinates rounded to
  0.01° (no further simplification: the borders two regions share stay one line). See
  `europe_nuts3.SOURCE.md`.

Only the standard library. Run once when a source changes:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz   # gives package/
    python3 scripts/build_maps.py package/countries-50m.json [GIT_DIR_OF_stefanb/gurs-rpe]
    python3 scripts/build_maps.py --nuts nuts_3_1%.json   # only the NUTS file

Simplification is Douglas-Peucker in degrees (tolerances below), coordinates are rounded.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_municipalities import (
    DEFAULT_GIT_DIR,
    NUTS3_BY_NAME,
    d96tm_to_wgs84,
    git_head,
    git_show,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "microfuture" / "data"

# Europe: about a pixel of the practice map (20 px per degree); the clip box is wider than the
# drawn box (longitude -12..35, latitude 34..66) so that no cut edge shows inside it.
EUROPE_TOLERANCE = 0.04
EUROPE_BOX = (-20.0, 28.0, 45.0, 72.0)  # lon min, lat min, lon max, lat max
EUROPE_MIN_AREA = 0.03  # square degrees: smaller islands are dropped
EUROPE_DIGITS = 2
# Slovenia: about a pixel of an 800 px wide map of the country.
SLOVENIA_TOLERANCE = 0.0025
SLOVENIA_DIGITS = 4

Point = tuple[float, float]


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """The points kept by Douglas-Peucker; the first and the last are always kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, worst_at = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                d = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if d > worst:
                worst, worst_at = d, i
        if worst > tolerance:
            keep[worst_at] = True
            stack.append((first, worst_at))
            stack.append((worst_at, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_area(ring: Sequence[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1
                   for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True))) / 2


def clip_ring(ring: Sequence[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """Sutherland-Hodgman: the ring cut to the box (edges along the box where it was cut)."""
    lon_min, lat_min, lon_max, lat_max = box
    edges = [
        (lambda p: p[0] >= lon_min, lambda a, b: _at_x(a, b, lon_min)),
        (lambda p: p[0] <= lon_max, lambda a, b: _at_x(a, b, lon_max)),
        (lambda p: p[1] >= lat_min, lambda a, b: _at_y(a, b, lat_min)),
        (lambda p: p[1] <= lat_max, lambda a, b: _at_y(a, b, lat_max)),
    ]
    out = list(ring)
    for inside, cross in edges:
        if not out:
            break
        src, out = out, []
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
    return out


def _at_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _at_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def rounded(ring: Sequence[Point], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, digits), round(y, digits)]
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()  # rings are stored open; the drawing closes them
    return out


# ----------------------------------------------------------------------------- Europe

def europe(topology_file: Path) -> dict:
    topo = json.loads(topology_file.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[Point]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(douglas_peucker(points, EUROPE_TOLERANCE))

    def ring_of(indexes: list[int]) -> list[Point]:
        ring: list[Point] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            ring.extend(arc if not ring else arc[1:])
        # A ring that crosses the 180th meridian (Russia's) is unwrapped, so that its far
        # east lies beyond 180° and the clipping drops it instead of drawing a band across.
        shift = 0.0
        unwrapped = ring[:1]
        for (x0, _), (x1, y1) in itertools.pairwise(ring):
            if x1 - x0 > 180:
                shift -= 360
            elif x0 - x1 > 180:
                shift += 360
            unwrapped.append((x1 + shift, y1))
        return unwrapped

    countries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                ring = clip_ring(ring_of(indexes), EUROPE_BOX)
                if len(ring) >= 3 and ring_area(ring) >= EUROPE_MIN_AREA:
                    ring_out = rounded(ring, EUROPE_DIGITS)
                    if len(ring_out) >= 3:
                        rings.append(ring_out)
        if rings:
            countries.append({"id": geometry.get("id", ""),
                              "name": geometry.get("properties", {}).get("name", ""),
                              "rings": rings})
    countries.sort(key=lambda c: c["name"])
    return {
        "source": "Natural Earth 1:50m Admin 0 countries (v4.1.0), public domain, "
                  "via the npm package world-atlas 2.0.2 (countries-50m.json)",
        "attribution": "Made with Natural Earth",
        "box": list(EUROPE_BOX),
        "tolerance_degrees": EUROPE_TOLERANCE,
        "countries": countries,
    }


# ----------------------------------------------------------------------------- NUTS

# The practice map's drawn box (longitude -12..35, latitude 34..66) and two degrees around it.
NUTS_BOX = (-14.0, 32.0, 37.0, 68.0)
NUTS_MIN_AREA = 0.003  # square degrees: smaller islands are dropped (never a region's largest)
NUTS_DIGITS = 2


def europe_nuts(geojson_file: Path) -> dict:
    features = json.loads(geojson_file.read_text(encoding="utf-8"))["features"]
    regions = []
    for f in features:
        props = f["properties"]
        code = props.get("NUTS_ID") or props.get("id")
        name = props.get("Name") or props.get("na") or props.get("NUTS_NAME") or code
        geometry = f["geometry"]
        polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                    else geometry["coordinates"])
        clipped = []
        for polygon in polygons:
            for ring in polygon:
                points = clip_ring([(float(x), float(y)) for x, y, *_ in ring], NUTS_BOX)
                if len(points) >= 3:
                    clipped.append(points)
        if not clipped:
            continue
        largest = max(clipped, key=ring_area)
        rings = []
        for points in clipped:
            if points is largest or ring_area(points) >= NUTS_MIN_AREA:
                ring_out = rounded(points, NUTS_DIGITS)
                if len(ring_out) >= 3:
                    rings.append(ring_out)
        if rings:
            regions.append({"code": code, "name": name, "rings": rings})
    regions.sort(key=lambda r: r["code"])
    return {
        "source": "Eurostat GISCO, NUTS 2013 level 3 regions, simplified to 1 % with "
                  "mapshaper by idris-maps/idris-geodata (NUTS/nuts_3_1%.json)",
        "attribution": "© EuroGeographics for the administrative boundaries",
        "box": list(NUTS_BOX),
        "regions": regions,
    }


# ----------------------------------------------------------------------------- Slovenia

def _canonical_simplify(chain: list[Point], cache: dict[tuple[Point, ...], list[Point]],
                        tolerance: float) -> list[Point]:
    """A chain shared by two regions is simplified once, whichever way a ring runs along it."""
    forward = tuple(chain)
    backward = forward[::-1]
    key = min(forward, backward)
    if key not in cache:
        cache[key] = douglas_peucker(key, tolerance)
    return cache[key] if key == forward else cache[key][::-1]


def slovenia(git_dir: str) -> dict:
    features = json.loads(git_show(git_dir, "data/SR.geojson"))["features"]
    rings_of: list[tuple[str, list[list[Point]]]] = []
    owners: dict[Point, set[str]] = {}
    for f in features:
        code = NUTS3_BY_NAME[f["properties"]["SR_UIME"]]
        geometry = f["geometry"]
        polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                    else geometry["coordinates"])
        rings = []
        for polygon in polygons:
            for ring in polygon:
                points = [(float(x), float(y)) for x, y, *_ in ring]
                if points[0] == points[-1]:
                    points.pop()
                rings.append(points)
                for p in points:
                    owners.setdefault(p, set()).add(code)
        rings_of.append((code, rings))

    cache: dict[tuple[Point, ...], list[Point]] = {}
    regions = []
    for f, (code, rings) in zip(features, rings_of, strict=True):
        out_rings = []
        for ring in rings:
            n = len(ring)
            # A vertex where the set of regions owning the border changes ends a chain.
            fixed = [i for i in range(n)
                     if owners[ring[i]] != owners[ring[i - 1]]
                     or owners[ring[i]] != owners[ring[(i + 1) % n]]]
            if not fixed:
                fixed = [0, n // 2]
            simplified: list[Point] = []
            for k, start in enumerate(fixed):
                end = fixed[(k + 1) % len(fixed)]
                chain = (ring[start:end + 1] if end > start
                         else ring[start:] + ring[:end + 1])
                part = _canonical_simplify(chain, cache, SLOVENIA_TOLERANCE)
                simplified.extend(part[:-1])
            ring_out = rounded(simplified, SLOVENIA_DIGITS)
            if len(ring_out) >= 3:
                out_rings.append(ring_out)
        props = f["properties"]
        lon, lat = d96tm_to_wgs84(float(props["CEN_E"]), float(props["CEN_N"]))
        regions.append({"code": code, "name": props["SR_UIME"],
                        "centre": [round(lon, SLOVENIA_DIGITS), round(lat, SLOVENIA_DIGITS)],
                        "rings": out_rings})
    regions.sort(key=lambda r: r["code"])
    return {
        "source": f"GURS, Register prostorskih enot (RPE), data/SR.geojson of "
                  f"github.com/stefanb/gurs-rpe at {git_head(git_dir)}",
        "attribution": "Vir: Geodetska uprava Republike Slovenije, "
                       "Register prostorskih enot, CC BY 4.0",
        "tolerance_degrees": SLOVENIA_TOLERANCE,
        "regions": regions,
    }


def write(name: str, data: dict) -> None:
    path = DATA / name
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    points = sum(len(r) for item in data.get("countries", data.get("regions", []))
                 for r in item["rings"])
    print(f"wrote {path.relative_to(ROOT)}: {len(text) // 1024} kB, {points} points")


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    if sys.argv[1] == "--nuts" and len(sys.argv) == 3:
        write("europe_nuts3.json", europe_nuts(Path(sys.argv[2])))
        return
    write("europe_countries.json", europe(Path(sys.argv[1])))
    write("si_regions.json", slovenia(sys.argv[2] if len(sys.argv) > 2 else DEFAULT_GIT_DIR))


if __name__ == "__main__":
    main()
