"""The impact figures of a set of clubs at a date (`../shared/specs/impact.md` §1): pure
arithmetic over the clubs' statements (`clubs/core/statement.py`), no ORM, no I/O.

`club_figures(statement)` reads one club's statement into integer cents and counts;
`combine(figures)` sums a set of clubs; `as_json(total)` writes the spec's JSON (money as
strings, PAR30 as a 6-decimal string or null). PAR30 is pooled: the principal at risk and the
principal outstanding are summed over the set before dividing, never an average of ratios.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from microfuture.clubs.core.money import D, div_half_even, fmt_micro, to_cents
from microfuture.kernel.money import fmt_cents

INSTRUMENTS = ("equity", "loan", "advance", "participatory")
STATUSES = ("forming", "active", "renewed", "management", "dissolved")
MONEY_KEYS = (
    "savings_mobilised", "paid_out", "invested", "nav", "income", "expenses",
    "realised_gains", "unrealised_gains", "principal_outstanding", "par30",
)
COUNT_KEYS = ("clubs", "members", "enterprises_backed")
FLOW_KEYS = ("contributions", "invested_in_period", "repaid_in_period", "paid_out_in_period")
_MICRO = 1_000_000
_PAR_DAYS = 30


@dataclass(frozen=True)
class ClubFigures:
    """One club's figures on a date, in integer cents."""

    status: str
    members: int
    savings_cents: int
    paid_out_cents: int
    invested_cents: Mapping[str, int]
    nav_cents: int
    income_cents: int
    expenses_cents: int
    realised_cents: int
    unrealised_cents: int
    principal_outstanding_cents: int
    at_risk_cents: int
    enterprises: frozenset[str] = field(default_factory=frozenset)


def _cents(value: str | None) -> int:
    return 0 if value is None else to_cents(D(value))


def club_figures(statement: Mapping[str, Any]) -> ClubFigures:
    """A club's figures from its statement (`club_statement`)."""
    dissolved = statement["status"] == "dissolved"
    members = 0 if dissolved else sum(
        1 for m in statement["members"] if m["status"] == "active")
    invested = dict.fromkeys(INSTRUMENTS, 0)
    outstanding = at_risk = 0
    enterprises: set[str] = set()
    for h in statement["holdings"]:
        invested[h["instrument"]] = invested.get(h["instrument"], 0) + _cents(h["cost"])
        enterprises.add(h["enterprise"])
        if h["instrument"] == "loan" and h["status"] == "open":
            principal = _cents(h["principal_outstanding"])
            outstanding += principal
            if (h["days_past_due"] or 0) > _PAR_DAYS:
                at_risk += principal
    return ClubFigures(
        status=statement["status"],
        members=members,
        savings_cents=_cents(statement["total_contributions"]),
        paid_out_cents=sum(_cents(m["paid_out"]) for m in statement["members"]),
        invested_cents=invested,
        nav_cents=_cents(statement["nav"]),
        income_cents=_cents(statement["income"]),
        expenses_cents=_cents(statement["expenses"]),
        realised_cents=_cents(statement["realised_gains"]),
        unrealised_cents=_cents(statement["unrealised_gains"]),
        principal_outstanding_cents=outstanding,
        at_risk_cents=at_risk,
        enterprises=frozenset(enterprises),
    )


@dataclass(frozen=True)
class Totals:
    """The figures of a set of clubs (sums in cents, counts, the pooled PAR30's parts)."""

    clubs_by_status: Mapping[str, int]
    members: int
    savings_cents: int
    paid_out_cents: int
    invested_cents: Mapping[str, int]
    nav_cents: int
    income_cents: int
    expenses_cents: int
    realised_cents: int
    unrealised_cents: int
    principal_outstanding_cents: int
    at_risk_cents: int
    enterprises: frozenset[str]

    @property
    def clubs(self) -> int:
        return sum(self.clubs_by_status.values())

    @property
    def par30_micro(self) -> int | None:
        return pooled_par30(self.at_risk_cents, self.principal_outstanding_cents)


def pooled_par30(at_risk_cents: int, outstanding_cents: int) -> int | None:
    """PAR30 in millionths from the two pooled sums; None when no principal is outstanding."""
    if outstanding_cents == 0:
        return None
    return div_half_even(at_risk_cents * _MICRO, outstanding_cents)


def combine(figures: Iterable[ClubFigures]) -> Totals:
    by_status: dict[str, int] = {}
    invested = dict.fromkeys(INSTRUMENTS, 0)
    enterprises: set[str] = set()
    sums = dict.fromkeys(("members", "savings", "paid_out", "nav", "income", "expenses",
                          "realised", "unrealised", "outstanding", "at_risk"), 0)
    for f in figures:
        by_status[f.status] = by_status.get(f.status, 0) + 1
        for instrument, cents in f.invested_cents.items():
            invested[instrument] = invested.get(instrument, 0) + cents
        enterprises |= f.enterprises
        sums["members"] += f.members
        sums["savings"] += f.savings_cents
        sums["paid_out"] += f.paid_out_cents
        sums["nav"] += f.nav_cents
        sums["income"] += f.income_cents
        sums["expenses"] += f.expenses_cents
        sums["realised"] += f.realised_cents
        sums["unrealised"] += f.unrealised_cents
        sums["outstanding"] += f.principal_outstanding_cents
        sums["at_risk"] += f.at_risk_cents
    return Totals(
        clubs_by_status=by_status, members=sums["members"], savings_cents=sums["savings"],
        paid_out_cents=sums["paid_out"], invested_cents=invested, nav_cents=sums["nav"],
        income_cents=sums["income"], expenses_cents=sums["expenses"],
        realised_cents=sums["realised"], unrealised_cents=sums["unrealised"],
        principal_outstanding_cents=sums["outstanding"], at_risk_cents=sums["at_risk"],
        enterprises=frozenset(enterprises),
    )


def as_json(total: Totals) -> dict[str, Any]:
    """The spec's §1 keys: money as strings, counts as integers, PAR30 6 decimals or null."""
    clubs: dict[str, int] = {status: total.clubs_by_status.get(status, 0)
                             for status in STATUSES}
    for status, n in total.clubs_by_status.items():  # a status we do not know yet still counts
        clubs.setdefault(status, n)
    clubs["total"] = total.clubs
    invested: dict[str, str] = {k: fmt_cents(total.invested_cents.get(k, 0))
                                for k in INSTRUMENTS}
    invested["total"] = fmt_cents(sum(total.invested_cents.values()))
    par30 = total.par30_micro
    return {
        "clubs": clubs,
        "members": total.members,
        "savings_mobilised": fmt_cents(total.savings_cents),
        "paid_out": fmt_cents(total.paid_out_cents),
        "invested": invested,
        "enterprises_backed": len(total.enterprises),
        "nav": fmt_cents(total.nav_cents),
        "income": fmt_cents(total.income_cents),
        "expenses": fmt_cents(total.expenses_cents),
        "realised_gains": fmt_cents(total.realised_cents),
        "unrealised_gains": fmt_cents(total.unrealised_cents),
        "principal_outstanding": fmt_cents(total.principal_outstanding_cents),
        "par30": None if par30 is None else fmt_micro(par30),
    }


def decimal_of(money: str) -> Decimal:
    return D(money)
