"""A club's holdings: investing, the repayments, income and valuations they bring, selling and
writing them off, the club's expenses, and the loan schedules held (spec club-accounting §2, §6).

Holdings are numbered 1, 2, … in opening order; a second investment in an open holding of the
same enterprise and instrument adds to it (never for a loan). A loan carries its fixed
schedule in cents, the earliest unpaid instalment and what was paid towards it, so that a
repayment walks only over the instalments it pays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .book_state import _Holding
from .errors import AccountingError, EventRejected, gettext_noop
from .events import INSTRUMENTS, LOAN_ONLY_FIELDS, Event, field_term, instrument_term
from .loans import LOAN_METHODS, Instalment, loan_schedule
from .money import D, Money, from_cents
from .postings import (
    ACCOUNT_CASH,
    ACCOUNT_EXPENSE,
    ACCOUNT_GAIN_REALISED,
    ACCOUNT_GAIN_UNREALISED,
    ACCOUNT_INCOME_INTEREST,
    ACCOUNT_INCOME_OTHER,
    Plan,
    holding_account,
    nothing,
    planned,
    transfer,
)
from .rules import BookRules

__all__ = ["HoldingEvents", "HoldingView"]


@dataclass(frozen=True, slots=True)
class HoldingView:
    """A holding as reported: money in integer cents; `principal_outstanding` None for equity."""

    id: int
    enterprise: str
    instrument: str
    reference: str
    opened: date
    cost: int
    carrying: int
    status: str
    principal_outstanding: int | None
    closed: date | None


def _skip_zero(dues: tuple[tuple[date, int, int], ...], cursor: int) -> int:
    # An instalment of 0.00 (tiny principal, zero rate) is never unpaid.
    while cursor < len(dues) and dues[cursor][1] + dues[cursor][2] == 0:
        cursor += 1
    return cursor


def _allocate(
    dues: tuple[tuple[date, int, int], ...], cursor: int, paid: int, amount: int
) -> tuple[int, int, int, int]:
    """Allocate a repayment over the schedule from the earliest unpaid instalment on:
    its interest, then its principal, then the next one. Returns (interest, principal,
    new cursor, paid towards the new cursor instalment)."""
    interest = principal = 0
    while amount > 0:
        _, due_interest, due_principal = dues[cursor]
        interest_left = max(due_interest - paid, 0)
        take_interest = min(amount, interest_left)
        principal_left = due_interest + due_principal - paid - interest_left
        take_principal = min(amount - take_interest, principal_left)
        interest += take_interest
        principal += take_principal
        amount -= take_interest + take_principal
        paid += take_interest + take_principal
        if paid == due_interest + due_principal:
            cursor = _skip_zero(dues, cursor + 1)
            paid = 0
    return interest, principal, cursor, paid


def _schedule_cents(value: Decimal) -> int:
    """`to_cents` of a schedule figure, which `loan_schedule` already rounded to the cent (so
    it is exact and cannot fail), read off its exact ratio instead of a 60-digit product."""
    numerator, denominator = value.as_integer_ratio()
    return numerator * 100 // denominator


def _remaining_on_schedule(h: _Holding) -> int:
    if h.cursor >= len(h.dues):
        return 0
    return h.owed_from[h.cursor] - h.paid_in_cursor


class HoldingEvents(BookRules):
    """The holdings' events (investment, repayment, income, expense, valuation, sale,
    write-off) and the queries about holdings and their schedules."""

    def _close(self, h: _Holding, status: str, on: date) -> Callable[[], None]:
        def commit() -> None:
            self._holdings_value -= h.carrying
            h.carrying = 0
            h.status = status
            h.closed = on
            del self._open[h.enterprise][h.instrument]
            if not self._open[h.enterprise]:
                del self._open[h.enterprise]

        return commit

    # --- the handlers: validate and plan, return (posting, change to cash, commit) ---

    def _investment(self, event: Event) -> Plan:
        if not event.enterprise:
            raise EventRejected(gettext_noop("an investment needs an enterprise"))
        if not event.instrument:
            raise EventRejected(
                gettext_noop("an investment needs an instrument: {instruments}"),
                instruments=", ".join(INSTRUMENTS),
            )
        if event.instrument not in INSTRUMENTS:
            raise EventRejected(
                gettext_noop("unknown instrument {instrument!r}; use one of {instruments}"),
                instrument=event.instrument,
                instruments=", ".join(INSTRUMENTS),
            )
        amount = self._amount(event, allow_zero=False)
        assert amount is not None
        open_ = self._open.get(event.enterprise, {}).get(event.instrument)
        instalments: tuple[Instalment, ...] = ()
        if event.instrument == "loan":
            if open_ is not None:
                raise EventRejected(
                    gettext_noop(
                        "{enterprise} still has an open loan from the club; a second loan "
                        "can be made only once it is repaid, sold or written off"
                    ),
                    enterprise=event.enterprise,
                )
            if event.rate is None:
                raise EventRejected(gettext_noop("a loan needs a rate (annual, in percent)"))
            if event.term is None:
                raise EventRejected(
                    gettext_noop("a loan needs a term (number of monthly instalments)")
                )
            method = event.method or "annuity"
            if method not in LOAN_METHODS:
                raise EventRejected(
                    gettext_noop("unknown loan method {method!r}: use annuity or linear"),
                    method=method,
                )
            try:
                instalments = tuple(
                    loan_schedule(
                        principal=from_cents(amount),
                        rate=D(event.rate),
                        term=event.term,
                        grace=0 if event.grace is None else event.grace,
                        method=method,
                        disbursed=event.date,
                        first_due=event.first_due,
                    )
                )
            except AccountingError as exc:
                raise EventRejected(exc.text) from None
        else:
            for field in LOAN_ONLY_FIELDS:
                if event.given(field):
                    raise EventRejected(
                        gettext_noop("{field} applies only to a loan investment"),
                        field=field_term(field),
                    )

        if open_ is not None:
            holding = open_

            def commit() -> None:
                holding.cost += amount
                holding.carrying += amount
                self._holdings_value += amount

            return transfer(holding_account(holding.id), ACCOUNT_CASH, amount), -amount, commit

        hid = len(self._holdings) + 1
        key = (event.enterprise, event.instrument)
        nth = self._opened_count.get(key, 0) + 1
        reference = event.reference or f"{event.enterprise}/{event.instrument}/{nth}"

        def commit_new() -> None:
            assert event.instrument is not None
            h = _Holding(hid, event.enterprise, event.instrument, reference, event.date)
            h.cost = h.carrying = amount
            if instalments:
                h.instalments = instalments
                h.dues = tuple(
                    (row.due, _schedule_cents(row.interest), _schedule_cents(row.principal))
                    for row in instalments
                )
                owed_from = [0]
                for _, interest, principal in reversed(h.dues):
                    owed_from.append(owed_from[-1] + interest + principal)
                h.owed_from = tuple(reversed(owed_from))
                h.cursor = _skip_zero(h.dues, 0)
            self._holdings.append(h)
            self._open.setdefault(event.enterprise, {})[event.instrument] = h
            self._opened_count[key] = nth
            self._holdings_value += amount

        return transfer(holding_account(hid), ACCOUNT_CASH, amount), -amount, commit_new

    def _repayment(self, event: Event) -> Plan:
        h = self._resolve_holding(event)
        if h.instrument not in ("loan", "advance"):
            raise EventRejected(
                gettext_noop(
                    "a repayment applies to loans and advances only, not to the "
                    "{instrument} holding in {enterprise}"
                ),
                instrument=instrument_term(h.instrument),
                enterprise=h.enterprise,
            )
        amount = self._amount(event, allow_zero=False)
        assert amount is not None
        account = holding_account(h.id)
        if h.instrument == "advance":
            if amount > h.carrying:
                raise EventRejected(
                    gettext_noop(
                        "a repayment of {amount} is more than the "
                        "{owed} still owed on the advance to {enterprise}"
                    ),
                    amount=Money(amount),
                    owed=Money(h.carrying),
                    enterprise=h.enterprise,
                )
            close = self._close(h, "repaid", event.date) if amount == h.carrying else None

            def commit_advance() -> None:
                h.carrying -= amount
                self._holdings_value -= amount
                if close is not None:
                    close()

            return transfer(ACCOUNT_CASH, account, amount), amount, commit_advance

        owed = _remaining_on_schedule(h)
        if amount > owed:
            raise EventRejected(
                gettext_noop(
                    "a repayment of {amount} is more than the {owed} still "
                    "unpaid on the loan to {enterprise}"
                ),
                amount=Money(amount),
                owed=Money(owed),
                enterprise=h.enterprise,
            )
        interest, principal, cursor, paid = _allocate(h.dues, h.cursor, h.paid_in_cursor, amount)
        close = self._close(h, "repaid", event.date) if cursor >= len(h.dues) else None

        def commit_loan() -> None:
            h.carrying -= principal
            self._holdings_value -= principal
            h.cursor = cursor
            h.paid_in_cursor = paid
            if close is not None:
                close()

        signed = {ACCOUNT_CASH: amount, ACCOUNT_INCOME_INTEREST: -interest, account: -principal}
        return planned(signed, commit_loan)

    def _income(self, event: Event) -> Plan:
        amount = self._amount(event, allow_zero=False)
        assert amount is not None
        return transfer(ACCOUNT_CASH, ACCOUNT_INCOME_OTHER, amount), amount, nothing

    def _expense(self, event: Event) -> Plan:
        amount = self._amount(event, allow_zero=False)
        assert amount is not None
        return transfer(ACCOUNT_EXPENSE, ACCOUNT_CASH, amount), -amount, nothing

    def _valuation(self, event: Event) -> Plan:
        h = self._resolve_holding(event)
        if h.instrument not in ("equity", "participatory"):
            raise EventRejected(
                gettext_noop(
                    "a valuation applies to equity and participatory holdings only; the "
                    "{instrument} to {enterprise} is carried at its outstanding principal"
                ),
                instrument=instrument_term(h.instrument),
                enterprise=h.enterprise,
            )
        value = self._amount(event, allow_zero=True)
        assert value is not None
        delta = value - h.carrying

        def commit() -> None:
            h.carrying = value
            self._holdings_value += delta

        return planned({holding_account(h.id): delta, ACCOUNT_GAIN_UNREALISED: -delta}, commit)

    def _basis(self, h: _Holding) -> int:
        return h.cost if h.instrument in ("equity", "participatory") else h.carrying

    def _sale(self, event: Event) -> Plan:
        h = self._resolve_holding(event)
        proceeds = self._amount(event, allow_zero=True)
        assert proceeds is not None
        basis = self._basis(h)
        signed = {
            ACCOUNT_CASH: proceeds,
            holding_account(h.id): -h.carrying,
            ACCOUNT_GAIN_REALISED: -(proceeds - basis),
            # Unrealised gain booked on this holding is now realised: take it back out.
            ACCOUNT_GAIN_UNREALISED: h.carrying - basis,
        }
        return planned(signed, self._close(h, "sold", event.date))

    def _write_off(self, event: Event) -> Plan:
        h = self._resolve_holding(event)
        basis = self._basis(h)
        signed = {
            holding_account(h.id): -h.carrying,
            ACCOUNT_GAIN_REALISED: basis,
            ACCOUNT_GAIN_UNREALISED: h.carrying - basis,
        }
        return planned(signed, self._close(h, "written_off", event.date))

    # --- queries ---

    def holdings(self) -> list[HoldingView]:
        """All holdings in opening order, closed ones included."""
        return [
            HoldingView(
                id=h.id,
                enterprise=h.enterprise,
                instrument=h.instrument,
                reference=h.reference,
                opened=h.opened,
                cost=h.cost,
                carrying=h.carrying,
                status=h.status,
                principal_outstanding=(h.carrying if h.instrument in ("loan", "advance") else None),
                closed=h.closed,
            )
            for h in self._holdings
        ]

    def loan_schedule(self, holding_id: int) -> list[Instalment]:
        return list(self._holding(holding_id).instalments)

    def principal_outstanding_cents(self, holding_id: int) -> int:
        """Outstanding principal of a loan or advance (0 once closed)."""
        return self._holding(holding_id).carrying
