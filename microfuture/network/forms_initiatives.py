"""Forms of joint initiatives: the list's status filter and the staff's create/edit form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from microfuture.kernel.fields import LocalDateInput
from microfuture.network.models import Initiative, Meeting, Organisation
from microfuture.network.templatetags.network_text import local


def date_field(label: Any, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=LocalDateInput(),
        help_text=_("For example 1 July 2024."),
        error_messages={"invalid": _("Write the date as day, month and year, "
                                     "for example 1 July 2024.")},
    )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Any status")), *Initiative.Status.choices],
    )


class MeetingChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        day = formats.date_format(timezone.localtime(obj.starts_at).date(), "SHORT_DATE_FORMAT")
        return f"{local(obj, 'title')} ({day})"


class InitiativeForm(forms.Form):
    title_sl = forms.CharField(label=_("Title in Slovenian"), max_length=250, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=250, required=False)
    goal_sl = forms.CharField(label=_("Goal in Slovenian"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    goal_en = forms.CharField(label=_("Goal in English"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    status = forms.ChoiceField(label=_("Status"), choices=Initiative.Status.choices)
    started_on = date_field(_("Started on (left empty: the day it is marked under way)"))
    ended_on = date_field(_("Ended on (left empty: the day it is marked completed or stopped)"))
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"), required=False, queryset=Organisation.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
    meetings = MeetingChoices(
        label=_("Meetings"), required=False,
        queryset=Meeting.objects.order_by("-starts_at", "-id"),
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title_sl") or "").strip() and not (data.get("title_en") or "").strip():
            self.add_error("title_sl", _("Give the initiative a title in Slovenian or in "
                                         "English."))
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("An initiative cannot end before it started."))
        return data

    @classmethod
    def initial_of(cls, initiative: Initiative) -> dict[str, Any]:
        return {
            "title_sl": initiative.title_sl, "title_en": initiative.title_en,
            "goal_sl": initiative.goal_sl, "goal_en": initiative.goal_en,
            "status": initiative.status, "started_on": initiative.started_on,
            "ended_on": initiative.ended_on,
            "partners": list(initiative.partners.all()),
            "meetings": list(initiative.meetings.all()),
        }
