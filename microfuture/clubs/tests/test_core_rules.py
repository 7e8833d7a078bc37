"""Every rule of spec §2–§6 that rejects an event: the message, and a book left untouched."""

from __future__ import annotations

import pickle
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from microfuture.clubs.core import ClubBook, Event, EventRejected, Leg

D0 = date(2024, 1, 1)


def ev(day: int, kind: str, **fields: Any) -> Event:
    """An event on day `day` of 2024 (1 = 1 January); amounts may be given as strings."""
    for key in ("amount", "rate"):
        if isinstance(fields.get(key), str):
            fields[key] = Decimal(fields[key])
    return Event(date=date.fromordinal(D0.toordinal() + day - 1), type=kind, **fields)


def base_book(policy: str = "units") -> ClubBook:
    """Ana and Bob in the club, Carl has left; holdings: loan E1 (open), equity E2, advance E3,
    equity + advance in E4, and an equity in E5 that was sold. Cash 200.00."""
    book = ClubBook(policy=policy)
    for event in [
        ev(1, "join", member="Ana", reference="J1"),
        ev(1, "join", member="Bob"),
        ev(1, "join", member="Carl"),
        ev(2, "contribution", member="Ana", amount="970"),
        ev(2, "contribution", member="Bob", amount="10"),
        ev(3, "exit", member="Carl"),
        ev(4, "investment", enterprise="E1", instrument="loan", amount="500", rate="12", term=6),
        ev(4, "investment", enterprise="E2", instrument="equity", amount="100"),
        ev(4, "investment", enterprise="E3", instrument="advance", amount="100"),
        ev(4, "investment", enterprise="E4", instrument="equity", amount="30"),
        ev(4, "investment", enterprise="E4", instrument="advance", amount="50"),
        ev(4, "investment", enterprise="E5", instrument="equity", amount="20"),
        ev(5, "sale", enterprise="E5", amount="20"),
    ]:
        book.apply(event)
    assert book.cash_cents == 20000
    return book


REJECTIONS: list[tuple[str, Event, str]] = [
    (
        "contribution by someone who never joined",
        ev(10, "contribution", member="Zed", amount="5"),
        "Zed has not joined the club",
    ),
    (
        "contribution by a member who left",
        ev(10, "contribution", member="Carl", amount="5"),
        "Carl left the club on 2024-01-03",
    ),
    ("a name joins twice", ev(10, "join", member="Ana"), "Ana has already joined"),
    (
        "a former member joins again under the same name",
        ev(10, "join", member="Carl"),
        "Carl has already joined",
    ),
    ("join without a name", ev(10, "join"), "a join needs a member name"),
    (
        "contribution of zero",
        ev(10, "contribution", member="Ana", amount="0"),
        "must be more than zero",
    ),
    (
        "negative contribution",
        ev(10, "contribution", member="Ana", amount="-5"),
        "must be more than zero",
    ),
    (
        "contribution finer than a cent",
        ev(10, "contribution", member="Ana", amount="1.005"),
        "at most two decimals",
    ),
    ("contribution without amount", ev(10, "contribution", member="Ana"), "needs an amount"),
    ("contribution without member", ev(10, "contribution", amount="5"), "needs a member"),
    ("expense above cash", ev(10, "expense", amount="200.01"), "cash would go negative"),
    (
        "investment above cash",
        ev(10, "investment", enterprise="E9", instrument="equity", amount="200.01"),
        "cash would go negative",
    ),
    (
        "exit at an agreed amount above cash",
        ev(10, "exit", member="Ana", amount="200.01"),
        "cash would go negative",
    ),
    ("default exit payout above cash", ev(10, "exit", member="Ana"), "cash would go negative"),
    ("exit of a member who left", ev(10, "exit", member="Carl"), "Carl left the club"),
    ("exit of a non-member", ev(10, "exit", member="Zed"), "Zed has not joined"),
    (
        "repayment above what is still owed on the loan",
        ev(10, "repayment", enterprise="E1", amount="517.66"),
        "517.65 still unpaid on the loan",
    ),
    (
        "repayment above the advance",
        ev(10, "repayment", enterprise="E3", amount="100.01"),
        "still owed on the advance to E3",
    ),
    (
        "repayment of an equity holding",
        ev(10, "repayment", enterprise="E2", amount="1"),
        "loans and advances only",
    ),
    (
        "repayment of zero",
        ev(10, "repayment", enterprise="E1", amount="0"),
        "must be more than zero",
    ),
    (
        "valuation of a loan",
        ev(10, "valuation", enterprise="E1", amount="600"),
        "equity and participatory holdings only",
    ),
    (
        "valuation of an advance",
        ev(10, "valuation", enterprise="E3", amount="60"),
        "equity and participatory holdings only",
    ),
    (
        "valuation below zero",
        ev(10, "valuation", enterprise="E2", amount="-1"),
        "must be 0 or more",
    ),
    ("valuation without amount", ev(10, "valuation", enterprise="E2"), "needs an amount"),
    (
        "instrument left empty with two open holdings",
        ev(10, "valuation", enterprise="E4", amount="40"),
        "E4 has 2 open holdings",
    ),
    (
        "no holding in that enterprise",
        ev(10, "write_off", enterprise="Nowhere"),
        "no open holding in Nowhere",
    ),
    (
        "the holding was already sold",
        ev(10, "sale", enterprise="E5", amount="1"),
        "no open holding in E5",
    ),
    (
        "no open holding of that instrument",
        ev(10, "sale", enterprise="E2", instrument="loan", amount="1"),
        "no open loan holding in E2",
    ),
    ("event about a holding without enterprise", ev(10, "write_off"), "needs an enterprise"),
    (
        "a second loan while the first is open",
        ev(10, "investment", enterprise="E1", instrument="loan", amount="10", rate="1", term=2),
        "still has an open loan",
    ),
    (
        "a loan without rate",
        ev(10, "investment", enterprise="E9", instrument="loan", amount="10", term=2),
        "a loan needs a rate",
    ),
    (
        "a loan without term",
        ev(10, "investment", enterprise="E9", instrument="loan", amount="10", rate="1"),
        "a loan needs a term",
    ),
    (
        "grace as long as the term",
        ev(
            10,
            "investment",
            enterprise="E9",
            instrument="loan",
            amount="10",
            rate="1",
            term=3,
            grace=3,
        ),
        "must be shorter than the term",
    ),
    (
        "negative grace",
        ev(
            10,
            "investment",
            enterprise="E9",
            instrument="loan",
            amount="10",
            rate="1",
            term=3,
            grace=-1,
        ),
        "grace period must be a whole number",
    ),
    (
        "term of zero",
        ev(10, "investment", enterprise="E9", instrument="loan", amount="10", rate="1", term=0),
        "term must be a whole number of months, at least 1",
    ),
    (
        "negative rate",
        ev(10, "investment", enterprise="E9", instrument="loan", amount="10", rate="-1", term=3),
        "rate cannot be negative",
    ),
    (
        "unknown loan method",
        ev(
            10,
            "investment",
            enterprise="E9",
            instrument="loan",
            amount="10",
            rate="1",
            term=3,
            method="balloon",
        ),
        "unknown loan method",
    ),
    (
        "first due date not after disbursement",
        ev(
            10,
            "investment",
            enterprise="E9",
            instrument="loan",
            amount="10",
            rate="1",
            term=3,
            first_due=date(2024, 1, 10),
        ),
        "must be after the disbursement date",
    ),
    (
        "a rate on an equity investment",
        ev(10, "investment", enterprise="E9", instrument="equity", amount="10", rate="1"),
        "rate applies only to a loan",
    ),
    (
        "a term on an advance",
        ev(10, "investment", enterprise="E9", instrument="advance", amount="10", term=3),
        "term applies only to a loan",
    ),
    (
        "investment without instrument",
        ev(10, "investment", enterprise="E9", amount="10"),
        "needs an instrument",
    ),
    (
        "investment in an unknown instrument",
        ev(10, "investment", enterprise="E9", instrument="bond", amount="10"),
        "unknown instrument 'bond'",
    ),
    (
        "investment without enterprise",
        ev(10, "investment", instrument="equity", amount="10"),
        "needs an enterprise",
    ),
    ("dissolve with open holdings", ev(10, "dissolve"), "cannot be dissolved while it has open"),
    (
        "an event dated before the last one",
        ev(4, "expense", amount="1"),
        "must be recorded in date order",
    ),
    (
        "a reference used before",
        ev(10, "expense", amount="1", reference="J1"),
        "reference 'J1' is already used",
    ),
    (
        "a member on an expense",
        ev(10, "expense", amount="1", member="Ana"),
        "member does not apply to an expense event",
    ),
    (
        "an amount on a join",
        ev(10, "join", member="Dee", amount="1"),
        "amount does not apply to a join event",
    ),
    (
        "an enterprise on a contribution",
        ev(10, "contribution", member="Ana", amount="1", enterprise="E1"),
        "enterprise does not apply to a contribution event",
    ),
    (
        "an instrument on an income",
        ev(10, "income", amount="1", instrument="equity"),
        "instrument does not apply to an income event",
    ),
    (
        "a rate on a repayment",
        ev(10, "repayment", enterprise="E1", amount="1", rate="2"),
        "rate does not apply to a repayment event",
    ),
    (
        "an amount on a write-off",
        ev(10, "write_off", enterprise="E2", amount="1"),
        "amount does not apply to a write_off event",
    ),
    (
        "anything on a dissolve",
        ev(10, "dissolve", member="Ana"),
        "member does not apply to a dissolve event",
    ),
    ("unknown event type", ev(10, "gift", amount="1"), "unknown event type 'gift'"),
    (
        "a member name with a trailing space",
        ev(10, "join", member="Dee "),
        "must not start or end with a space",
    ),
]


def _snapshot(book: ClubBook) -> bytes:
    return pickle.dumps(book)


@pytest.mark.parametrize(
    ("event", "message"), [(e, m) for _, e, m in REJECTIONS], ids=[n for n, _, _ in REJECTIONS]
)
@pytest.mark.parametrize("policy", ["units", "contributions"])
def test_rejected_event_leaves_the_book_unchanged(event: Event, message: str, policy: str) -> None:
    book = base_book(policy)
    before = _snapshot(book)
    with pytest.raises(EventRejected) as caught:
        book.apply(event)
    assert message in str(caught.value)
    assert _snapshot(book) == before
    # The book still works after a rejection.
    book.apply(ev(11, "income", amount="1.00"))
    assert book.cash_cents == 20100


def test_contribution_rejected_when_units_outstanding_and_nav_is_zero() -> None:
    book = ClubBook()
    book.apply(ev(1, "join", member="Ana"))
    book.apply(ev(1, "contribution", member="Ana", amount="100"))
    book.apply(ev(2, "investment", enterprise="E", instrument="equity", amount="100"))
    book.apply(ev(3, "write_off", enterprise="E"))
    assert book.nav_cents == 0
    before = _snapshot(book)
    with pytest.raises(EventRejected, match="recapitalise"):
        book.apply(ev(4, "contribution", member="Ana", amount="50"))
    assert _snapshot(book) == before
    # Under `contributions` the same club simply takes the money.
    book = ClubBook(policy="contributions")
    for e in [
        ev(1, "join", member="Ana"),
        ev(1, "contribution", member="Ana", amount="100"),
        ev(2, "investment", enterprise="E", instrument="equity", amount="100"),
        ev(3, "write_off", enterprise="E"),
        ev(4, "contribution", member="Ana", amount="50"),
    ]:
        book.apply(e)
    assert book.nav_cents == 5000


def test_dissolve_rejected_with_cash_but_no_member_weight() -> None:
    book = ClubBook()
    book.apply(ev(1, "join", member="Ana"))
    book.apply(ev(1, "contribution", member="Ana", amount="100"))
    book.apply(ev(2, "exit", member="Ana"))
    book.apply(ev(3, "income", amount="5"))
    before = _snapshot(book)
    with pytest.raises(EventRejected, match="no member still in the club"):
        book.apply(ev(4, "dissolve"))
    assert _snapshot(book) == before


def test_nothing_after_dissolve() -> None:
    book = ClubBook()
    book.apply(ev(1, "join", member="Ana"))
    book.apply(ev(1, "contribution", member="Ana", amount="100"))
    assert book.apply(ev(2, "dissolve")) == (
        Leg("capital:Ana", "D", 10000),
        Leg("cash", "C", 10000),
    )
    assert book.dissolved
    before = _snapshot(book)
    for late in [
        ev(2, "join", member="Bea"),
        ev(3, "income", amount="1"),
        ev(3, "dissolve"),
        ev(3, "contribution", member="Ana", amount="1"),
    ]:
        with pytest.raises(EventRejected, match="dissolved on 2024-01-02"):
            book.apply(late)
    assert _snapshot(book) == before


def test_dissolve_with_no_cash_and_no_members_is_allowed() -> None:
    book = ClubBook()
    assert book.apply(ev(1, "dissolve")) == ()
    assert book.dissolved


def test_repayment_allocation_pays_ahead_in_order_and_closes_the_loan() -> None:
    book = base_book()
    schedule = book.loan_schedule(1)
    total = sum((row.payment for row in schedule), Decimal(0))
    interest = sum((row.interest for row in schedule), Decimal(0))
    # By hand: payment rhe(500 × 0.01 ÷ (1 − 1.01^−6)) = rhe(86.274183) = 86.27; interest
    # 5.00, 4.19, 3.37, 2.54, 1.70, 0.85 (= 17.65); the last instalment is 0.85 + 85.45 = 86.30.
    assert (total, interest) == (Decimal("517.65"), Decimal("17.65"))
    first = book.apply(ev(10, "repayment", enterprise="E1", amount="100"))
    # Instalment 1 (due 4 Feb) is 86.27 = 5.00 interest + 81.27 principal; the remaining 13.73
    # goes to instalment 2 (not due yet): its interest 4.19 first, then 9.54 of its principal.
    assert schedule[0].payment == Decimal("86.27") and schedule[0].interest == Decimal("5.00")
    assert schedule[1].interest == Decimal("4.19")
    assert set(first) == {
        Leg("cash", "D", 10000),
        Leg("income:interest", "C", 500 + 419),
        Leg("holding:1", "C", 8127 + 954),
    }
    rest = book.apply(ev(11, "repayment", enterprise="E1", amount=str(total - 100)))
    assert set(rest) == {
        Leg("cash", "D", 41765),
        Leg("income:interest", "C", 1765 - 919),
        Leg("holding:1", "C", 50000 - 9081),
    }
    view = book.holdings()[0]
    assert (view.status, view.carrying, view.principal_outstanding) == ("repaid", 0, 0)
    # A new loan to E1 is now possible, as a new holding.
    book.apply(
        ev(12, "investment", enterprise="E1", instrument="loan", amount="10", rate="0", term=1)
    )
    assert [h.status for h in book.holdings() if h.enterprise == "E1"] == ["repaid", "open"]


def test_follow_on_investment_adds_to_cost_and_carrying_value() -> None:
    book = base_book()
    book.apply(ev(10, "valuation", enterprise="E2", amount="150"))
    posting = book.apply(ev(11, "investment", enterprise="E2", instrument="equity", amount="40"))
    assert posting == (Leg("holding:2", "D", 4000), Leg("cash", "C", 4000))
    e2 = book.holdings()[1]
    assert (e2.cost, e2.carrying, e2.status) == (14000, 19000, "open")
    book.apply(ev(11, "investment", enterprise="E3", instrument="advance", amount="10"))
    assert book.holdings()[2].principal_outstanding == 11000


def test_investment_after_a_closed_holding_opens_a_new_one() -> None:
    book = base_book()
    book.apply(ev(10, "investment", enterprise="E5", instrument="equity", amount="5"))
    e5 = [h for h in book.holdings() if h.enterprise == "E5"]
    assert [(h.status, h.cost, h.reference) for h in e5] == [
        ("sold", 2000, "E5/equity/1"),
        ("open", 500, "E5/equity/2"),
    ]


def test_sale_and_write_off_legs_move_unrealised_to_realised() -> None:
    book = base_book()
    assert book.apply(ev(10, "valuation", enterprise="E2", amount="130")) == (
        Leg("holding:2", "D", 3000),
        Leg("gain:unrealised", "C", 3000),
    )
    sale = book.apply(ev(11, "sale", enterprise="E2", amount="120"))
    assert set(sale) == {
        Leg("cash", "D", 12000),
        Leg("holding:2", "C", 13000),
        Leg("gain:realised", "C", 2000),
        Leg("gain:unrealised", "D", 3000),
    }
    book.apply(ev(12, "valuation", enterprise="E4", instrument="equity", amount="10"))
    write_off = book.apply(ev(13, "write_off", enterprise="E4", instrument="equity"))
    assert set(write_off) == {
        Leg("holding:4", "C", 1000),
        Leg("gain:realised", "D", 3000),
        Leg("gain:unrealised", "C", 2000),
    }
    # Now E4 has only the advance open: the instrument may be left empty.
    book.apply(ev(14, "repayment", enterprise="E4", amount="50"))
    assert book.holdings()[4].status == "repaid"
    # A loan sold below its outstanding principal realises the difference.
    assert set(book.apply(ev(15, "sale", enterprise="E1", amount="450"))) == {
        Leg("cash", "D", 45000),
        Leg("holding:1", "C", 50000),
        Leg("gain:realised", "D", 5000),
    }


def test_exit_at_value_with_agreed_amount_and_zero() -> None:
    book = ClubBook()
    for e in [
        ev(1, "join", member="Ana"),
        ev(1, "join", member="Bob"),
        ev(1, "join", member="Cy"),
        ev(1, "contribution", member="Ana", amount="100"),
        ev(1, "contribution", member="Bob", amount="100"),
        ev(1, "contribution", member="Cy", amount="100"),
        ev(2, "income", amount="0.01"),
    ]:
        book.apply(e)
    # Each third of 300.01 is 100.003333…: rounded on its own to 100.00.
    assert book.member_value(name="Ana") == Decimal("100.00")
    assert book.apply(ev(3, "exit", member="Ana")) == (
        Leg("capital:Ana", "D", 10000),
        Leg("cash", "C", 10000),
    )
    assert book.apply(ev(3, "exit", member="Bob", amount="0")) == ()
    assert book.units_outstanding() == Decimal("10.000000")
    assert book.member_value("Cy") == Decimal("200.01")


def test_contribution_when_all_units_were_cancelled_uses_the_initial_unit_value() -> None:
    book = ClubBook(initial_unit_value=Decimal("20.00"))
    for e in [
        ev(1, "join", member="Ana"),
        ev(1, "contribution", member="Ana", amount="100"),
        ev(2, "exit", member="Ana", amount="90"),
        ev(3, "join", member="Bea"),
        ev(3, "contribution", member="Bea", amount="50"),
    ]:
        book.apply(e)
    assert book.units_outstanding() == Decimal("2.500000")


def test_preview_checks_without_changing_the_book() -> None:
    book = base_book()
    before = _snapshot(book)
    event = ev(10, "repayment", enterprise="E3", amount="40")
    assert book.preview(event) == (Leg("cash", "D", 4000), Leg("holding:3", "C", 4000))
    with pytest.raises(EventRejected):
        book.preview(ev(10, "expense", amount="500"))
    assert _snapshot(book) == before
    assert book.apply(event) == (Leg("cash", "D", 4000), Leg("holding:3", "C", 4000))
