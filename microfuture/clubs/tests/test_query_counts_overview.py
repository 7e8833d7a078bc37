"""Issue 15: the regional overview reads today's stored snapshots (`snapshot_portfolio`) through
the hook the impact app fills (`clubs.hooks.stored_figures`) when they are current: the same
figures, to the cent and in the same decimal texts, as replaying each club's book; no book is
loaded and the queries do not grow with the number of clubs. Without snapshots it replays.

The clubs import no higher app, so this test takes the snapshots with the management command."""

from __future__ import annotations

import re
import sys
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from microfuture.clubs import books, hooks
from microfuture.clubs.core import Event
from microfuture.clubs.models import Club
from microfuture.clubs.permissions import SYSTEM
from microfuture.clubs.selectors import region_overview
from microfuture.clubs.services import club_record_events
from microfuture.clubs.services.money import club_create

pytestmark = pytest.mark.django_db

_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


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


def _days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def _club(name: str, *events: Event, region: str = "SI041") -> Club:
    club = club_create(name=name, region=region, start_date=_days_ago(200),
                       status=Club.Status.ACTIVE)
    club_record_events(club=club, events=list(events), recorded_by=SYSTEM, history=True)
    club.refresh_from_db()
    return club


def _pay(n: int, who: str, amount: str) -> Event:
    return Event(date=_days_ago(n), type="contribution", member=who, amount=Decimal(amount))


def _join(who: str) -> Event:
    return Event(date=_days_ago(200), type="join", member=who)


def _world() -> None:
    """A club with a loan past due and one not yet due (PAR30), a club that only saves, a club
    dissolved after a sale (its members still counted), and one of another region."""
    _club("Zadruga Lipa", _join("Ana"), _join("Bor"), _pay(190, "Ana", "3000.00"),
          _pay(190, "Bor", "2000.01"),
          Event(date=_days_ago(150), type="investment", enterprise="Pekarna Zrno",
                instrument="loan", amount=Decimal("1000.00"), rate=Decimal("0.05"), term=6,
                method="linear", first_due=_days_ago(100)),
          Event(date=_days_ago(140), type="investment", enterprise="Mizarstvo Hrast",
                instrument="loan", amount=Decimal("1500.00"), rate=Decimal("0"), term=3,
                method="linear", first_due=_days_ago(-20)),
          Event(date=_days_ago(120), type="investment", enterprise="Mizarstvo Hrast",
                instrument="equity", amount=Decimal("333.33")))
    _club("Zadruga Breza", _join("Cene"), _pay(180, "Cene", "150.50"), _pay(20, "Cene", "0.25"))
    _club("Zadruga Jelka", _join("Eva"), _pay(180, "Eva", "400.00"),
          Event(date=_days_ago(170), type="investment", enterprise="Pekarna Zrno",
                instrument="equity", amount=Decimal("100.00")),
          Event(date=_days_ago(160), type="sale", enterprise="Pekarna Zrno",
                instrument="equity", amount=Decimal("133.33")),
          Event(date=_days_ago(30), type="dissolve"))
    _club("Klub Gorenjska", _join("Gaja"), _pay(100, "Gaja", "10.00"), region="SI042")


def _seen(rows: list[Any]) -> list[tuple[Any, ...]]:
    """Every figure of every row, Decimals as their texts (the same digits, not only equal)."""
    return [(r.club.pk, r.members, str(r.savings), str(r.nav), str(r.invested), r.enterprises,
             r.par30, r.end_date, r.nearing_end) for r in rows]


def _pages(coordinator: Any) -> list[bytes]:
    client = Client()
    client.force_login(coordinator)
    answers = []
    for url in ("/clubs/region/", "/api/v1/clubs/region-overview"):
        response = client.get(url)
        assert response.status_code == 200, url
        answers.append(_CSRF.sub(b"", response.content))
    return answers


def test_the_overview_from_snapshots_equals_the_replayed_one(
        coordinator: Any, book_loads: list[int]) -> None:
    assert hooks.stored_figures is not None  # filled by the impact app at start-up
    _world()
    book_loads.clear()
    replayed = _seen(region_overview(coordinator))
    replayed_pages = _pages(coordinator)
    assert len(book_loads) == 3 * 3  # three clubs: the selector, the page and the API
    call_command("snapshot_portfolio", stdout=None)
    book_loads.clear()
    stored = _seen(region_overview(coordinator))
    stored_pages = _pages(coordinator)
    assert book_loads == []
    assert stored == replayed
    assert stored_pages == replayed_pages
    lipa, breza, jelka = (next(r for r in stored if r[0] == Club.objects.get(name=n).pk)
                          for n in ("Zadruga Lipa", "Zadruga Breza", "Zadruga Jelka"))
    assert lipa[1:7] == (2, "5000.01", lipa[3], "2833.33", 2, lipa[6])
    assert lipa[6] is not None and Decimal(lipa[6]) > 0
    assert breza[4] == "0" and breza[6] is None
    assert jelka[1] == 1 and jelka[3] == "0.00"  # dissolved: its member still counted


def test_an_event_recorded_after_the_snapshot_is_shown_by_a_replay(
        coordinator: Any, book_loads: list[int]) -> None:
    _world()
    call_command("snapshot_portfolio", stdout=None)
    breza = Club.objects.get(name="Zadruga Breza")
    club_record_events(club=breza, events=[_pay(0, "Cene", "1.00")], recorded_by=SYSTEM,
                       history=True)
    book_loads.clear()
    row = next(r for r in region_overview(coordinator) if r.club == breza)
    assert book_loads == [1]
    assert str(row.savings) == "151.75"


def _count(coordinator: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        rows = region_overview(coordinator)
    assert rows
    return len(ctx.captured_queries)


def test_with_current_snapshots_the_queries_do_not_grow_with_the_clubs(
        coordinator: Any, book_loads: list[int]) -> None:
    _club("Zadruga 0", _join("Ana"), _pay(100, "Ana", "10.00"))
    call_command("snapshot_portfolio", stdout=None)
    one = _count(coordinator)
    for i in range(1, 8):
        _club(f"Zadruga {i}", _join("Ana"), _pay(100, "Ana", "10.00"),
              Event(date=_days_ago(90), type="investment", enterprise=f"Podjetje {i}",
                    instrument="loan", amount=Decimal("5.00"), rate=Decimal("0"), term=2,
                    method="linear", first_due=_days_ago(60)))
    call_command("snapshot_portfolio", stdout=None)
    book_loads.clear()
    assert _count(coordinator) == one
    assert book_loads == []


def test_without_snapshots_the_overview_replays(
        coordinator: Any, book_loads: list[int]) -> None:
    _club("Zadruga 0", _join("Ana"), _pay(100, "Ana", "10.00"))
    _club("Zadruga 1", _join("Ana"), _pay(100, "Ana", "12.00"))
    book_loads.clear()
    rows = region_overview(coordinator)
    assert [str(r.savings) for r in rows] == ["10.00", "12.00"]
    assert len(book_loads) == 2
