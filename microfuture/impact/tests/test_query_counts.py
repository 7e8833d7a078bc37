"""Issue 15: the dashboards and the open-data API read the stored snapshots of the date asked
when they are current (`selectors_stored.py`), with the very figures a replay gives, to the
cent; a stale or missing row is replayed. With current rows no book is loaded and the number of
queries does not grow with the number of clubs."""

from __future__ import annotations

import re
import sys
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from microfuture.accounts.models import RoleGrant
from microfuture.clubs import books
from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, ClubEvent
from microfuture.clubs.permissions import SYSTEM
from microfuture.clubs.services import club_set_status
from microfuture.clubs.services.money import club_reverse_event
from microfuture.conftest import make_user
from microfuture.impact import selectors_stored
from microfuture.impact.figures import as_json
from microfuture.impact.models import PortfolioSnapshot
from microfuture.impact.selectors import clubs_on, figures_on, regions_on
from microfuture.impact.selectors_dashboards import platform_on
from microfuture.impact.selectors_open_data import open_data_on
from microfuture.impact.selectors_outcomes import (
    outcomes_as_json,
    outcomes_of,
)
from microfuture.impact.selectors_stored import stored_on
from microfuture.impact.services_snapshots import portfolio_snapshot
from microfuture.impact.tests.history_books import (
    equity,
    join,
    loan,
    make_club,
    pay_in,
    record,
    three_clubs,
)

pytestmark = pytest.mark.django_db

ON = date(2026, 4, 15)
_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"|csrftoken[^;"]*')


@pytest.fixture
def book_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a club's book is loaded (every module that imported `load_book`)."""
    original = books.load_book
    calls: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("microfuture.") and getattr(module, "load_book", None) is original:
            monkeypatch.setattr(module, "load_book", counting)
    return calls


def _dissolved_club() -> Club:
    club = make_club("Zadruga Jelka", "SI043", date(2026, 1, 20))
    record(club, join(date(2026, 1, 20), "Eva"), join(date(2026, 1, 20), "Fran"),
           pay_in(date(2026, 1, 25), "Eva", "400.00"), pay_in(date(2026, 1, 25), "Fran", "0.01"),
           equity(date(2026, 2, 1), "Pekarna Zrno", "100.00"),
           Event(date=date(2026, 2, 20), type="sale", enterprise="Pekarna Zrno",
                 instrument="equity", amount=Decimal("133.33")),
           Event(date=date(2026, 3, 1), type="dissolve"))
    return club


@pytest.fixture
def world(db: Any) -> list[Club]:
    """The worked example's three clubs (loans past due: PAR30 pooled; an enterprise backed by
    clubs of two regions) and a club dissolved on 2026-03-01, with snapshots of `ON`."""
    clubs = [*three_clubs(), _dissolved_club()]
    portfolio_snapshot(on=ON)
    return clubs


def _stale_all() -> None:
    """Every stored row as a run before migration 0002 left it: read only by a replay."""
    PortfolioSnapshot.objects.update(last_seq=None)


def _selectors() -> list[Any]:
    public, public_regions = platform_on(ON, public=True)
    full, full_regions = platform_on(ON, public=False)
    data = open_data_on(ON)
    return [
        figures_on(ON), figures_on(ON, region="SI041"), figures_on(ON, region="SI043"),
        *(figures_on(ON, club=club) for club in Club.objects.order_by("pk")),
        {code: as_json(t) for code, t in regions_on(ON).items()},
        public, [(r.region, r.figures, r.suppressed) for r in public_regions],
        full, [(r.region, r.figures, r.suppressed) for r in full_regions],
        data.platform.figures, [(a.region, a.figures, a.suppressed) for a in data.regions],
        [e.as_json() for e in data.enterprises],
    ]


def test_the_selectors_give_the_same_figures_from_snapshots_as_from_replays(
        world: list[Club], book_loads: list[int]) -> None:
    assert set(stored_on(world, ON)) == {club.pk for club in world}
    stored = _selectors()
    assert book_loads == []
    _stale_all()
    assert stored_on(world, ON) == {}
    replayed = _selectors()
    assert book_loads
    assert stored == replayed
    assert stored[0]["par30"] == "0.333333" and stored[0]["clubs"]["dissolved"] == 1


def _get(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return _CSRF.sub(b"", response.content)


def test_the_pages_and_the_api_show_the_same_figures_from_snapshots_as_from_replays(
        world: list[Club], book_loads: list[int]) -> None:
    ministry = make_user("ministry", full_name="Nina Ministrska")
    RoleGrant.objects.create(user=ministry, role=RoleGrant.Role.MINISTRY)
    client = Client()
    client.force_login(ministry)
    urls = [
        f"/api/v1/open-data/figures?date={ON}", f"/api/v1/open-data/figures?date={ON}&region=SI041",
        f"/api/v1/open-data/regions?date={ON}", f"/api/v1/open-data/enterprises?date={ON}",
        f"/impact/?date={ON}", f"/impact/ministry/?date={ON}", f"/impact/regions/SI041/?date={ON}",
        f"/impact/regions/SI043/?date={ON}", f"/api/v1/impact/regions/SI041/figures?date={ON}",
    ]
    stored = [_get(client, url) for url in urls]
    assert book_loads == []
    _stale_all()
    replayed = [_get(client, url) for url in urls]
    assert book_loads
    for url, a, b in zip(urls, stored, replayed, strict=True):
        assert a == b, url
    assert b"0.333333" in stored[0]


def _figures_replayed(club: Club) -> dict[str, Any]:
    PortfolioSnapshot.objects.filter(club=club).update(last_seq=None)
    return figures_on(ON, club=club)


def test_an_event_dated_on_or_before_the_day_recorded_later_makes_the_row_stale(
        world: list[Club]) -> None:
    lipa = world[0]
    record(lipa, pay_in(ON, "Ana", "10.00"))
    assert lipa.pk not in stored_on(world, ON)
    assert figures_on(ON, club=lipa)["savings_mobilised"] == "5010.00"
    assert figures_on(ON)["savings_mobilised"] == "7710.01"


def test_an_event_dated_after_the_day_leaves_the_row_current(world: list[Club]) -> None:
    lipa = world[0]
    record(lipa, pay_in(date(2026, 4, 16), "Ana", "10.00"))
    assert lipa.pk in stored_on(world, ON)
    assert figures_on(ON, club=lipa)["savings_mobilised"] == "5000.00"


def test_a_reversal_makes_the_row_stale(world: list[Club]) -> None:
    hrast = world[2]
    event = ClubEvent.objects.get(club=hrast, type="investment")
    admin = make_user("admin", is_staff=True, is_superuser=True, full_name="Ana Admin")
    club_reverse_event(club=hrast, event=event, reason="typo", reversed_by=admin)
    assert hrast.pk not in stored_on(world, ON)
    figures = figures_on(ON, club=hrast)
    assert figures["invested"]["total"] == "0.00"
    assert figures == _figures_replayed(hrast)


def test_a_stage_recorded_later_for_the_day_makes_the_row_stale(world: list[Club]) -> None:
    lipa = world[0]
    club_set_status(club=lipa, status=Club.Status.RENEWED, actor=SYSTEM, on=date(2026, 4, 1))
    lipa.refresh_from_db()
    assert lipa.pk not in stored_on([lipa], ON)
    assert figures_on(ON, club=lipa)["clubs"]["renewed"] == 1


def test_a_club_moved_to_another_region_is_replayed(world: list[Club]) -> None:
    breza = world[1]
    Club.objects.filter(pk=breza.pk).update(region="SI042")
    breza.refresh_from_db()
    assert breza.pk not in stored_on([breza], ON)
    assert set(regions_on(ON)) == {"SI041", "SI042", "SI043"}


def test_a_club_without_a_row_of_the_day_is_replayed(world: list[Club]) -> None:
    PortfolioSnapshot.objects.filter(club=world[0]).delete()
    assert set(stored_on(world, ON)) == {club.pk for club in world[1:]}
    total = figures_on(ON)
    _stale_all()
    assert figures_on(ON) == total


def _many_clubs(n: int, *, first: int = 0) -> list[Club]:
    clubs = []
    for i in range(first, first + n):
        club = make_club(f"Zadruga {i}", "SI041" if i % 2 else "SI043", date(2026, 1, 5))
        record(club, join(date(2026, 1, 5), "Ana"), pay_in(date(2026, 1, 10), "Ana", "300.00"),
               loan(date(2026, 1, 31), f"Podjetje {i}", "100.00", first_due=date(2026, 2, 28)))
        clubs.append(club)
    return clubs


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


URLS = [f"/api/v1/open-data/figures?date={ON}", f"/api/v1/open-data/regions?date={ON}",
        f"/impact/?date={ON}", f"/impact/ministry/?date={ON}",
        f"/impact/regions/SI041/?date={ON}"]


def test_with_current_snapshots_the_queries_do_not_grow_with_the_clubs(
        db: Any, book_loads: list[int]) -> None:
    ministry = make_user("ministry", full_name="Nina Ministrska")
    RoleGrant.objects.create(user=ministry, role=RoleGrant.Role.MINISTRY)
    client = Client()
    client.force_login(ministry)
    _many_clubs(2)
    portfolio_snapshot(on=ON)
    few = [_count(client, url) for url in URLS]
    _many_clubs(8, first=2)
    portfolio_snapshot(on=ON)
    book_loads.clear()
    many = [_count(client, url) for url in URLS]
    assert many == few
    assert book_loads == []
    # Without current rows the same pages still answer, by replaying each club.
    _stale_all()
    for url in URLS:
        assert client.get(url).status_code == 200
    assert len(book_loads) >= 10


def test_many_clubs_read_by_day_give_the_same_figures_as_a_list_of_clubs(
        world: list[Club], monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond `_LISTED` clubs the stored rows and the stages are read for the whole day and
    sorted out in Python, and the outcomes of a query of clubs read them as a subquery: the
    same figures, outcomes and staleness as for a list of clubs."""
    start = date(2025, 12, 31)
    listed = [*_selectors(), *(outcomes_as_json(outcomes_of(list(clubs), start, ON))
                               for clubs in (clubs_on(ON), clubs_on(ON, region="SI041")))]
    monkeypatch.setattr(selectors_stored, "_LISTED", 0)
    by_day = [*_selectors(), *(outcomes_as_json(outcomes_of(clubs, start, ON))
                               for clubs in (clubs_on(ON), clubs_on(ON, region="SI041")))]
    assert by_day == listed
    # A reversal still makes its club's row stale on this path, and only its club's.
    hrast = world[2]
    admin = make_user("admin", is_staff=True, is_superuser=True, full_name="Ana Admin")
    club_reverse_event(club=hrast, event=ClubEvent.objects.get(club=hrast, type="investment"),
                       reason="typo", reversed_by=admin)
    assert set(stored_on(world, ON)) == {club.pk for club in world if club != hrast}
