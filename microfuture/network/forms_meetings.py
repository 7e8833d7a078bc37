"""Forms of the meeting pages: parse what staff type before any service runs.

Dates and times are typed in the page's language (`24. 7. 2024` and `10:00` on a Slovenian
page; the formats are in `microfuture/formats`) and shown back the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microfuture.kernel.fields import LocalDateInput
from microfuture.network.models import Language, Meeting, Organisation, Person
from microfuture.network.selectors_meetings import organisations_for_picking, people_for_picking


class LocalTimeInput(forms.TimeInput):
    input_type = "text"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.time):
            return value.strftime("%H:%M")
        return super().format_value(value)


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, help_text=help_text,
        widget=LocalDateInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Write a date like 24 July 2024.")},
    )


def _time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label, widget=LocalTimeInput(attrs={"autocomplete": "off"}),
        input_formats=["%H:%M", "%H.%M", "%H"],
        error_messages={"invalid": _("Write a time like 10:00.")},
    )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.Kind.choices)
    title_sl = forms.CharField(label=_("Title in Slovenian"), max_length=250, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=250, required=False,
                               help_text=_("One title is enough; give both if you can."))
    start_day = _date_field(_("Date"), help_text=_("For example 24 July 2024."))
    start_time = _time_field(_("Starts at"))
    end_day = _date_field(_("Ends on"), required=False,
                          help_text=_("Only if it ends on another day than it starts."))
    end_time = _time_field(_("Ends at"))
    place = forms.CharField(label=_("Place"), max_length=250, required=False)
    url = forms.URLField(label=_("Link to join online"), required=False, assume_scheme="https")
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Organisation.objects.none(),
                                       required=False, empty_label=_("(none)"))
    language = forms.ChoiceField(label=_("Language of the agenda and minutes"),
                                 choices=Language.choices)
    agenda = forms.CharField(label=_("Agenda"), required=False,
                             widget=forms.Textarea(attrs={"rows": 6}))
    public = forms.BooleanField(label=_("Public event: anyone may register"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organiser = self.fields["organiser"]
        assert isinstance(organiser, forms.ModelChoiceField)
        organiser.queryset = organisations_for_picking()

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        start = timezone.localtime(meeting.starts_at)
        end = timezone.localtime(meeting.ends_at)
        return {
            "kind": meeting.kind, "title_sl": meeting.title_sl, "title_en": meeting.title_en,
            "start_day": start.date(), "start_time": start.time(),
            "end_day": end.date() if end.date() != start.date() else None,
            "end_time": end.time(), "place": meeting.place, "url": meeting.url,
            "organiser": meeting.organiser_id, "language": meeting.language,
            "agenda": meeting.agenda, "public": meeting.public,
        }

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if not (data.get("title_sl", "").strip() or data.get("title_en", "").strip()):
            self.add_error("title_sl", _("Give the meeting a title, in Slovenian or in English."))
        start_day, start_time, end_time = (data.get("start_day"), data.get("start_time"),
                                           data.get("end_time"))
        if start_day and start_time and end_time:
            end_day = data.get("end_day") or start_day
            starts = timezone.make_aware(dt.datetime.combine(start_day, start_time))
            ends = timezone.make_aware(dt.datetime.combine(end_day, end_time))
            if ends < starts:
                self.add_error("end_time", _("The meeting cannot end before it starts."))
            data["starts_at"], data["ends_at"] = starts, ends
        return data

    def meeting_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"], "title_sl": data["title_sl"], "title_en": data["title_en"],
            "starts_at": data["starts_at"], "ends_at": data["ends_at"], "place": data["place"],
            "url": data["url"], "organiser": data["organiser"], "language": data["language"],
            "agenda": data["agenda"], "public": data["public"],
        }


class PersonChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        organisation = f" ({obj.organisation.name})" if obj.organisation else ""
        return f"{obj.name}{organisation}"


class InviteForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"), queryset=Organisation.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    people = PersonChoices(
        label=_("People"), queryset=Person.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Only people who agreed to be contacted get the invitation by e-mail."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = self.fields["organisations"]
        people = self.fields["people"]
        assert isinstance(organisations, forms.ModelMultipleChoiceField)
        assert isinstance(people, forms.ModelMultipleChoiceField)
        organisations.queryset = organisations_for_picking()
        people.queryset = people_for_picking()

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if not data.get("organisations") and not data.get("people"):
            raise forms.ValidationError(_("Choose at least one organisation or person."))
        return data


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=250)
    url = forms.URLField(label=_("Address (URL)"), assume_scheme="https")


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    language = forms.ChoiceField(label=_("Written in"), choices=Language.choices)


class AttendanceForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(
        label=_("Came to the meeting"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attended = self.fields["attended"]
        assert isinstance(attended, forms.TypedMultipleChoiceField)
        attended.choices = choices
