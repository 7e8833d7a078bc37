"""Writing the portfolio history (`../shared/specs/impact.md` §2): one `PortfolioSnapshot` row
per club and date, the club's figures (`impact/figures.py`) read from its statement of that
date. The only writer of `PortfolioSnapshot`; `snapshot_portfolio` is its command.

A run over many days replays each club's book once, in journal order, and reads the statement
at the end of each day (`statement_from_book`): events are recorded in date order (the book
refuses one dated before the last), so the book after the events dated on or before D is the
book `club_statement(club, as_of=D)` replays from scratch. The club's stage on each day is
chosen by the same rule as `club_statement` (`club_stage_on`), from its stages read once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max

from microfuture.clubs.core import statement_from_book
from microfuture.clubs.models import Club, ClubEvent, ClubStage, EventReversal
from microfuture.clubs.services.checkpoints import checkpoint_months
from microfuture.clubs.services.money import book_start, effective_events
from microfuture.impact.figures import ClubFigures, club_figures
from microfuture.impact.models import PortfolioSnapshot
from microfuture.impact.selectors_stored import lifecycle_on as _lifecycle_on

_FIGURE_FIELDS = (
    "region", "status", "members", "savings_cents", "paid_out_cents",
    "invested_equity_cents", "invested_loan_cents", "invested_advance_cents",
    "invested_participatory_cents", "nav_cents", "income_cents", "expenses_cents",
    "realised_cents", "unrealised_cents", "principal_outstanding_cents", "at_risk_cents",
    "enterprises", "taken_at", "last_seq", "last_reversal", "active_members", "instruments",
)


@dataclass(frozen=True)
class _Day:
    """One club's figures on a day and what a reader needs besides them."""

    figures: ClubFigures
    active_members: int
    instruments: dict[str, list[str]]


@dataclass(frozen=True)
class SnapshotRun:
    """What one run stored: how many rows, for how many clubs, over which days."""

    stored: int
    clubs: int
    first: date
    last: date


def club_figures_by_day(club: Club, *, first: date, last: date) -> dict[date, ClubFigures]:
    """The club's figures on every day from `first` to `last` (both included, none before
    its start date), from one replay of its book."""
    return {day: d.figures for day, d in _days(club, first=first, last=last).items()}


def journal_marks(club: Club) -> tuple[int, int]:
    """The club's highest event `seq` and highest reversal id (0 when none) as committed now.

    Read before the events are: the club's writes hold its row locked, so an event or reversal
    committed after this read has a higher `seq` or id, and a stored row is stale exactly when
    one of them is dated on or before its date (`selectors_stored.py`)."""
    seq = ClubEvent.objects.filter(club=club).aggregate(m=Max("seq"))["m"] or 0
    reversal = EventReversal.objects.filter(event__club=club).aggregate(m=Max("pk"))["m"] or 0
    return seq, reversal


def _days(club: Club, *, first: date, last: date) -> dict[date, _Day]:
    first = max(first, club.start_date)
    if first > last:
        return {}
    # From the latest checkpoint on or before the first day (every day after it replays the
    # same events onto it as from the club's first event: `book_start`).
    book, after_seq = book_start(club, on_or_before=first)
    events = effective_events(club, as_of=last, after_seq=after_seq)
    stages = list(ClubStage.objects.filter(club=club).order_by("since", "id"))
    figures: dict[date, _Day] = {}
    index = 0
    day = first
    while day <= last:
        while index < len(events) and events[index].date <= day:
            book.apply(events[index])
            index += 1
        statement = statement_from_book(
            book, as_of=day, status_override=_lifecycle_on(club, stages, day))
        instruments: dict[str, set[str]] = {}
        for holding in statement["holdings"]:
            instruments.setdefault(holding["enterprise"], set()).add(holding["instrument"])
        figures[day] = _Day(
            figures=club_figures(statement),
            active_members=sum(1 for m in statement["members"] if m["status"] == "active"),
            instruments={name: sorted(kinds) for name, kinds in sorted(instruments.items())},
        )
        day += timedelta(days=1)
    return figures


def _row(club: Club, on: date, day: _Day, marks: tuple[int, int]) -> PortfolioSnapshot:
    f = day.figures
    return PortfolioSnapshot(
        last_seq=marks[0], last_reversal=marks[1], active_members=day.active_members,
        instruments=day.instruments,
        club=club, date=on, region=club.region, status=f.status, members=f.members,
        savings_cents=f.savings_cents, paid_out_cents=f.paid_out_cents,
        invested_equity_cents=f.invested_cents.get("equity", 0),
        invested_loan_cents=f.invested_cents.get("loan", 0),
        invested_advance_cents=f.invested_cents.get("advance", 0),
        invested_participatory_cents=f.invested_cents.get("participatory", 0),
        nav_cents=f.nav_cents, income_cents=f.income_cents, expenses_cents=f.expenses_cents,
        realised_cents=f.realised_cents, unrealised_cents=f.unrealised_cents,
        principal_outstanding_cents=f.principal_outstanding_cents,
        at_risk_cents=f.at_risk_cents, enterprises=sorted(f.enterprises),
    )


def portfolio_snapshot(*, on: date, since: date | None = None) -> SnapshotRun:
    """Store every club's figures for each day from `since` (default `on`) to `on`.

    Idempotent: a row that exists for the club and day is replaced (an upsert on the unique
    club and date), never duplicated. Clubs count from their start date on.
    """
    first = since or on
    if first > on:
        raise ValueError("since must not be after the date")
    stored = clubs = 0
    for club in Club.objects.filter(start_date__lte=on).order_by("pk"):
        checkpoint_months(club, up_to=on)  # the months closed by `on`, if not stored yet
        marks = journal_marks(club)
        by_day = _days(club, first=first, last=on)
        if not by_day:
            continue
        rows = [_row(club, day, d, marks) for day, d in by_day.items()]
        # One club at a time: a run over years of days holds one club's rows in memory, and a
        # club's days are stored together or not at all.
        with transaction.atomic():
            PortfolioSnapshot.objects.bulk_create(
                rows, batch_size=500, update_conflicts=True,
                unique_fields=["club", "date"], update_fields=list(_FIGURE_FIELDS),
            )
        stored += len(rows)
        clubs += 1
    return SnapshotRun(stored=stored, clubs=clubs, first=first, last=on)
