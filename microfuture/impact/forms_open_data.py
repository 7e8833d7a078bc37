"""The open-data page's choice: a date (typed the reader's way or ISO, today when left empty,
never in the future) and a region (all regions when left empty)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microfuture.network.forms_initiatives import date_field
from microfuture.regions import REGION_CHOICES


class OpenDataChoiceForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"] = date_field(_("Date"))
        self.fields["date"].help_text = _("The figures as they stood at the end of this day; "
                                          "today when left empty. For example 1 July 2026.")
        self.fields["region"] = forms.ChoiceField(
            label=_("Region"), required=False,
            choices=[("", _("All regions")), *REGION_CHOICES])

    def clean_date(self) -> date:
        on: date | None = self.cleaned_data.get("date")
        today = timezone.localdate()
        if on is None:
            return today
        if on > today:
            raise forms.ValidationError(_("There are no figures for a date in the future."))
        return on
