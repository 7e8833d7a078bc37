"""Writing the portfolio history (`../shared/specs/impact.md` §2): one `PortfolioSnapshot` row
per club and date, the club's figures (`impact/figures.py`) read from its statement of that
date. The only writer of `PortfolioSnapshot`; `snapshot_portfolio` is its command, and run for
the last day of a month it is the federation's month-end close (docs/performance.md).

A run takes the clubs in batches and reads each batch with a fixed number of queries (its
locks, journal marks, checkpoints, events and stages), whatever the number of clubs in it.
Each club's book starts from its latest checkpoint (`BookCheckpoint`) on or before the first
day and replays only the events after it, in journal order, reading the statement at the end
of each day (`statement_from_book`): events are recorded in date order (the book refuses one
dated before the last), so the book after the events dated on or before D is the book
`club_statement(club, as_of=D)` replays from scratch. On the way it stores the checkpoints of
the month ends the run closes that are missing (the ones `checkpoint_months` would store),
from the same replay. The club's stage on each day is chosen by the same rule as
`club_statement` (`club_stage_on`), from its stages read once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from microfuture.clubs.books import EVENT_COLUMNS, checkpoint_book, event_from_values, new_book
from microfuture.clubs.core import ClubBook, Event, statement_from_book
from microfuture.clubs.models import BookCheckpoint, Club, ClubEvent, ClubStage, EventReversal
from microfuture.clubs.services.checkpoints import month_ends
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
# A batch holds its clubs' books and their rows of every day of the run in memory.
_CLUBS_PER_BATCH = 250
_ROWS_PER_BATCH = 20_000


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


def _batches(clubs: list[Club], days: int) -> Iterator[list[Club]]:
    size = max(1, min(_CLUBS_PER_BATCH, _ROWS_PER_BATCH // max(days, 1)))
    for start in range(0, len(clubs), size):
        yield clubs[start : start + size]


def _marks(ids: list[int]) -> dict[int, tuple[int, int]]:
    """Each club's highest event `seq` and highest reversal id (0 when none) as committed now.

    Read before the events are, under the clubs' locks: an event or reversal committed after
    this read has a higher `seq` or id, and a stored row is stale exactly when one of them is
    dated on or before its date (`selectors_stored.py`)."""
    seqs = dict(ClubEvent.objects.filter(club_id__in=ids).values("club_id")
                .annotate(m=Max("seq")).values_list("club_id", "m"))
    reversals = dict(EventReversal.objects.filter(event__club_id__in=ids)
                     .values("event__club_id").annotate(m=Max("pk"))
                     .values_list("event__club_id", "m"))
    return {pk: (seqs.get(pk) or 0, reversals.get(pk) or 0) for pk in ids}


def _checkpoint_days(ids: list[int]) -> dict[int, set[date]]:
    """The days of each club's stored checkpoints.

    One row per club (how many, the first, the last): a club's checkpoints are every month end
    from its first to its last, because a correction deletes them from a day on. Only a club
    whose count says otherwise (a row removed by hand) has its days read one by one."""
    have: dict[int, set[date]] = {pk: set() for pk in ids}
    gaps = []
    for pk, count, first, last in (
            BookCheckpoint.objects.filter(club_id__in=ids).order_by().values("club_id")
            .annotate(n=Count("pk"), first=Min("as_of"), last=Max("as_of"))
            .values_list("club_id", "n", "first", "last")):
        span = month_ends(first, last)
        if len(span) == count and span[0] == first and span[-1] == last:
            have[pk] = set(span)
        else:
            gaps.append(pk)
    for pk, as_of in BookCheckpoint.objects.filter(club_id__in=gaps).values_list("club_id",
                                                                               "as_of"):
        have[pk].add(as_of)
    return have


def _starts(clubs: list[Club], have: dict[int, set[date]],
            before: dict[int, date]) -> dict[int, tuple[ClubBook, int]]:
    """Each club's book at its latest checkpoint (of the days in `have`) dated on or before
    `before[club]` and the last `seq` it holds, or a new book and 0 (`book_start`): one query
    per distinct day chosen (a close has one or two)."""
    latest: dict[int, date] = {}
    for pk, days in have.items():
        usable = [day for day in days if day <= before[pk]]
        if usable:
            latest[pk] = max(usable)
    by_day: dict[date, list[int]] = {}
    for pk, as_of in latest.items():
        by_day.setdefault(as_of, []).append(pk)
    found: dict[int, tuple[int, bytes | memoryview]] = {}
    for as_of, pks in by_day.items():
        rows = BookCheckpoint.objects.filter(as_of=as_of, club_id__in=pks)
        for pk, last_seq, state in rows.values_list("club_id", "last_seq", "state"):
            found[pk] = (last_seq, state)
    starts: dict[int, tuple[ClubBook, int]] = {}
    for club in clubs:
        last_seq, state = found.get(club.pk, (0, b""))
        book = checkpoint_book(club, state) if state else None
        starts[club.pk] = (book, last_seq) if book is not None else (new_book(club), 0)
    return starts


def _events(clubs: list[Club], starts: dict[int, tuple[ClubBook, int]],
            last: date) -> dict[int, list[tuple[int, Event]]]:
    """Each club's unreversed events after its start's `seq`, up to `last`, in journal
    order: one query for the batch."""
    # Each club's own range of its (club, seq) index: the events before its checkpoint are
    # never read.
    fresh = [club.pk for club in clubs if not starts[club.pk][1]]
    after = Q(club_id__in=fresh)
    for club in clubs:
        if starts[club.pk][1]:
            after |= Q(club_id=club.pk, seq__gt=starts[club.pk][1])
    rows = (ClubEvent.objects.filter(after, reversal__isnull=True, date__lte=last)
            .order_by("club_id", "seq").values_list("club_id", "seq", *EVENT_COLUMNS))
    events: dict[int, list[tuple[int, Event]]] = {club.pk: [] for club in clubs}
    for pk, seq, *values in rows:
        events[pk].append((seq, event_from_values(values)))
    return events


def _day(book: ClubBook, day: date, status: str) -> _Day:
    statement = statement_from_book(book, as_of=day, status_override=status)
    instruments: dict[str, set[str]] = {}
    for holding in statement["holdings"]:
        instruments.setdefault(holding["enterprise"], set()).add(holding["instrument"])
    return _Day(
        figures=club_figures(statement),
        active_members=sum(1 for m in statement["members"] if m["status"] == "active"),
        instruments={name: sorted(kinds) for name, kinds in sorted(instruments.items())},
    )


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


@transaction.atomic
def _close_batch(batch: list[Club], *, first: date, last: date,
                 closed_until: date) -> tuple[int, int]:
    """Store the batch's rows from `first` to `last` and its missing checkpoints at the month
    ends up to `closed_until`; returns (rows stored, clubs with rows)."""
    ids = [club.pk for club in batch]
    # Every write of a club's books takes its row first: nothing can slip in between the
    # marks, the replay and the stored rows and checkpoints (SQLite: the file's lock).
    list(Club.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
    marks = _marks(ids)
    have = _checkpoint_days(ids)
    # The month ends from the club's first checkpoint on that have none (before it the book
    # was empty: a correction deletes checkpoints from a day on, never the first ones alone);
    # without any checkpoint, every month end since the club's start.
    missing = {
        club.pk: [end for end in month_ends(min(have[club.pk], default=club.start_date),
                                            closed_until) if end not in have[club.pk]]
        for club in batch}
    # A replay starts before its first day and before the first checkpoint it must store.
    begin = {club.pk: min([max(first, club.start_date), *missing[club.pk]]) for club in batch}
    starts = _starts(batch, have, begin)
    events = _events(batch, starts, max([last, *(m[-1] for m in missing.values() if m)]))
    stages: dict[int, list[ClubStage]] = {pk: [] for pk in ids}
    for stage in ClubStage.objects.filter(club__in=batch).order_by("since", "id"):
        stages[stage.club_id].append(stage)
    rows: list[PortfolioSnapshot] = []
    checkpoints: list[BookCheckpoint] = []
    clubs = 0
    for club in batch:
        book, last_seq = starts[club.pk]
        pending = events[club.pk]
        to_store = set(missing[club.pk])
        days = max(first, club.start_date)
        points = sorted(to_store | {days + timedelta(n) for n in range((last - days).days + 1)})
        index = 0
        for point in points:
            while index < len(pending) and pending[index][1].date <= point:
                last_seq, event = pending[index]
                book.apply(event)
                index += 1
            if point in to_store and book.event_count:
                checkpoints.append(BookCheckpoint(club=club, as_of=point, last_seq=last_seq,
                                                  events=book.event_count, state=book.state()))
            if days <= point <= last:
                status = _lifecycle_on(club, stages[club.pk], point)
                rows.append(_row(club, point, _day(book, point, status), marks[club.pk]))
        clubs += days <= last
    BookCheckpoint.objects.bulk_create(checkpoints, batch_size=500)
    PortfolioSnapshot.objects.bulk_create(
        rows, batch_size=500, update_conflicts=True,
        unique_fields=["club", "date"], update_fields=list(_FIGURE_FIELDS),
    )
    return len(rows), clubs


def portfolio_snapshot(*, on: date, since: date | None = None) -> SnapshotRun:
    """Store every club's figures for each day from `since` (default `on`) to `on`, and the
    checkpoints of the month ends up to `on` that have passed (a month ends closed the day
    after its last day) and are missing.

    Idempotent: a row that exists for the club and day is replaced (an upsert on the unique
    club and date), never duplicated. Clubs count from their start date on. A batch of clubs
    is stored together or not at all.
    """
    first = since or on
    if first > on:
        raise ValueError("since must not be after the date")
    closed_until = min(on, timezone.localdate() - timedelta(days=1))
    clubs = list(Club.objects.filter(start_date__lte=on).order_by("pk"))
    stored = counted = 0
    for batch in _batches(clubs, (on - first).days + 1):
        rows, with_rows = _close_batch(batch, first=first, last=on, closed_until=closed_until)
        stored += rows
        counted += with_rows
    return SnapshotRun(stored=stored, clubs=counted, first=first, last=on)
