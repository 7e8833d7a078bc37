"""Book checkpoints: a club's book stored at each closed month end (`BookCheckpoint`), so a
statement, a close or a page replays only the events after it (`clubs.books.load_book`).

`checkpoint_months` stores the missing ones; the writes in `money` delete those a new event or a
reversal reaches behind; `selectors_checkpoints.checkpoint_problems` (run by `verify_ledger`)
compares each with a full replay. docs/performance.md, "Book checkpoints".
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from microfuture.clubs.books import book_start, event_from_row
from microfuture.clubs.models import BookCheckpoint, Club, ClubEvent

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _last_day(year: int, month: int) -> int:
    return 29 if month == 2 and calendar.isleap(year) else _DAYS_IN_MONTH[month - 1]


def month_end(day: date) -> date:
    return day.replace(day=_last_day(day.year, day.month))


def month_ends(first: date, last: date) -> list[date]:
    """Every month end from `first`'s month to `last` (both included when they are ends).
    A close asks this for every club (sixty months each at five years), so it counts months
    rather than stepping through `calendar`'s weeks."""
    ends = []
    year, month = first.year, first.month
    while (end := date(year, month, _last_day(year, month))) <= last:
        ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ends


@transaction.atomic
def checkpoint_months(club: Club, *, up_to: date | None = None) -> int:
    """Store the club's missing checkpoints at the month ends up to `up_to` (default: the last
    one before today) that have passed; returns how many were stored.

    Under the club's lock, like every write of its books, so no event or reversal can slip in
    between the replay and the stored checkpoint. Month ends before the club's first event
    get none (there is nothing to hold).
    """
    locked = Club.objects.select_for_update().get(pk=club.pk)
    yesterday = timezone.localdate() - timedelta(days=1)
    last = min(up_to, yesterday) if up_to is not None else yesterday
    ends = month_ends(locked.start_date, last)
    if not ends:
        return 0
    have = set(BookCheckpoint.objects.filter(club=locked, as_of__in=ends)
               .values_list("as_of", flat=True))
    missing = [end for end in ends if end not in have]
    if not missing:
        return 0
    book, last_seq = book_start(locked, on_or_before=missing[0])
    rows = (ClubEvent.objects.filter(club=locked, reversal__isnull=True, seq__gt=last_seq,
                                     date__lte=missing[-1])
            .order_by("seq"))
    events = [(row.seq, event_from_row(row)) for row in rows]
    index = 0
    stored = []
    for end in ends:
        if end < missing[0]:
            continue
        # The book refuses an event dated before its last one, so the events up to `end` are
        # a prefix of the journal: everything after `last_seq` is dated after `end`.
        while index < len(events) and events[index][1].date <= end:
            seq, event = events[index]
            book.apply(event)
            last_seq = seq
            index += 1
        if end in have or book.event_count == 0:
            continue
        stored.append(BookCheckpoint(club=locked, as_of=end, last_seq=last_seq,
                                     events=book.event_count, state=book.state()))
    BookCheckpoint.objects.bulk_create(stored)
    return len(stored)
