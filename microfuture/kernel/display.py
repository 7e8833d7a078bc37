"""Numbers, days and shares as the reader's language writes them (money is in `money`).

Plain functions, shared by the templates' filters (`web/templatetags/numbers.py` and
`money.py` register them) and the views that build tables and charts in Python (the impact
dashboards); the rules are in docs/formats.md.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from django.utils import formats, timezone

from microfuture.kernel.fields import page_language
from microfuture.numbers import format_number


def number(value: Any, places: int | None = None) -> str:
    """A number (a `Decimal`, an `int`, or the plain text a statement carries,
    `"155.538680"`) as the page's language writes it, grouped; "–" for none."""
    if value is None or value == "":
        return "–"
    try:
        amount = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        return str(value)
    if not amount.is_finite():
        return str(value)
    return format_number(amount, page_language(), places=places)


def day(value: Any) -> str:
    """A date (or the ISO text a result carries) in the page's one short date format."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def share_percent(share: Decimal | str | None) -> str:
    """A 6-decimal share ("0.250000") as a percentage with two decimals, localised."""
    if share is None or share == "":
        return "–"
    value = (Decimal(str(share)) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True) + " %"
