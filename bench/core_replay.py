"""Benchmark: replay + statement of a 20-member club with 60 months of history (~1,400 events).

Run from the project root:  .venv/bin/python bench/core_replay.py [--fingerprint]
Prints the median of 50 runs of `replay(...)` + `statement_from_book(...)`; with
--fingerprint, also a SHA-256 of every posting and the statement, to check that an
optimisation changed nothing.
"""

from __future__ import annotations

import hashlib
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from microfuture.clubs.core import ClubBook, Event, replay, statement_from_book

MEMBERS = [f"Member {i:02d}" for i in range(20)]
MONTHS = 60
RUNS = 50


def _month(start: date, k: int, day: int) -> date:
    y, m = divmod(start.month - 1 + k, 12)
    return date(start.year + y, m + 1, day)


def club_events() -> list[Event]:
    start = date(2019, 1, 1)
    events: list[Event] = [
        Event(date=start, type="join", member=name, reference=f"j-{name}") for name in MEMBERS
    ]
    loans = {6: ("Bakery Coop", 12), 18: ("Tailors", 12), 36: ("Farm Shop", 12)}
    repaying: dict[str, int] = {}
    for k in range(MONTHS):
        for i, name in enumerate(MEMBERS):
            cents = 2000 + (k * 37 + i * 113) % 2001  # 20.00 – 40.00
            events.append(
                Event(
                    date=_month(start, k, 5),
                    type="contribution",
                    member=name,
                    amount=Decimal(cents) / 100,
                    reference=f"c-{k}-{i}",
                )
            )
        if k in loans:
            enterprise, term = loans[k]
            events.append(
                Event(
                    date=_month(start, k, 10),
                    type="investment",
                    enterprise=enterprise,
                    instrument="loan",
                    amount=Decimal("3000.00"),
                    rate=Decimal("12"),
                    term=term,
                    reference=f"loan-{enterprise}",
                )
            )
            repaying[enterprise] = term
        if k == 12:
            events.append(
                Event(
                    date=_month(start, k, 12),
                    type="investment",
                    enterprise="Solar Coop",
                    instrument="equity",
                    amount=Decimal("2500.00"),
                    reference="eq-solar",
                )
            )
        if k >= 12:
            events.append(
                Event(
                    date=_month(start, k, 16),
                    type="income",
                    enterprise="Solar Coop",
                    amount=Decimal(1000 + k) / 100,
                    reference=f"div-{k}",
                )
            )
        if k > 12 and k % 12 == 0:
            events.append(
                Event(
                    date=_month(start, k, 17),
                    type="valuation",
                    enterprise="Solar Coop",
                    amount=Decimal(2500 + 50 * k),
                    reference=f"val-{k}",
                )
            )
        for enterprise in list(repaying):
            events.append(
                Event(
                    date=_month(start, k, 20),
                    type="repayment",
                    enterprise=enterprise,
                    instrument="loan",
                    amount=Decimal("250.00"),
                    reference=f"rep-{enterprise}-{k}",
                )
            )
            repaying[enterprise] -= 1
            if repaying[enterprise] == 0:
                del repaying[enterprise]
        events.append(
            Event(
                date=_month(start, k, 25),
                type="expense",
                amount=Decimal("4.50"),
                reference=f"fee-{k}",
            )
        )
    return events


def fingerprint(events: list[Event], as_of: date) -> str:
    h = hashlib.sha256()
    book = ClubBook(name="Bench")
    for event in events:
        h.update(repr(book.apply(event)).encode())
    h.update(repr(statement_from_book(book, as_of=as_of)).encode())
    return h.hexdigest()


def main() -> None:
    events = club_events()
    as_of = events[-1].date
    totals, replays = [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        book = replay(events, name="Bench")
        t1 = time.perf_counter()
        statement_from_book(book, as_of=as_of)
        totals.append(time.perf_counter() - t0)
        replays.append(t1 - t0)
    print(
        f"{len(events)} events, replay + statement: median "
        f"{statistics.median(totals) * 1000:.2f} ms (min {min(totals) * 1000:.2f} ms), "
        f"replay alone: median {statistics.median(replays) * 1000:.2f} ms, over {RUNS} runs"
    )
    if "--fingerprint" in sys.argv:
        print("fingerprint", fingerprint(events, as_of))


if __name__ == "__main__":
    main()
