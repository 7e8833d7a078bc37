"""Money in the reader's language: `1.234,50 €` in Slovenian, `€1,234.50` in English.

The filters are the template face of the shared kernel's money value (`kernel/money.py`).
"""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import translation

from microfuture.kernel import display
from microfuture.kernel import money as kernel_money

register = template.Library()


def format_money(amount: Decimal | str | None, currency: str = "EUR") -> str:
    """`amount` as a reader of the active language sees it (the kernel's `format_money`)."""
    return kernel_money.format_money(amount, currency, translation.get_language())


@register.filter(name="money")
def money(amount: Decimal | str | None, currency: str = "EUR") -> str:
    return format_money(amount, currency or "EUR")


share_percent = register.filter("share_percent", display.share_percent)


@register.filter(name="cents")
def cents(value: int | None) -> Decimal | None:
    """Integer minor units (as stored) to a Decimal amount."""
    if value is None:
        return None
    return kernel_money.from_cents(int(value))
