"""Numbers, years and dates in the reader's language (money is in `money`).

- `{{ value|number }}`, `{{ value|number:6 }}`: a number (a `Decimal`, an `int`, or the plain
  text a statement carries, `"155.538680"`) as the page's language writes it: `155,538680` in
  Slovenian, `155.538680` in English; grouped (`1.756,226201`). Units have six decimals.
- `{{ value|year }}`: a year, never grouped: `2023`, not `2.023` (USE_THOUSAND_SEPARATOR is on
  for every other number).
- `{{ value|day }}`: a date (or the ISO text `"2026-12-01"` a result carries) in the page's one
  short date format: `1. 12. 2026` in Slovenian, `1 December 2026` in English (docs/formats.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import formats, timezone

from microfuture.kernel import display

register = template.Library()


register.filter("number", display.number)


@register.filter(name="year")
def year(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return str(value.year)
    return str(value)


register.filter("day", display.day)


@register.filter(name="moment")
def moment(value: Any) -> str:
    """A date and time in the page's one short format (`1. 12. 2026, 14:05`)."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATETIME_FORMAT")
