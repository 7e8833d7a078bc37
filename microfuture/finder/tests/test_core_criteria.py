"""Every criterion × verdict of the matching core (spec finance-finder §3), table-driven.

Each row: the mechanism's criterion, the profile's answers, the expected verdict, and the
expected `needs` / `has` strings. Mechanisms and figures follow the real Slovenian ones
(SEF P7: €5,000–25,000, at least 1 employee, founded before 1 Jan 2022, rating SB7).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from microfuture.finder.core import complete_months, evaluate, plain_number, questions_for
from microfuture.finder.mechanism import CRITERIA, Mechanism, Profile
from microfuture.kernel.text import Bilingual

ON = date(2026, 11, 26)


def mech(**fields: Any) -> Mechanism:
    return Mechanism(slug="m", name=Bilingual("Mehanizem", "Mechanism"), provider="p",
                     kind="microloan", **fields)


def verdict_of(criterion: str, mechanism: Mechanism, profile: Profile) -> tuple[str, str, str]:
    r = evaluate(mechanism, profile).result(criterion)
    return r.verdict, r.needs, r.has


D = Decimal
ROWS: list[tuple[str, dict[str, Any], dict[str, Any], str, str, str]] = [
    # amount_min: inclusive; unknown without an amount
    ("amount_min", {}, {"amount": D(100)}, "met", "", "100"),
    ("amount_min", {"amount_min": D(5000)}, {"amount": D(5000)}, "met", "5000", "5000"),
    ("amount_min", {"amount_min": D(5000)}, {"amount": D("4999.99")}, "not_met", "5000",
     "4999.99"),
    ("amount_min", {"amount_min": D(5000)}, {}, "unknown", "5000", ""),
    # amount_max: never unknown, never not_met
    ("amount_max", {"amount_max": D(25000)}, {"amount": D(25000)}, "met", "25000", "25000"),
    ("amount_max", {"amount_max": D(25000)}, {"amount": D(40000)}, "met", "25000", "40000"),
    ("amount_max", {"amount_max": D(25000)}, {}, "met", "25000", ""),
    ("amount_max", {}, {"amount": D(1)}, "met", "", "1"),
    # countries
    ("countries", {}, {}, "met", "", ""),
    ("countries", {"countries": ("SI",)}, {"country": "SI"}, "met", "SI", "SI"),
    ("countries", {"countries": ("SI", "HR")}, {"country": "AT"}, "not_met", "SI, HR", "AT"),
    ("countries", {"countries": ("SI",)}, {}, "unknown", "SI", ""),
    # regions (NUTS-3)
    ("regions", {"regions": ("SI032", "SI035")}, {"region": "SI035"}, "met", "SI032, SI035",
     "SI035"),
    ("regions", {"regions": ("SI032",)}, {"region": "SI041"}, "not_met", "SI032", "SI041"),
    ("regions", {"regions": ("SI032",)}, {"country": "SI"}, "unknown", "SI032", ""),
    ("regions", {"regions": ("SI032",)}, {"region": "XX999"}, "not_met", "SI032", "XX999"),
    # entity_types
    ("entity_types", {"entity_types": ("sole_trader", "company")}, {"entity_type": "company"},
     "met", "sole_trader, company", "company"),
    ("entity_types", {"entity_types": ("company",)}, {"entity_type": "association"},
     "not_met", "company", "association"),
    ("entity_types", {"entity_types": ("company",)}, {"entity_type": "trust"}, "not_met",
     "company", "trust"),
    ("entity_types", {"entity_types": ("company",)}, {}, "unknown", "company", ""),
    # requires_social_enterprise_status: only a criterion when True
    ("requires_social_enterprise_status", {}, {"social_enterprise_status": False}, "met",
     "false", "false"),
    ("requires_social_enterprise_status", {"requires_social_enterprise_status": True},
     {"social_enterprise_status": True}, "met", "true", "true"),
    ("requires_social_enterprise_status", {"requires_social_enterprise_status": True},
     {"social_enterprise_status": False}, "not_met", "true", "false"),
    ("requires_social_enterprise_status", {"requires_social_enterprise_status": True},
     {}, "unknown", "true", ""),
    # employees_min / employees_max: inclusive, full-time equivalents
    ("employees_min", {"employees_min": D(1)}, {"employees": D(1)}, "met", "1", "1"),
    ("employees_min", {"employees_min": D(1)}, {"employees": D("0.5")}, "not_met", "1", "0.5"),
    ("employees_min", {"employees_min": D(1)}, {}, "unknown", "1", ""),
    ("employees_max", {"employees_max": D(9)}, {"employees": D(9)}, "met", "9", "9"),
    ("employees_max", {"employees_max": D(9)}, {"employees": D("9.5")}, "not_met", "9", "9.5"),
    ("employees_max", {"employees_max": D(9)}, {}, "unknown", "9", ""),
    # age_months_min / max from founded_on (complete months to `on`)
    ("age_months_min", {"age_months_min": 12}, {"founded_on": date(2025, 11, 26)}, "met",
     "12", "12"),
    ("age_months_min", {"age_months_min": 12}, {"founded_on": date(2025, 11, 27)}, "not_met",
     "12", "11"),
    ("age_months_min", {"age_months_min": 12}, {}, "unknown", "12", ""),
    ("age_months_max", {"age_months_max": 36}, {"founded_on": date(2023, 11, 26)}, "met",
     "36", "36"),
    ("age_months_max", {"age_months_max": 36}, {"founded_on": date(2023, 10, 26)}, "not_met",
     "36", "37"),
    ("age_months_max", {"age_months_max": 36}, {}, "unknown", "36", ""),
    # age_months given directly is used as is
    ("age_months_min", {"age_months_min": 12}, {"age_months": 12}, "met", "12", "12"),
    ("age_months_max", {"age_months_max": 36}, {"age_months": 37}, "not_met", "36", "37"),
    # founded_before: strictly earlier
    ("founded_before", {"founded_before": date(2022, 1, 1)}, {"founded_on": date(2021, 12, 31)},
     "met", "2022-01-01", "2021-12-31"),
    ("founded_before", {"founded_before": date(2022, 1, 1)}, {"founded_on": date(2022, 1, 1)},
     "not_met", "2022-01-01", "2022-01-01"),
    ("founded_before", {"founded_before": date(2022, 1, 1)}, {}, "unknown", "2022-01-01", ""),
    # target_groups: met when one of the applicant's groups is listed
    ("target_groups", {"target_groups": ("women", "youth")}, {"target_groups": ("youth",)},
     "met", "women, youth", "youth"),
    ("target_groups", {"target_groups": ("women",)}, {"target_groups": ("migrants",)},
     "not_met", "women", "migrants"),
    ("target_groups", {"target_groups": ("women",)}, {"target_groups": ("astronauts",)},
     "not_met", "women", "astronauts"),
    ("target_groups", {"target_groups": ("women",)}, {}, "unknown", "women", ""),
    # purposes
    ("purposes", {"purposes": ("investment", "equipment")}, {"purpose": "equipment"}, "met",
     "investment, equipment", "equipment"),
    ("purposes", {"purposes": ("investment",)}, {"purpose": "working_capital"}, "not_met",
     "investment", "working_capital"),
    ("purposes", {"purposes": ("investment",)}, {}, "unknown", "investment", ""),
    # credit_rating_min: best first, the number compared within one scale
    ("credit_rating_min", {"credit_rating_min": "SB7"}, {"credit_rating": "SB7"}, "met",
     "SB7", "SB7"),
    ("credit_rating_min", {"credit_rating_min": "SB7"}, {"credit_rating": "SB1"}, "met",
     "SB7", "SB1"),
    ("credit_rating_min", {"credit_rating_min": "SB7"}, {"credit_rating": "SB8"}, "not_met",
     "SB7", "SB8"),
    ("credit_rating_min", {"credit_rating_min": "SB7"}, {"credit_rating": "SB10"}, "not_met",
     "SB7", "SB10"),
    ("credit_rating_min", {"credit_rating_min": "SB10"}, {"credit_rating": "SB1"}, "met",
     "SB10", "SB1"),
    ("credit_rating_min", {"credit_rating_min": "SB1"}, {"credit_rating": "SB10"}, "not_met",
     "SB1", "SB10"),
    ("credit_rating_min", {"credit_rating_min": "SB7"}, {}, "unknown", "SB7", ""),
    ("credit_rating_min", {"credit_rating_min": "SB7"}, {"credit_rating": "AAA"}, "unknown",
     "SB7", ""),
    ("credit_rating_min", {"credit_rating_min": "SB7"}, {"credit_rating": "B2"}, "unknown",
     "SB7", ""),
    ("credit_rating_min", {"credit_rating_min": "??"}, {"credit_rating": "SB1"}, "unknown",
     "??", ""),
    ("credit_rating_min", {}, {"credit_rating": "SB3"}, "met", "", "SB3"),
    # excluded_sectors: a section letter, or a code starting with it
    ("excluded_sectors", {"excluded_sectors": ("A", "K")}, {"sector": "C"}, "met", "A, K", "C"),
    ("excluded_sectors", {"excluded_sectors": ("A", "K")}, {"sector": "K"}, "not_met", "A, K",
     "K"),
    ("excluded_sectors", {"excluded_sectors": ("C",)}, {"sector": "C10.71"}, "not_met", "C",
     "C"),
    ("excluded_sectors", {"excluded_sectors": ("A",)}, {}, "unknown", "A", ""),
    # municipalities (official numbers; issue 11 §3): a name in the profile is read too, and
    # a catalogue number without its leading zeros is the same municipality
    ("municipalities", {}, {"municipality": "060"}, "met", "", "060"),
    ("municipalities", {"municipalities": ("034", "129", "142")}, {"municipality": "Hrastnik"},
     "met", "034, 129, 142", "034"),
    ("municipalities", {"municipalities": ("34", "129")}, {"municipality": "034"}, "met",
     "034, 129", "034"),
    ("municipalities", {"municipalities": ("034", "129", "142")}, {"municipality": "060"},
     "not_met", "034, 129, 142", "060"),
    ("municipalities", {"municipalities": ("034",)}, {"region": "SI035"}, "unknown", "034", ""),
    # the municipality sets the region unless the profile gives one (spec §5)
    ("regions", {"regions": ("SI035",)}, {"municipality": "060"}, "met", "SI035", "SI035"),
    ("regions", {"regions": ("SI035",)}, {"municipality": "060", "region": "SI041"}, "not_met",
     "SI035", "SI041"),
    # requires_no_tax_debts: unpaid taxes or a blocked account (issue 11 §4)
    ("requires_no_tax_debts", {}, {"tax_debts": True}, "met", "false", "true"),
    ("requires_no_tax_debts", {"requires_no_tax_debts": True}, {"tax_debts": False}, "met",
     "true", "false"),
    ("requires_no_tax_debts", {"requires_no_tax_debts": True}, {"tax_debts": True}, "not_met",
     "true", "true"),
    ("requires_no_tax_debts", {"requires_no_tax_debts": True}, {}, "unknown", "true", ""),
    # de_minimis: received in three years + the amount asked may reach 300,000 but not pass it
    ("de_minimis", {}, {"de_minimis_received": D(1000)}, "met", "", "1000"),
    ("de_minimis", {"de_minimis": True}, {"de_minimis_received": D(275000), "amount": D(25000)},
     "met", "300000", "275000"),
    ("de_minimis", {"de_minimis": True},
     {"de_minimis_received": D("275000.01"), "amount": D(25000)}, "not_met", "300000",
     "275000.01"),
    ("de_minimis", {"de_minimis": True}, {"amount": D(25000)}, "unknown", "300000", ""),
    ("de_minimis", {"de_minimis": True, "amount_max": D(25000)}, {"de_minimis_received": D(0)},
     "met", "300000", "0"),
    ("de_minimis", {"de_minimis": True}, {"de_minimis_received": D(0)}, "unknown", "300000",
     ""),
    ("de_minimis", {"de_minimis": True}, {"de_minimis_received": D(300000)}, "not_met",
     "300000", "300000"),
]


@pytest.mark.parametrize(("criterion", "mfields", "pfields", "verdict", "needs", "has"), ROWS)
def test_criterion_verdict(
    criterion: str, mfields: dict[str, Any], pfields: dict[str, Any], verdict: str, needs: str,
    has: str,
) -> None:
    profile = Profile(on=ON, **pfields)
    assert verdict_of(criterion, mech(**mfields), profile) == (verdict, needs, has)


def test_every_criterion_has_met_not_met_and_unknown_rows() -> None:
    seen = {(row[0], row[3]) for row in ROWS}
    for criterion in CRITERIA:
        assert (criterion, "met") in seen, criterion
        if criterion != "amount_max":  # never unknown nor not_met (§3)
            assert (criterion, "not_met") in seen, criterion
            assert (criterion, "unknown") in seen, criterion


def test_empty_mechanism_meets_everything_even_an_empty_profile() -> None:
    e = evaluate(mech(), Profile(on=ON))
    assert [r.criterion for r in e.results] == list(CRITERIA)
    assert {r.verdict for r in e.results} == {"met"}


@pytest.mark.parametrize(("start", "end", "months"), [
    (date(2026, 1, 31), date(2026, 2, 28), 0),
    (date(2026, 1, 31), date(2026, 3, 31), 2),
    (date(2026, 1, 31), date(2026, 3, 30), 1),
    (date(2024, 2, 29), date(2025, 2, 28), 11),
    (date(2024, 2, 29), date(2025, 3, 1), 12),
    (date(2026, 1, 15), date(2026, 1, 15), 0),
    (date(2025, 12, 15), date(2026, 1, 14), 0),
    (date(2025, 12, 15), date(2026, 1, 15), 1),
])
def test_complete_months(start: date, end: date, months: int) -> None:
    assert complete_months(start, end) == months


def test_31_january_to_28_february_is_not_yet_one_month_of_age() -> None:
    m = mech(age_months_min=1)
    early = Profile(founded_on=date(2026, 1, 31), on=date(2026, 2, 28))
    later = Profile(founded_on=date(2026, 1, 31), on=date(2026, 3, 31))
    assert verdict_of("age_months_min", m, early)[0] == "not_met"
    assert evaluate(mech(age_months_max=1), later).result("age_months_max").has == "2"


def test_founded_on_wins_over_age_months_on_a_hand_built_profile() -> None:
    p = Profile(founded_on=date(2026, 1, 1), age_months=100, on=ON)
    assert verdict_of("age_months_min", mech(age_months_min=24), p)[:3:2] == ("not_met", "10")


@pytest.mark.parametrize(("age", "limit", "verdict"), [
    # On 2026-11-26, 12 months old means founded 2025-10-27 … 2025-11-26.
    (12, date(2025, 11, 27), "met"),  # every possible date is earlier
    (12, date(2025, 11, 26), "unknown"),  # 2025-11-26 itself is not strictly earlier
    (12, date(2025, 10, 28), "unknown"),
    (12, date(2025, 10, 27), "not_met"),  # the earliest possible date is not earlier
    (12, date(2025, 1, 1), "not_met"),
    (0, date(2026, 11, 27), "met"),
    (0, date(2022, 1, 1), "not_met"),
])
def test_founded_before_from_age_only_when_every_date_agrees(
    age: int, limit: date, verdict: str
) -> None:
    p = Profile(age_months=age, on=ON)
    assert verdict_of("founded_before", mech(founded_before=limit), p)[0] == verdict


def test_founded_before_from_age_tells_the_age_as_has() -> None:
    r = evaluate(mech(founded_before=date(2025, 11, 27)), Profile(age_months=12, on=ON))
    assert (r.result("founded_before").verdict, r.result("founded_before").has) == ("met", "12")


def test_lists_match_case_insensitively_on_hand_built_values() -> None:
    m = mech(countries=("si",), entity_types=("Company",), excluded_sectors=("c",))
    p = Profile(country="SI", entity_type="company", sector="c10.71", on=ON)
    e = evaluate(m, p)
    assert e.result("countries").verdict == "met"
    assert e.result("entity_types").verdict == "met"
    assert e.result("excluded_sectors").verdict == "not_met"


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("1"), "1"), (Decimal("5000.00"), "5000"), (Decimal("2.50"), "2.5"),
    (Decimal("5E+3"), "5000"), (Decimal("0.000"), "0"), (Decimal("-0"), "0"), (7, "7"),
    (Decimal("0.05"), "0.05"),
])
def test_plain_number(value: Decimal | int, text: str) -> None:
    assert plain_number(value) == text


def test_not_met_messages_say_needs_has_and_what_would_change_in_both_languages() -> None:
    p = Profile(employees=Decimal(0), on=ON)
    r = evaluate(mech(employees_min=Decimal(1)), p).result("employees_min")
    assert r.message.en == ("Needs at least 1 full-time employee; you have 0. Hiring one "
                            "employee would change this.")
    assert r.message.sl == ("Potrebna je vsaj 1 zaposlena oseba za polni delovni čas; vi jih "
                            "imate 0. Ena zaposlitev bi to spremenila.")


@pytest.mark.parametrize(("need", "has", "sl"), [
    (2, 0, "Potrebni sta vsaj 2 zaposleni osebi za polni delovni čas; vi jih imate 0. "
           "Še 2 zaposlitvi bi to spremenili."),
    (3, 0, "Potrebne so vsaj 3 zaposlene osebe za polni delovni čas; vi jih imate 0. "
           "Še 3 zaposlitve bi to spremenile."),
    (5, 1, "Potrebnih je vsaj 5 zaposlenih oseb za polni delovni čas; vi imate 1. "
           "Še 4 zaposlitve bi to spremenile."),
    (8, 2, "Potrebnih je vsaj 8 zaposlenih oseb za polni delovni čas; vi jih imate 2. "
           "Še 6 zaposlitev bi to spremenilo."),
])
def test_slovenian_number_forms(need: int, has: int, sl: str) -> None:
    p = Profile(employees=Decimal(has), on=ON)
    r = evaluate(mech(employees_min=Decimal(need)), p).result("employees_min")
    assert r.message.sl == sl


def test_every_result_has_a_message_in_both_languages() -> None:
    m = mech(amount_min=Decimal(1000), amount_max=Decimal(2000), countries=("SI",),
             regions=("SI041",), entity_types=("company",),
             requires_social_enterprise_status=True, employees_min=Decimal(1),
             employees_max=Decimal(9), age_months_min=6, age_months_max=60,
             founded_before=date(2025, 1, 1), target_groups=("women",),
             purposes=("equipment",), credit_rating_min="SB7", excluded_sectors=("A",))
    profiles = [
        Profile(on=ON),
        Profile(on=ON, amount=Decimal(500), country="AT", region="AT130", entity_type="company",
                social_enterprise_status=False, employees=Decimal(20),
                founded_on=date(2026, 10, 1), target_groups=("youth",), purpose="training",
                credit_rating="SB9", sector="A01"),
        Profile(on=ON, amount=Decimal(1500), country="SI", region="SI041",
                entity_type="company", social_enterprise_status=True, employees=Decimal(3),
                founded_on=date(2020, 1, 1), target_groups=("women",), purpose="equipment",
                credit_rating="SB2", sector="C", lang="sl"),
    ]
    for p in profiles:
        for r in evaluate(m, p).results:
            assert r.message.sl and r.message.en, r
            assert r.message.sl != r.message.en, r
            if r.verdict == "not_met":
                assert r.has, r


@pytest.mark.parametrize("criterion", CRITERIA)
def test_questions_for_every_criterion(criterion: str) -> None:
    q = questions_for(criterion)
    assert q.sl.endswith("?") and q.en.endswith("?")


def test_question_for_employees() -> None:
    assert questions_for("employees_min").en == "How many full-time employees do you have?"
