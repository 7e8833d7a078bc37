"""The policy-signals page's filter form: a period typed the reader's way, a type, a group."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microfuture.impact.selectors_signals import APPLICANT_TYPES, TARGET_GROUPS
from microfuture.kernel.fields import LocalDateInput


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, localize=True, widget=LocalDateInput(),
        help_text=_("For example 1 December 2026."),
        error_messages={"invalid": _("Write the date as day, month and year, "
                                     "for example 1 December 2026.")},
    )


class SignalsFilterForm(forms.Form):
    """`from` and `to` (the names the dashboards' addresses use too) are set in `__init__`:
    `from` is a Python keyword."""

    applicant_type = forms.ChoiceField(
        label=_("Who searched"), required=False,
        choices=[("", _("All applicant types")),
                 *((code, label) for code, label, _who in APPLICANT_TYPES)])
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False,
        choices=[("", _("All searches")),
                 *((code, label) for code, label, _who in TARGET_GROUPS)])

    field_order = ["from", "to", "applicant_type", "target_group"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = _date_field(_("From"))
        self.fields["to"] = _date_field(_("To"))
        for name in ("from", "to"):  # the page's help line under the box
            self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}-help"
        self.order_fields(self.field_order)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("from"), data.get("to")
        if since and until and since > until:
            self.add_error("to", _("The end of the period is before its start."))
        return data
