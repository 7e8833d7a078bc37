"""The criteria registry (issue 11 §0): one record per criterion, and a core without a clock.

Every criterion of `CRITERIA` is one `Criterion` record in `core.REGISTRY`, in the same
order, and judging reads no clock: the same profile and the same `on` give the same answer,
and no call to `date.today`, `datetime.now` or `time.time` happens while the core judges.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microfuture.finder.core import REGISTRY, evaluate, match, match_json, questions_for
from microfuture.finder.mechanism import CRITERIA, Mechanism, Profile
from microfuture.finder.tests.test_core_properties import mechanisms, profiles
from microfuture.kernel.text import Bilingual

CLOCKS = {"today", "now", "utcnow", "time", "time_ns", "localtime", "monotonic"}


@contextmanager
def clock_watch() -> Iterator[list[str]]:
    """Every call of a clock function (a C function named today, now, time…) while inside."""
    calls: list[str] = []

    def watch(frame: FrameType, event: str, arg: Any) -> None:
        if event == "c_call" and getattr(arg, "__name__", "") in CLOCKS:
            calls.append(f"{getattr(arg, '__qualname__', arg)}")

    sys.setprofile(watch)
    try:
        yield calls
    finally:
        sys.setprofile(None)


def test_one_record_per_criterion_in_catalogue_order() -> None:
    assert [c.name for c in REGISTRY] == list(CRITERIA)
    assert len({c.name for c in REGISTRY}) == len(REGISTRY)


@given(st.permutations(CRITERIA))
def test_each_criterion_name_finds_its_own_question(names: list[str]) -> None:
    by_name = {c.name: c for c in REGISTRY}
    for name in names:
        record = by_name[name]
        assert record.name == name
        assert questions_for(name) == record.question  # every criterion asks its own question


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mechanisms, max_size=6), profiles,
       st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_judging_never_reads_the_clock(ms: list[Mechanism], profile: Profile, on: date) -> None:
    with clock_watch() as calls:
        first = match_json(match(ms, profile, on=on))
        for m in ms:
            [r.message for r in evaluate(m, profile, on=on).results]  # the wording too
    assert calls == []
    assert match_json(match(ms, profile, on=on)) == first  # same `on`, same answer


def test_the_profiles_date_wins_and_no_date_is_no_clock() -> None:
    m = Mechanism(slug="call", name=Bilingual("Razpis", "Call"), provider="p", kind="grant",
                  open_from=date(2026, 1, 1), open_until=date(2026, 12, 31))
    inside = match([m], Profile(on=date(2026, 6, 1)), on=date(2027, 6, 1))
    assert [e.mechanism.slug for e in inside.eligible] == ["call"]  # the profile's own date
    assert match([m], Profile(), on=date(2027, 6, 1)).closed[0].mechanism.slug == "call"
    with clock_watch() as calls:
        undated = match([m], Profile())
    assert calls == []
    assert undated.on is None and [e.mechanism.slug for e in undated.closed] == ["call"]
    assert match_json(undated)["on"] is None
