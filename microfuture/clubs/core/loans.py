"""Loan repayment schedules (spec club-accounting §5), fixed at disbursement.

Monthly instalments; interest of an instalment = round(outstanding × R ÷ 1200), multiplied
before dividing, on the principal outstanding before it; grace instalments are interest only;
`annuity` rounds the level payment once, `linear` rounds the level principal part once; the last
instalment takes whatever principal is left so the principal parts sum to P exactly.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .errors import AccountingError, gettext_noop
from .money import CTX, D, Money, fmt_money, round_cents, to_cents

__all__ = [
    "LOAN_METHODS",
    "MAX_RATE",
    "MAX_TERM",
    "RATE_PLACES",
    "Instalment",
    "add_months",
    "due_dates",
    "loan_schedule",
    "loan_schedule_json",
    "loan_schedule_text",
]

LOAN_METHODS = ("annuity", "linear")

#: Longest term accepted (50 years), so a mistyped term cannot build a runaway schedule.
MAX_TERM = 600

#: Highest yearly rate accepted, in percent, and its most decimals: beyond these a rate is a
#: typing mistake, and absurd ones (1e50 %, 1e-60 %) would overflow the arithmetic.
MAX_RATE = Decimal(100)
RATE_PLACES = 4

_ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Instalment:
    """One instalment: money fields are Decimals with two decimals; `outstanding` is after it."""

    n: int
    due: date
    payment: Decimal
    interest: Decimal
    principal: Decimal
    outstanding: Decimal

    def __reduce__(self) -> tuple[type[Instalment], tuple[int, date, Decimal, Decimal, Decimal,
                                                           Decimal]]:
        # A book checkpoint holds every schedule of the club (hundreds of instalments): the
        # dataclass' own pickling looks its fields up for each one, ten times slower.
        return (Instalment, (self.n, self.due, self.payment, self.interest, self.principal,
                             self.outstanding))


def add_months(anchor: date, months: int) -> date:
    """`anchor` plus whole months, the day clamped to the month's last day when it is missing."""
    index = anchor.year * 12 + (anchor.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(anchor.day, last))


def due_dates(*, disbursed: date, term: int, first_due: date | None = None) -> list[date]:
    """Due dates of instalments 1..term, always counted from the original day of the month.

    Counting each date from the anchor (not from the previous due date) is what keeps
    31 January → 28 February → 31 March rather than drifting to the 28th.
    """
    if first_due is None:
        return [add_months(disbursed, k) for k in range(1, term + 1)]
    return [add_months(first_due, k - 1) for k in range(1, term + 1)]


MAX_PRINCIPAL_CENTS = 99_999_999_999_999  # the same limit as any amount in a club's books


def _check_inputs(
    principal: Decimal,
    rate: Decimal,
    term: int,
    grace: int,
    method: str,
    disbursed: date,
    first_due: date | None,
) -> None:
    if principal <= 0:
        raise AccountingError(gettext_noop("the loan principal must be more than zero"))
    if to_cents(principal) > MAX_PRINCIPAL_CENTS:  # whole cents only, and a sane size
        raise AccountingError(
            gettext_noop("the loan principal is too large: at most {limit}"),
            limit=Money(MAX_PRINCIPAL_CENTS),
        )
    if rate < 0:
        raise AccountingError(gettext_noop("the loan rate cannot be negative"))
    if rate > MAX_RATE:
        raise AccountingError(
            gettext_noop("the loan rate of {rate} % is more than {limit} % a year"),
            rate=rate, limit=MAX_RATE,
        )
    if rate != rate.quantize(Decimal(1).scaleb(-RATE_PLACES), context=CTX):
        raise AccountingError(
            gettext_noop("the loan rate {rate} has more than {places} decimals"),
            rate=rate, places=RATE_PLACES,
        )
    if isinstance(term, bool) or not isinstance(term, int) or term < 1:
        raise AccountingError(
            gettext_noop("the loan term must be a whole number of months, at least 1")
        )
    if term > MAX_TERM:
        raise AccountingError(
            gettext_noop("the loan term of {term} months is longer than {limit} months"),
            term=term, limit=MAX_TERM,
        )
    if isinstance(grace, bool) or not isinstance(grace, int) or grace < 0:
        raise AccountingError(
            gettext_noop("the grace period must be a whole number of months, 0 or more")
        )
    if grace >= term:
        raise AccountingError(
            gettext_noop(
                "the grace period ({grace} months) must be shorter than the term ({term} months)"
            ),
            grace=grace, term=term,
        )
    anchor = first_due or disbursed
    if anchor.year * 12 + anchor.month - 1 + term > date.max.year * 12 + 11:
        # Dates end with the year 9999: a schedule running past it cannot be written down.
        raise AccountingError(
            gettext_noop("the loan's last instalment would fall after the year {year}"),
            year=date.max.year,
        )
    if method not in LOAN_METHODS:
        raise AccountingError(
            gettext_noop("unknown loan method {method!r}: use annuity or linear"), method=method
        )
    if first_due is not None and first_due <= disbursed:
        raise AccountingError(
            gettext_noop(
                "the first due date {first_due} must be after the disbursement date {disbursed}"
            ),
            first_due=first_due, disbursed=disbursed,
        )


def _interest(outstanding: Decimal, rate: Decimal) -> Decimal:
    # Multiply before dividing (spec §5), so R/1200 is never rounded on its own.
    return round_cents(CTX.divide(CTX.multiply(outstanding, rate), Decimal(1200)))


def _level_amount(principal: Decimal, rate: Decimal, periods: int, method: str) -> Decimal:
    """The annuity payment, or the linear principal part, rounded once to the cent."""
    if method == "linear" or rate == 0:
        return round_cents(CTX.divide(principal, Decimal(periods)))
    i = CTX.divide(rate, Decimal(1200))
    discount = CTX.power(CTX.add(Decimal(1), i), -periods)
    return round_cents(CTX.divide(CTX.multiply(principal, i), CTX.subtract(Decimal(1), discount)))


def loan_schedule(
    *,
    principal: Decimal,
    rate: Decimal,
    term: int,
    grace: int = 0,
    method: str = "annuity",
    disbursed: date,
    first_due: date | None = None,
) -> list[Instalment]:
    """The fixed repayment schedule of a loan (spec §5); raises AccountingError on bad inputs."""
    principal = D(principal)  # refuses floats
    rate = D(rate)
    _check_inputs(principal, rate, term, grace, method, disbursed, first_due)
    dues = due_dates(disbursed=disbursed, term=term, first_due=first_due)
    level = _level_amount(principal, rate, term - grace, method)
    outstanding = round_cents(principal)
    schedule: list[Instalment] = []
    for k in range(1, term + 1):
        interest = _interest(outstanding, rate)
        if k <= grace:
            part = _ZERO
        elif k == term:
            part = outstanding
        elif method == "annuity":
            part = CTX.subtract(level, interest)
        else:
            part = level
        # Never below zero, never more than is outstanding: with tiny principals a rounded-up
        # level amount could otherwise repay more than was lent before the last instalment.
        part = min(max(part, _ZERO), outstanding)
        # In the money context, never the thread's (which a caller may have changed).
        outstanding = CTX.subtract(outstanding, part)
        schedule.append(
            Instalment(
                n=k,
                due=dues[k - 1],
                payment=CTX.add(interest, part),
                interest=interest,
                principal=part,
                outstanding=outstanding,
            )
        )
    return schedule


def loan_schedule_json(schedule: list[Instalment]) -> list[dict[str, object]]:
    """The schedule as JSON-ready dicts: n int, due ISO date, money as "123.45" strings."""
    return [
        {
            "n": row.n,
            "due": row.due.isoformat(),
            "payment": fmt_money(row.payment),
            "interest": fmt_money(row.interest),
            "principal": fmt_money(row.principal),
            "outstanding": fmt_money(row.outstanding),
        }
        for row in schedule
    ]


def loan_schedule_text(schedule: list[Instalment]) -> str:
    """A plain-text table of the schedule, with totals."""
    header = f"{'n':>4}  {'due':<10}  {'payment':>12}  {'interest':>12}  {'principal':>12}  " + (
        f"{'outstanding':>12}"
    )
    lines = [header, "-" * len(header)]
    for row in schedule:
        lines.append(
            f"{row.n:>4}  {row.due.isoformat():<10}  {fmt_money(row.payment):>12}  "
            f"{fmt_money(row.interest):>12}  {fmt_money(row.principal):>12}  "
            f"{fmt_money(row.outstanding):>12}"
        )
    total_payment = sum((row.payment for row in schedule), _ZERO)
    total_interest = sum((row.interest for row in schedule), _ZERO)
    total_principal = sum((row.principal for row in schedule), _ZERO)
    lines.append("-" * len(header))
    lines.append(
        f"{'':>4}  {'total':<10}  {fmt_money(total_payment):>12}  "
        f"{fmt_money(total_interest):>12}  {fmt_money(total_principal):>12}"
    )
    return "\n".join(lines) + "\n"
