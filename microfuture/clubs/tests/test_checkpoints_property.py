"""Property: for random club journals, with checkpoints made at random moments (also at month
ends after the latest event, so later events land behind them) and random corrections
(reversals of any event, events on later days), every statement read through the checkpoints
equals the full replay's to the cent, at every month end and at random days, for the club and
for each member; and every checkpoint left equals a full replay (`club_problems`).
"""

from __future__ import annotations

import contextlib
import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from microfuture.clubs.core import Event, from_cents
from microfuture.clubs.models import BookCheckpoint, Club, ClubEvent, Member
from microfuture.clubs.selectors import club_problems, club_statement, member_statement
from microfuture.clubs.services import (
    ClubError,
    club_create,
    club_record_events,
    club_reverse_event,
)
from microfuture.clubs.services.checkpoints import checkpoint_months, month_end, month_ends
from microfuture.clubs.tests.test_books_stateful import ENTERPRISES, NAMES, cents

pytestmark = pytest.mark.django_db

START = date(2024, 1, 1)

steps = st.one_of(
    st.tuples(st.just("join"), st.sampled_from(NAMES)),
    st.tuples(st.just("contribution"), st.sampled_from(NAMES), cents),
    st.tuples(st.just("contribution"), st.sampled_from(NAMES), cents),
    st.tuples(st.just("loan"), st.sampled_from(ENTERPRISES), cents, st.integers(2, 12)),
    st.tuples(st.just("equity"), st.sampled_from(ENTERPRISES), cents),
    st.tuples(st.just("repayment"), st.sampled_from(ENTERPRISES), cents),
    st.tuples(st.just("valuation"), st.sampled_from(ENTERPRISES), st.integers(0, 800_000)),
    st.tuples(st.just("exit"), st.sampled_from(NAMES)),
    st.tuples(st.just("reverse"), st.integers(0, 10_000)),
    st.tuples(st.just("checkpoint"), st.integers(0, 45)),
    st.tuples(st.just("checkpoint"), st.integers(0, 45)),
)
journal = st.lists(st.tuples(st.integers(0, 12), steps), min_size=3, max_size=30)


def event_of(day: date, step: tuple[Any, ...]) -> Event:
    kind = step[0]
    if kind == "join":
        return Event(date=day, type="join", member=step[1])
    if kind == "contribution":
        return Event(date=day, type="contribution", member=step[1], amount=from_cents(step[2]))
    if kind == "loan":
        return Event(date=day, type="investment", enterprise=step[1], instrument="loan",
                     amount=from_cents(step[2]), rate=Decimal("0.09"), term=step[3])
    if kind == "equity":
        return Event(date=day, type="investment", enterprise=step[1], instrument="equity",
                     amount=from_cents(step[2]))
    if kind in ("repayment", "valuation"):
        return Event(date=day, type=kind, enterprise=step[1], amount=from_cents(step[2]))
    return Event(date=day, type="exit", member=step[1])


def statements(club: Club, days: list[date]) -> list[str]:
    members = list(Member.objects.filter(club=club).order_by("name"))
    out = []
    for day in days:
        out.append(json.dumps(club_statement(club, as_of=day), sort_keys=True, default=str))
        for member in members:
            out.append(json.dumps(member_statement(club, member, as_of=day),
                                  sort_keys=True, default=str))
    return out


_counter = [0]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(policy=st.sampled_from(["units", "contributions"]), steps=journal,
       probes=st.lists(st.integers(0, 400), max_size=4))
def test_statements_through_checkpoints_equal_the_full_replay(
        admin: Any, policy: str, steps: list[tuple[int, tuple[Any, ...]]],
        probes: list[int]) -> None:
    _counter[0] += 1
    club = club_create(name=f"Lastnost {_counter[0]}", region="SI041", start_date=START,
                       status=Club.Status.ACTIVE, share_policy=policy, created_by=admin)
    club_record_events(club=club, recorded_by=admin, history=True, events=[
        Event(date=START, type="join", member=name) for name in NAMES[:2]])
    day = START
    for gap, step in steps:
        day += timedelta(days=gap)
        if step[0] == "checkpoint":
            checkpoint_months(club, up_to=day + timedelta(days=step[1]))
            continue
        before = BookCheckpoint.objects.filter(club=club).count()
        if step[0] == "reverse":
            rows = list(ClubEvent.objects.filter(club=club, reversal__isnull=True))
            if rows:
                with contextlib.suppress(ClubError):
                    club_reverse_event(club=club, event=rows[step[1] % len(rows)],
                                       reason="test", reversed_by=admin, on=day)
                club.refresh_from_db()
                if BookCheckpoint.objects.filter(club=club).count() < before:
                    event("checkpoints deleted by a reversal")
            continue
        with contextlib.suppress(ClubError):
            club_record_events(club=club, recorded_by=admin, history=True,
                               events=[event_of(day, step)])
        club.refresh_from_db()
        if BookCheckpoint.objects.filter(club=club).count() < before:
            event(f"checkpoints deleted by a {step[0]}")
    checkpoint_months(club, up_to=day)
    assert club_problems(club) == []  # every checkpoint left is the full replay
    days = [*month_ends(START, day + timedelta(days=40)),
            *(START + timedelta(days=p) for p in probes)]
    through_checkpoints = statements(club, days)
    BookCheckpoint.objects.filter(club=club).delete()
    assert statements(club, days) == through_checkpoints


@given(first=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
       days=st.integers(min_value=-40, max_value=5000))
def test_month_ends_are_every_last_day_of_a_month_between_the_two_days(
        first: date, days: int) -> None:
    last = first + timedelta(days=days)
    ends = month_ends(first, last)
    # Independently: every day from the first's month start to `last` that is followed by
    # the first of a month.
    start = first.replace(day=1)
    expected = [start + timedelta(n) for n in range(max((last - start).days + 1, 0))
                if (start + timedelta(n + 1)).day == 1]
    assert ends == expected
    assert all(month_end(end) == end for end in ends)
