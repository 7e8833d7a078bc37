"""Slovenia's municipalities table (`microfuture/municipalities.py`): complete, consistent,
and the regions that the finder and the library rely on."""

from collections import Counter

import pytest

from microfuture.municipalities import (
    MUNICIPALITIES,
    MUNICIPALITY_CENTROIDS,
    MUNICIPALITY_CHOICES,
    Municipality,
    municipalities_in,
    municipality_find,
    municipality_name,
)
from microfuture.regions import REGIONS


def test_all_212_municipalities_with_unique_codes_and_names():
    assert len(MUNICIPALITIES) == 212
    assert all(code == m.code and len(code) == 3 and code.isdigit()
               for code, m in MUNICIPALITIES.items())
    names = [m.name for m in MUNICIPALITIES.values()]
    assert len(set(names)) == 212
    # Names stay apart even with case and diacritics folded away (the search relies on it).
    assert all(municipality_find(m.name) == m for m in MUNICIPALITIES.values())


def test_every_region_has_municipalities_and_the_counts_are_surss():
    counts = Counter(m.region for m in MUNICIPALITIES.values())
    assert set(counts) == set(REGIONS)
    assert counts == {"SI031": 27, "SI032": 41, "SI033": 12, "SI034": 31, "SI035": 4,
                      "SI036": 6, "SI037": 21, "SI038": 6, "SI041": 25, "SI042": 18,
                      "SI043": 13, "SI044": 8}
    assert sum(len(municipalities_in(code)) for code in REGIONS) == 212


@pytest.mark.parametrize(("name", "code", "region"), [
    ("Litija", "060", "SI035"),  # in Zasavska since 2015
    ("Šmartno pri Litiji", "194", "SI041"),
    ("Hrastnik", "034", "SI035"),
    ("Trbovlje", "129", "SI035"),
    ("Zagorje ob Savi", "142", "SI035"),
    ("Radeče", "099", "SI036"),  # Posavska since 2015
    ("Ljubljana", "061", "SI041"),
    ("Koper", "050", "SI044"),
    ("Postojna", "094", "SI038"),
])
def test_known_municipalities_and_their_regions(name, code, region):
    assert municipality_find(name) == Municipality(code=code, name=name, region=region)
    assert MUNICIPALITIES[code].region == region


def test_zasavska_is_exactly_its_four_municipalities():
    assert [m.name for m in municipalities_in("SI035")] == [
        "Hrastnik", "Litija", "Trbovlje", "Zagorje ob Savi"]
    assert municipalities_in("XX999") == []


def test_find_by_code_or_name_forgiving_case_diacritics_and_spaces():
    ljubljana = MUNICIPALITIES["061"]
    for text in ("061", "61", " 0061 ", "Ljubljana", "  LJUBLJANA "):
        assert municipality_find(text) == ljubljana
    smartno = MUNICIPALITIES["194"]
    for text in ("smartno pri litiji", "ŠMARTNO  PRI   LITIJI", "Šmartno pri Litiji"):
        assert municipality_find(text) == smartno
    assert municipality_find("crensovci") == MUNICIPALITIES["015"]
    for text in ("", "   ", "999", "0", "Atlantis", "Litij", "SI035", "６１"):
        assert municipality_find(text) is None


def test_municipality_name():
    assert municipality_name("061") == "Ljubljana"
    assert municipality_name("60") == "Litija"
    assert municipality_name("999") == "999"


def test_choices_in_slovenian_alphabetical_order():
    assert len(MUNICIPALITY_CHOICES) == 212
    names = [name for _code, name in MUNICIPALITY_CHOICES]
    assert names[0] == "Ajdovščina"
    assert names[-1] == "Žužemberk"
    # č after c, š after s, ž after z.
    assert names.index("Cirkulane") < names.index("Črenšovci") < names.index("Destrnik")
    assert names.index("Sveti Tomaž") < names.index("Šalovci") < names.index("Tabor")
    assert names.index("Zreče") < names.index("Žalec")
    assert dict(MUNICIPALITY_CHOICES)["061"] == "Ljubljana"


def test_centroids_lie_in_slovenia():
    assert set(MUNICIPALITY_CENTROIDS) == set(MUNICIPALITIES)
    for lon, lat in MUNICIPALITY_CENTROIDS.values():
        assert 13.3 < lon < 16.7 and 45.4 < lat < 46.9
    lon, lat = MUNICIPALITY_CENTROIDS["061"]
    assert abs(lon - 14.505) < 0.01 and abs(lat - 46.052) < 0.01
