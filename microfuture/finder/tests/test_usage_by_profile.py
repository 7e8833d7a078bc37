"""Each finder search is counted once, anonymously, by applicant type and target group, with
the criteria that alone kept a mechanism out (the policy signals' counts, docs/finder.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from microfuture.finder.models import CriterionFailedBy, SearchCount
from microfuture.finder.services import catalogue_import

pytestmark = pytest.mark.django_db

SIGNALS_CATALOGUE = {
    "providers": [{"slug": "fund", "name": {"sl": "Sklad", "en": "Fund"},
                   "kind": "public_fund", "country": "SI"}],
    "mechanisms": [
        {"slug": "needs-one-employee", "provider": "fund", "kind": "microloan",
         "name": {"sl": "Mikrokredit", "en": "Microloan"}, "countries": ["SI"],
         "employees_min": 1},
        {"slug": "companies-only", "provider": "fund", "kind": "loan",
         "name": {"sl": "Posojilo", "en": "Loan"}, "countries": ["SI"],
         "entity_types": ["company"]},
        {"slug": "for-youth", "provider": "fund", "kind": "grant",
         "name": {"sl": "Spodbuda za mlade", "en": "Youth grant"}, "countries": ["SI"],
         "target_groups": ["youth"]},
        # Two criteria not met for a person: no near miss, so it signals nothing.
        {"slug": "company-with-staff", "provider": "fund", "kind": "loan",
         "name": {"sl": "Posojilo za podjetja", "en": "Company loan"}, "countries": ["SI"],
         "entity_types": ["company"], "employees_min": 5},
    ],
}

UNEMPLOYED_PERSON = {"country": "SI", "entity_type": "individual",
                     "target_groups": ["unemployed"]}


@pytest.fixture
def signals_catalogue(db: Any) -> None:
    outcome = catalogue_import(text=json.dumps(SIGNALS_CATALOGUE), filename="c.json")
    assert outcome.ok, outcome.errors


def by_api(profile: dict[str, Any]) -> dict[str, Any]:
    response = Client().post("/api/v1/finder/match", json.dumps(profile),
                             content_type="application/json")
    assert response.status_code == 200, response.content
    answer: dict[str, Any] = response.json()
    return answer


def by_page(profile: dict[str, Any]) -> None:
    response = Client().get("/finder/results/", profile)
    assert response.status_code == 200


def searches() -> dict[tuple[str, str], int]:
    return {(r.applicant_type, r.target_group): r.count for r in SearchCount.objects.all()}


def failed() -> dict[tuple[str, str, str], int]:
    return {(r.applicant_type, r.target_group, r.criterion): r.count
            for r in CriterionFailedBy.objects.all()}


def test_one_search_counts_once_under_all_and_once_per_target_group(signals_catalogue):
    answer = by_api({**UNEMPLOYED_PERSON, "target_groups": ["unemployed", "women"]})
    # The person (0 employees, implied) nearly fits three mechanisms, one criterion each.
    assert sorted(e["failed"]["criterion"] for e in answer["near_misses"]) == [
        "employees_min", "entity_types", "target_groups"]
    assert searches() == {("individual", ""): 1, ("individual", "unemployed"): 1,
                          ("individual", "women"): 1}
    assert failed() == {
        ("individual", group, criterion): 1
        for group in ("", "unemployed", "women")
        for criterion in ("employees_min", "entity_types", "target_groups")}
    assert all(r.day == timezone.localdate() for r in SearchCount.objects.all())


def test_the_api_and_the_result_page_each_count_one_search(signals_catalogue):
    by_api(UNEMPLOYED_PERSON)
    by_page(UNEMPLOYED_PERSON)
    assert searches() == {("individual", ""): 2, ("individual", "unemployed"): 2}
    assert failed()[("individual", "unemployed", "employees_min")] == 2


def test_a_criterion_counts_once_per_search_however_many_mechanisms_it_keeps_out(
        signals_catalogue):
    # A sole trader fails entity_types alone on companies-only, and on company-with-staff
    # both criteria (no near miss there): entity_types counts once.
    by_api({"country": "SI", "entity_type": "sole_trader", "employees": "2",
            "target_groups": ["youth"]})
    assert searches() == {("sole_trader", ""): 1, ("sole_trader", "youth"): 1}
    assert failed() == {("sole_trader", "", "entity_types"): 1,
                        ("sole_trader", "youth", "entity_types"): 1}


def test_long_term_unemployed_counts_as_unemployed_too(signals_catalogue):
    by_page({**UNEMPLOYED_PERSON, "target_groups": ["long_term_unemployed"]})
    assert searches() == {("individual", ""): 1, ("individual", "unemployed"): 1,
                          ("individual", "long_term_unemployed"): 1}


def test_a_search_that_nearly_fits_nothing_is_still_a_search(signals_catalogue):
    by_api({"country": "SI", "entity_type": "company", "employees": "6",
            "target_groups": ["youth"]})
    assert searches() == {("company", ""): 1, ("company", "youth"): 1}
    assert failed() == {}


def test_words_the_finder_does_not_know_are_never_stored(signals_catalogue):
    # The API takes any text; a visitor's own words must not reach the counts.
    by_api({"country": "SI", "entity_type": "Janez Novak d.o.o.",
            "target_groups": ["janez.novak@example.com", "unemployed"]})
    by_api({"country": "SI"})
    assert searches() == {("not_given", ""): 2, ("not_given", "unemployed"): 1}
    stored = json.dumps([list(SearchCount.objects.values_list(
        "applicant_type", "target_group")), list(CriterionFailedBy.objects.values_list(
            "applicant_type", "target_group", "criterion"))])
    assert "novak" not in stored.lower()


def test_a_search_adds_only_counts(signals_catalogue):
    """Nothing about the person: the only rows a search adds are the four day counters."""
    def rows() -> dict[str, int]:
        return {m._meta.label: m._default_manager.count() for m in apps.get_models()
                if m._meta.managed and not m._meta.proxy}

    before = rows()
    by_api({**UNEMPLOYED_PERSON, "municipality": "Litija", "amount": "8000"})
    by_page({**UNEMPLOYED_PERSON, "municipality": "Litija", "amount": "8000"})
    after = rows()
    changed = {label for label in after if after[label] != before[label]}
    assert changed == {"finder.MechanismShown", "finder.CriterionFailed",
                       "finder.SearchCount", "finder.CriterionFailedBy"}
    assert {f.name for f in SearchCount._meta.get_fields()} == {
        "id", "day", "applicant_type", "target_group", "count"}


def test_old_search_counts_fold_into_months_and_go_after_five_years() -> None:
    from datetime import date

    from microfuture.finder.mechanism import Profile
    from microfuture.finder.retention import finder_usage_retention_apply
    from microfuture.finder.services import usage_record

    profile = Profile(entity_type="individual", target_groups=("unemployed",))
    for day in (date(2024, 3, 5), date(2024, 3, 20)):
        usage_record({}, ["employees_min"], day=day, profile=profile)
    usage_record({}, ["employees_min"], day=date(2020, 1, 2), profile=profile)
    finder_usage_retention_apply(today=date(2026, 12, 1))
    finder_usage_retention_apply(today=date(2026, 12, 1))  # a second run changes nothing
    assert {(r.day, r.target_group, r.count) for r in SearchCount.objects.all()} == {
        (date(2024, 3, 1), "", 2), (date(2024, 3, 1), "unemployed", 2)}
    assert {(r.day, r.target_group, r.criterion, r.count)
            for r in CriterionFailedBy.objects.all()} == {
        (date(2024, 3, 1), "", "employees_min", 2),
        (date(2024, 3, 1), "unemployed", "employees_min", 2)}
