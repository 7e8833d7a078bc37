"""Slovenia's twelve statistical regions (NUTS 3, 2016 codes): the regions of the platform.

Clubs, coordinators and region profiles all name a region by its code. Names are proper
nouns and stay in Slovenian in both languages.
"""

from __future__ import annotations

REGIONS: dict[str, str] = {
    "SI031": "Pomurska",
    "SI032": "Podravska",
    "SI033": "Koroška",
    "SI034": "Savinjska",
    "SI035": "Zasavska",
    "SI036": "Posavska",
    "SI037": "Jugovzhodna Slovenija",
    "SI038": "Primorsko-notranjska",
    "SI041": "Osrednjeslovenska",
    "SI042": "Gorenjska",
    "SI043": "Goriška",
    "SI044": "Obalno-kraška",
}

REGION_CHOICES: list[tuple[str, str]] = list(REGIONS.items())

# NUTS 3 regions outside Slovenia that the finder's catalogue and the library name; proper
# nouns as the region writes them, the same in both languages. Pages show a region by its
# name, never by its bare code.
OTHER_REGIONS: dict[str, str] = {
    "FR101": "Paris",
    "FR106": "Seine-Saint-Denis",
    "SE124": "Örebro län",
    "RO321": "București",
}


def region_name(code: str) -> str:
    return REGIONS.get(code) or OTHER_REGIONS.get(code, code)
