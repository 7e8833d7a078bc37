"""Slovenia's 212 municipalities (občine), each with its statistical region (NUTS 3).

The table is `microfuture/data/municipalities.csv`, built once from GURS's Register of
Spatial Units by `scripts/build_municipalities.py` (source, licence and date in
`microfuture/data/municipalities.SOURCE.md`); it is read once, at import. A municipality is
named by its official number, zero-padded to three digits ("061" is Ljubljana). Names are
proper nouns and stay in Slovenian in both languages.

Pure: no Django, no ORM; it imports only `microfuture/regions.py`.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from microfuture.kernel.collation import slovenian_key
from microfuture.regions import REGIONS

__all__ = [
    "MUNICIPALITIES",
    "MUNICIPALITY_CENTROIDS",
    "MUNICIPALITY_CHOICES",
    "Municipality",
    "municipalities_in",
    "municipality_find",
    "municipality_name",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "municipalities.csv"


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    region: str


def _fold(text: str) -> str:
    """Case, diacritics and spacing folded away: "Šmartno  pri Litiji" -> "smartno pri
    litiji"."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("đ", "d").split())


def _load() -> tuple[dict[str, Municipality], dict[str, tuple[float, float]]]:
    municipalities: dict[str, Municipality] = {}
    centroids: dict[str, tuple[float, float]] = {}
    with DATA_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            m = Municipality(code=row["code"], name=row["name"], region=row["region"])
            if m.region not in REGIONS or m.code in municipalities:
                raise ValueError(f"{DATA_FILE.name}: bad row {row}")
            municipalities[m.code] = m
            centroids[m.code] = (float(row["lon"]), float(row["lat"]))
    return municipalities, centroids


MUNICIPALITIES, MUNICIPALITY_CENTROIDS = _load()
"""By code; `MUNICIPALITY_CENTROIDS[code]` is the centroid as (longitude, latitude), WGS84
degrees, for maps (the municipalities' own borders are not in the repository)."""

_BY_FOLDED_NAME: dict[str, Municipality] = {_fold(m.name): m for m in MUNICIPALITIES.values()}

_SORTED: list[Municipality] = sorted(MUNICIPALITIES.values(),
                                     key=lambda m: slovenian_key(m.name))

MUNICIPALITY_CHOICES: list[tuple[str, str]] = [(m.code, m.name) for m in _SORTED]


def municipality_find(text: str) -> Municipality | None:
    """The municipality named by `text`: its official number (with or without leading
    zeros) or its name (case, diacritics and extra spaces ignored); None when none is."""
    text = text.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return MUNICIPALITIES.get(f"{int(text):03d}")
    return _BY_FOLDED_NAME.get(_fold(text))


def municipality_name(code: str) -> str:
    """The municipality's name; an unknown code comes back unchanged."""
    found = municipality_find(code) if code.strip().isdigit() else None
    return found.name if found else code


def municipalities_in(region: str) -> list[Municipality]:
    """The municipalities of a statistical region (NUTS-3 code), in Slovenian name order."""
    return [m for m in _SORTED if m.region == region]
