"""Forms of the directory (staff only): an organisation, a person with their consent."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microfuture.clubs.lookup import may_know_club
from microfuture.clubs.models import Club
from microfuture.finder.models import Mechanism
from microfuture.network.models import Organisation
from microfuture.practices.models import Practice
from microfuture.practices.templatetags.practice_labels import COUNTRY_NAMES
from microfuture.regions import OTHER_REGIONS, REGIONS

LANGUAGE_CHOICES = [
    ("sl", _("Slovenian")), ("en", _("English")), ("hr", _("Croatian")),
    ("it", _("Italian")), ("de", _("German")), ("hu", _("Hungarian")), ("fr", _("French")),
    ("es", _("Spanish")), ("ro", _("Romanian")), ("sv", _("Swedish")),
]


def country_choices() -> list[tuple[str, Any]]:
    return sorted(COUNTRY_NAMES.items(), key=lambda item: str(item[1]))


def region_choices() -> list[tuple[str, str]]:
    rows = [(code, f"{name} ({code})") for code, name in {**REGIONS, **OTHER_REGIONS}.items()]
    return [("", _("(none)")), *rows]  # type: ignore[list-item]


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=250)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    country = forms.ChoiceField(label=_("Country"), choices=country_choices, initial="SI")
    region = forms.ChoiceField(label=_("Region"), choices=region_choices, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    about_sl = forms.CharField(label=_("About (Slovenian)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))
    about_en = forms.CharField(label=_("About (English)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))
    mechanisms = forms.ModelMultipleChoiceField(
        label=_("Finance mechanisms it offers"), required=False,
        queryset=Mechanism.objects.order_by("slug"),
        widget=forms.CheckboxSelectMultiple)
    practices = forms.ModelMultipleChoiceField(
        label=_("Good practices it runs"), required=False,
        queryset=Practice.objects.order_by("slug"), widget=forms.CheckboxSelectMultiple)
    clubs = forms.ModelMultipleChoiceField(
        label=_("The clubs it is"), required=False, queryset=Club.objects.none(),
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the clubs the editor may know of are offered (the others keep their link).
        known = [c.pk for c in Club.objects.order_by("name") if may_know_club(user, c)]
        self.fields["clubs"].queryset = Club.objects.filter(pk__in=known).order_by("name")  # type: ignore[attr-defined]
        self.fields["mechanisms"].label_from_instance = (  # type: ignore[attr-defined]
            lambda m: m.name_sl or m.name_en or m.slug)
        self.fields["practices"].label_from_instance = (  # type: ignore[attr-defined]
            lambda p: p.title_sl or p.title_en or p.slug)

    @staticmethod
    def initial_for(organisation: Organisation) -> dict[str, Any]:
        return {
            "name": organisation.name, "kind": organisation.kind,
            "country": organisation.country, "region": organisation.region,
            "website": organisation.website, "about_sl": organisation.about_sl,
            "about_en": organisation.about_en,
            "mechanisms": list(organisation.mechanisms.all()),
            "practices": list(organisation.practices.all()),
            "clubs": list(organisation.clubs.all()),
        }


CONSENT_WITHOUT_DATE = _("Give the day the person agreed, or untick what they agreed to.")


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=Organisation.objects.order_by("name"),
        empty_label=_("(none)"))
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple)
    consent_on = forms.DateField(
        label=_("Consent given on"), required=False, localize=True,
        help_text=_("The day the person agreed to what is ticked below."))
    consent_listed = forms.BooleanField(
        label=_("Agreed to be listed in the directory (seen by signed-in people)"),
        required=False)
    consent_contacted = forms.BooleanField(
        label=_("Agreed to be contacted (their e-mail and phone shown to signed-in people)"),
        required=False)
    consent_text = forms.CharField(
        label=_("What they agreed to, in their words or the form's"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        scope = data.get("consent_listed") or data.get("consent_contacted")
        if scope and not data.get("consent_on") and "consent_on" not in self.errors:
            self.add_error("consent_on", CONSENT_WITHOUT_DATE)
        day = data.get("consent_on")
        if day is not None and day > timezone.localdate():
            self.add_error("consent_on", _("The day of the consent cannot be in the future."))
        return data

    @staticmethod
    def initial_for(person: Any) -> dict[str, Any]:
        return {
            "name": person.name, "organisation": person.organisation, "role": person.role,
            "email": person.email, "phone": person.phone, "languages": person.languages,
            "consent_on": person.consent_on, "consent_listed": person.consent_listed,
            "consent_contacted": person.consent_contacted, "consent_text": person.consent_text,
        }
