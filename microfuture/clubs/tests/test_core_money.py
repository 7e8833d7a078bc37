"""Money helpers and the share-out (spec §1 and §6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microfuture.clubs.core import (
    AccountingError,
    D,
    ShareClaim,
    fmt_money,
    fmt_share,
    fmt_units,
    from_cents,
    from_micro,
    round_cents,
    round_units,
    share_out,
    to_cents,
    to_micro,
)
from microfuture.clubs.core.money import div_half_even


def test_d_refuses_floats_and_bools() -> None:
    with pytest.raises(TypeError):
        D(0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        D(True)
    assert D("0.10") == Decimal("0.10")
    assert D(3) == Decimal(3)
    assert D(Decimal("1.5")) == Decimal("1.5")
    for bad in ("abc", "NaN", "Infinity", ""):
        with pytest.raises(AccountingError):
            D(bad)


@pytest.mark.parametrize(
    ("value", "cents", "units"),
    [
        ("0.125", "0.12", "0.125000"),
        ("0.135", "0.14", "0.135000"),
        ("-0.125", "-0.12", "-0.125000"),
        ("2.675", "2.68", "2.675000"),
        ("1.0000005", "1.00", "1.000000"),
        ("1.0000015", "1.00", "1.000002"),
        ("1.00000150000000001", "1.00", "1.000002"),
    ],
)
def test_rounding_is_half_even(value: str, cents: str, units: str) -> None:
    assert str(round_cents(Decimal(value))) == cents
    assert str(round_units(Decimal(value))) == units


def test_rounding_ignores_the_global_context() -> None:
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_UP
        assert round_cents(Decimal("12345.125")) == Decimal("12345.12")


def test_conversions_are_exact_or_refuse() -> None:
    assert to_cents(Decimal("1234.5")) == 123450
    assert to_cents(Decimal("5.500")) == 550
    assert from_cents(123450) == Decimal("1234.50")
    assert str(from_cents(-5)) == "-0.05"
    with pytest.raises(AccountingError):
        to_cents(Decimal("0.001"))
    assert to_micro(Decimal("12.345678")) == 12345678
    assert str(from_micro(12345678)) == "12.345678"
    with pytest.raises(AccountingError):
        to_micro(Decimal("0.0000001"))


def test_formats() -> None:
    assert fmt_money(Decimal("1234.5")) == "1234.50"
    assert fmt_money(Decimal("0")) == "0.00"
    assert fmt_money(Decimal("-0.001")) == "0.00"
    assert fmt_money(Decimal("-12.345")) == "-12.34"
    assert fmt_money(Decimal("1E+3")) == "1000.00"
    assert fmt_units(Decimal("12.3456785")) == "12.345678"
    assert fmt_share(Decimal("0.25")) == "0.250000"


@given(st.integers(-(10**12), 10**12), st.integers(1, 10**9))
def test_div_half_even_matches_decimal(numerator: int, denominator: int) -> None:
    exact = Decimal(numerator) / Decimal(denominator)  # 28 digits are plenty at these sizes
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(numerator) / Decimal(denominator)
        expected = int(exact.quantize(Decimal(1), rounding=decimal.ROUND_HALF_EVEN))
    assert div_half_even(numerator, denominator) == expected


# --- share-out (§6) ---


def claim(name: str, weight: int, day: int = 1) -> ShareClaim:
    return ShareClaim(name=name, weight=weight, join_date=date(2024, 1, day))


def test_share_out_largest_remainder_by_hand() -> None:
    # 100 cents in thirds: 33.33… each, floors 33 + 33 + 33 = 99; one cent left, all
    # remainders equal (1/3): the earliest join date wins it.
    assert share_out(100, [claim("Cy", 1, 1), claim("Ana", 1, 2), claim("Bob", 1, 3)]) == {
        "Cy": 34,
        "Ana": 33,
        "Bob": 33,
    }
    # Same date: the name decides.
    assert share_out(100, [claim("Cy", 1), claim("Ana", 1), claim("Bob", 1)]) == {
        "Cy": 33,
        "Ana": 34,
        "Bob": 33,
    }
    # 1000 cents by 1:2:4 → 142.857, 285.714, 571.428: floors 142 + 285 + 571 = 998; the two
    # cents go to the remainders .857 and .714.
    assert share_out(1000, [claim("a", 1), claim("b", 2), claim("c", 4)]) == {
        "a": 143,
        "b": 286,
        "c": 571,
    }


def test_share_out_edges() -> None:
    assert share_out(0, [claim("a", 0), claim("b", 0)]) == {"a": 0, "b": 0}
    assert share_out(0, []) == {}
    assert share_out(7, [claim("a", 0), claim("b", 3)]) == {"a": 0, "b": 7}
    with pytest.raises(AccountingError, match="no member has any weight"):
        share_out(1, [claim("a", 0)])
    with pytest.raises(AccountingError):
        share_out(-1, [claim("a", 1)])
    with pytest.raises(AccountingError):
        share_out(5, [claim("a", 1), claim("a", 2)])
    with pytest.raises(AccountingError):
        share_out(5, [claim("a", -1)])


@given(
    st.integers(0, 10**9),
    st.lists(st.tuples(st.integers(0, 10**12), st.integers(1, 28)), min_size=1, max_size=25).filter(
        lambda ws: sum(w for w, _ in ws) > 0
    ),
)
def test_share_out_sums_exactly_and_gives_floor_or_floor_plus_one(
    total: int, weights: list[tuple[int, int]]
) -> None:
    claims = [claim(f"m{i:02d}", w, day) for i, (w, day) in enumerate(weights)]
    payouts = share_out(total, claims)
    assert sum(payouts.values()) == total
    big_w = sum(c.weight for c in claims)
    remainders = {}
    for c in claims:
        floor, remainder = divmod(total * c.weight, big_w)
        assert payouts[c.name] in (floor, floor + 1)
        remainders[c.name] = (remainder, c.join_date, c.name)
    # Every member who got the extra cent ranks before every member who did not.
    got = [remainders[c.name] for c in claims if payouts[c.name] > total * c.weight // big_w]
    not_got = [remainders[c.name] for c in claims if payouts[c.name] == total * c.weight // big_w]
    if got and not_got:
        worst_winner = max(got, key=lambda r: (-r[0], r[1], r[2]))
        best_loser = min(not_got, key=lambda r: (-r[0], r[1], r[2]))
        assert (-worst_winner[0], worst_winner[1], worst_winner[2]) < (
            -best_loser[0],
            best_loser[1],
            best_loser[2],
        )
