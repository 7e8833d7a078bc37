"""The one form field for numbers on every page: typed and shown in the reader's language.

`NumberField` reads what was typed with `microfuture.numbers.parse_number` in the active
language (`25,50` and `1.000,00` on a Slovenian page, `25.50` and `1,000.00` on an English
one) and shows a value back the same way. Anything the page's language would not write is
refused with a message that says how to write it; nothing is guessed. `whole=True` makes it a
field for whole numbers (an `int`), which refuses any decimal mark: `1,000` on a Slovenian
page is one, not a thousand, so it is refused rather than read as 1. See docs/formats.md.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from microfuture.numbers import NumberError, format_number, parse_number

__all__ = ["LocalDateInput", "NumberField", "page_language"]


def page_language() -> str:
    return (translation.get_language() or "en").split("-")[0]


class NumberField(forms.DecimalField):
    """A number typed in the reader's language; a `Decimal`, or an `int` with `whole=True`.

    `grouping=False` shows a value back without group marks (a year: 2023, never 2.023);
    `shown_places` shows it back with that many decimals (an amount: 25,50, not 25,5).

    `canonical=True` reads the plain form the site puts in addresses (`1234.5`, whatever the
    page's language) instead of the reader's: for answers carried from step to step or in a
    share link, never for what a person types.
    """

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Enter a number, such as 25 or 1,234.50."),
        "other_language": _(
            "“%(text)s” is not how numbers are written here: write %(suggestion)s "
            "(a point before the decimals, a comma or a space between thousands)."
        ),
        "misplaced": _(
            "“%(text)s” has a separator in the wrong place: write numbers like 1,234.50 or "
            "25.50 (a point before the decimals, a comma or a space between thousands)."
        ),
        "whole": _("Enter a whole number, without decimals."),
    }

    def __init__(
        self, *, whole: bool = False, canonical: bool = False, grouping: bool = True,
        shown_places: int | None = None, **kwargs: Any,
    ) -> None:
        self.whole = whole
        self.shown_places = shown_places
        self.canonical = canonical
        self.grouping = grouping
        if whole:
            kwargs.setdefault("decimal_places", 0)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        # A phone's number pad has no minus sign: offer it only where negatives are wrong.
        if (isinstance(widget, forms.TextInput) and "inputmode" not in widget.attrs
                and self.min_value is not None and self.min_value >= 0):
            attrs["inputmode"] = "numeric" if self.whole else "decimal"
        return attrs

    def to_python(self, value: Any) -> Any:  # a Decimal or None (an int comes from clean)
        if value in self.empty_values:
            return None
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            return Decimal(value)
        text = str(value)
        if text.strip() == "":
            return None
        try:
            number = parse_number(text, "en" if self.canonical else page_language())
        except NumberError as exc:
            raise ValidationError(
                self.error_messages[exc.code], code=exc.code,
                params={"text": exc.text.strip(), "suggestion": exc.suggestion, "value": text},
            ) from None
        if self.whole and number.as_tuple().exponent != 0:
            # exponent < 0: decimals were typed, even zeros (1,000 on a Slovenian page).
            raise ValidationError(self.error_messages["whole"], code="whole")
        return number

    def run_validators(self, value: Any) -> None:
        """Django's checks, with the limits in their messages written the reader's way."""
        try:
            super().run_validators(value)
        except ValidationError as exc:
            raise ValidationError([self._localised(error) for error in exc.error_list]) from None

    @staticmethod
    def _localised(error: ValidationError) -> ValidationError:
        params = dict(error.params or {})
        limit = params.get("limit_value")
        if isinstance(limit, (Decimal, int)) and not isinstance(limit, bool):
            params["limit_value"] = format_number(limit, page_language())
            return ValidationError(error.message, code=error.code, params=params)
        return error

    def clean(self, value: Any) -> Any:
        number = super().clean(value)
        if self.whole and number is not None:
            return int(number)
        return number

    def prepare_value(self, value: Any) -> Any:
        """A value shown back in the box: a number the reader's way; typed text as it was."""
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            if self.canonical:
                return format_number(value, "en", grouping=False)
            return format_number(
                value, page_language(), places=self.shown_places, grouping=self.grouping
            )
        return value

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return bool(self.to_python(data) != self.to_python(initial))
        except ValidationError:
            return True


class LocalDateInput(forms.TextInput):
    """A date box typed by hand that shows a date the reader's way (`1. 12. 2026`,
    `1 December 2026`); the field reads it with the language's DATE_INPUT_FORMATS (ISO too,
    docs/formats.md)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", "size": "16", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return formats.date_format(value, "SHORT_DATE_FORMAT")
        return super().format_value(value)
