"""The pure rules of keeping the catalogue true: stale after 12 months, a product's calls on a
day (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from microfuture.finder.freshness import call_state, is_stale, product_view
from microfuture.finder.mechanism import Mechanism
from microfuture.kernel.text import Bilingual


def test_an_entry_is_stale_when_not_checked_in_the_12_months_before_the_day() -> None:
    assert not is_stale(date(2025, 12, 1), date(2026, 12, 1))
    assert is_stale(date(2025, 12, 1), date(2026, 12, 2))
    assert is_stale(None, date(2026, 12, 1))
    assert not is_stale(date(2026, 12, 5), date(2026, 12, 1))  # checked after the question
    # 29 February counts back to 28 February.
    assert not is_stale(date(2023, 2, 28), date(2024, 2, 29))
    assert is_stale(date(2023, 2, 27), date(2024, 2, 29))


def call(slug: str, start: str | None, end: str | None) -> Mechanism:
    return Mechanism(slug=slug, name=Bilingual(sl=slug, en=slug), provider="sef", kind="microloan",
                     product="p7", standing=start is None and end is None,
                     open_from=date.fromisoformat(start) if start else None,
                     open_until=date.fromisoformat(end) if end else None)


CALLS = [call("p7-2024", "2024-03-01", "2024-04-08"), call("p7-2025", "2025-03-01", "2025-10-31"),
         call("p7-2026", "2026-03-01", "2026-12-31"), call("p7-2027", "2027-03-01", "2027-12-31")]


@pytest.mark.parametrize(("on", "main", "state", "past"), [
    ("2026-06-01", "p7-2026", "open", ["p7-2025", "p7-2024"]),
    ("2027-01-15", "p7-2027", "upcoming", ["p7-2026", "p7-2025", "p7-2024"]),
    ("2028-01-01", "p7-2027", "past", ["p7-2026", "p7-2025", "p7-2024"]),
    ("2024-01-01", "p7-2024", "upcoming", []),
])
def test_the_product_shows_its_current_or_next_call_and_the_past_as_history(
        on: str, main: str, state: str, past: list[str]) -> None:
    view = product_view("p7", CALLS, date.fromisoformat(on))
    assert (view.main.slug, view.main_state) == (main, state)
    assert [m.slug for m in view.past] == past
    assert sorted(m.slug for m in view.calls) == sorted(m.slug for m in CALLS)


def test_an_open_call_comes_before_a_standing_offer_of_the_same_product() -> None:
    standing = call("p7", None, None)
    view = product_view("p7", [standing, *CALLS], date(2026, 6, 1))
    assert view.main.slug == "p7-2026" and [m.slug for m in view.standing] == ["p7"]
    assert call_state(standing, date(2026, 6, 1)) == "standing"
    assert product_view("p7", [standing, *CALLS], date(2027, 1, 1)).main.slug == "p7"
