"""A club's book: applies events under the rules of spec club-accounting §2–§6.

`ClubBook.apply` either applies every rule to an event and returns its balanced double-entry
posting, or raises `EventRejected` and leaves the book exactly as it was: each handler first
validates and computes everything into a plan, and only a plan that passed every check is
committed. State is kept incrementally (cash, holdings total, units outstanding, active weight,
ledger turnover per account), so an event costs O(1) apart from the loan instalments a repayment
walks over and the members a dissolution pays.

This module is the front: `ClubBook` puts the parts together and dispatches each event to its
handler. The parts, each a class `ClubBook` inherits:

    book_state.py   `BookState`: the book's fields, checkpoints (`state`, `from_state`,
                    `same_state`, `CHECKPOINT_FORMAT`) and the ledger's balances
    postings.py     the chart of accounts, `Leg`, `Posting` and the fast builders of postings
    rules.py        `BookRules`: the checks every event goes through, the shared look-ups
    members.py      `MemberEvents`: join, contribution, exit, dissolve; the members' queries
    holdings.py     `HoldingEvents`: investment, repayment, income, expense, valuation, sale,
                    write-off; the holdings' queries and loan schedules
    portfolio.py    `PortfolioQueries`: NAV, units, unit value, arrears, days past due, PAR30
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from .book_state import CHECKPOINT_FORMAT, POLICIES
from .errors import EventRejected, gettext_noop
from .events import Event, event_term
from .holdings import HoldingEvents, HoldingView
from .members import MemberEvents, MemberView
from .money import Money
from .portfolio import PortfolioQueries
from .postings import (
    ACCOUNT_CASH,
    ACCOUNT_EXPENSE,
    ACCOUNT_GAIN_REALISED,
    ACCOUNT_GAIN_UNREALISED,
    ACCOUNT_INCOME_INTEREST,
    ACCOUNT_INCOME_OTHER,
    Leg,
    Plan,
    Posting,
    capital_account,
    holding_account,
)

__all__ = [
    "ACCOUNT_CASH",
    "ACCOUNT_EXPENSE",
    "ACCOUNT_GAIN_REALISED",
    "ACCOUNT_GAIN_UNREALISED",
    "ACCOUNT_INCOME_INTEREST",
    "ACCOUNT_INCOME_OTHER",
    "CHECKPOINT_FORMAT",
    "POLICIES",
    "ClubBook",
    "HoldingView",
    "Leg",
    "MemberView",
    "Posting",
    "capital_account",
    "holding_account",
    "replay",
]


class ClubBook(MemberEvents, HoldingEvents, PortfolioQueries):
    """The state of one club, changed only through `apply`."""

    def apply(self, event: Event) -> Posting:
        """Apply one event: return its balanced legs, or raise EventRejected and change nothing."""
        posting, cash_change, commit = self._plan(event)
        # Nothing so far changed the book; from here on nothing may fail.
        commit()
        self._cash += cash_change  # (no commit touches cash)
        debits, credits = self._debits, self._credits
        for leg in posting:
            account = leg.account
            if leg.side == "D":
                debits[account] = debits.get(account, 0) + leg.cents
            else:
                credits[account] = credits.get(account, 0) + leg.cents
        reference = event.reference
        if reference:
            self._references.add(reference)
        self._last_date = event.date
        self._events += 1
        return posting

    def preview(self, event: Event) -> Posting:
        """The posting `apply` would make, or EventRejected; the book is never changed."""
        return self._plan(event)[0]

    def _plan(self, event: Event) -> Plan:
        self._check_common(event)
        plan = self._HANDLERS[event.type](self, event)
        cash_change = plan[1]
        if self._cash + cash_change < 0:
            raise EventRejected(
                gettext_noop(
                    "cash would go negative: the club has {cash} {currency} "
                    "and this {event} needs {needed}"
                ),
                cash=Money(self._cash),
                currency=self.currency,
                event=event_term(event.type, text=event.type.replace("_", "-")),
                needed=Money(-cash_change),
            )
        return plan

    def apply_all(self, events: Iterable[Event]) -> None:
        for event in events:
            self.apply(event)

    _HANDLERS: dict[str, Callable[[ClubBook, Event], Plan]] = {
        "join": MemberEvents._join,
        "contribution": MemberEvents._contribution,
        "investment": HoldingEvents._investment,
        "repayment": HoldingEvents._repayment,
        "income": HoldingEvents._income,
        "expense": HoldingEvents._expense,
        "valuation": HoldingEvents._valuation,
        "sale": HoldingEvents._sale,
        "write_off": HoldingEvents._write_off,
        "exit": MemberEvents._exit,
        "dissolve": MemberEvents._dissolve,
    }


def replay(
    events: Iterable[Event],
    *,
    policy: str = "units",
    currency: str = "EUR",
    initial_unit_value: Decimal = Decimal("10.00"),
    name: str = "",
    until: date | None = None,
) -> ClubBook:
    """A new book with `events` applied in order (only those dated on or before `until`)."""
    book = ClubBook(
        policy=policy, currency=currency, initial_unit_value=initial_unit_value, name=name
    )
    apply = book.apply
    if until is None:
        for event in events:
            apply(event)
    else:
        for event in events:
            if event.date <= until:
                apply(event)
    return book
