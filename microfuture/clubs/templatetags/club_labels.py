"""Template filters that turn the money core's codes into words in the reader's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from microfuture.clubs.labels import HOLDING_STATUS_LABELS, INSTRUMENT_LABELS

register = template.Library()


@register.filter
def instrument_label(code: str) -> Any:
    return INSTRUMENT_LABELS.get(code, code)


@register.filter
def holding_status(code: str) -> Any:
    return HOLDING_STATUS_LABELS.get(code, code)


@register.filter
def iso_date(text: str) -> date | str:
    """A date written YYYY-MM-DD (as in statements) as a date, for the `date` filter."""
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return text
