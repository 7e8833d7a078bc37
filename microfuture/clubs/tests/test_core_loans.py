"""Loan schedules (spec §5): dates, validation and invariants."""

from __future__ import annotations

import decimal
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microfuture.clubs.core import (
    AccountingError,
    ClubBook,
    Event,
    EventRejected,
    loan_schedule,
    loan_schedule_json,
    loan_schedule_text,
)
from microfuture.clubs.core.loans import add_months, due_dates


def test_month_end_clamping_counts_from_the_original_day() -> None:
    assert due_dates(disbursed=date(2023, 1, 31), term=4) == [
        date(2023, 2, 28),
        date(2023, 3, 31),
        date(2023, 4, 30),
        date(2023, 5, 31),
    ]
    assert due_dates(disbursed=date(2023, 1, 1), term=2, first_due=date(2023, 3, 30)) == [
        date(2023, 3, 30),
        date(2023, 4, 30),
    ]
    assert add_months(date(2024, 1, 29), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 30), 14) == date(2025, 1, 30)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"principal": Decimal("0")}, "more than zero"),
        ({"principal": Decimal("-1")}, "more than zero"),
        ({"principal": Decimal("10.001")}, "more decimals"),
        ({"rate": Decimal("-0.5")}, "cannot be negative"),
        ({"term": 0}, "at least 1"),
        ({"term": 601}, "longer than 600 months"),
        ({"grace": 12}, "shorter than the term"),
        ({"grace": -1}, "0 or more"),
        ({"method": "bullet"}, "unknown loan method"),
        ({"first_due": date(2024, 1, 31)}, "must be after the disbursement date"),
        ({"first_due": date(2024, 1, 1)}, "must be after the disbursement date"),
    ],
)
def test_invalid_inputs_are_refused(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {
        "principal": Decimal("1000"),
        "rate": Decimal("5"),
        "term": 12,
        "disbursed": date(2024, 1, 31),
        **kwargs,
    }
    with pytest.raises(AccountingError, match=message):
        loan_schedule(**args)  # type: ignore[arg-type]


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        loan_schedule(
            principal=1000.0,  # type: ignore[arg-type]
            rate=Decimal("5"),
            term=12,
            disbursed=date(2024, 1, 1),
        )


def test_tiny_principal_never_overpays_before_the_last_instalment() -> None:
    # rhe(0.04 ÷ 6) = 0.01: four instalments of 0.01 repay it all, the rest are 0.00.
    rows = loan_schedule(
        principal=Decimal("0.04"), rate=Decimal("0"), term=6, disbursed=date(2024, 1, 1)
    )
    assert [str(r.principal) for r in rows] == ["0.01", "0.01", "0.01", "0.01", "0.00", "0.00"]
    assert all(r.outstanding >= 0 for r in rows)
    book = ClubBook()
    for e in [
        Event(date=date(2024, 1, 1), type="join", member="A"),
        Event(date=date(2024, 1, 1), type="contribution", member="A", amount=Decimal("1")),
        Event(
            date=date(2024, 1, 1),
            type="investment",
            enterprise="E",
            instrument="loan",
            amount=Decimal("0.04"),
            rate=Decimal("0"),
            term=6,
        ),
        Event(date=date(2024, 2, 1), type="repayment", enterprise="E", amount=Decimal("0.04")),
    ]:
        book.apply(e)
    assert book.holdings()[0].status == "repaid"


@given(
    principal=st.integers(1, 10**9),
    rate=st.decimals(min_value=0, max_value=40, places=3),
    term=st.integers(1, 120),
    grace_fraction=st.floats(0, 0.99),
    method=st.sampled_from(["annuity", "linear"]),
    day=st.integers(1, 31),
)
def test_schedule_invariants(
    principal: int, rate: Decimal, term: int, grace_fraction: float, method: str, day: int
) -> None:
    grace = int(term * grace_fraction)
    disbursed = date(2024, 1, day)
    p = Decimal(principal) / 100
    rows = loan_schedule(
        principal=p, rate=rate, term=term, grace=grace, method=method, disbursed=disbursed
    )
    assert len(rows) == term
    assert sum(r.principal for r in rows) == p
    assert rows[-1].outstanding == 0
    outstanding = p
    with decimal.localcontext() as ctx:
        ctx.prec = 50
        interests = []
        for r in rows:
            exact = outstanding * rate / 1200
            interests.append(exact.quantize(Decimal("0.01"), rounding=decimal.ROUND_HALF_EVEN))
            outstanding -= r.principal
    assert [r.interest for r in rows] == interests
    outstanding = p
    for r in rows:
        assert r.payment == r.interest + r.principal
        assert r.principal >= 0 and r.interest >= 0
        if r.n <= grace:
            assert r.principal == 0
        outstanding -= r.principal
        assert r.outstanding == outstanding
        assert r.due.day == min(day, r.due.day) and (r.due.day == day or r.due.day >= 28)
    if method == "annuity" and term - grace >= 2:
        level = {r.payment for r in rows[grace:-1] if r.outstanding > 0}
        assert len(level) <= 1


def test_json_and_text() -> None:
    rows = loan_schedule(
        principal=Decimal("100"), rate=Decimal("12"), term=2, disbursed=date(2024, 1, 31)
    )
    assert loan_schedule_json(rows)[0] == {
        "n": 1,
        "due": "2024-02-29",
        "payment": "50.75",
        "interest": "1.00",
        "principal": "49.75",
        "outstanding": "50.25",
    }
    text = loan_schedule_text(rows)
    assert "2024-02-29" in text and "total" in text and "101.50" in text


@given(
    principal=st.integers(100, 5_000_000),
    rate=st.decimals(min_value=0, max_value=30, places=2),
    term=st.integers(1, 36),
    grace=st.integers(0, 35),
    method=st.sampled_from(["annuity", "linear"]),
    cuts=st.lists(st.tuples(st.integers(1, 10**6), st.integers(0, 70)), min_size=1, max_size=12),
    probe=st.integers(0, 1200),
)
def test_repayments_follow_the_schedule_in_order(
    principal: int,
    rate: Decimal,
    term: int,
    grace: int,
    method: str,
    cuts: list[tuple[int, int]],
    probe: int,
) -> None:
    """Model: the schedule flattened to [I1, P1, I2, P2, …]; X cents paid so far fill it from
    the left. Interest received, principal repaid, arrears and days past due follow from X."""
    grace = min(grace, term - 1)
    start = date(2024, 1, 31)
    book = ClubBook()
    book.apply(Event(date=start, type="join", member="A"))
    book.apply(Event(date=start, type="contribution", member="A", amount=Decimal(principal) / 100))
    book.apply(
        Event(
            date=start,
            type="investment",
            enterprise="E",
            instrument="loan",
            amount=Decimal(principal) / 100,
            rate=rate,
            term=term,
            grace=grace,
            method=method,
        )
    )
    rows = book.loan_schedule(1)
    segments = []
    for r in rows:
        segments.append(("I", int(r.interest * 100)))
        segments.append(("P", int(r.principal * 100)))
    total = sum(c for _, c in segments)
    paid = 0
    day = start
    interest_received = principal_repaid = 0
    for amount, gap in cuts:
        amount = min(amount, total - paid)
        if amount == 0:
            break
        day = day + timedelta(days=gap)
        posting = book.apply(
            Event(date=day, type="repayment", enterprise="E", amount=Decimal(amount) / 100)
        )
        legs = {leg.account: leg.cents for leg in posting}
        interest_received += legs.get("income:interest", 0)
        principal_repaid += legs.get("holding:1", 0)
        paid += amount
    expected_interest = expected_principal = 0
    left = paid
    for kind, c in segments:
        take = min(left, c)
        left -= take
        if kind == "I":
            expected_interest += take
        else:
            expected_principal += take
    assert (interest_received, principal_repaid) == (expected_interest, expected_principal)
    view = book.holdings()[0]
    assert view.status == ("repaid" if paid == total else "open")
    assert view.principal_outstanding == (0 if paid == total else principal - expected_principal)
    on = day + timedelta(days=probe)
    due_by_then = sum(int(r.payment * 100) for r in rows if r.due <= on)
    assert book.arrears_cents(1, on) == (0 if paid == total else max(0, due_by_then - paid))
    cumulative = 0
    oldest = None
    for r in rows:
        cumulative += int(r.payment * 100)
        if cumulative > paid:
            oldest = r.due
            break
    expected_dpd = 0 if oldest is None or oldest > on or paid == total else (on - oldest).days
    assert book.days_past_due(1, on) == expected_dpd
    with pytest.raises(EventRejected):
        book.apply(
            Event(
                date=day, type="repayment", enterprise="E", amount=Decimal(total - paid + 1) / 100
            )
        )
