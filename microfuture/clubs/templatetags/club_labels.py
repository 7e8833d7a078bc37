"""Template filters that turn the money core's codes into words in the reader's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.translation import gettext

from microfuture.clubs.labels import HOLDING_STATUS_LABELS, INSTRUMENT_LABELS
from microfuture.clubs.services.erasure import PSEUDONYM

register = template.Library()


@register.filter
def book_name(name: Any) -> Any:
    """A name in the club's books as the reader reads it: the pseudonym of a member erased at
    their request ("erased person #12", stored so) in the reader's language."""
    found = PSEUDONYM.fullmatch(name) if isinstance(name, str) else None
    if found is None:
        return name
    return gettext("erased person #%(number)s") % {"number": found.group(1)}


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
