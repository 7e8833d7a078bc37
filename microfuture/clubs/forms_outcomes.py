"""Forms of an enterprise's yearly report and of a club's volunteer time (numbers typed the
reader's way: `1.250,50` and `1,5` on a Slovenian page)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from microfuture.clubs.core import from_cents
from microfuture.clubs.forms import MoneyField
from microfuture.clubs.forms_governance import MemberChoiceField
from microfuture.clubs.models import EnterpriseReport, Member
from microfuture.clubs.services.outcomes import FIRST_YEAR
from microfuture.kernel.fields import NumberField

NOT_NEGATIVE = {"min_value": _("An amount cannot be negative.")}
NO_NEGATIVE_JOBS = {"min_value": _("Numbers of jobs cannot be negative.")}

#: The finder's target groups (finder/mechanism.py `TARGET_GROUPS`) in plain words, for the
#: people who hold the jobs (the finder's "social economy organisations" is not a person).
TARGET_GROUPS_TEXT = _(
    "People the finder helps first: registered unemployed people (also long-term unemployed), "
    "young people under 30, people over 50, women, migrants, people with disabilities, Roma, "
    "and people on minimum income (social assistance). Count each job once, even if its holder "
    "belongs to several groups."
)


class EnterpriseReportForm(forms.Form):
    year = NumberField(whole=True, grouping=False, label=_("Year"), min_value=FIRST_YEAR)
    trading = forms.TypedChoiceField(
        label=_("Was the enterprise still trading at the end of the year?"),
        choices=[("yes", pgettext_lazy("still trading", "Yes")),
                 ("no", pgettext_lazy("still trading", "No"))], coerce=lambda v: v == "yes",
        widget=forms.RadioSelect, initial="yes",
    )
    jobs_created = NumberField(
        whole=True, label=_("Jobs created in the year"), min_value=0, initial=0,
        error_messages=NO_NEGATIVE_JOBS,
        help_text=_("New jobs, counted in people (a part-time job counts as one)."))
    jobs_kept = NumberField(
        whole=True, label=_("Jobs kept"), min_value=0, initial=0,
        error_messages=NO_NEGATIVE_JOBS,
        help_text=_("Jobs that existed before the year and still exist at its end."))
    jobs_target_groups = NumberField(
        whole=True, label=_("Of these jobs (created and kept), held by people of the target "
                            "groups"), min_value=0, initial=0,
        error_messages=NO_NEGATIVE_JOBS, help_text=TARGET_GROUPS_TEXT)
    turnover_band = forms.ChoiceField(
        label=_("Turnover in the year"), required=False,
        choices=[("", _("Not given")), *EnterpriseReport.TurnoverBand.choices])
    leverage_bank = MoneyField(
        label=_("Bank loans obtained in the year (€)"), required=False,
        error_messages=NOT_NEGATIVE,
        help_text=_("Only finance obtained after a club's first investment in the "
                    "enterprise."))
    leverage_fund = MoneyField(
        label=_("Finance from a fund obtained in the year (€)"), required=False,
        error_messages=NOT_NEGATIVE,
        help_text=_("For example the Slovene Enterprise Fund (SEF) or a regional fund."))
    leverage_public = MoneyField(
        label=_("Public grants and subsidies obtained in the year (€)"), required=False,
        error_messages=NOT_NEGATIVE,
        help_text=_("For example the Employment Service, a ministry or a municipality."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(
        attrs={"rows": 3}))

    @classmethod
    def initial_from(cls, report: EnterpriseReport) -> dict[str, Any]:
        """The boxes filled with a year's saved report, to correct it."""
        return {
            "year": report.year, "trading": "yes" if report.trading else "no",
            "jobs_created": report.jobs_created, "jobs_kept": report.jobs_kept,
            "jobs_target_groups": report.jobs_target_groups,
            "turnover_band": report.turnover_band,
            "leverage_bank": from_cents(report.leverage_bank_cents),
            "leverage_fund": from_cents(report.leverage_fund_cents),
            "leverage_public": from_cents(report.leverage_public_cents),
            "note": report.note,
        }


class VolunteerTimeForm(forms.Form):
    UNITS = [("hours", _("hours")), ("minutes", _("minutes"))]

    member = MemberChoiceField(queryset=Member.objects.none(), label=_("Member"),
                               empty_label=None)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    duration = NumberField(label=_("Time given"), min_value=Decimal("0"), decimal_places=2,
                           max_digits=6, help_text=_("In hours (1,5 is an hour and a half) "
                                                     "or in minutes, as you choose below."))
    unit = forms.ChoiceField(label=_("Counted in"), choices=UNITS, initial="hours",
                             widget=forms.RadioSelect)
    activity = forms.CharField(
        label=_("What for"), max_length=200,
        help_text=_("For example: the books, a meeting, due diligence of a proposal."))

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member_field = self.fields["member"]
        assert isinstance(member_field, forms.ModelChoiceField)
        member_field.queryset = members

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        duration, unit = data.get("duration"), data.get("unit")
        if duration is not None and unit:
            minutes = duration * 60 if unit == "hours" else duration
            if minutes != minutes.to_integral_value():
                self.add_error("duration", _("That is not a whole number of minutes: give the "
                                             "time in minutes."))
            else:
                data["minutes"] = int(minutes)
        return data
