"""Reading an applicant's profile (spec finance-finder §2): shapes, problems, implications."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from microfuture.finder.core import evaluate, parse_profile
from microfuture.finder.mechanism import Mechanism, Profile
from microfuture.kernel.text import Bilingual

TODAY = date(2026, 11, 26)


def parse(data: object) -> tuple[Profile, list[str]]:
    return parse_profile(data, today=TODAY)


def test_a_full_profile() -> None:
    profile, problems = parse({
        "country": "si", "region": "si041", "entity_type": "Sole_Trader",
        "social_enterprise_status": False, "employees": 2, "founded_on": "2021-03-15",
        "target_groups": ["women", "youth"], "amount": "12000.50", "purpose": "equipment",
        "credit_rating": " sb5 ", "sector": "c10.71", "on": "2026-06-01", "lang": "sl",
    })
    assert problems == []
    assert profile == Profile(
        country="SI", region="SI041", entity_type="sole_trader", social_enterprise_status=False,
        employees=Decimal(2), founded_on=date(2021, 3, 15), target_groups=("youth", "women"),
        amount=Decimal("12000.50"), purpose="equipment", credit_rating="SB5", sector="C",
        on=date(2026, 6, 1), lang="sl")


def test_empty_profile_defaults() -> None:
    assert parse({}) == (Profile(on=TODAY, lang="en"), [])


def test_nulls_are_missing_answers_not_problems() -> None:
    profile, problems = parse(dict.fromkeys(("country", "employees", "founded_on",
                                             "target_groups", "on", "lang")))
    assert problems == []
    assert profile == Profile(on=TODAY)


@pytest.mark.parametrize(("value", "expected"), [
    (3, Decimal(3)), (2.5, Decimal("2.5")), (0.1, Decimal("0.1")), ("4", Decimal(4)),
    (" 1.50 ", Decimal("1.50")), (0, Decimal(0)),
])
def test_numbers_may_be_json_numbers_or_numeric_text(value: object, expected: Decimal) -> None:
    profile, problems = parse({"employees": value, "amount": value})
    assert problems == []
    assert profile.employees == expected and profile.amount == expected
    assert isinstance(profile.amount, Decimal)


def test_a_float_is_read_through_its_text_not_float_arithmetic() -> None:
    profile, _ = parse({"amount": 1234.1})
    assert profile.amount == Decimal("1234.1")  # Decimal(1234.1) would be 1234.09999…


@pytest.mark.parametrize(("data", "problem"), [
    ({"employees": "three"}, "employees must be a number"),
    ({"employees": True}, "employees must be a number"),
    ({"employees": [1]}, "employees must be a number"),
    ({"employees": "NaN"}, "employees must be a number"),
    ({"amount": float("inf")}, "amount must be a number"),
    ({"employees": -1}, "employees must be 0 or more"),
    ({"amount": "-0.01"}, "amount must be 0 or more"),
    ({"founded_on": "15.3.2021"}, "founded_on must be a date YYYY-MM-DD"),
    ({"founded_on": "2021-02-30"}, "founded_on must be a date YYYY-MM-DD"),
    ({"founded_on": 20210315}, "founded_on must be a date YYYY-MM-DD"),
    ({"on": "20261126"}, "on must be a date YYYY-MM-DD"),
    ({"age_months": 1.5}, "age_months must be a whole number of months"),
    ({"age_months": "ten"}, "age_months must be a whole number of months"),
    ({"age_months": -3}, "age_months must be 0 or more"),
    ({"target_groups": "youth"}, "target_groups must be a list"),
    ({"target_groups": ["youth", 3]}, "target_groups must be a list of names (texts)"),
    ({"lang": "de"}, "lang must be sl or en"),
    ({"lang": 1}, "lang must be sl or en"),
    ({"social_enterprise_status": "maybe"}, "social_enterprise_status must be true or false"),
    ({"social_enterprise_status": 1}, "social_enterprise_status must be true or false"),
    ({"country": 705}, "country must be a text, e.g. SI"),
    ({"credit_rating": 7}, "credit_rating must be a text, e.g. SB5"),
    ({"sector": "10.71"}, "sector must be a NACE section letter or a code that starts with "
                          "it, e.g. C or C10.71"),
    ({"income": 100}, "income is not a profile field"),
])
def test_problems(data: dict[str, Any], problem: str) -> None:
    profile, problems = parse(data)
    assert problems == [problem]
    assert isinstance(profile, Profile)


def test_every_problem_is_returned_not_just_the_first() -> None:
    _, problems = parse({"employees": "x", "founded_on": "yesterday", "lang": "fr",
                         "target_groups": {}, "colour": "blue", "amount": -5})
    assert sorted(problems) == sorted([
        "colour is not a profile field", "employees must be a number",
        "amount must be 0 or more", "founded_on must be a date YYYY-MM-DD",
        "target_groups must be a list", "lang must be sl or en",
    ])


@pytest.mark.parametrize("data", [None, [], "profile", 3, ["country", "SI"]])
def test_not_an_object(data: object) -> None:
    profile, problems = parse(data)
    assert problems == ["the profile must be a JSON object"]
    assert profile == Profile(on=TODAY)


def test_values_outside_the_vocabularies_are_kept_not_problems() -> None:
    profile, problems = parse({"target_groups": ["pirates", "women"], "region": "ZZ999",
                               "entity_type": "trust", "purpose": "holiday"})
    assert problems == []
    assert profile.target_groups == ("women", "pirates")
    assert (profile.region, profile.entity_type, profile.purpose) == ("ZZ999", "trust",
                                                                       "holiday")


def test_sector_letter_and_code() -> None:
    assert parse({"sector": "C10.71"})[0].sector == "C"
    assert parse({"sector": "q"})[0].sector == "Q"
    assert parse({"sector": "  "})[0].sector is None


def test_founded_on_wins_over_age_months() -> None:
    profile, problems = parse({"founded_on": "2020-01-01", "age_months": 3})
    assert problems == []
    assert (profile.founded_on, profile.age_months) == (date(2020, 1, 1), None)


# --- implications of §2 ---------------------------------------------------------------------


def test_an_individual_has_no_status_no_employees_and_age_zero() -> None:
    profile, _ = parse({"entity_type": "individual"})
    assert profile.social_enterprise_status is False
    assert profile.employees == Decimal(0)
    assert profile.age_months == 0


def test_an_individual_explicit_answers_win() -> None:
    profile, _ = parse({"entity_type": "individual", "employees": 1,
                        "social_enterprise_status": True, "age_months": 5})
    assert profile.employees == Decimal(1)
    assert profile.social_enterprise_status is True
    assert profile.age_months == 5
    profile, _ = parse({"entity_type": "individual", "founded_on": "2025-01-01"})
    assert (profile.founded_on, profile.age_months) == (date(2025, 1, 1), None)


def test_long_term_unemployed_is_also_unemployed() -> None:
    profile, _ = parse({"target_groups": ["long_term_unemployed"]})
    assert profile.target_groups == ("unemployed", "long_term_unemployed")


def test_social_enterprise_status_places_in_the_social_economy() -> None:
    assert parse({"social_enterprise_status": True})[0].target_groups == ("social_economy",)
    assert parse({"social_enterprise_status": False})[0].target_groups == ()


def test_implications_also_hold_for_a_hand_built_profile() -> None:
    m = Mechanism(slug="m", name=Bilingual("M", "M"), provider="p", kind="grant",
                  employees_max=Decimal(0), target_groups=("unemployed", "social_economy"),
                  age_months_max=0)
    e = evaluate(m, Profile(entity_type="individual", target_groups=("long_term_unemployed",),
                            on=TODAY))
    assert e.result("employees_max").verdict == "met"
    assert e.result("age_months_max").verdict == "met"
    assert e.result("target_groups").verdict == "met"
    e = evaluate(Mechanism(slug="s", name=Bilingual("S", "S"), provider="p", kind="grant",
                           target_groups=("social_economy",)),
                 Profile(social_enterprise_status=True, on=TODAY))
    assert e.result("target_groups").verdict == "met"
    assert e.names_target_group


def test_individual_implications_give_verdicts() -> None:
    profile, _ = parse({"entity_type": "individual"})
    sef_p7 = Mechanism(slug="sef-p7", name=Bilingual("P7", "P7"), provider="sef", kind="microloan",
                       employees_min=Decimal(1), requires_social_enterprise_status=True)
    e = evaluate(sef_p7, profile)
    assert e.result("employees_min").verdict == "not_met"
    assert e.result("requires_social_enterprise_status").verdict == "not_met"
