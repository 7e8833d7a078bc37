"""Every mechanism of the answer carries `verified_on` and `stale` (spec §5, issue 11 §5).

Stale: not checked by a curator in the 12 months before `on` (counted from `on`), or never.
Staleness changes neither the verdict nor the place of a mechanism.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microfuture.finder.core import match, match_json
from microfuture.finder.mechanism import Mechanism, Profile
from microfuture.finder.tests.test_core_properties import mechanisms, profiles
from microfuture.kernel.text import Bilingual

ON = date(2026, 12, 1)


def mech(slug: str, **fields: object) -> Mechanism:
    return Mechanism(slug=slug, name=Bilingual(slug, slug), provider="p", kind="grant",
                     countries=("SI",), **fields)  # type: ignore[arg-type]


def entries(out: dict) -> dict[str, dict]:
    return {e["mechanism"]: e for group in ("eligible", "possible", "near_misses", "closed")
            for e in out[group]}


@pytest.mark.parametrize(("verified_on", "on", "stale"), [
    (date(2025, 12, 1), date(2026, 12, 1), False),  # exactly 12 months before: still fresh
    (date(2025, 11, 30), date(2026, 12, 1), True),
    (date(2026, 11, 30), date(2026, 12, 1), False),
    (date(2026, 12, 5), date(2026, 12, 1), False),  # checked after `on`: fresh
    (date(2023, 2, 28), date(2024, 2, 29), False),  # 29 February counts back to 28 February
    (date(2023, 2, 27), date(2024, 2, 29), True),
    (None, date(2026, 12, 1), True),  # never checked
])
def test_stale_counted_from_on(verified_on: date | None, on: date, stale: bool) -> None:
    out = match_json(match([mech("m", verified_on=verified_on)], Profile(country="SI", on=on)))
    (entry,) = out["eligible"]
    assert entry["stale"] is stale
    assert entry["verified_on"] == (verified_on.isoformat() if verified_on else None)


def test_every_group_carries_it() -> None:
    catalogue = [
        mech("eligible", verified_on=date(2026, 6, 1)),
        mech("possible", amount_min=Decimal(1000), verified_on=date(2024, 6, 1)),
        mech("near", entity_types=("company",)),
        mech("closed", open_until=date(2025, 1, 1), verified_on=date(2026, 1, 1)),
    ]
    out = match_json(match(catalogue, Profile(country="SI", entity_type="individual", on=ON)))
    got = {slug: (e["verified_on"], e["stale"]) for slug, e in entries(out).items()}
    assert got == {"eligible": ("2026-06-01", False), "possible": ("2024-06-01", True),
                   "near": (None, True), "closed": ("2026-01-01", False)}


@settings(max_examples=150, deadline=None)
@given(st.lists(mechanisms, max_size=6), profiles,
       st.lists(st.none() | st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 1, 1)),
                min_size=6, max_size=6))
def test_staleness_changes_no_verdict_and_no_place(
    ms: list[Mechanism], profile: Profile, checks: list[date | None]
) -> None:
    profile = replace(profile, on=ON)
    plain = match_json(match(ms, profile))
    dated = [replace(m, verified_on=d) for m, d in zip(ms, checks[:len(ms)], strict=True)]
    checked = match_json(match(dated, profile))

    def without(out: dict) -> dict:
        return {g: [{k: v for k, v in e.items() if k not in ("verified_on", "stale")}
                    for e in out[g]] for g in ("eligible", "possible", "near_misses", "closed")}

    assert without(plain) == without(checked)
