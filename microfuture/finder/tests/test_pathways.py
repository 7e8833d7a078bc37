"""Pathways (issue 11 §5): the one or two steps a person can take that would open a mechanism,
with their order, dates and where to go; in the pure core, the API, the page and the PDF.

The catalogues are built in each test. Dates were worked out by hand with the finder's rule
for complete months (a month counts once its day number is reached; docs/finder.md).
"""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from microfuture.finder.core import match
from microfuture.finder.mechanism import Mechanism, Profile
from microfuture.finder.pathways import first_day_of_age, pathways, pathways_json
from microfuture.kernel.text import Bilingual
from microfuture.web.tests.pdf_text import fit_problems, layout_text

D = Decimal
ON = date(2026, 12, 1)


def mech(slug: str, kind: str = "microloan", **fields: Any) -> Mechanism:
    return Mechanism(slug=slug, name=Bilingual(f"{slug} sl", f"{slug} en"), provider="p", kind=kind,
                     countries=("SI",), **fields)


# An SEF-microloan-like mechanism: a registered business with at least one full-time
# employee, of any age (field-review.md §1.1: SEF counts the s.p. holder as the employee).
MICROLOAN = mech("sef-like", entity_types=("sole_trader", "company", "cooperative"),
                 employees_min=D(1), age_months_min=0)
SIX_MONTHS = mech("six-months", kind="loan", entity_types=("sole_trader", "company"),
                  age_months_min=6)
# An unemployed person in Litija (Zasavska, SI035), not yet registered in business.
LITIJA = Profile(country="SI", region="SI035", entity_type="individual",
                 target_groups=("unemployed",), on=ON, lang="en")


def steps_of(found: list[Any]) -> list[list[tuple[str, date]]]:
    return [[(s.code, s.on) for s in p.steps] for p in found]


def opens_of(found: list[Any]) -> list[list[str]]:
    return [[o.mechanism.slug for o in p.opens] for p in found]


# --- the worked examples --------------------------------------------------------------------


def test_registering_through_spot_and_counting_yourself_opens_the_microloan() -> None:
    found = pathways([MICROLOAN], LITIJA)
    assert steps_of(found) == [[("register_sole_trader", ON), ("count_yourself", ON)]]
    assert opens_of(found) == [["sef-like"]]
    assert found[0].opens[0].group == "eligible"
    spot, count = found[0].steps
    assert "SPOT" in spot.text.en and "e-VEM" in spot.where.en and "spot.gov.si" in spot.where.sl
    assert "full time" in count.text.en and "polnim delovnim časom" in count.text.sl


def test_a_mechanism_for_businesses_of_six_months_gives_the_wait_with_its_date() -> None:
    found = pathways([SIX_MONTHS], LITIJA)
    # Registered on 1 December 2026, the business is 6 complete months old on 1 June 2027.
    assert steps_of(found) == [[("register_sole_trader", ON), ("wait_months", date(2027, 6, 1))]]
    assert opens_of(found) == [["six-months"]]
    wait = found[0].steps[1]
    assert "6 months old" in wait.text.en and "1 June 2027" in wait.text.en
    assert "6 mesecev" in wait.text.sl and "1. 6. 2027" in wait.text.sl


def test_a_sole_trader_founded_on_the_31st_waits_until_the_month_after_a_short_one() -> None:
    # Founded 31 August 2026: 6 months are complete once a 31st is reached in February 2027,
    # which has none, so on 1 March 2027 (31 Aug → 28 Feb is 5 months).
    trader = Profile(country="SI", entity_type="sole_trader", employees=D(1),
                     founded_on=date(2026, 8, 31), on=ON)
    found = pathways([SIX_MONTHS], trader)
    assert steps_of(found) == [[("wait_months", date(2027, 3, 1))]]
    assert first_day_of_age(date(2026, 8, 31), 6, not_before=ON) == date(2027, 3, 1)


def test_with_only_the_age_given_the_wait_counts_from_the_latest_founding_date() -> None:
    # 2 complete months on 1 December 2026: founded between 2 September and 1 October 2026.
    # Counting from the latest of them, 6 months are complete on 1 April 2027.
    trader = Profile(country="SI", entity_type="sole_trader", age_months=2, on=ON)
    assert steps_of(pathways([SIX_MONTHS], trader)) == [[("wait_months", date(2027, 4, 1))]]


def test_no_pathway_for_what_already_fits() -> None:
    trader = Profile(country="SI", entity_type="sole_trader", employees=D(1),
                     founded_on=date(2020, 1, 1), on=ON)
    assert pathways([MICROLOAN, SIX_MONTHS], trader) == []


def test_no_pathway_for_what_is_already_possible() -> None:
    # Entity type not answered: the microloan is already "possible", so no step "opens" it.
    unsure = Profile(country="SI", on=ON)
    assert pathways([MICROLOAN], unsure) == []


def test_a_call_closed_on_the_day_of_the_step_is_not_offered() -> None:
    closes_before = mech("closes-before", entity_types=("sole_trader",), age_months_min=6,
                         open_until=date(2027, 5, 31))
    still_open = mech("still-open", entity_types=("sole_trader",), age_months_min=6,
                      open_until=date(2027, 6, 1))
    not_yet = mech("opens-later", entity_types=("sole_trader",), age_months_min=6,
                   open_from=date(2027, 6, 2))
    found = pathways([closes_before, still_open, not_yet], LITIJA)
    assert opens_of(found) == [["still-open"]]


def test_only_the_smallest_step_sets_are_listed() -> None:
    any_trader = mech("any-trader", kind="grant", entity_types=("sole_trader",))
    found = pathways([any_trader, MICROLOAN, SIX_MONTHS], LITIJA)
    # Registering alone opens the grant: it is not repeated under the two-step pathways.
    assert steps_of(found) == [
        [("register_sole_trader", ON)],
        [("register_sole_trader", ON), ("count_yourself", ON)],
        [("register_sole_trader", ON), ("wait_months", date(2027, 6, 1))],
    ]
    assert opens_of(found) == [["any-trader"], ["sef-like"], ["six-months"]]


def test_a_shorter_wait_wins_over_a_longer_one() -> None:
    twelve = mech("twelve", kind="loan", entity_types=("sole_trader",), age_months_min=12)
    trader = Profile(country="SI", entity_type="sole_trader", founded_on=date(2026, 10, 15),
                     on=ON)
    found = pathways([SIX_MONTHS, twelve], trader)
    assert steps_of(found) == [[("wait_months", date(2027, 4, 15))],
                               [("wait_months", date(2027, 10, 15))]]
    # The six-month loan is not repeated under the longer wait.
    assert opens_of(found) == [["six-months"], ["twelve"]]


def test_registering_with_the_employment_service_comes_before_registering_a_business() -> None:
    subsidy = mech("self-employment", kind="grant", entity_types=("sole_trader",),
                   target_groups=("unemployed",))
    for_the_unemployed = mech("for-unemployed", kind="advice", target_groups=("unemployed",))
    woman = Profile(country="SI", entity_type="individual", target_groups=("women",), on=ON)
    found = pathways([subsidy, for_the_unemployed], woman)
    assert steps_of(found) == [[("register_unemployed", ON)],
                               [("register_unemployed", ON), ("register_sole_trader", ON)]]
    assert opens_of(found) == [["for-unemployed"], ["self-employment"]]
    assert "ZRSZ" in found[0].steps[0].where.sl and "ess.gov.si" in found[0].steps[0].where.en


def test_a_new_rating_from_ajpes_makes_a_rated_mechanism_possible_and_says_it_decides() -> None:
    rated = mech("rated", entity_types=("sole_trader",), credit_rating_min="SB7")
    trader = Profile(country="SI", entity_type="sole_trader", credit_rating="SB9",
                     founded_on=date(2020, 1, 1), on=ON)
    found = pathways([rated], trader)
    assert steps_of(found) == [[("get_credit_rating", ON)]]
    assert found[0].opens[0].group == "possible"
    assert found[0].opens[0].unknown == ("credit_rating_min",)
    step = found[0].steps[0]
    assert "AJPES" in step.where.en and "S.BON" in step.text.en and "decides" in step.text.en
    assert "odloči ocena" in step.text.sl


def test_pathways_are_ordered_by_steps_then_by_the_cheapest_kind() -> None:
    loan = mech("loan", kind="loan", entity_types=("sole_trader",))
    grant = mech("grant", kind="grant", target_groups=("unemployed",))
    woman = Profile(country="SI", entity_type="individual", target_groups=("women",), on=ON)
    found = pathways([loan, grant, MICROLOAN], woman)
    assert opens_of(found)[:2] == [["grant"], ["loan"]]
    assert [len(p.steps) for p in found] == sorted(len(p.steps) for p in found)


def test_the_same_profile_always_gives_the_same_pathways() -> None:
    catalogue = [MICROLOAN, SIX_MONTHS, mech("any", kind="grant", entity_types=("sole_trader",)),
                 mech("twelve", entity_types=("sole_trader",), age_months_min=12)]
    first = pathways_json(pathways(catalogue, LITIJA), "sl")
    for seed in range(5):
        shuffled = catalogue[:]
        random.Random(seed).shuffle(shuffled)
        assert pathways_json(pathways(shuffled, LITIJA), "sl") == first


def test_without_a_date_there_are_no_pathways_the_core_reads_no_clock() -> None:
    assert pathways([MICROLOAN], Profile(entity_type="individual")) == []


def test_the_json_shape_of_a_pathway() -> None:
    (pathway,) = pathways_json(pathways([MICROLOAN], LITIJA), "sl")
    assert set(pathway) == {"steps", "opens"}
    assert pathway["opens"] == ["sef-like"]
    assert [set(s) for s in pathway["steps"]] == [{"step", "text", "where", "on"}] * 2
    assert [(s["step"], s["on"]) for s in pathway["steps"]] == [
        ("register_sole_trader", "2026-12-01"), ("count_yourself", "2026-12-01")]
    assert pathway["steps"][0]["text"].startswith("Registrirajte se kot samostojni podjetnik")


# --- the API, the page, the PDF ----------------------------------------------------------------

UNEMPLOYED_IN_LITIJA = {"country": "SI", "region": "SI035", "entity_type": "individual",
                        "target_groups": ["unemployed"], "on": "2026-12-01"}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["sl", "en"])
def test_the_api_answer_carries_the_pathways(catalogue: None, lang: str) -> None:
    response = Client().post("/api/v1/finder/match",
                             json.dumps({**UNEMPLOYED_IN_LITIJA, "lang": lang}),
                             content_type="application/json")
    assert response.status_code == 200
    (pathway,) = response.json()["pathways"]
    assert set(pathway) == {"steps", "opens"}
    # The conftest catalogue's SEF P7 needs a registered business with one employee.
    assert pathway["opens"] == ["sef-p7"]
    assert [(s["step"], s["on"]) for s in pathway["steps"]] == [
        ("register_sole_trader", "2026-12-01"), ("count_yourself", "2026-12-01")]
    text = pathway["steps"][0]["text"]
    assert ("Registrirajte se" in text) if lang == "sl" else ("Register as a sole trader" in text)


@pytest.mark.django_db
def test_an_answer_without_pathways_has_an_empty_list(catalogue: None) -> None:
    response = Client().post("/api/v1/finder/match", json.dumps({"country": "SI"}),
                             content_type="application/json")
    assert response.json()["pathways"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["sl", "en"])
def test_the_result_page_shows_the_pathway_without_javascript(catalogue: None, lang: str) -> None:
    client = Client()
    client.cookies["django_language"] = lang
    html = client.get("/finder/results/", {"country": "SI", "entity_type": "individual",
                                           "target_groups": "unemployed"}).content.decode()
    with translation.override(lang):
        heading = translation.gettext("What one or two steps would open")
    assert f'<h2 id="g-pathways">{heading} (1)</h2>' in html
    section = html.split('id="g-pathways"', 1)[1].split("</section>", 1)[0]
    assert section.index("spot.gov.si") < section.index("P7")  # the steps, then what opens
    assert "<ol>" in section and "<script" not in section
    if lang == "sl":
        assert "Registrirajte se kot samostojni podjetnik" in section
        assert "Mikrokrediti P7" in section
    else:
        assert "Register as a sole trader" in section and "P7 microcredits" in section


@pytest.mark.django_db
def test_an_opened_mechanism_links_to_its_own_page(catalogue: None) -> None:
    client = Client()
    html = client.get("/finder/results/", {"country": "SI", "entity_type": "individual",
                                           "target_groups": "unemployed"}).content.decode()
    section = html.split('id="g-pathways"', 1)[1].split("</section>", 1)[0]
    assert '<a href="/finder/mechanisms/sef-p7/">P7 microcredits</a>' in section
    assert client.get("/finder/mechanisms/sef-p7/").status_code == 200


@pytest.mark.django_db
def test_no_pathway_section_when_there_is_none(catalogue: None) -> None:
    html = Client().get("/finder/results/", {"country": "SI"}).content.decode()
    assert 'id="g-pathways"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["sl", "en"])
def test_the_pdf_carries_the_pathway_and_fits_its_page(catalogue: None, lang: str) -> None:
    client = Client()
    client.cookies["django_language"] = lang
    response = client.get("/finder/results/pdf/", {
        "country": "SI", "entity_type": "individual", "target_groups": "unemployed"})
    assert response.status_code == 200
    with translation.override(lang):
        heading = translation.gettext("What one or two steps would open")
    assert fit_problems(response.content, [heading]) == []
    text = " ".join(layout_text(response.content).split())
    assert "spot.gov.si" in text and "evem.gov.si" in text


def test_an_unemployed_person_is_told_what_registering_ends_before_the_step() -> None:
    (pathway,) = pathways([MICROLOAN], LITIJA)
    spot = pathway.steps[0]
    assert "unemployment benefit" in spot.text.en and "self-employment subsidy" in spot.text.en
    assert "denarno nadomestilo" in spot.text.sl
    not_unemployed = Profile(country="SI", entity_type="individual", target_groups=("women",),
                             on=ON)
    (pathway,) = pathways([MICROLOAN], not_unemployed)
    assert "benefit" not in pathway.steps[0].text.en


# --- properties --------------------------------------------------------------------------------

PROPERTY_CATALOGUE = [
    MICROLOAN, SIX_MONTHS,
    mech("grant", kind="grant", target_groups=("unemployed", "youth")),
    mech("rated", entity_types=("sole_trader", "company"), credit_rating_min="SB7",
         employees_min=D(1)),
    mech("young", kind="guarantee", entity_types=("sole_trader",), age_months_max=12,
         open_until=date(2027, 3, 31)),
    mech("twelve", kind="loan", entity_types=("sole_trader",), age_months_min=12,
         open_from=date(2027, 1, 1)),
]


@given(
    entity=st.sampled_from([None, "individual", "sole_trader", "company", " Sole_Trader "]),
    employees=st.one_of(st.none(), st.decimals(min_value=0, max_value=5, places=1)),
    founded=st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))),
    age=st.one_of(st.none(), st.integers(min_value=-3, max_value=10**6)),
    groups=st.lists(st.sampled_from(["unemployed", "youth", "women", "long_term_unemployed"]),
                    max_size=2),
    rating=st.sampled_from([None, "", "SB3", "SB9", "AAA"]),
    on=st.one_of(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
                 st.just(ON)),
)
@settings(max_examples=150, deadline=None)
def test_any_profile_gives_ordered_dated_pathways_to_what_was_not_shown(
        entity: str | None, employees: Decimal | None, founded: date | None, age: int | None,
        groups: list[str], rating: str | None, on: date) -> None:
    profile = Profile(country="SI", entity_type=entity, employees=employees, founded_on=founded,
                      age_months=age, target_groups=tuple(groups), credit_rating=rating, on=on)
    found = pathways(PROPERTY_CATALOGUE, profile)
    before = match(PROPERTY_CATALOGUE, profile)
    shown = {e.mechanism.slug for g in (before.eligible, before.possible, before.closed)
             for e in g}
    opened = [o.mechanism.slug for p in found for o in p.opens]
    assert not shown & set(opened)
    for p in found:
        # One or two steps, and counting yourself (done on paper) where it helps.
        assert p.steps and p.opens
        assert len([s for s in p.steps if s.code != "count_yourself"]) <= 2
        assert [s.on for s in p.steps] == sorted(s.on for s in p.steps)
        assert p.steps[0].on >= on
    assert [len(p.steps) for p in found] == sorted(len(p.steps) for p in found)
    assert pathways_json(pathways(PROPERTY_CATALOGUE[::-1], profile), "en") == \
        pathways_json(found, "en")


def test_a_p7_like_call_needs_registering_counting_yourself_and_six_months() -> None:
    # One employee and six months of trading, call open until the end of 2027: registering
    # and waiting are the two steps; counting yourself is done on paper, right after
    # registering, and is not one of the two.
    p7 = mech("p7-like", entity_types=("sole_trader", "company"), employees_min=D(1),
              age_months_min=6, open_until=date(2027, 12, 31))
    found = pathways([p7], LITIJA)
    assert steps_of(found) == [[("register_sole_trader", ON), ("count_yourself", ON),
                                ("wait_months", date(2027, 6, 1))]]
    assert opens_of(found) == [["p7-like"]]
    # An existing sole trader who answered 0 employees: count yourself, then wait.
    trader = Profile(country="SI", entity_type="sole_trader", employees=D(0),
                     founded_on=date(2026, 10, 15), on=ON)
    assert steps_of(pathways([p7], trader)) == [[("count_yourself", ON),
                                                 ("wait_months", date(2027, 4, 15))]]
