"""Flows of a period (spec §1): sums over the events dated in (`from`, `to`], reversed events
left out; where an identity holds they equal the change of the cumulative figures."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, ClubEvent
from microfuture.clubs.selectors import club_statement
from microfuture.clubs.services.money import club_reverse_event
from microfuture.impact.selectors import figures_on
from microfuture.impact.selectors_history import flows
from microfuture.impact.tests.history_books import (
    ON,
    equity,
    join,
    loan,
    make_club,
    pay_in,
    record,
    three_clubs,
)

pytestmark = pytest.mark.django_db

FIRST = date(2026, 1, 1)
LAST = date(2026, 6, 30)


def test_flows_of_the_worked_example_by_hand() -> None:
    a, _, c = three_clubs()
    assert flows(start=FIRST, end=ON) == {
        "contributions": "7300.00", "invested_in_period": "4800.00",
        "repaid_in_period": "0.00", "repaid_principal_in_period": "0.00",
        "repaid_interest_in_period": "0.00", "paid_out_in_period": "0.00",
    }
    # The period leaves out its first day: the 2026-01-31 loans are not in it.
    after = flows(start=date(2026, 1, 31), end=ON)
    assert after["contributions"] == "800.00"  # only Dan's, on 2026-02-02
    assert after["invested_in_period"] == "3300.00"  # A's 3000.00 loan and C's 300.00 equity
    assert flows(start=FIRST, end=ON, region="SI041")["contributions"] == "6500.00"
    assert flows(start=FIRST, end=ON, club=a)["invested_in_period"] == "4000.00"
    assert flows(start=FIRST, end=date(2026, 1, 20), club=c)["contributions"] == "0.00"
    assert flows(start=ON, end=ON)["contributions"] == "0.00"


def busy_club(admin: Any) -> Club:
    """Contributions every month, a loan at 12 % partly repaid, an advance partly repaid, an
    exit paid out, other income, and a contribution reversed."""
    club = make_club("Zadruga Jelka", "SI044", date(2026, 1, 5))

    def month(m: int) -> list[Event]:
        first = m == 1  # the January payments are larger: they fund the investments
        payers = [("Eva", "1500.00" if first else "200.00"),
                  ("Fran", "600.00" if first else "150.00"), ("Gal", "75.50")]
        return [pay_in(date(2026, m, 10), n, amount) for n, amount in payers
                if not (n == "Fran" and m > 3)]

    record(club, *[join(date(2026, 1, 5), n) for n in ("Eva", "Fran", "Gal")], *month(1),
           loan(date(2026, 1, 20), "Kmetija Sonček", "1200.00", first_due=date(2026, 2, 28),
                term=6, rate="12"),
           Event(date=date(2026, 1, 25), type="investment", enterprise="Pekarna Zrno",
                 instrument="advance", amount=Decimal("400.00")),
           equity(date(2026, 1, 26), "Mizarstvo Hrast", "100.00"),
           *month(2),
           Event(date=date(2026, 2, 28), type="repayment", enterprise="Kmetija Sonček",
                 instrument="loan", amount=Decimal("150.00")),
           Event(date=date(2026, 3, 5), type="repayment", enterprise="Pekarna Zrno",
                 instrument="advance", amount=Decimal("150.00")),
           Event(date=date(2026, 3, 8), type="income", enterprise="Mizarstvo Hrast",
                 amount=Decimal("12.00")),
           *month(3),
           Event(date=date(2026, 3, 20), type="exit", member="Fran", amount=Decimal("300.00")),
           Event(date=date(2026, 3, 31), type="repayment", enterprise="Kmetija Sonček",
                 instrument="loan", amount=Decimal("212.34")),
           *month(4), *month(5), *month(6))
    club_reverse_event(
        club=club, event=ClubEvent.objects.get(club=club, member="Gal", date=date(2026, 6, 10)),
        reason="Paid in cash at the wrong club.", reversed_by=admin)
    return club


def test_flows_by_hand_on_a_busy_club(admin: Any) -> None:
    club = busy_club(admin)
    f = flows(start=FIRST, end=LAST, club=club)
    # Eva 1500.00 + 5 × 200.00, Fran 600.00 + 2 × 150.00, Gal 5 × 75.50 (June's reversed):
    # 2500.00 + 900.00 + 377.50.
    assert f["contributions"] == "3777.50"
    assert f["invested_in_period"] == "1700.00"
    assert f["repaid_in_period"] == "512.34"
    assert f["paid_out_in_period"] == "300.00"
    # The loan's schedule (linear, 1 % a month): instalment 1 is 12.00 interest + 200.00
    # principal, instalment 2 is 10.00 + 200.00. The 150.00 pays 12.00 and 138.00; the 212.34
    # pays the 62.00 left of instalment 1, then 10.00 and 140.34. With the advance's 150.00:
    # principal 138.00 + 62.00 + 140.34 + 150.00 = 490.34, interest 22.00.
    assert f["repaid_principal_in_period"] == "490.34"
    assert f["repaid_interest_in_period"] == "22.00"
    assert flows(start=date(2026, 3, 5), end=LAST, club=club)["repaid_in_period"] == "212.34"


def _change(key: str, start: date, end: date) -> Decimal:
    return Decimal(figures_on(end)[key]) - Decimal(figures_on(start)[key])


def test_flows_equal_the_change_of_the_cumulative_figures(admin: Any) -> None:
    busy_club(admin)
    three_clubs()
    days = st.integers(min_value=0, max_value=(LAST - FIRST).days).map(
        lambda n: FIRST + timedelta(days=n))

    @settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(days, days)
    def check(one: date, other: date) -> None:
        start, end = min(one, other), max(one, other)
        f = flows(start=start, end=end)
        assert Decimal(f["contributions"]) == _change("savings_mobilised", start, end)
        assert Decimal(f["paid_out_in_period"]) == _change("paid_out", start, end)
        invested = (Decimal(figures_on(end)["invested"]["total"])
                    - Decimal(figures_on(start)["invested"]["total"]))
        assert Decimal(f["invested_in_period"]) == invested
        # Interest is the only income besides Mizarstvo's 12.00 on 2026-03-08.
        other_income = Decimal("12.00") if start < date(2026, 3, 8) <= end else Decimal(0)
        assert Decimal(f["repaid_interest_in_period"]) + other_income == _change(
            "income", start, end)

    check()


def test_the_statement_and_the_flows_agree_on_a_whole_life(admin: Any) -> None:
    club = busy_club(admin)
    stmt = club_statement(club, as_of=LAST)
    f = flows(start=date(2026, 1, 4), end=LAST, club=club)
    assert f["contributions"] == stmt["total_contributions"]
    assert Decimal(f["paid_out_in_period"]) == sum(Decimal(m["paid_out"])
                                                    for m in stmt["members"])
