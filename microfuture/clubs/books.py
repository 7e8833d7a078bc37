"""Reading a club's books: the events as the core's `Event`s, a book from its latest checkpoint
and the events after it; no writes.

Services (which write) and selectors (which read) both import these reads; the writes that
store events and delete the checkpoints they reach behind are in `services/money.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from microfuture.clubs.core import ClubBook, Event, from_cents, to_cents
from microfuture.clubs.models import BookCheckpoint, Club, ClubEvent, ClubStage

# Conversions between stored rows and the core's events ----------------------------------


def event_from_row(row: ClubEvent) -> Event:
    return Event(
        date=row.date,
        type=row.type,
        member=row.member,
        enterprise=row.enterprise,
        instrument=row.instrument or None,
        amount=from_cents(row.amount_cents) if row.amount_cents is not None else None,
        rate=Decimal(row.rate) if row.rate else None,
        term=row.term,
        grace=row.grace,
        method=row.method or None,
        first_due=row.first_due,
        reference=row.reference,
        note=row.note,
    )


def new_book(club: Club) -> ClubBook:
    return ClubBook(
        policy=club.share_policy,
        currency=club.currency,
        initial_unit_value=from_cents(club.initial_unit_value_cents),
        name=club.name,
    )


#: The `ClubEvent` columns an `Event` is made of, in `event_from_values`' order.
EVENT_COLUMNS = (
    "date", "type", "member", "enterprise", "instrument", "amount_cents", "rate", "term",
    "grace", "method", "first_due", "reference", "note",
)


def event_from_values(values: Sequence[Any]) -> Event:
    """The event of a row read as `values_list(*EVENT_COLUMNS)`: plain tuples, not model
    instances, because a statement replays every event of the club."""
    (day, kind, member, enterprise, instrument, cents, rate, term, grace, method, first_due,
     reference, note) = values
    return Event(
        date=day, type=kind, member=member, enterprise=enterprise,
        instrument=instrument or None,
        amount=from_cents(cents) if cents is not None else None,
        rate=Decimal(rate) if rate else None, term=term, grace=grace,
        method=method or None, first_due=first_due, reference=reference, note=note,
    )


def effective_events(
    club: Club, *, as_of: date | None = None, after_seq: int = 0
) -> list[Event]:
    """The club's events in journal order, without reversed ones (and up to a date; and only
    those after `seq` `after_seq`, the last one a checkpoint holds)."""
    rows = ClubEvent.objects.filter(club=club, reversal__isnull=True).order_by("seq")
    if as_of is not None:
        rows = rows.filter(date__lte=as_of)
    if after_seq:
        rows = rows.filter(seq__gt=after_seq)
    return [event_from_values(values) for values in rows.values_list(*EVENT_COLUMNS)]


def book_start(club: Club, *, on_or_before: date | None = None) -> tuple[ClubBook, int]:
    """Where a replay up to `on_or_before` (None: to the end) can start: the book of the
    club's latest checkpoint on or before that day and the last `seq` it holds, or a new
    book and 0. Replaying `effective_events(club, as_of=…, after_seq=that seq)` onto it gives
    exactly the full replay (docs/performance.md, "Book checkpoints", has the proof)."""
    checkpoints = BookCheckpoint.objects.filter(club=club)
    if on_or_before is not None:
        checkpoints = checkpoints.filter(as_of__lte=on_or_before)
    found = checkpoints.order_by("-as_of").values_list("last_seq", "state").first()
    if found is not None:
        book = checkpoint_book(club, found[1])
        if book is not None:
            return book, found[0]
    return new_book(club), 0


def checkpoint_book(club: Club, state: bytes | memoryview) -> ClubBook | None:
    """The book a checkpoint of the club stored, or None when it cannot serve (another format,
    a damaged row, or rules that are not the club's): the caller replays from the start."""
    try:
        book = ClubBook.from_state(state)
    except ValueError:
        return None
    if (book.policy, book.currency, to_cents(book.initial_unit_value)) != (
            club.share_policy, club.currency, club.initial_unit_value_cents):
        return None
    book.name = club.name
    return book


def load_book(club: Club, *, as_of: date | None = None) -> ClubBook:
    book, after_seq = book_start(club, on_or_before=as_of)
    apply = book.apply
    for event in effective_events(club, as_of=as_of, after_seq=after_seq):
        apply(event)
    return book


# The stages of a club's life ------------------------------------------------------------


def club_stage_on(club: Club, on: date) -> ClubStage | None:
    """The stage in force on a date: the latest by `since` (then by when it was recorded).

    Before the first stage's date, the first stage. None for a club without a history.
    """
    stages = list(ClubStage.objects.filter(club=club).order_by("since", "id"))
    in_force = [s for s in stages if s.since <= on]
    if in_force:
        return in_force[-1]
    return stages[0] if stages else None
