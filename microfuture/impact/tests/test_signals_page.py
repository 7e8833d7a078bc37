"""/impact/signals/: searches made through the finder become shares per criterion, by
applicant type and target group, with the small-count rule, a period and a CSV.

The world (through the finder's API and its result page, all today):
  A  8 searches: a person not yet registered (0 employees, implied), unemployed. Near misses
     on employees_min, entity_types and target_groups.
  B  4 searches: a sole trader with 2 employees, unemployed and young. A near miss on
     entity_types only (company-with-staff fails two criteria: no near miss).
  C  3 searches: a company with 3 employees, young. A near miss on employees_min only.
Worked by hand:
  all searches (15): entity_types 8+4 = 12 → 80 %; employees_min 8+3 = 11 → 73,3 %;
                     target_groups 8 → 53,3 %.
  unemployed (12):   entity_types 12 → 100 %; employees_min 8 → 66,7 %; target_groups 8 → 66,7 %.
  young (7), a person not yet registered (8): fewer than 10, too few to show.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microfuture.finder.mechanism import Profile
from microfuture.finder.services import usage_record
from microfuture.finder.tests.test_usage_by_profile import (  # noqa: F401
    UNEMPLOYED_PERSON,
    by_api,
    by_page,
    signals_catalogue,
)
from microfuture.impact.selectors_signals import (
    MIN_SEARCHES,
    last_twelve_months,
    signals_for,
)

pytestmark = pytest.mark.django_db

B = {"country": "SI", "entity_type": "sole_trader", "employees": "2",
     "target_groups": ["unemployed", "youth"]}
C = {"country": "SI", "entity_type": "company", "employees": "3", "target_groups": ["youth"]}


@pytest.fixture
def searched(signals_catalogue: None) -> None:  # noqa: F811
    for _ in range(6):
        by_page(UNEMPLOYED_PERSON)
    for _ in range(2):
        by_api(UNEMPLOYED_PERSON)
    for _ in range(4):
        by_api(B)
    for _ in range(3):
        by_api(C)


def page(**query: str) -> str:
    response = Client().get("/impact/signals/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def csv_rows(**query: str) -> list[dict[str, str]]:
    response = Client().get("/impact/signals/", {**query, "format": "csv"},
                            HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_threshold_is_ten_searches() -> None:
    assert MIN_SEARCHES == 10


def test_shares_of_all_searches_worked_by_hand(searched: None) -> None:
    today = timezone.localdate()
    result = signals_for(since=today, until=today)
    assert result.searches == 15
    assert [(r.criterion, r.failed, str(r.share)) for r in result.rows] == [
        ("entity_types", 12, "80.0"), ("employees_min", 11, "73.3"),
        ("target_groups", 8, "53.3")]
    html = page()
    assert "15 searches in this period and group." in html
    assert "80\xa0% of all searches failed on “the legal form”." in html
    assert "73\xa0% of all searches failed on “a minimum number of employees”." in html
    # Sorted by share, largest first.
    assert html.index("the legal form”") < html.index("a minimum number of employees”") \
        < html.index("belonging to a target group”")


def test_unemployed_people_sentence(searched: None) -> None:
    html = page(target_group="unemployed")
    assert "12 searches in this period and group." in html
    assert ("67\xa0% of searches by unemployed people failed on “a minimum number of "
            "employees”.") in html
    assert "100\xa0% of searches by unemployed people failed on “the legal form”." in html
    assert "67\xa0% of searches by unemployed people failed on “belonging to a target " \
           "group”." in html


def test_type_and_group_filters_combine(searched: None) -> None:
    result = signals_for(since=timezone.localdate(), until=timezone.localdate(),
                         applicant_type="sole_trader", target_group="unemployed")
    assert result.searches == 4 and result.too_few and result.rows == ()


@pytest.mark.parametrize("query", [{"target_group": "youth"},
                                   {"applicant_type": "individual"}])
def test_fewer_than_ten_searches_are_too_few_to_show(searched: None,
                                                    query: dict[str, str]) -> None:
    html = page(**query)
    assert "Too few searches to show." in html
    assert "<table" not in html and "% of searches by" not in html
    assert csv_rows(**query) == []


def test_the_csv_holds_the_table(searched: None) -> None:
    since, until = last_twelve_months(timezone.localdate())
    assert csv_rows(target_group="unemployed") == [
        {"from": since.isoformat(), "to": until.isoformat(), "applicant_type": "",
         "target_group": "unemployed", "criterion": criterion, "criterion_label": label,
         "searches": "12", "failed_searches": failed, "share_percent": share}
        for criterion, label, failed, share in [
            ("entity_types", "the legal form", "12", "100.0"),
            ("employees_min", "a minimum number of employees", "8", "66.7"),
            ("target_groups", "belonging to a target group", "8", "66.7")]]


def test_the_default_period_is_the_last_twelve_months() -> None:
    today = timezone.localdate()
    profile = Profile(entity_type="individual", target_groups=("unemployed",))
    for _ in range(10):
        usage_record({}, ["employees_min"], day=today - timedelta(days=364), profile=profile)
        usage_record({}, [], day=today - timedelta(days=366), profile=profile)
    [row] = csv_rows()
    assert (row["searches"], row["failed_searches"], row["share_percent"]) == ("10", "10",
                                                                               "100.0")
    assert row["to"] == today.isoformat()


def test_a_period_typed_the_slovenian_way() -> None:
    profile = Profile(entity_type="sole_trader", target_groups=("women",))
    for day, failing in ((date(2026, 3, 1), ["regions"]), (date(2026, 4, 1), [])):
        for _ in range(10):
            usage_record({}, failing, day=day, profile=profile)
    client = Client()
    client.cookies["django_language"] = "sl"
    response = client.get("/impact/signals/", {"from": "1. 3. 2026", "to": "31. 3. 2026",
                                               "target_group": "women", "format": "csv"},
                          HTTP_ACCEPT_LANGUAGE="sl")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["from"], row["to"], row["searches"], row["criterion"],
            row["share_percent"]) == ("2026-03-01", "2026-03-31", "10", "regions", "100.0")
    html = client.get("/impact/signals/", {"from": "1. 3. 2026", "to": "30. 4. 2026",
                                           "target_group": "women"},
                      HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert 'value="1. 3. 2026"' in html and "50\xa0%" in html


def test_a_period_ending_before_it_starts_is_refused() -> None:
    response = Client().get("/impact/signals/", {"from": "2026-05-01", "to": "2026-04-01"},
                            HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "The end of the period is before its start." in response.content.decode()


def test_an_unknown_group_is_refused_plainly() -> None:
    response = Client().get("/impact/signals/", {"target_group": "nobody"},
                            HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()


def test_the_page_is_public_and_reads_two_queries(
        searched: None, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(2):
        signals_for(since=date(2025, 1, 1), until=timezone.localdate(),
                    target_group="unemployed")
    html = page()
    assert "policy instrument" in html
    since, _until = last_twelve_months(timezone.localdate())
    assert f'value="{since.day} {since:%B %Y}"' in html  # the default period, shown
    assert '<label for="id_from">' in html and "<form method=\"get\"" in html


def test_every_criterion_of_the_finder_has_a_plain_label() -> None:
    from microfuture.finder.core import REGISTRY
    from microfuture.impact.selectors_signals import CRITERION_LABELS

    assert set(CRITERION_LABELS) == {c.name for c in REGISTRY}


def test_twelve_months_back_from_a_leap_day() -> None:
    assert last_twelve_months(date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))
    assert last_twelve_months(date(2026, 12, 1)) == (date(2025, 12, 2), date(2026, 12, 1))
