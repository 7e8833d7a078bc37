"""The seed catalogue tells the truth as of 2026-12-01 (issue 11 §2, spec §5).

These tests read the shipped file (`finder/data/catalogue.yaml`) and ask the finder about it
through its public reads, on the day the content was checked. They fail when an entry loses
its sources or check date, when a call has no window, when a closed call would be offered,
or when a curators' note leaks into what applicants read.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from microfuture.finder.catalogue import CatalogueResult, read_catalogue
from microfuture.finder.matching import match_profile
from microfuture.finder.mechanism import Mechanism
from microfuture.finder.models import Mechanism as MechanismRow
from microfuture.finder.services import SEED_CATALOGUE, seed_catalogue
from microfuture.municipalities import municipality_find, municipality_name

CHECKED_ON = date(2026, 12, 1)

# What an applicant reads: never a curators' marker here (those go in `uncertain`).
APPLICANT_TEXTS = ("name", "summary", "how_to_apply", "rate", "collateral")
CURATOR_MARKERS = ("[inferred", "[uncertain", "[verify", "[gap", "[find", "not researched",
                   "our reading", "our estimate", "naše sklepanje", "naša ocena", "todo")

# Issue 11 §2: what a would-be founder in Slovenia can actually use, by slug.
REQUIRED = (
    "zrsz-self-employment",           # Employment Service self-employment support
    "spot-svetovanje",                # SPOT advice (free)
    "spot-registracija",              # SPOT registration (free)
    "rgs-zasavje",                    # a regional guarantee scheme
    "phv-sid-microloans",             # bank microloans through SID banka's fund of funds
    "sef-p1-plus-2025",               # SEF guarantees
    "sef-p1-plus-2025-micro",         # SEF micro-guarantees
    "obcina-litija-podjetnistvo",     # municipal start-up grants of Zasavje
    "obcina-zagorje-podjetnistvo",
    "obcina-trbovlje-podjetnistvo",
    "obcina-hrastnik-podjetnistvo",
)

# Profiles that between them meet most criteria of the Slovenian calls, so that a closed call
# would show up somewhere if it were treated as open.
PROFILES: tuple[dict[str, Any], ...] = (
    {"country": "SI", "entity_type": "individual", "target_groups": ["unemployed"]},
    {"country": "SI", "entity_type": "sole_trader", "employees": 1,
     "founded_on": "2020-01-01", "credit_rating": "SB3", "amount": 20000},
    {"country": "SI", "entity_type": "company", "employees": 3, "founded_on": "2015-05-01",
     "credit_rating": "SB5", "social_enterprise_status": True, "amount": 100000},
    {"country": "SI", "entity_type": "cooperative", "employees": 2,
     "founded_on": "2018-01-01", "credit_rating": "SB4", "social_enterprise_status": True},
    {},
)


def _read() -> CatalogueResult:
    return read_catalogue(Path(SEED_CATALOGUE).read_bytes(), filename=SEED_CATALOGUE.name)


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Mechanism]:
    result = _read()
    assert result.errors == []
    return {m.slug: m for m in result.mechanisms}


@pytest.fixture(scope="module")
def active() -> dict[str, bool]:
    return _read().active


def _answer(profile: dict[str, Any]) -> dict[str, Any]:
    answer, problems = match_profile({**profile, "on": CHECKED_ON.isoformat()},
                                     today=CHECKED_ON)
    assert problems == [] and answer is not None
    return answer


def _offered(answer: dict[str, Any]) -> set[str]:
    return {e["mechanism"] for g in ("eligible", "possible", "near_misses") for e in answer[g]}


def test_the_seed_file_reads_without_problems_and_imports(db: Any) -> None:
    assert _read().errors == []
    outcome = seed_catalogue()
    assert outcome.ok and outcome.created == MechanismRow.objects.count()


def test_every_mechanism_has_sources_and_a_check_date(catalogue: dict[str, Mechanism]) -> None:
    for slug, m in catalogue.items():
        assert m.sources, slug
        assert all(url.startswith(("http://", "https://")) for url in m.sources), slug
        assert m.verified_on is not None and m.verified_on <= CHECKED_ON, slug


def test_every_call_has_a_closing_date(catalogue: dict[str, Mechanism]) -> None:
    calls = [m for m in catalogue.values() if not m.standing]
    assert len(calls) >= 10
    for m in calls:
        assert m.open_until is not None, m.slug
    # An estimated closing date belongs to a call only.
    for m in catalogue.values():
        assert not (m.open_until_estimated and m.open_until is None), m.slug


def test_yearly_calls_of_one_product_share_it(catalogue: dict[str, Mechanism]) -> None:
    p7 = {m.slug for m in catalogue.values() if m.product == "sef-p7"}
    assert p7 == {"sef-p7-2024", "sef-p7-2025", "sef-p7-2026"}
    assert catalogue["sef-p7-2024"].open_until == date(2024, 4, 8)
    assert catalogue["sef-p7-2025"].open_until == date(2025, 5, 5)
    assert catalogue["sef-p7-2026"].open_until == date(2026, 2, 13)
    assert catalogue["mgts-social-economy-grants-2023-24"].open_until == date(2023, 5, 17)


@pytest.mark.django_db
def test_no_call_closed_before_today_is_offered_on_2026_12_01(
        catalogue: dict[str, Mechanism], active: dict[str, bool]) -> None:
    seed_catalogue()
    closed_calls = {m.slug for m in catalogue.values()
                    if active[m.slug] and m.open_until is not None
                    and m.open_until < CHECKED_ON}
    assert {"sef-p7-2024", "sef-p7-2-2024", "sef-p7r", "sef-p7k-2024", "srrs-bp3",
            "srrs-investment-loans", "mgts-social-economy-grants-2023-24"} <= closed_calls
    listed_closed: set[str] = set()
    for profile in PROFILES:
        answer = _answer(profile)
        assert _offered(answer).isdisjoint(closed_calls), profile
        listed_closed |= {e["mechanism"] for e in answer["closed"]}
    # They are kept as history: the finder still knows them, as closed.
    assert "sef-p7-2026" in listed_closed


def test_p7r_covers_only_the_border_problem_areas(catalogue: dict[str, Mechanism]) -> None:
    p7r = catalogue["sef-p7r"]
    codes = set(p7r.municipalities)
    assert len(codes) == 86
    for name in ("Hrastnik", "Radeče", "Trbovlje", "Litija", "Ljubljana", "Žirovnica",
                 "Rogaška Slatina"):
        found = municipality_find(name)
        assert found is not None and found.code not in codes, name
    for name in ("Ajdovščina", "Kočevje", "Lendava", "Tišina", "Poljčane"):
        found = municipality_find(name)
        assert found is not None and found.code in codes, name
    assert p7r.regions == ()


def test_every_municipality_code_is_an_official_one(catalogue: dict[str, Mechanism]) -> None:
    for m in catalogue.values():
        for code in m.municipalities:
            assert municipality_name(code), (m.slug, code)


def test_municipal_grants_are_limited_to_their_municipality(
        catalogue: dict[str, Mechanism]) -> None:
    for slug, name in (("obcina-litija-podjetnistvo", "Litija"),
                       ("obcina-zagorje-podjetnistvo", "Zagorje ob Savi"),
                       ("obcina-trbovlje-podjetnistvo", "Trbovlje"),
                       ("obcina-hrastnik-podjetnistvo", "Hrastnik")):
        found = municipality_find(name)
        assert found is not None
        assert catalogue[slug].municipalities == (found.code,), slug


@pytest.mark.django_db
def test_investeu_is_not_offered_in_slovenia(catalogue: dict[str, Mechanism],
                                             active: dict[str, bool]) -> None:
    investeu = [s for s in catalogue if s.startswith("investeu-")]
    assert len(investeu) == 2
    for slug in investeu:
        countries = catalogue[slug].countries
        # Either hidden, or limited to countries with a known intermediary (never "any").
        assert not active[slug] or (countries and "SI" not in countries), slug
    seed_catalogue()
    for profile in PROFILES:
        answer = _answer(profile)
        shown = _offered(answer) | {e["mechanism"] for e in answer["closed"]}
        assert shown.isdisjoint(investeu), profile


def test_the_missing_mechanisms_are_there(catalogue: dict[str, Mechanism]) -> None:
    for slug in REQUIRED:
        assert slug in catalogue, slug
    assert catalogue["spot-svetovanje"].kind == "advice"
    assert catalogue["spot-registracija"].kind == "advice"
    assert catalogue["zrsz-self-employment"].target_groups[:1] == ("unemployed",)
    assert catalogue["sef-p1-plus-2025-micro"].amount_max is not None


@pytest.mark.django_db
def test_an_unemployed_person_gets_three_things_they_can_use_today() -> None:
    seed_catalogue()
    answer = _answer({"country": "SI", "entity_type": "individual",
                      "target_groups": ["unemployed"]})
    usable = {e["mechanism"] for g in ("eligible", "possible") for e in answer[g]}
    assert {"zrsz-self-employment", "spot-svetovanje", "spot-registracija"} <= usable


def test_texts_are_in_both_languages(catalogue: dict[str, Mechanism]) -> None:
    for m in catalogue.values():
        for field in ("name", "summary", "how_to_apply"):
            text = getattr(m, field)
            assert text.sl.strip() and text.en.strip(), (m.slug, field)
        if m.uncertain:
            assert m.uncertain.sl.strip() and m.uncertain.en.strip(), m.slug


def test_no_curator_marker_in_what_applicants_read(catalogue: dict[str, Mechanism]) -> None:
    for m in catalogue.values():
        for field in APPLICANT_TEXTS:
            text = getattr(m, field)
            for words in (text.sl, text.en):
                lowered = words.lower()
                for marker in CURATOR_MARKERS:
                    assert marker not in lowered, (m.slug, field, marker)


def test_almost_every_sef_call_excludes_tax_debts(catalogue: dict[str, Mechanism]) -> None:
    sef_calls = [m for m in catalogue.values()
                 if m.provider == "sef" and m.slug != "sef-p7-sop-2016"]
    assert sef_calls and all(m.requires_no_tax_debts for m in sef_calls)
    assert catalogue["sef-p7-2026"].de_minimis
