"""One money value for every app: an exact amount in integer cents, with its currency.

Pure (no Django, no I/O) and exact: integer cents at rest, `Decimal` in code, never a float.
Every app, the API schemas and the templates go through here to turn cents into a `Decimal`
(`from_cents`), into the JSON string `"1234.50"` (`fmt_cents`, `Money.json`) or into the text
a reader sees (`format_money`, `Money.format`: `1.234,50 €` in Slovenian, `€1,234.50` in
English, written by `numbers.format_number`). The clubs core builds its rules on the same
`CENT`, `CTX` and `Money`; reading typed or stored money (`D`, `to_cents`, which refuse with
the core's own errors) stays in `clubs/core/money.py`.
"""

from __future__ import annotations

from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)

from microfuture.numbers import format_number

__all__ = [
    "CENT",
    "CTX",
    "SYMBOLS",
    "Money",
    "MoneyError",
    "fmt_cents",
    "format_money",
    "from_cents",
]

CENT = Decimal("0.01")

#: The context for every intermediate product and quotient (never the thread's global one):
#: 60 significant digits, well above the 28 the accounting spec asks, rounding half to even.
CTX = Context(
    prec=60,
    rounding=ROUND_HALF_EVEN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

#: How a reader sees a currency: "€" before the number in English, after it in Slovenian.
SYMBOLS = {"EUR": "€", "SEK": "kr", "USD": "$", "GBP": "£", "RON": "lei"}
_SYMBOL_FIRST_IN_ENGLISH = frozenset({"€", "$", "£"})


class MoneyError(ValueError):
    """A value that is not an exact amount of money (not a number, or finer than a cent)."""


def from_cents(cents: int) -> Decimal:
    """Integer cents to a Decimal with exactly two decimals: 123450 -> Decimal("1234.50")."""
    return Decimal(cents).scaleb(-2, context=CTX).quantize(CENT, context=CTX)


def fmt_cents(cents: int) -> str:
    """Integer cents as the money string of JSON and files: 123450 -> "1234.50"."""
    sign = "-" if cents < 0 else ""
    digits = str(abs(cents)).rjust(3, "0")
    return f"{sign}{digits[:-2]}.{digits[-2:]}"


def _decimal(value: Decimal | str | int) -> Decimal:
    """A finite Decimal from a Decimal, an int or a numeric text; floats (and bools) refused."""
    if isinstance(value, (bool, float)):
        raise TypeError(f"refusing {type(value).__name__} {value!r}: money is never a float")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise MoneyError(f"{value!r} is not a decimal number") from None
    else:
        raise TypeError(f"cannot make money from {type(value).__name__}")
    if not number.is_finite():
        raise MoneyError(f"{value!r} is not a finite decimal number")
    return number


def _symbol_text(number: str, currency: str, language: str | None) -> str:
    symbol = SYMBOLS.get(currency, currency)
    if (language or "en").split("-")[0].lower() == "en" and symbol in _SYMBOL_FIRST_IN_ENGLISH:
        if number.startswith("-"):
            return f"-{symbol}{number[1:]}"
        return f"{symbol}{number}"
    return f"{number} {symbol}"


class Money:
    """An exact amount of money: integer cents and a currency.

    `str()` is the plain "1234.50" (JSON, files, and the English text of the core's
    messages); `format(language)` is what a reader sees. Two amounts are equal when their
    cents and currency are.
    """

    __slots__ = ("cents", "currency")

    cents: int
    currency: str

    def __init__(self, cents: int, currency: str = "EUR") -> None:
        if isinstance(cents, bool) or not isinstance(cents, int):
            raise TypeError(f"Money takes integer cents, not {type(cents).__name__}")
        self.cents = cents
        self.currency = currency

    @classmethod
    def from_cents(cls, cents: int, currency: str = "EUR") -> Money:
        return cls(cents, currency)

    @classmethod
    def of(cls, amount: Decimal | str | int, currency: str = "EUR") -> Money:
        """The exact amount `amount` (a Decimal, an int or a text such as "12.50"); a float is
        refused (TypeError), an amount finer than a cent is an error (MoneyError)."""
        scaled = CTX.multiply(_decimal(amount), Decimal(100))
        if scaled != scaled.to_integral_value(context=CTX):
            raise MoneyError(f"{amount} has more decimals than a money amount (2) allows")
        return cls(int(scaled), currency)

    @classmethod
    def rounded(cls, amount: Decimal | str | int, currency: str = "EUR") -> Money:
        """`amount` rounded to the cent, half to even (for shown figures, never for postings)."""
        return cls.of(_decimal(amount).quantize(CENT, rounding=ROUND_HALF_EVEN, context=CTX),
                      currency)

    @property
    def amount(self) -> Decimal:
        """The amount as a Decimal with exactly two decimals."""
        return from_cents(self.cents)

    @property
    def json(self) -> str:
        """The amount as JSON carries money: a string with two decimals, "1234.50"."""
        return fmt_cents(self.cents)

    def number(self, language: str | None) -> str:
        """The amount as `language` writes numbers, without the currency: "1.234,50"."""
        return format_number(self.amount, language, places=2)

    def format(self, language: str | None) -> str:
        """The amount with its currency as a reader of `language` sees it: "1.234,50 €",
        "€1,234.50"."""
        return _symbol_text(self.number(language), self.currency, language)

    def __str__(self) -> str:
        return fmt_cents(self.cents)

    def __format__(self, spec: str) -> str:
        return format(fmt_cents(self.cents), spec)

    def __repr__(self) -> str:
        if self.currency == "EUR":
            return f"Money({self.cents!r})"
        return f"Money({self.cents!r}, {self.currency!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents == other.cents and self.currency == other.currency

    def __hash__(self) -> int:
        return hash((self.cents, self.currency))


def format_money(amount: Decimal | str | int | None, currency: str, language: str | None) -> str:
    """An amount (a Decimal or numeric text in the currency's units) as a reader of `language`
    sees it, rounded half to even to the cent; "–" for no amount."""
    if amount is None or amount == "":
        return "–"
    return Money.rounded(amount, currency).format(language)
