"""The finder's result page and API run the same number of queries with one open club or
many (issue 15: the clubs' managers are read in one query, not one per club)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from microfuture.clubs.models import Club, Member
from microfuture.clubs.services import club_found
from microfuture.conftest import make_user

pytestmark = pytest.mark.django_db

PROFILE = {"country": "SI", "region": "SI041", "entity_type": "company", "amount": "8000",
           "on": "2026-11-26", "lang": "en"}


def open_clubs(count: int, *, public_names: bool = True) -> None:
    for n in range(count):
        founder = make_user(f"founder{n}", full_name=f"Founder {n}")
        club = club_found(
            founder=founder, founder_name=f"Manager {n}", name=f"Klub {n}", region="SI041",
            start_date=date(2026, 1, 5), contact_email=f"klub{n}@example.org",
        )
        Member.objects.filter(club=club).update(name_public=public_names)
    assert Club.objects.filter(open_to_projects=True).count() == count


def queries(run: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        run()
    return len(ctx.captured_queries)


def result_page() -> None:
    assert Client().get("/finder/results/", PROFILE).status_code == 200


def api_match() -> None:
    response = Client().post("/api/v1/finder/match", json.dumps(PROFILE),
                             content_type="application/json")
    assert response.status_code == 200


@pytest.mark.parametrize("ask", [result_page, api_match])
def test_the_same_queries_for_one_club_or_many(ask: Any) -> None:
    open_clubs(1)
    one = queries(ask)
    for n in range(1, 8):
        founder = make_user(f"more{n}")
        club_found(founder=founder, founder_name=f"More {n}", name=f"More {n}", region="SI041",
                   start_date=date(2026, 1, 5))
    assert Club.objects.count() == 8
    assert queries(ask) == one


def test_result_page_query_count(django_assert_num_queries: Any) -> None:
    open_clubs(6)
    result_page()  # the catalogue's first read
    with django_assert_num_queries(RESULT_PAGE_QUERIES):
        result_page()


def test_api_query_count(django_assert_num_queries: Any) -> None:
    open_clubs(6)
    with django_assert_num_queries(API_QUERIES):
        api_match()


def test_each_club_still_names_its_own_manager_when_public() -> None:
    from microfuture.finder.matching import savings_clubs

    open_clubs(3)
    # A second manager who joined later is not the contact; a name kept private is not shown.
    Member.objects.create(club=Club.objects.get(name="Klub 1"), name="Later Manager",
                          role=Member.Role.MANAGER, user=make_user("later"),
                          joined_on=date(2026, 2, 1), name_public=True)
    Member.objects.filter(club__name="Klub 2").update(name_public=False)
    contacts = {m.slug: m.contact for m in savings_clubs()}
    assert contacts == {
        "club-klub-0": "Manager 0 · klub0@example.org",
        "club-klub-1": "Manager 1 · klub1@example.org",
        "club-klub-2": "klub2@example.org",
    }


#: Measured on 2026-12-02 (SQLite): the journal mark and the open clubs of the region with
#: their first manager and their members (one query; a site that keeps the list until the
#: books change, `clubs/kept.py`, reads only the mark; a test's transaction keeps nothing),
#: the catalogue, the usage counts (one transaction: the search's
#: insert and update, then whether the day's shown counters exist and one update per group;
#: the API's search is the day's first here, so its counters are also inserted). The
#: glossary is read only when a catalogue card glosses a text: the clubs' card does not.
RESULT_PAGE_QUERIES = 9
API_QUERIES = 10
