"""`generate_federation` (issue 15): a deterministic, realistic federation, valid for the books.

The generator is pure (`clubs/federation.py`); the command writes one journal file per club and
imports them all through `import_club_journal`. The money must come out right: every club's
ledger verifies, and the sums of the clubs' statements equal SQL sums over the ledger legs to
the cent.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from microfuture.clubs.core.events import EVENT_TYPES, INSTRUMENTS
from microfuture.clubs.federation import (
    FederationClub,
    federation_end,
    generate_federation,
    journal_file,
    parse_preamble,
)
from microfuture.clubs.models import Club, ClubEvent, Member
from microfuture.clubs.selectors import club_statement
from microfuture.ledger.models import Leg
from microfuture.regions import REGIONS


def small(*, clubs: int = 5, seed: int = 1) -> list[FederationClub]:
    """The small federation of these tests: 5 clubs × 6 members × 24 months."""
    return generate_federation(clubs=clubs, members=6, months=24, seed=seed)


def files(*, clubs: int = 5, seed: int = 1) -> list[str]:
    return [journal_file(club) for club in small(clubs=clubs, seed=seed)]


def test_the_same_seed_gives_the_same_files_byte_for_byte(tmp_path: Path):
    assert files() == files()
    assert files() != files(seed=2)
    # Through the command: two runs write identical files.
    for out in ("a", "b"):
        call_command("generate_federation", "--clubs", "5", "--members", "6", "--months", "24",
                     "--seed", "1", "--out", str(tmp_path / out), "--no-import",
                     stdout=io.StringIO())
    first = sorted((tmp_path / "a").iterdir())
    second = sorted((tmp_path / "b").iterdir())
    assert [p.name for p in first] == [f"club-{k:04d}.csv" for k in range(1, 6)]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_text(encoding="utf-8") for p in first] == files()


def test_a_club_is_the_same_in_a_smaller_and_a_larger_federation():
    assert files()[:3] == files(clubs=3)


def test_every_event_kind_instrument_and_behaviour_appears():
    federation = small()
    events = [e for club in federation for e in club.events]
    kinds = Counter(e.type for e in events)
    assert set(kinds) == set(EVENT_TYPES)
    invested = {e.instrument for e in events if e.type == "investment"}
    assert invested == set(INSTRUMENTS)
    # Exits paid their value and exits at an agreed amount; loans of both methods.
    assert {e.amount is None for e in events if e.type == "exit"} == {True, False}
    assert {e.method for e in events if e.type == "investment" and e.instrument == "loan"} == {
        "annuity", "linear"}
    assert any(e.type == "write_off" and e.instrument == "loan" for e in events)
    assert all(club.dropped == 0 for club in federation)
    assert sum(club.dissolved for club in federation) >= 1
    assert {club.policy for club in federation} == {"units", "contributions"}
    # Irregular contributions: members skip months, and amounts vary.
    amounts = {e.amount for e in events if e.type == "contribution"}
    assert len(amounts) > 10


def test_regions_dates_and_names():
    federation = generate_federation(clubs=30, members=3, months=6, seed=1)
    assert {club.region for club in federation} == set(REGIONS)
    assert len({club.name for club in federation}) == 30
    end = federation_end(date(2020, 1, 1), 6)
    assert end == date(2020, 6, 30)
    for club in federation:
        dates = [e.date for e in club.events]
        assert dates == sorted(dates)
        assert all(date(2020, 1, 1) <= d <= end for d in dates)
        keys, lines, rest = parse_preamble(journal_file(club))
        assert keys == {"club": club.name, "region": club.region, "policy": club.policy}
        assert lines == 3
        assert rest.startswith("date,type,")


@pytest.mark.django_db
def test_a_small_federation_imports_and_its_money_is_right(tmp_path: Path):
    out = io.StringIO()
    call_command("generate_federation", "--clubs", "5", "--members", "6", "--months", "24",
                 "--seed", "1", "--out", str(tmp_path), stdout=out, stderr=io.StringIO())
    federation = small()
    events = sum(len(club.events) for club in federation)
    assert f"Imported {events} event(s) into 5 club(s) from 5 file(s)" in out.getvalue()
    assert ClubEvent.objects.count() == events
    clubs = {club.name: club for club in Club.objects.all()}
    assert set(clubs) == {club.name for club in federation}
    for made in federation:
        stored = clubs[made.name]
        assert (stored.region, stored.share_policy) == (made.region, made.policy)
        assert stored.status == ("dissolved" if made.dissolved else "active")
        assert stored.start_date == made.events[0].date
    assert Member.objects.filter(exited_on__isnull=False).exists()

    verify = io.StringIO()
    call_command("verify_ledger", stdout=verify, stderr=io.StringIO())
    assert verify.getvalue().strip() == "All invariants hold in 5 club(s)."

    # The sum of the statements equals SQL sums over the ledger's legs, to the cent.
    end = federation_end(date(2020, 1, 1), 24)
    totals: defaultdict[str, Decimal] = defaultdict(Decimal)
    for club in clubs.values():
        stmt = club_statement(club, as_of=end)
        for key in ("cash", "holdings_value", "nav", "total_contributions", "income",
                    "expenses", "realised_gains", "unrealised_gains"):
            totals[key] += Decimal(stmt[key])
        totals["paid_out"] += sum(Decimal(m["paid_out"]) for m in stmt["members"])

    def balance(prefix: str, *, exact: bool = True) -> Decimal:
        legs = Leg.objects.filter(**({"account__code": prefix} if exact
                                     else {"account__code__startswith": prefix}))
        sums = legs.aggregate(d=Sum("debit"), c=Sum("credit"))
        return Decimal((sums["d"] or 0) - (sums["c"] or 0)).scaleb(-2)

    def side(prefix: str, column: str) -> Decimal:
        value = Leg.objects.filter(account__code__startswith=prefix).aggregate(s=Sum(column))
        return Decimal(value["s"] or 0).scaleb(-2)

    assert totals["cash"] == balance("cash")
    assert totals["holdings_value"] == balance("holding:", exact=False)
    assert totals["nav"] == balance("cash") + balance("holding:", exact=False)
    assert totals["total_contributions"] == side("capital:", "credit")
    assert totals["paid_out"] == side("capital:", "debit")
    assert totals["income"] == -balance("income:", exact=False)
    assert totals["expenses"] == balance("expense")
    assert totals["realised_gains"] == -balance("gain:realised")
    assert totals["unrealised_gains"] == -balance("gain:unrealised")
    assert totals["cash"] > 0 and totals["income"] > 0 and totals["realised_gains"] != 0


@pytest.mark.django_db
def test_a_federation_that_would_end_after_today_is_refused():
    with pytest.raises(CommandError, match="after today"):
        call_command("generate_federation", "--clubs", "1", "--members", "2", "--months", "3",
                     "--seed", "1", "--start", "2999-01-01", stdout=io.StringIO())
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_federation", "--clubs", "0", "--members", "2", "--months", "3",
                     "--seed", "1", stdout=io.StringIO())
    assert not Club.objects.exists()
