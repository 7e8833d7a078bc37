"""Random club lives through the services and the database (Hypothesis stateful test).

Joins, contributions, investments (equity and advances), repayments of advances,
valuations, expenses, income, reversals of the latest event, exits and a dissolution, in
random order. After every step: a refused event stored nothing; the stored ledger equals the
replay of the stored events and the chains hold (`club_problems`, what `verify_ledger` runs);
the NAV identity holds and members' values add up to NAV (each value is rounded on its own to
the cent, spec §8, so the sum may differ from NAV by at most half a cent per member); after
the dissolution the payouts add up exactly to the cash the club had.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from microfuture.clubs.core import Event, from_cents, to_cents
from microfuture.clubs.models import Club, ClubEvent, EventReversal
from microfuture.clubs.selectors import club_problems, club_statement
from microfuture.clubs.services import (
    ClubError,
    club_create,
    club_record_events,
    club_reverse_event,
)
from microfuture.ledger.models import JournalEntry

pytestmark = pytest.mark.django_db

NAMES = ["Ana", "Bor", "Cene", "Dana"]
ENTERPRISES = ["Pekarna", "Mizarstvo"]
cents = st.integers(min_value=1, max_value=500_000)


def life_machine(admin: Any) -> type[RuleBasedStateMachine]:
    class ClubLife(RuleBasedStateMachine):
        counter = 0

        def __init__(self) -> None:
            super().__init__()
            ClubLife.counter += 1
            self.club = club_create(
                name=f"Life {ClubLife.counter}", region="SI041", start_date=date(2024, 1, 1),
                status=Club.Status.ACTIVE, created_by=admin,
            )
            self.day = date(2024, 1, 1)
            self.dissolved_cash: int | None = None

        def record(self, **fields: Any) -> bool:
            self.day += timedelta(days=1)
            before = (ClubEvent.objects.count(), JournalEntry.objects.count())
            try:
                club_record_events(club=self.club, recorded_by=admin, history=True,
                                   events=[Event(date=self.day, **fields)])
            except ClubError:
                assert (ClubEvent.objects.count(), JournalEntry.objects.count()) == before
                return False
            return True

        def statement(self) -> dict[str, Any]:
            return club_statement(self.club, as_of=self.day)

        @rule(name=st.sampled_from(NAMES))
        def join(self, name: str) -> None:
            self.record(type="join", member=name)

        @rule(name=st.sampled_from(NAMES), amount=cents)
        def contribute(self, name: str, amount: int) -> None:
            self.record(type="contribution", member=name, amount=from_cents(amount))

        @rule(enterprise=st.sampled_from(ENTERPRISES), amount=cents,
              instrument=st.sampled_from(["equity", "advance"]))
        def invest(self, enterprise: str, amount: int, instrument: str) -> None:
            self.record(type="investment", enterprise=enterprise, instrument=instrument,
                        amount=from_cents(amount))

        @rule(enterprise=st.sampled_from(ENTERPRISES), amount=cents)
        def repay(self, enterprise: str, amount: int) -> None:
            self.record(type="repayment", enterprise=enterprise, amount=from_cents(amount))

        @rule(enterprise=st.sampled_from(ENTERPRISES), amount=st.integers(0, 1_000_000))
        def revalue(self, enterprise: str, amount: int) -> None:
            self.record(type="valuation", enterprise=enterprise, amount=from_cents(amount))

        @rule(amount=cents, kind=st.sampled_from(["expense", "income"]))
        def expense_or_income(self, amount: int, kind: str) -> None:
            self.record(type=kind, amount=from_cents(amount))

        @rule(name=st.sampled_from(NAMES))
        def exit(self, name: str) -> None:
            self.record(type="exit", member=name)

        @rule()
        def reverse_latest(self) -> None:
            row = (ClubEvent.objects.filter(club=self.club, reversal__isnull=True)
                   .order_by("-seq").first())
            if row is None:
                return
            before = EventReversal.objects.count()
            try:
                club_reverse_event(club=self.club, event=row, reason="test",
                                   reversed_by=admin, on=self.day)
            except ClubError:
                assert EventReversal.objects.count() == before
            self.club.refresh_from_db()

        @precondition(lambda self: self.dissolved_cash is None)
        @rule()
        def dissolve(self) -> None:
            cash = to_cents(Decimal(self.statement()["cash"]))
            if self.record(type="dissolve"):
                self.dissolved_cash = cash
            self.club.refresh_from_db()

        @invariant()
        def books_agree(self) -> None:
            assert club_problems(self.club) == []
            stmt = self.statement()
            nav = to_cents(Decimal(stmt["nav"]))
            cash = to_cents(Decimal(stmt["cash"]))
            holdings = to_cents(Decimal(stmt["holdings_value"]))
            assert nav == cash + holdings
            values = [to_cents(Decimal(m["value"])) for m in stmt["members"]]
            assert abs(sum(values) - nav) * 2 <= len(values) or sum(values) == 0
            if self.dissolved_cash is not None:
                paid = sum(to_cents(Decimal(m["paid_out"])) for m in stmt["members"])
                exits = sum(
                    e.amount_cents or 0 for e in ClubEvent.objects.filter(
                        club=self.club, type="exit", reversal__isnull=True)
                )
                assert paid - exits == self.dissolved_cash

    return ClubLife


def test_random_club_lives_keep_the_books(admin: Any) -> None:
    machine = life_machine(admin)
    machine.TestCase.settings = settings(
        max_examples=20, stateful_step_count=15, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    machine.TestCase().runTest()
