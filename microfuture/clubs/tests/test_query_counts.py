"""Issue 15: a club's pages and API load its book at most once per request and run the same
number of queries whatever the club's history (members, months of events) and however many
clubs there are; the figures they show are those of a fresh statement."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from microfuture.clubs import books
from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, ClubEvent, Member
from microfuture.clubs.selectors import club_statement, member_statement, pledge_status
from microfuture.clubs.services import club_found, club_record_events, member_add
from microfuture.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def book_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the club's book is loaded (every module that imported `load_book`)."""
    original = books.load_book
    calls: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("microfuture.") and getattr(module, "load_book", None) is original:
            monkeypatch.setattr(module, "load_book", counting)
    return calls


def grow(club: Club, *, members: int, months: int, actor: Any, first: int = 1) -> None:
    """More members (joining on the 6th of month `first`) and months of contributions from
    that month (one per member and month)."""
    for n in range(members):
        member_add(club=club, name=f"Extra {n}", on=date(2026, first, 6),
                   role=Member.Role.MEMBER, user=None, actor=actor)
    names = list(Member.objects.filter(club=club, exited_on__isnull=True)
                 .values_list("name", flat=True))
    for month in range(first, first + months):
        club_record_events(club=club, recorded_by=actor, events=[
            Event(date=date(2026, month, 10), type="contribution", member=name,
                  amount=Decimal("20.00"), reference=f"{month}-{name}")
            for name in names
        ])


def other_clubs(count: int) -> None:
    for n in range(count):
        founder = make_user(f"other{n}")
        other = club_found(founder=founder, founder_name=f"Other {n}", name=f"Other {n}",
                           region="SI041", start_date=date(2026, 1, 5))
        club_record_events(club=other, recorded_by=founder, history=True, events=[
            Event(date=date(2026, 2, 1), type="contribution", member=f"Other {n}",
                  amount=Decimal("50.00"))])


def count(ask: Callable[[], Any]) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as ctx:
        result = ask()
    return len(ctx.captured_queries), result


# The pages, each as (who asks, the request) --------------------------------------------------


def statement_page(client: Client, club: Club) -> Any:
    return client.get(reverse("clubs:statement", args=[club.slug]))


def club_page(client: Client, club: Club) -> Any:
    return client.get(reverse("clubs:detail", args=[club.slug]))


def api_statement(client: Client, club: Club) -> Any:
    return client.get(f"/api/v1/clubs/{club.slug}/statement")


def member_page(client: Client, club: Club) -> Any:
    return client.get(reverse("clubs:me", args=[club.slug]))


PAGES = {
    "statement page": (statement_page, "treasurer"),
    "club page": (club_page, "treasurer"),
    "API statement": (api_statement, "treasurer"),
    "member page": (member_page, "member"),
}


@pytest.fixture
def asker(request: Any, club: Club) -> Iterator[tuple[Client, Callable[[Client, Club], Any]]]:
    page, who = PAGES[request.param]
    client = Client()
    user = Member.objects.get(club=club, user__username=who).user
    assert user is not None
    client.force_login(user)
    yield client, page


@pytest.mark.parametrize("asker", list(PAGES), indirect=True)
def test_same_queries_small_or_large_and_one_book_load(
    asker: Any, club: Club, treasurer: Any, book_loads: list[int],
) -> None:
    client, page = asker
    grow(club, members=0, months=1, actor=treasurer)
    book_loads.clear()
    small, response = count(lambda: page(client, club))
    assert response.status_code == 200
    assert len(book_loads) == 1

    grow(club, members=6, months=9, actor=treasurer, first=2)
    other_clubs(3)
    assert ClubEvent.objects.filter(club=club).count() > 90
    book_loads.clear()
    large, response = count(lambda: page(client, club))
    assert response.status_code == 200
    assert len(book_loads) == 1
    assert large == small, f"{small} queries for a small club, {large} for a large one"


# Each count includes the one query that looks for the book's latest checkpoint; the reader's
# member row and grants are read once a request (`kernel/request_memo.py`).
@pytest.mark.parametrize(("asker", "queries"), [
    ("statement page", 10), ("club page", 11), ("API statement", 8), ("member page", 12),
], indirect=["asker"])
def test_query_count(asker: Any, queries: int, club: Club, treasurer: Any,
                     django_assert_num_queries: Any) -> None:
    client, page = asker
    grow(club, members=3, months=4, actor=treasurer)
    with django_assert_num_queries(queries):
        assert page(client, club).status_code == 200


def test_member_page_shows_the_statement_and_pledge_of_one_load(
    client: Client, club: Club, member: Any, treasurer: Any,
) -> None:
    grow(club, members=2, months=3, actor=treasurer)
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 4, 10), type="contribution", member="Miha",
              amount=Decimal("35.50"), reference="extra-miha")])
    client.force_login(member)
    response = client.get(reverse("clubs:me", args=[club.slug]))
    miha = Member.objects.get(club=club, name="Miha")
    expected = member_statement(club, miha)
    assert response.context["stmt"] == expected["club"] == club_statement(club)
    assert response.context["mine"] == expected["member"]
    assert [e.seq for e in response.context["events"]] == [e.seq for e in expected["events"]]
    pledge = next(p for p in pledge_status(club) if p.member.pk == miha.pk)
    assert response.context["pledge"] == pledge
    assert pledge.contributed == Decimal("95.50")


# Recording one contribution from the treasurer's form ---------------------------------------


def record_contribution(client: Client, club: Club, reference: str,
                        day: str = "2026-11-20") -> Any:
    return client.post(reverse("clubs:record_event", args=[club.slug, "contribution"]), {
        "date": day, "member": "Miha", "amount": "25.50", "reference": reference,
    })


def test_recording_a_contribution_replays_once_with_the_same_queries(
    client: Client, club: Club, treasurer: Any, book_loads: list[int],
) -> None:
    client.force_login(treasurer)
    grow(club, members=0, months=1, actor=treasurer)
    book_loads.clear()
    small, response = count(lambda: record_contribution(client, club, "a", "2026-01-20"))
    assert response.status_code == 302
    assert len(book_loads) == 1
    grow(club, members=6, months=9, actor=treasurer, first=2)
    other_clubs(2)
    book_loads.clear()
    large, response = count(lambda: record_contribution(client, club, "b"))
    assert response.status_code == 302
    assert len(book_loads) == 1
    assert large == small


def test_recording_a_contribution_query_count(
    client: Client, club: Club, treasurer: Any, django_assert_num_queries: Any,
) -> None:
    client.force_login(treasurer)
    grow(club, members=2, months=2, actor=treasurer)
    with django_assert_num_queries(RECORD_QUERIES[connection.vendor]):
        assert record_contribution(client, club, "c").status_code == 302


def test_recording_says_the_cash_after_and_stores_the_event(
    client: Client, club: Club, treasurer: Any,
) -> None:
    client.force_login(treasurer)
    grow(club, members=1, months=2, actor=treasurer)
    before = Decimal(club_statement(club)["cash"])
    response = record_contribution(client, club, "d")
    page = client.get(response.url)
    stored = ClubEvent.objects.get(club=club, reference="d")
    assert (stored.type, stored.member, stored.amount_cents) == ("contribution", "Miha", 2550)
    after = Decimal(club_statement(club)["cash"])
    assert after == before + Decimal("25.50")
    assert f"{after:.2f}".replace(".", ",") in page.content.decode() or str(after) in (
        page.content.decode())


def test_a_refused_contribution_keeps_the_form_and_its_words(
    client: Client, club: Club, treasurer: Any,
) -> None:
    client.force_login(treasurer)
    grow(club, members=0, months=1, actor=treasurer)
    # Nina left: her name is stored, the book no longer offers it; the form says so.
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="exit", member="Nina")])
    response = client.post(reverse("clubs:record_event", args=[club.slug, "contribution"]), {
        "date": "2026-11-20", "member": "Nina", "amount": "10", "reference": "e"})
    assert response.status_code == 200
    assert "Nina is not a member of the club who can do this" in response.content.decode()
    assert not ClubEvent.objects.filter(club=club, reference="e").exists()


#: Measured on 2026-12-02: the session, the club, permissions, the stored names, the
#: service (lock, replay, ledger entry and legs, event, audit row), the cash from the legs;
#: PostgreSQL runs one more inside the ledger's posting.
# Two more than before checkpoints: the service looks for the latest checkpoint, and deletes
# the checkpoints a new event reaches behind (none here).
RECORD_QUERIES = {"sqlite": 35, "postgresql": 36}
