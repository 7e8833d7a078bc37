"""Money in the reader's language: `1.234,50 €` in Slovenian, `€1,234.50` in English."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from django import template
from django.utils import formats, translation

register = template.Library()

SYMBOLS = {"EUR": "€", "SEK": "kr", "USD": "$", "GBP": "£", "RON": "lei"}


def format_money(amount: Decimal | str | None, currency: str = "EUR") -> str:
    if amount is None or amount == "":
        return "–"
    # number_format cuts extra decimals off; round them half-even first.
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    number = formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    symbol = SYMBOLS.get(currency, currency)
    language = (translation.get_language() or "en").split("-")[0]
    if language == "en" and symbol in {"€", "$", "£"}:
        if number.startswith("-"):
            return f"-{symbol}{number[1:]}"
        return f"{symbol}{number}"
    return f"{number} {symbol}"


@register.filter(name="money")
def money(amount: Decimal | str | None, currency: str = "EUR") -> str:
    return format_money(amount, currency or "EUR")


@register.filter(name="share_percent")
def share_percent(share: Decimal | str | None) -> str:
    """A 6-decimal share ("0.250000") as a percentage with two decimals, localised."""
    if share is None or share == "":
        return "–"
    value = (Decimal(str(share)) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True) + " %"


@register.filter(name="cents")
def cents(value: int | None) -> Decimal | None:
    """Integer minor units (as stored) to a Decimal amount."""
    if value is None:
        return None
    return Decimal(int(value)) / 100
