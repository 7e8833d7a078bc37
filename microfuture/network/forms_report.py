"""Forms of the period report: a calendar half-year, or any two dates typed the reader's way
(`1. 1. 2026` on a Slovenian page, `1 January 2026` on an English one, ISO on both)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microfuture.network.forms_initiatives import date_field


class HalfYearForm(forms.Form):
    period = forms.ChoiceField(label=_("Half-year"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class DatesForm(forms.Form):
    """Two dates, both included (`from`, `to`: the names of the address's parameters)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = date_field(_("From"), required=True)
        self.fields["to"] = date_field(_("To (included)"), required=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            self.add_error("to", _("The period cannot end before it starts."))
        return data
