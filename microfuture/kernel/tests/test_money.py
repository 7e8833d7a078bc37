"""The shared money value: exact cents, no floats, the JSON string, the reader's text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microfuture.kernel.money import Money, MoneyError, fmt_cents, format_money, from_cents
from microfuture.numbers import parse_number

CENTS = st.integers(min_value=-(10**15), max_value=10**15)


def test_from_cents_is_exact_with_two_decimals() -> None:
    assert from_cents(123450) == Decimal("1234.50")
    assert str(from_cents(123450)) == "1234.50"
    assert str(from_cents(-5)) == "-0.05"
    assert str(from_cents(0)) == "0.00"


def test_the_json_string_has_two_decimals() -> None:
    assert Money(123450).json == "1234.50"
    assert Money(-5).json == "-0.05"
    assert Money(7).json == "0.07"
    assert fmt_cents(100) == "1.00"
    assert str(Money(1999)) == "19.99"
    assert f"{Money(1999):>8}" == "   19.99"


def test_of_reads_decimals_texts_and_ints_exactly() -> None:
    assert Money.of(Decimal("12.50")).cents == 1250
    assert Money.of("12.5").cents == 1250
    assert Money.of(" 3 ").cents == 300
    assert Money.of(7, "SEK") == Money(700, "SEK")


@pytest.mark.parametrize("value", [1.5, 0.1, True])
def test_floats_and_bools_are_refused(value: object) -> None:
    with pytest.raises(TypeError):
        Money.of(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["12.345", Decimal("0.001"), "abc", "NaN", "Infinity"])
def test_finer_than_a_cent_or_not_a_number_is_an_error(value: str | Decimal) -> None:
    with pytest.raises(MoneyError):
        Money.of(value)


def test_rounded_is_half_even_to_the_cent() -> None:
    assert Money.rounded("0.125").cents == 12
    assert Money.rounded("0.135").cents == 14
    assert Money.rounded(Decimal("-2.675")).cents == -268


def test_equality_is_cents_and_currency() -> None:
    assert Money(500) == Money(500, "EUR")
    assert Money(500) != Money(500, "SEK")
    assert len({Money(500), Money(500), Money(501)}) == 2


def test_the_reader_sees_slovenian_and_english() -> None:
    assert Money(123456).format("sl") == "1.234,56 €"
    assert Money(123456).format("en") == "€1,234.56"
    assert Money(-123456).format("en") == "-€1,234.56"
    assert Money(-123456).format("sl") == "-1.234,56 €"
    assert Money(100, "SEK").format("en") == "1.00 kr"
    assert Money(100, "CHF").format("sl") == "1,00 CHF"
    assert Money(123456789).number("sl") == "1.234.567,89"


def test_format_money_rounds_and_shows_nothing_as_a_dash() -> None:
    assert format_money(Decimal("1234.565"), "EUR", "sl") == "1.234,56 €"
    assert format_money("12", "EUR", "en") == "€12.00"
    assert format_money(None, "EUR", "en") == "–"
    assert format_money("", "EUR", "sl") == "–"


@given(CENTS)
def test_cents_to_json_to_cents_round_trips(cents: int) -> None:
    money = Money(cents)
    assert Money.of(money.json) == money
    assert Money.of(money.amount).cents == cents
    assert money.amount == Decimal(cents) / 100


@given(CENTS, st.sampled_from(["sl", "en"]))
def test_cents_to_the_readers_text_to_cents_round_trips(cents: int, language: str) -> None:
    assert Money.of(parse_number(Money(cents).number(language), language)).cents == cents
