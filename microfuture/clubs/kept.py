"""What the clubs' data gives many readers alike, kept until the books change
(docs/performance.md, "Figures kept until the books change"): the platform's and the regions'
figures (`impact.selectors.areas_on`, `impact.selectors_outcomes.outcomes_in_period`) and the
finder's list of a region's clubs (`finder.matching.club_offers`).

The figures of a set of clubs on a date are a function of the clubs' journals (events and
reversals), their stages and the clubs themselves (seat, founding): stored snapshot rows only
save the replay, they never change an answer. So the sums of a thousand clubs, which take a
page tens of milliseconds to read and add up, are kept in each process under the date, the set
and the **journal mark**: one small read of

- the last event (its id and its hash, which seals the club's whole chain before it),
- the audit log's highest id: every other change of a club (its seat, its stage, its charter,
  an officer's role, a member's consent to show their name) and every report, mentoring
  session or volunteer entry writes an audit row, and audit rows are never deleted;
- the reversals, the stages, the clubs, their members, the enterprises, their reports, the
  mentoring sessions and the volunteer time: how many and the highest id (rows added or
  deleted).

Any write moves the mark, so the next page computes again; nothing is ever read stale. Only
answers computed outside a transaction are kept: one computed inside a transaction that is
rolled back afterwards would describe books that never were.

Only what every reader of a page sees alike is kept (sums, counts, the clubs open to projects
with their public contact); each reader asks their permission question first, and nothing
per person (a member's statement, a club's own pages) is kept.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db import connection

from microfuture.clubs.models import (
    AuditLog,
    Club,
    ClubEvent,
    ClubStage,
    Enterprise,
    EnterpriseReport,
    EventReversal,
    Member,
    MentoringSession,
    VolunteerTime,
)
from microfuture.kernel.request_memo import remembered

T = TypeVar("T")

#: How long an answer is kept when nothing changes (a new day needs none: the date is in the
#: key), and how many at most (dates and sets of clubs asked), so that a process does not hold
#: figures nobody asks for any more.
KEEP_SECONDS = 6 * 3600
KEEP_AT_MOST = 32

#: (key, journal mark) → (monotonic time it expires, value), oldest first. In the process, not
#: in `CACHES`: a platform's sums hold thousands of enterprise names, and unpickling them on
#: every page would cost most of what keeping them saves.
_kept: dict[tuple[Hashable, tuple[Any, ...]], tuple[float, Any]] = {}
_lock = threading.Lock()


#: Tables whose rows are counted in the mark (rows added or deleted); their changes in place
#: are audited.
_COUNTED = (EventReversal, ClubStage, Club, Member, Enterprise, EnterpriseReport,
            MentoringSession, VolunteerTime)


def journal_mark() -> tuple[Any, ...]:
    """What moves whenever anything a figure is computed from changes (module docstring)."""
    event = ClubEvent._meta.db_table
    counted = ", ".join(
        f"(SELECT COUNT(*) FROM {table}), (SELECT MAX(id) FROM {table})"  # noqa: S608
        for table in (model._meta.db_table for model in _COUNTED))
    with connection.cursor() as cursor:
        # One round trip; the names are the models' own tables, nothing anyone typed.
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {event}),"  # noqa: S608 - our table names
            f" (SELECT hash FROM {event} WHERE id = (SELECT MAX(id) FROM {event})),"
            f" (SELECT MAX(id) FROM {AuditLog._meta.db_table}), {counted}")
        return tuple(cursor.fetchone())


def kept(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` for `key` (its date and set of clubs), kept in this process while the
    journal mark is the one it was computed at. The value is shared: callers never change it."""
    name = (key, remembered(("journal_mark",), journal_mark))
    found = _kept.get(name)
    if found is not None and found[0] > time.monotonic():
        return found[1]  # type: ignore[no-any-return]
    value = compute()
    if not connection.in_atomic_block:
        with _lock:  # the development server answers in threads
            while len(_kept) >= KEEP_AT_MOST:
                _kept.pop(next(iter(_kept)))  # the oldest first
            _kept[name] = (time.monotonic() + KEEP_SECONDS, value)
    return value


def forget() -> None:
    """Drop every kept answer (tests start from none)."""
    with _lock:
        _kept.clear()
