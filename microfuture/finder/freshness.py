"""Keeping the catalogue true (spec finance-finder §5): the pure rules, no ORM and no I/O.

- A mechanism is **stale** on a day when no curator checked it in the 12 months before that
  day: it was never checked, or its `verified_on` is earlier than the same calendar day one
  year before (29 February counts back to 28 February). It keeps its verdict and its place;
  pages and the API only say "confirm with the provider".
- A **product with calls**: mechanisms that share `product` are one product. On a day, each
  call is `open` (inside its window), `upcoming` (opens later) or `past` (closed); a mechanism
  without a window is `standing`. The page shows the current call (or the next one) and the
  past calls as history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from microfuture.finder.mechanism import Mechanism

STALE_AFTER_MONTHS = 12
CLOSING_SOON_DAYS = 30

State = Literal["standing", "open", "upcoming", "past"]


def year_before(on: date) -> date:
    """The same calendar day one year earlier (28 February for 29 February)."""
    try:
        return on.replace(year=on.year - 1)
    except ValueError:
        return on.replace(year=on.year - 1, day=28)


def is_stale(verified_on: date | None, on: date) -> bool:
    return verified_on is None or verified_on < year_before(on)


def call_state(mechanism: Mechanism, on: date) -> State:
    start, end = mechanism.open_from, mechanism.open_until
    if start is None and end is None:
        return "standing"
    if start is not None and on < start:
        return "upcoming"
    if end is not None and on > end:
        return "past"
    return "open"


def product_key(mechanism: Mechanism) -> str:
    """The slug of the product a mechanism belongs to (its own slug when it names none)."""
    return mechanism.product or mechanism.slug


@dataclass(frozen=True)
class ProductView:
    """One product on a day: what to show first, and the rest of its calls."""

    slug: str
    main: Mechanism  # the standing offer, the open call, the next call or the latest past one
    main_state: State
    open_calls: tuple[Mechanism, ...] = ()  # besides `main`
    upcoming: tuple[Mechanism, ...] = ()  # besides `main`
    past: tuple[Mechanism, ...] = ()  # newest first
    standing: tuple[Mechanism, ...] = field(default=())  # besides `main`

    @property
    def calls(self) -> tuple[Mechanism, ...]:
        return (self.main, *self.standing, *self.open_calls, *self.upcoming, *self.past)


def _end(m: Mechanism) -> date:
    return m.open_until or date.max


def _start(m: Mechanism) -> date:
    return m.open_from or date.min


def product_view(slug: str, mechanisms: Sequence[Mechanism], on: date) -> ProductView:
    """The product's mechanisms (not empty) as its page shows them on `on`.

    First an open call (the one that closes first), else a standing offer, else the next
    call (the one that opens first), else the latest past call (closed: "watch for a new one").
    """
    if not mechanisms:
        raise ValueError("a product has at least one mechanism")
    by_state: dict[State, list[Mechanism]] = {"standing": [], "open": [], "upcoming": [],
                                              "past": []}
    for m in mechanisms:
        by_state[call_state(m, on)].append(m)
    by_state["open"].sort(key=lambda m: (_end(m), m.slug))
    by_state["standing"].sort(key=lambda m: m.slug)
    by_state["upcoming"].sort(key=lambda m: (_start(m), m.slug))
    by_state["past"].sort(key=lambda m: (_end(m), m.slug), reverse=True)
    order: tuple[State, ...] = ("open", "standing", "upcoming", "past")
    main_state = next(state for state in order if by_state[state])
    main = by_state[main_state].pop(0)
    return ProductView(
        slug=slug, main=main, main_state=main_state,
        open_calls=tuple(by_state["open"]), upcoming=tuple(by_state["upcoming"]),
        past=tuple(by_state["past"]), standing=tuple(by_state["standing"]),
    )


def products(mechanisms: Iterable[Mechanism]) -> dict[str, list[Mechanism]]:
    """Mechanisms grouped by product key, in the order given."""
    grouped: dict[str, list[Mechanism]] = {}
    for m in mechanisms:
        grouped.setdefault(product_key(m), []).append(m)
    return grouped
