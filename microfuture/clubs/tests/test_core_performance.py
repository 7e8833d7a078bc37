"""A 100,000-event journal must replay, and import, in a few seconds (spec: clubs keep
decades of history; the statement replays it on every request).

Measured on the 2-core development box: replay ≈ 1 s, export ≈ 0.5 s, import check ≈ 2.5 s.
The bounds below are loose so that a slow CI runner does not fail for the wrong reason.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from decimal import Decimal

from microfuture.clubs.core import (
    ClubBook,
    Event,
    build_statement,
    format_journal,
    parse_journal,
)

N = 100_000


def big_journal() -> list[Event]:
    events: list[Event] = []
    day = date(2000, 1, 1)
    members = [f"Member {i}" for i in range(20)]
    for name in members:
        events.append(Event(date=day, type="join", member=name, reference=f"j-{name}"))
    n = 0
    while len(events) < N:
        day += timedelta(days=1)
        n += 1
        for k, name in enumerate(members[:10]):
            events.append(
                Event(
                    date=day,
                    type="contribution",
                    member=name,
                    amount=Decimal(100 + (n * 7 + k) % 997) / 100,
                    reference=f"c-{n}-{k}",
                )
            )
        events.append(Event(date=day, type="expense", amount=Decimal("0.35"), reference=f"x-{n}"))
        if n % 30 == 0:
            events.append(
                Event(
                    date=day,
                    type="investment",
                    enterprise=f"Coop {n}",
                    instrument="loan",
                    amount=Decimal("500.00"),
                    rate=Decimal("4.5"),
                    term=6,
                    grace=1,
                    reference=f"l-{n}",
                )
            )
            events.append(
                Event(
                    date=day,
                    type="investment",
                    enterprise=f"Coop {n}",
                    instrument="equity",
                    amount=Decimal("20.00"),
                    reference=f"e-{n}",
                )
            )
        if n % 30 == 15 and n > 30:
            events.append(
                Event(
                    date=day,
                    type="valuation",
                    enterprise=f"Coop {n - 15}",
                    instrument="equity",
                    amount=Decimal("21.50"),
                    reference=f"v-{n}",
                )
            )
            events.append(
                Event(
                    date=day,
                    type="repayment",
                    enterprise=f"Coop {n - 15}",
                    instrument="loan",
                    amount=Decimal("100.00"),
                    reference=f"r-{n}",
                )
            )
    return events[:N]


def test_replay_and_import_of_100k_events_take_seconds() -> None:
    events = big_journal()
    t0 = time.perf_counter()
    book = ClubBook()
    for event in events:
        book.apply(event)
    replay_seconds = time.perf_counter() - t0
    assert book.event_count == N

    t0 = time.perf_counter()
    text = format_journal(events)
    result = parse_journal(text)
    import_seconds = time.perf_counter() - t0
    assert result.errors == [] and len(result.events) == N

    t0 = time.perf_counter()
    stmt = build_statement(events, as_of=events[-1].date, club="Big")
    statement_seconds = time.perf_counter() - t0
    assert stmt["nav"] == book.nav().to_eng_string()
    assert replay_seconds < 15 and import_seconds < 30 and statement_seconds < 15, (
        replay_seconds,
        import_seconds,
        statement_seconds,
    )
