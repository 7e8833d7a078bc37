"""Grouping, ordering and the JSON answer of the finder (spec finance-finder §3)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from microfuture.finder.core import match, match_json, parse_profile
from microfuture.finder.mechanism import Mechanism, Profile
from microfuture.kernel.collation import slovenian_key
from microfuture.kernel.text import Bilingual

ON = date(2026, 11, 26)
D = Decimal


def mech(slug: str, kind: str = "microloan", name: Bilingual | None = None, **fields: Any) -> Mechanism:
    return Mechanism(slug=slug, name=name or Bilingual(slug, slug), provider="p", kind=kind,
                     **fields)


def groups(mechanisms: list[Mechanism], profile: Profile) -> dict[str, list[str]]:
    r = match(mechanisms, profile)
    return {name: [e.mechanism.slug for e in getattr(r, name)]
            for name in ("eligible", "possible", "near_misses", "closed")}


SEF_P7 = mech("sef-p7", name=Bilingual("P7 Mikrokrediti 2024", "P7 Microcredits 2024"),
              amount_min=D(5000), amount_max=D(25000), countries=("SI",),
              entity_types=("sole_trader", "company", "cooperative"), employees_min=D(1),
              founded_before=date(2022, 1, 1), credit_rating_min="SB7")
FOUNDER = Profile(country="SI", entity_type="sole_trader", employees=D(0),
                  founded_on=date(2020, 5, 4), amount=D(10000), credit_rating="SB5", on=ON)


# --- groups ----------------------------------------------------------------------------------


def test_eligible_when_every_criterion_is_met() -> None:
    p = Profile(country="SI", entity_type="company", employees=D(2), founded_on=date(2019, 1, 1),
                amount=D(10000), credit_rating="SB5", on=ON)
    assert groups([SEF_P7], p)["eligible"] == ["sef-p7"]


def test_possible_when_nothing_fails_and_something_is_unknown() -> None:
    p = Profile(country="SI", entity_type="company", employees=D(2), amount=D(10000), on=ON)
    r = match([SEF_P7], p)
    assert [e.mechanism.slug for e in r.possible] == ["sef-p7"]
    assert r.possible[0].unknown == ("founded_before", "credit_rating_min")


def test_near_miss_with_exactly_one_failure_whatever_the_unknowns() -> None:
    p = Profile(country="SI", entity_type="sole_trader", employees=D(0), on=ON)
    r = match([SEF_P7], p)
    assert [e.mechanism.slug for e in r.near_misses] == ["sef-p7"]
    assert r.near_misses[0].not_met == ("employees_min",)
    assert r.near_misses[0].unknown  # amount, founding date and rating are not said


def test_two_failures_are_not_shown() -> None:
    p = Profile(country="SI", entity_type="association", employees=D(0), on=ON)
    assert groups([SEF_P7], p) == {"eligible": [], "possible": [], "near_misses": [],
                                   "closed": []}


def test_another_country_is_never_a_near_miss() -> None:
    p = Profile(country="HR", entity_type="company", employees=D(2), founded_on=date(2019, 1, 1),
                amount=D(10000), credit_rating="SB5", on=ON)
    assert groups([SEF_P7], p) == {"eligible": [], "possible": [], "near_misses": [],
                                   "closed": []}


def test_a_region_failure_is_a_near_miss() -> None:
    m = mech("p7r", regions=("SI032", "SI035"))
    assert groups([m], Profile(region="SI041", on=ON))["near_misses"] == ["p7r"]


@pytest.mark.parametrize(("open_from", "open_until", "closed"), [
    (date(2026, 11, 26), date(2026, 12, 31), False),  # opens today: inclusive
    (date(2026, 1, 1), date(2026, 11, 26), False),  # closes today: inclusive
    (date(2026, 11, 27), None, True),  # not yet open counts as closed
    (None, date(2026, 11, 25), True),
    (None, None, False),
])
def test_call_window(open_from: date | None, open_until: date | None, closed: bool) -> None:
    m = mech("call", kind="grant", open_from=open_from, open_until=open_until)
    g = groups([m], Profile(on=ON))
    assert g["closed" if closed else "eligible"] == ["call"]
    assert sum(len(v) for v in g.values()) == 1


def test_closed_holds_would_be_possible_ones_too() -> None:
    m = mech("call", kind="grant", open_until=date(2026, 1, 31), employees_min=D(1))
    assert groups([m], Profile(on=ON))["closed"] == ["call"]


def test_a_closed_mechanism_is_never_a_near_miss_and_not_shown() -> None:
    m = mech("call", kind="grant", open_until=date(2026, 1, 31), employees_min=D(1))
    assert groups([m], Profile(employees=D(0), on=ON)) == {
        "eligible": [], "possible": [], "near_misses": [], "closed": []}


def test_closed_json_entry() -> None:
    m = mech("mgts-2024", kind="grant", name=Bilingual("Razpis MGTŠ", "MGTŠ call"),
             open_from=date(2024, 3, 1), open_until=date(2024, 5, 31))
    out = match_json(match([m], Profile(on=ON, lang="sl")))
    assert out["closed"] == [{"mechanism": "mgts-2024", "name": "Razpis MGTŠ",
                              "open_from": "2024-03-01", "open_until": "2024-05-31",
                              "verified_on": None, "stale": True}]
    m2 = mech("soon", kind="grant", open_from=date(2027, 1, 1))
    out = match_json(match([m2], Profile(on=ON)))
    assert out["closed"] == [{"mechanism": "soon", "name": "soon", "open_from": "2027-01-01",
                              "open_until": None, "verified_on": None, "stale": True}]


# --- amount note ------------------------------------------------------------------------------


def test_amount_above_the_maximum_is_met_with_a_note_and_ordered_after_full_cover() -> None:
    small = mech("small", kind="grant", amount_max=D(25000))
    big = mech("big", kind="loan", amount_max=D(100000))
    p = Profile(amount=D(40000), on=ON)
    r = match([small, big], p)
    assert [e.mechanism.slug for e in r.eligible] == ["big", "small"]  # loan before grant here
    partial = r.eligible[1]
    assert not partial.covers_whole_amount
    assert partial.notes and "€15,000" in partial.notes[0].en
    reasons = match_json(r)["eligible"][1]["reasons"]
    assert ("It covers only up to €25,000 of the €40,000 you need; you will need another "
            "source for the remaining €15,000.") in reasons
    sl = match_json(match([small], Profile(amount=D(40000), on=ON, lang="sl")))
    assert ("Pokrije le do 25.000 € od 40.000 €, ki jih potrebujete; za preostalih 15.000 € "
            "boste potrebovali še drug vir.") in sl["eligible"][0]["reasons"]


def test_no_amount_counts_as_covered_and_gives_no_note() -> None:
    r = match([mech("m", amount_max=D(25000))], Profile(on=ON))
    assert r.eligible[0].covers_whole_amount and r.eligible[0].notes == []


# --- ordering ----------------------------------------------------------------------------------


def slugs(r: Any, group: str = "eligible") -> list[str]:
    return [e.mechanism.slug for e in getattr(r, group)]


def test_order_whole_amount_first() -> None:
    a = mech("a-partial", kind="grant", amount_max=D(1000))
    b = mech("b-whole", kind="loan", amount_max=D(50000))
    assert slugs(match([a, b], Profile(amount=D(5000), on=ON))) == ["b-whole", "a-partial"]
    assert slugs(match([b, a], Profile(on=ON))) == ["a-partial", "b-whole"]  # by kind then


def test_order_naming_a_target_group_second() -> None:
    a = mech("a-open", kind="grant")
    b = mech("b-women", kind="loan", target_groups=("women",))
    assert slugs(match([a, b], Profile(target_groups=("women",), on=ON))) == ["b-women",
                                                                              "a-open"]
    # the applicant's group must be the one named
    c = mech("c-youth", kind="loan", target_groups=("youth",))
    r = match([a, c], Profile(on=ON))
    assert slugs(r, "eligible") == ["a-open"] and slugs(r, "possible") == ["c-youth"]


def test_order_by_kind_cheapest_first() -> None:
    kinds = ["loan", "microloan", "guarantee", "crowdfunding", "equity", "savings_club",
             "advice", "grant"]
    ms = [mech(f"x-{k}", kind=k) for k in kinds] + [mech("x-odd", kind="lottery")]
    assert slugs(match(ms, Profile(on=ON))) == [
        "x-grant", "x-advice", "x-savings_club", "x-equity", "x-crowdfunding", "x-guarantee",
        "x-microloan", "x-loan", "x-odd"]


def test_order_by_name_in_the_profiles_language_then_slug() -> None:
    ms = [
        mech("1", name=Bilingual("Žitna zadruga", "Grain co-op")),
        mech("2", name=Bilingual("Čebelarski sklad", "Beekeepers' fund")),
        mech("3", name=Bilingual("cvetlični krediti", "Flower loans")),
        mech("4", name=Bilingual("Šola podjetništva", "School of enterprise")),
        mech("5", name=Bilingual("Sklad 05", "Fund 05")),
        mech("6", name=Bilingual("Zelena banka", "green bank")),
        mech("7", name=Bilingual("Sklad 05", "Fund 05")),
    ]
    sl = slugs(match(ms, Profile(on=ON, lang="sl")))
    assert sl == ["3", "2", "5", "7", "4", "6", "1"]  # c < č, s < š, z < ž
    en = slugs(match(ms, Profile(on=ON, lang="en")))
    assert en == ["2", "3", "5", "7", "1", "6", "4"]  # casefold: "green" with "Grain"


def test_name_falls_back_to_the_other_language() -> None:
    ms = [mech("b", name=Bilingual(sl="", en="Beta")), mech("a", name=Bilingual(sl="Alfa", en=""))]
    assert [e["name"] for e in match_json(match(ms, Profile(on=ON, lang="sl")))["eligible"]] \
        == ["Alfa", "Beta"]


@pytest.mark.parametrize(("words", "expected"), [
    (["d", "č", "c", "ć"], ["c", "č", "ć", "d"]),
    (["Ž", "z", "Š", "s", "T"], ["s", "Š", "T", "z", "Ž"]),
    (["đ", "e", "D"], ["D", "đ", "e"]),
    (["Zadruga", "zadruga"], ["Zadruga", "zadruga"]),
    (["éclair", "ezero", "ecla"], ["ecla", "éclair", "ezero"]),
])
def test_slovenian_collation(words: list[str], expected: list[str]) -> None:
    assert sorted(words, key=slovenian_key) == expected


def test_every_tie_breaker_in_turn() -> None:
    p = Profile(amount=D(10000), target_groups=("women",), on=ON, lang="sl")
    ms = [
        mech("z9", kind="loan", amount_max=D(5000), name=Bilingual("A", "A")),  # partial: last
        mech("z8", kind="loan", target_groups=("women",), name=Bilingual("Ž", "Ž")),  # names group
        mech("z7", kind="grant", name=Bilingual("Ž", "Ž")),  # cheaper kind than the next ones
        mech("z6", kind="loan", name=Bilingual("Č", "Č")),
        mech("z5", kind="loan", name=Bilingual("C", "C")),
        mech("z3", kind="loan", name=Bilingual("D", "D")),
        mech("z4", kind="loan", name=Bilingual("D", "D")),  # same name: by slug
    ]
    assert slugs(match(ms, p)) == ["z8", "z7", "z5", "z6", "z3", "z4", "z9"]


def test_near_misses_and_possible_are_ordered_too() -> None:
    p = Profile(employees=D(0), on=ON)
    ms = [mech("b", kind="loan", employees_min=D(1)), mech("a", kind="grant",
                                                            employees_min=D(1))]
    assert slugs(match(ms, p), "near_misses") == ["a", "b"]
    ms2 = [mech("b", kind="loan", purposes=("equipment",)),
           mech("a", kind="loan", purposes=("equipment",))]
    assert slugs(match(ms2, p), "possible") == ["a", "b"]


def test_same_answer_whatever_the_catalogue_order() -> None:
    ms = [mech(f"m{i}", kind=k, name=Bilingual(n, n))
          for i, (k, n) in enumerate([("loan", "Beta"), ("grant", "Alfa"), ("loan", "Alfa"),
                                      ("advice", "Čaj"), ("grant", "Alfa")])]
    p = Profile(on=ON, lang="sl")
    first = match_json(match(ms, p))
    assert match_json(match(list(reversed(ms)), p)) == first
    assert match_json(match(ms[2:] + ms[:2], p)) == first


# --- the JSON answer --------------------------------------------------------------------------


CATALOGUE = [
    SEF_P7,
    mech("mgts-social", kind="grant",
         name=Bilingual("Spodbujanje socialne ekonomije", "Social economy grants"),
         amount_min=D(75000), amount_max=D(150000), requires_social_enterprise_status=True,
         open_from=date(2026, 9, 1), open_until=date(2026, 12, 15)),
    mech("club-ljubljana", kind="savings_club",
         name=Bilingual("Klub solidarnih vlagateljev Ljubljana", "Ljubljana solidarity club"),
         amount_max=D(15000), regions=("SI041",), target_groups=("women", "youth",
                                                                 "unemployed")),
    mech("p7r", name=Bilingual("P7R Problemska območja", "P7R Problem areas"),
         amount_min=D(5000), amount_max=D(25000), regions=("SI032", "SI035"),
         employees_min=D(1)),
    mech("old-call", kind="grant", name=Bilingual("Stari razpis", "Old call"),
         open_until=date(2025, 6, 30)),
    mech("sid-guarantee", kind="guarantee", name=Bilingual("Garancija za naložbe",
                                                           "Investment guarantee"),
         purposes=("investment", "equipment")),
]


def test_the_exact_json_shape() -> None:
    profile, problems = parse_profile({
        "country": "SI", "region": "SI041", "entity_type": "sole_trader", "employees": 1,
        "founded_on": "2023-04-01", "amount": 20000, "target_groups": ["youth"],
        "on": "2026-11-26"}, today=date(2030, 1, 1))
    assert problems == []
    out = match_json(match(CATALOGUE, profile))
    assert list(out) == ["on", "eligible", "possible", "near_misses", "closed"]
    assert out["on"] == "2026-11-26"
    assert out["eligible"] == [{
        "mechanism": "club-ljubljana", "name": "Ljubljana solidarity club",
        "kind": "savings_club", "verified_on": None, "stale": True, "reasons": [
            "It covers only up to €15,000 of the €20,000 you need; you will need another "
            "source for the remaining €5,000.",
            "Only for the regions Osrednjeslovenska; yours is Osrednjeslovenska.",
            "For women, young people, unemployed people; you told us: young people.",
        ]}]
    assert out["possible"] == [{"mechanism": "sid-guarantee", "name": "Investment guarantee",
                                "kind": "guarantee", "verified_on": None, "stale": True,
                                "unknown": ["purposes"]}]
    assert out["near_misses"] == [
        {"mechanism": "mgts-social", "name": "Social economy grants", "kind": "grant",
         "verified_on": None, "stale": True,
         "failed": {"criterion": "amount_min", "needs": "75000", "has": "20000",
                    "message": "The smallest amount is €75,000; you need €20,000. Asking for "
                               "at least €75,000 would change this."}},
        {"mechanism": "sef-p7", "name": "P7 Microcredits 2024", "kind": "microloan",
         "verified_on": None, "stale": True,
         "failed": {"criterion": "founded_before", "needs": "2022-01-01", "has": "2023-04-01",
                    "message": "Only for organisations founded before 1 January 2022; yours "
                               "was founded on 1 April 2023. Only an organisation founded "
                               "earlier can apply."}},
        {"mechanism": "p7r", "name": "P7R Problem areas", "kind": "microloan",
         "verified_on": None, "stale": True,
         "failed": {"criterion": "regions", "needs": "SI032, SI035", "has": "SI041",
                    "message": "Only for the regions Podravska, Zasavska; yours is "
                               "Osrednjeslovenska. Being based in one of these regions "
                               "would change this."}},
    ]
    assert out["closed"] == [{"mechanism": "old-call", "name": "Old call",
                              "open_from": None, "open_until": "2025-06-30",
                              "verified_on": None, "stale": True}]
    assert json.loads(json.dumps(out)) == out  # plain JSON values only


def test_json_in_slovenian() -> None:
    p = Profile(country="SI", entity_type="sole_trader", employees=D(0),
                founded_on=date(2020, 1, 1), amount=D(10000), credit_rating="SB5", on=ON,
                lang="sl")
    out = match_json(match(CATALOGUE, p))
    miss = next(x for x in out["near_misses"] if x["mechanism"] == "sef-p7")
    assert miss == {"mechanism": "sef-p7", "name": "P7 Mikrokrediti 2024", "kind": "microloan",
                    "verified_on": None, "stale": True,
                    "failed": {"criterion": "employees_min", "needs": "1", "has": "0",
                               "message": "Potrebna je vsaj 1 zaposlena oseba za polni "
                                          "delovni čas; vi jih imate 0. Ena zaposlitev bi to "
                                          "spremenila. Samostojni podjetnik, ki v svoji "
                                          "dejavnosti dela polni delovni čas, velja za "
                                          "zaposleno osebo: če to velja za vas, štejete tudi "
                                          "sebe."}}


def test_json_keys_of_every_entry() -> None:
    p = Profile(country="SI", employees=D(0), on=ON)
    out = match_json(match([*CATALOGUE, mech("open", kind="advice")], p))
    for e in out["eligible"]:
        assert list(e) == ["mechanism", "name", "kind", "verified_on", "stale",
                           "reasons"] and e["reasons"]
    for e in out["possible"]:
        assert list(e) == ["mechanism", "name", "kind", "verified_on", "stale",
                           "unknown"] and e["unknown"]
    for e in out["near_misses"]:
        assert list(e) == ["mechanism", "name", "kind", "verified_on", "stale", "failed"]
        assert list(e["failed"]) == ["criterion", "needs", "has", "message"]
    for e in out["closed"]:
        assert list(e) == ["mechanism", "name", "open_from", "open_until", "verified_on",
                           "stale"]
    assert out["eligible"][0]["reasons"] == ["It sets no conditions: it is open to everyone."]


def test_unknown_lists_follow_criteria_order() -> None:
    m = mech("m", excluded_sectors=("A",), amount_min=D(1), credit_rating_min="SB7",
             regions=("SI041",), founded_before=date(2020, 1, 1))
    out = match_json(match([m], Profile(on=ON)))
    assert out["possible"][0]["unknown"] == ["amount_min", "regions", "founded_before",
                                             "credit_rating_min", "excluded_sectors"]


def test_missing_answers_make_possible_not_excluded() -> None:
    r = match(CATALOGUE, Profile(on=ON))
    assert slugs(r, "possible") == ["mgts-social", "club-ljubljana", "sid-guarantee",
                                    "sef-p7", "p7r"]
    assert slugs(r, "closed") == ["old-call"]
    assert slugs(r, "eligible") == slugs(r, "near_misses") == []
