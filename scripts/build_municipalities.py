#!/usr/bin/env python3
"""Build `microfuture/data/municipalities.csv`: Slovenia's 212 municipalities with their
NUTS-3 (statistical) region and centroid, from GURS's Register of Spatial Units (RPE).

Run once when the register changes; the app reads only the CSV, so it needs no geo library:

    python3 scripts/build_municipalities.py [GIT_DIR_OF_stefanb/gurs-rpe]

Source: the public mirror `stefanb/gurs-rpe` of GURS RPE (CC BY 4.0), read with `git show`
from its git directory: `data/OB.csv` (municipalities, centroid in D96/TM, EPSG:3794) and
`data/SR.geojson` (statistical regions, WGS84). Each municipality's centroid is converted to
WGS84 and placed in the one statistical region whose polygon holds it; the region is named
by its NUTS-3 code through the region's name (SURS numbers the regions 1-12 in an order that
is not the NUTS order: 8 Osrednjeslovenska is SI041, 10 Primorsko-notranjska is SI038).
As a check, the municipalities' areas summed per region must equal each region's area.

Only the standard library: D96/TM is a transverse Mercator on GRS80 (ETRS89, which equals
WGS84 to well under a metre for this purpose), inverted here with Snyder's series.
"""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys
from pathlib import Path

DEFAULT_GIT_DIR = "/work/.mirror/stefanb+gurs-rpe/repo"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "microfuture" / "data" / "municipalities.csv"

# NUTS 2016 codes by the region's name as GURS writes it (microfuture/regions.py).
NUTS3_BY_NAME = {
    "Pomurska": "SI031",
    "Podravska": "SI032",
    "Koroška": "SI033",
    "Savinjska": "SI034",
    "Zasavska": "SI035",
    "Posavska": "SI036",
    "Jugovzhodna Slovenija": "SI037",
    "Primorsko-notranjska": "SI038",
    "Osrednjeslovenska": "SI041",
    "Gorenjska": "SI042",
    "Goriška": "SI043",
    "Obalno-kraška": "SI044",
}

# EPSG:3794 (Slovenia 1996 / Slovene National Grid): TM, lat0 0, lon0 15° E, k0 0.9999,
# false easting 500 000 m, false northing -5 000 000 m, GRS80 ellipsoid.
_A = 6378137.0
_F = 1 / 298.257222101
_E2 = _F * (2 - _F)
_EP2 = _E2 / (1 - _E2)
_K0 = 0.9999
_LON0 = math.radians(15.0)
_FE = 500000.0
_FN = -5000000.0


def d96tm_to_wgs84(e: float, n: float) -> tuple[float, float]:
    """(easting, northing) in EPSG:3794 -> (lon, lat) in degrees."""
    m = (n - _FN) / _K0
    mu = m / (_A * (1 - _E2 / 4 - 3 * _E2**2 / 64 - 5 * _E2**3 / 256))
    e1 = (1 - math.sqrt(1 - _E2)) / (1 + math.sqrt(1 - _E2))
    phi1 = (
        mu
        + (3 * e1 / 2 - 27 * e1**3 / 32) * math.sin(2 * mu)
        + (21 * e1**2 / 16 - 55 * e1**4 / 32) * math.sin(4 * mu)
        + (151 * e1**3 / 96) * math.sin(6 * mu)
        + (1097 * e1**4 / 512) * math.sin(8 * mu)
    )
    sin1, cos1, tan1 = math.sin(phi1), math.cos(phi1), math.tan(phi1)
    c1 = _EP2 * cos1**2
    t1 = tan1**2
    n1 = _A / math.sqrt(1 - _E2 * sin1**2)
    r1 = _A * (1 - _E2) / (1 - _E2 * sin1**2) ** 1.5
    d = (e - _FE) / (n1 * _K0)
    lat = phi1 - (n1 * tan1 / r1) * (
        d**2 / 2
        - (5 + 3 * t1 + 10 * c1 - 4 * c1**2 - 9 * _EP2) * d**4 / 24
        + (61 + 90 * t1 + 298 * c1 + 45 * t1**2 - 252 * _EP2 - 3 * c1**2) * d**6 / 720
    )
    lon = _LON0 + (
        d
        - (1 + 2 * t1 + c1) * d**3 / 6
        + (5 - 2 * c1 + 28 * t1 - 3 * c1**2 + 8 * _EP2 + 24 * t1**2) * d**5 / 120
    ) / cos1
    return math.degrees(lon), math.degrees(lat)


def _in_ring(x: float, y: float, ring: list[list[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def in_geometry(x: float, y: float, geometry: dict) -> bool:
    """Point in a GeoJSON Polygon or MultiPolygon (even-odd rule, holes respected)."""
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    for rings in polygons:
        if _in_ring(x, y, rings[0]) and not any(_in_ring(x, y, hole) for hole in rings[1:]):
            return True
    return False


def git_show(git_dir: str, path: str) -> str:
    out = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        ["git", "-C", git_dir, "show", f"HEAD:{path}"],  # noqa: S607
        check=True, capture_output=True,
    ).stdout
    return out.decode("utf-8-sig")


def git_head(git_dir: str) -> str:
    return subprocess.run(  # noqa: S603
        ["git", "-C", git_dir, "log", "-1", "--format=%H %cs"],  # noqa: S607
        check=True, capture_output=True, text=True,
    ).stdout.strip()


def build(git_dir: str) -> list[dict[str, str]]:
    regions = json.loads(git_show(git_dir, "data/SR.geojson"))["features"]
    region_area = {NUTS3_BY_NAME[f["properties"]["SR_UIME"]]: f["properties"]["POV_KM2"]
                   for f in regions}
    rows: list[dict[str, str]] = []
    summed: dict[str, float] = {}
    for rec in csv.DictReader(io.StringIO(git_show(git_dir, "data/OB.csv"))):
        lon, lat = d96tm_to_wgs84(float(rec["CEN_E"]), float(rec["CEN_N"]))
        found = [f for f in regions if in_geometry(lon, lat, f["geometry"])]
        if len(found) != 1:
            raise SystemExit(f"{rec['OB_UIME']}: centroid in {len(found)} regions")
        code = NUTS3_BY_NAME[found[0]["properties"]["SR_UIME"]]
        summed[code] = summed.get(code, 0.0) + float(rec["POV_KM2"])
        rows.append({
            "code": f"{int(rec['OB_ID']):03d}",
            "name": rec["OB_UIME"].strip(),
            "region": code,
            "lon": f"{lon:.5f}",
            "lat": f"{lat:.5f}",
        })
    # The check that no centroid fell into a neighbouring region: areas add up.
    for code, area in region_area.items():
        if abs(summed.get(code, 0.0) - area) > 0.5:
            raise SystemExit(f"{code}: municipalities sum to {summed.get(code)} km², region {area}")
    if len(rows) != 212:
        raise SystemExit(f"expected 212 municipalities, got {len(rows)}")
    rows.sort(key=lambda r: r["code"])
    return rows


def main() -> None:
    git_dir = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_GIT_DIR
    rows = build(git_dir)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["code", "name", "region", "lon", "lat"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} municipalities to {OUT.relative_to(ROOT)} "
          f"(gurs-rpe {git_head(git_dir)})")


if __name__ == "__main__":
    main()
