"""The club statement (spec club-accounting §8): a report over the book's ledger.

`build_statement` replays the events dated on or before `as_of` into a fresh book and reports
it as the JSON-ready dict of §8 (money as 2-decimal strings, units and shares as 6-decimal
strings, nulls where a figure does not apply). `statement_text` renders that dict for people.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from .book import (
    ACCOUNT_CASH,
    ACCOUNT_EXPENSE,
    ACCOUNT_GAIN_REALISED,
    ACCOUNT_GAIN_UNREALISED,
    ACCOUNT_INCOME_INTEREST,
    ACCOUNT_INCOME_OTHER,
    ClubBook,
    capital_account,
    holding_account,
)
from .events import Event
from .money import fmt_cents, fmt_micro

__all__ = ["build_statement", "statement_from_book", "statement_text"]


def build_statement(
    events: Iterable[Event],
    *,
    as_of: date,
    club: str,
    policy: str = "units",
    currency: str = "EUR",
    initial_unit_value: Decimal = Decimal("10.00"),
    status_override: str | None = None,
) -> dict[str, Any]:
    """Replay the events dated on or before `as_of` and report the club on that date.

    Raises EventRejected if a stored event breaks a rule (stored events are expected valid).
    """
    book = ClubBook(
        policy=policy, currency=currency, initial_unit_value=initial_unit_value, name=club
    )
    for event in events:
        if event.date <= as_of:
            book.apply(event)
    return statement_from_book(book, as_of=as_of, status_override=status_override)


def statement_from_book(
    book: ClubBook, *, as_of: date, status_override: str | None = None
) -> dict[str, Any]:
    """Report a book as it stands (its events should all be dated on or before `as_of`)."""
    units_policy = book.policy == "units"
    # Every figure is read from the ledger's accounts; the incremental totals the book keeps
    # for speed are cross-checked against them.
    cash = book.balance(ACCOUNT_CASH)
    holdings = book.holdings()
    holdings_value = sum(book.balance(holding_account(h.id)) for h in holdings)
    assert cash == book.cash_cents and holdings_value == book.holdings_value_cents
    nav = cash + holdings_value
    members = book.members()
    total_contributions = sum(book.turnover(capital_account(m.name))[1] for m in members)
    paid_out = sum(book.turnover(capital_account(m.name))[0] for m in members)
    income = -book.balance(ACCOUNT_INCOME_INTEREST) - book.balance(ACCOUNT_INCOME_OTHER)
    expenses = book.balance(ACCOUNT_EXPENSE)
    realised = -book.balance(ACCOUNT_GAIN_REALISED)
    unrealised = -book.balance(ACCOUNT_GAIN_UNREALISED)
    assert nav == total_contributions - paid_out + income - expenses + realised + unrealised, (
        "NAV identity broken"
    )
    # Dissolution wins over any lifecycle status the caller passes ("forming", "management").
    status = "dissolved" if book.dissolved else (status_override or "active")
    par30 = book.par30_micro(as_of)
    unit_value = book.unit_value_micro()
    units = book.units_micro

    holding_rows: list[dict[str, Any]] = []
    for h in holdings:
        is_loan = h.instrument == "loan"
        holding_rows.append(
            {
                "enterprise": h.enterprise,
                "instrument": h.instrument,
                "reference": h.reference,
                "cost": fmt_cents(h.cost),
                "carrying_value": fmt_cents(h.carrying),
                "principal_outstanding": (
                    None if h.principal_outstanding is None else fmt_cents(h.principal_outstanding)
                ),
                "arrears": fmt_cents(book.arrears_cents(h.id, as_of)) if is_loan else None,
                "days_past_due": book.days_past_due(h.id, as_of) if is_loan else None,
                "status": h.status,
            }
        )

    member_rows: list[dict[str, Any]] = []
    for m in members:
        share = book.member_share_micro(m.name)
        member_rows.append(
            {
                "name": m.name,
                "status": m.status,
                "contributed": fmt_cents(m.contributed),
                "paid_out": fmt_cents(m.paid_out),
                "units": fmt_micro(m.units) if m.units is not None else None,
                "share": fmt_micro(share),
                "value": fmt_cents(book.member_value_cents(m.name)),
            }
        )

    return {
        "club": book.name,
        "date": as_of.isoformat(),
        "currency": book.currency,
        "share_policy": book.policy,
        "status": status,
        "cash": fmt_cents(cash),
        "holdings_value": fmt_cents(holdings_value),
        "nav": fmt_cents(nav),
        "par30": None if par30 is None else fmt_micro(par30),
        "units_outstanding": fmt_micro(units) if units_policy and units is not None else None,
        "unit_value": None if unit_value is None else fmt_micro(unit_value),
        "total_contributions": fmt_cents(total_contributions),
        "income": fmt_cents(income),
        "expenses": fmt_cents(expenses),
        "realised_gains": fmt_cents(realised),
        "unrealised_gains": fmt_cents(unrealised),
        "holdings": holding_rows,
        "members": member_rows,
    }


def _show(value: Any) -> str:
    return "—" if value is None else str(value)


def statement_text(stmt: dict[str, Any]) -> str:
    """A plain-text rendering of a statement dict from `build_statement`."""
    cur = stmt["currency"]
    lines = [
        f"Statement of {stmt['club'] or 'the club'} on {stmt['date']}",
        f"Status: {stmt['status']}    Share policy: {stmt['share_policy']}    Currency: {cur}",
        "",
        f"  Cash                 {stmt['cash']:>14} {cur}",
        f"  Holdings value       {stmt['holdings_value']:>14} {cur}",
        f"  Net asset value      {stmt['nav']:>14} {cur}",
        f"  Units outstanding    {_show(stmt['units_outstanding']):>14}",
        f"  Unit value           {_show(stmt['unit_value']):>14}",
        f"  PAR30                {_show(stmt['par30']):>14}",
        "",
        f"  Contributions        {stmt['total_contributions']:>14} {cur}",
        f"  Paid out to members  {_paid_out_total(stmt):>14} {cur}",
        f"  Income               {stmt['income']:>14} {cur}",
        f"  Expenses             {stmt['expenses']:>14} {cur}",
        f"  Realised gains       {stmt['realised_gains']:>14} {cur}",
        f"  Unrealised gains     {stmt['unrealised_gains']:>14} {cur}",
        "",
        "Holdings",
    ]
    if not stmt["holdings"]:
        lines.append("  (none)")
    for h in stmt["holdings"]:
        lines.append(
            f"  {h['enterprise']} — {h['instrument']} ({h['reference']}): {h['status']}; "
            f"cost {h['cost']}, carrying value {h['carrying_value']}"
            + (
                f", principal outstanding {h['principal_outstanding']}"
                if h["principal_outstanding"] is not None
                else ""
            )
            + (
                f", arrears {h['arrears']}, {h['days_past_due']} days past due"
                if h["arrears"] is not None
                else ""
            )
        )
    lines += ["", "Members"]
    if not stmt["members"]:
        lines.append("  (none)")
    for m in stmt["members"]:
        lines.append(
            f"  {m['name']} ({m['status']}): contributed {m['contributed']}, "
            f"paid out {m['paid_out']}, "
            + (f"units {m['units']}, " if m["units"] is not None else "")
            + f"share {m['share']}, value {m['value']}"
        )
    return "\n".join(lines) + "\n"


def _paid_out_total(stmt: dict[str, Any]) -> str:
    cents = 0
    for m in stmt["members"]:
        whole, _, frac = m["paid_out"].partition(".")
        cents += int(whole) * 100 + int(frac)
    return fmt_cents(cents)
