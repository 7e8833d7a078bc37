"""Exact money arithmetic for the club core: one place for precision, rounding and formats.

Amounts are `Decimal` in code and integer minor units at rest: cents for money, millionths
for units. Every rounding is ROUND_HALF_EVEN (spec club-accounting §1), and intermediate
arithmetic runs in a local context of 60 significant digits, well above the 28 the spec asks.
The money value itself (`Money`, `CENT`, `CTX`, `from_cents`, `fmt_cents`) is the shared
kernel's (`microfuture/kernel/money.py`), used by every app; reading typed or stored amounts
(`D`, `to_cents`), units and shares, which refuse with the core's own errors, are here.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal, InvalidOperation

from microfuture.kernel.money import CENT, CTX, Money, fmt_cents, from_cents

from .errors import AccountingError, gettext_noop

__all__ = [
    "CENT",
    "CTX",
    "SHARE",
    "UNIT",
    "D",
    "Money",
    "div_half_even",
    "fmt_cents",
    "fmt_micro",
    "fmt_money",
    "fmt_share",
    "fmt_units",
    "from_cents",
    "from_micro",
    "round_cents",
    "round_units",
    "to_cents",
    "to_micro",
]

UNIT = Decimal("0.000001")
SHARE = UNIT


def D(value: str | int | Decimal) -> Decimal:
    """Make a Decimal from a string, an int or a Decimal; floats (and bools) are refused."""
    if isinstance(value, (bool, float)):
        raise TypeError(f"refusing {type(value).__name__} {value!r}: money is never a float")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise AccountingError(
                gettext_noop("{value!r} is not a decimal number"), value=value
            ) from None
    else:
        raise TypeError(f"cannot make a Decimal from {type(value).__name__}")
    if not result.is_finite():
        raise AccountingError(gettext_noop("{value!r} is not a finite decimal number"), value=value)
    return result


def round_cents(value: Decimal) -> Decimal:
    """Round to the cent, half to even."""
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN, context=CTX)


def round_units(value: Decimal) -> Decimal:
    """Round to the millionth of a unit (also used for shares), half to even."""
    return value.quantize(UNIT, rounding=ROUND_HALF_EVEN, context=CTX)


def _scaled_int(value: Decimal, scale: int) -> int | None:
    """`value` × `scale` as an int, or None when that is not a whole number."""
    scaled = CTX.multiply(value, Decimal(scale))
    if scaled != scaled.to_integral_value(rounding=ROUND_FLOOR, context=CTX):
        return None
    return int(scaled)


def to_cents(value: Decimal) -> int:
    """Exact Decimal money to integer cents; an amount finer than a cent is an error."""
    cents = _scaled_int(value, 100)
    if cents is None:
        raise AccountingError(
            gettext_noop("{value} has more decimals than a money amount (2) allows"), value=value
        )
    return cents


def to_micro(value: Decimal) -> int:
    """Exact Decimal units (or share) to integer millionths; finer than 6 decimals is an error."""
    micro = _scaled_int(value, 1_000_000)
    if micro is None:
        raise AccountingError(
            gettext_noop("{value} has more decimals than a unit amount (6) allows"), value=value
        )
    return micro


def from_micro(micro: int) -> Decimal:
    """Integer millionths to a Decimal with exactly six decimals."""
    return Decimal(micro).scaleb(-6, context=CTX).quantize(UNIT, context=CTX)


def div_half_even(numerator: int, denominator: int) -> int:
    """numerator ÷ denominator rounded to an integer, half to even, in exact integer arithmetic."""
    if denominator == 0:
        raise ZeroDivisionError("division by zero")
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    q, r = divmod(numerator, denominator)
    twice = 2 * r
    if twice > denominator or (twice == denominator and q % 2 == 1):
        q += 1
    return q


def _fmt_scaled(value: int, places: int) -> str:
    sign = "-" if value < 0 else ""
    digits = str(abs(value)).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def fmt_micro(micro: int) -> str:
    """Integer millionths as a 6-decimal string: 12345678 -> "12.345678"."""
    return _fmt_scaled(micro, 6)


def fmt_money(value: Decimal) -> str:
    """Money as a string with exactly two decimals, rounded half-even: "1234.50"."""
    return fmt_cents(int(CTX.multiply(round_cents(value), Decimal(100))))


def fmt_units(value: Decimal) -> str:
    """Units as a string with exactly six decimals, rounded half-even: "12.345678"."""
    return fmt_micro(int(CTX.multiply(round_units(value), Decimal(1_000_000))))


def fmt_share(value: Decimal) -> str:
    """A share (a fraction of the whole) as a 6-decimal string: "0.250000"."""
    return fmt_units(value)
