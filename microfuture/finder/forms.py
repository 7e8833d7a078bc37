"""The finder's questionnaire: every question optional ("I don't know" is an answer).

The answers travel in the address (GET), step after step, so the result page can be shared
or bookmarked and nothing about the person is stored.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microfuture.numbers import NumberError, format_number, parse_number
from microfuture.regions import REGION_CHOICES
from microfuture.web.fields import NumberField

DONT_KNOW = ("", _("I don't know / skip"))

COUNTRY_CHOICES = [
    DONT_KNOW,
    ("SI", _("Slovenia")),
    ("FR", _("France")),
    ("IT", _("Italy")),
    ("RO", _("Romania")),
    ("SE", _("Sweden")),
    ("AT", _("Austria")),
    ("HR", _("Croatia")),
]

ENTITY_CHOICES = [
    ("individual", _("A person with an idea, not registered yet")),
    ("sole_trader", _("A sole trader (s.p.)")),
    ("company", _("A company (d.o.o., d.d.)")),
    ("cooperative", _("A cooperative (zadruga)")),
    ("association", _("An association (društvo)")),
    ("institute", _("An institute (zavod)")),
    DONT_KNOW,
]

YES_NO = [("yes", _("Yes")), ("no", _("No")), DONT_KNOW]

TARGET_GROUP_CHOICES = [
    ("unemployed", _("I am unemployed")),
    ("long_term_unemployed", _("I have been unemployed for more than a year")),
    ("youth", _("I am under 30")),
    ("over_50", _("I am over 50")),
    ("women", _("I am a woman")),
    ("migrants", _("I came to live here from another country")),
    ("disability", _("I live with a disability")),
    ("roma", _("I am Roma")),
    ("minimum_income", _("I receive social assistance (minimum income)")),
    ("social_economy", _("We work in the social economy (not-for-profit, for a social aim)")),
]

PURPOSE_CHOICES = [
    ("start_up", _("Starting the business")),
    ("investment", _("An investment (premises, vehicle, larger purchase)")),
    ("equipment", _("Equipment or tools")),
    ("working_capital", _("Day-to-day costs (stock, wages, rent)")),
    ("training", _("Training or advice")),
    ("social_impact", _("A social or community project")),
    DONT_KNOW,
]

SECTOR_CHOICES = [
    DONT_KNOW,
    ("A", _("Farming, forestry, fishing")),
    ("C", _("Making things (manufacturing, food, crafts)")),
    ("F", _("Building")),
    ("G", _("Shop or trade")),
    ("H", _("Transport")),
    ("I", _("Food, drink, tourism")),
    ("J", _("Information and communication")),
    ("K", _("Finance and insurance")),
    ("M", _("Professional services")),
    ("N", _("Support services (cleaning, rental, agencies)")),
    ("P", _("Education")),
    ("Q", _("Health and care")),
    ("R", _("Culture, sport, leisure")),
    ("S", _("Other services (repairs, personal services)")),
]

RATING_CHOICES = [DONT_KNOW, *[(f"SB{n}", f"SB{n}") for n in range(1, 11)]]

STEPS: dict[int, tuple[str, ...]] = {
    1: ("entity_type", "social_enterprise_status", "country", "region"),
    2: ("target_groups", "employees", "founded_on"),
    3: ("amount", "purpose", "sector", "credit_rating"),
}


class ProfileForm(forms.Form):
    entity_type = forms.ChoiceField(
        label=_("Who is asking?"), choices=ENTITY_CHOICES, required=False,
        widget=forms.RadioSelect,
    )
    social_enterprise_status = forms.ChoiceField(
        label=_("Do you have the status of a social enterprise (socialno podjetje)?"),
        choices=YES_NO, required=False, widget=forms.RadioSelect,
        help_text=_("The status registered with the Ministry under the Social "
                    "Entrepreneurship Act."),
    )
    country = forms.ChoiceField(label=_("In which country is (or will be) the business?"),
                                choices=COUNTRY_CHOICES, required=False, initial="SI")
    region = forms.ChoiceField(label=_("In which region of Slovenia?"),
                               choices=[DONT_KNOW, *REGION_CHOICES], required=False)
    target_groups = forms.MultipleChoiceField(
        label=_("Does any of this describe you? Tick all that apply."),
        choices=TARGET_GROUP_CHOICES, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Some programmes are meant for these groups. Your answers are not stored."),
    )
    employees = NumberField(
        label=_("How many people work full time in the business?"), required=False,
        min_value=Decimal(0), max_value=Decimal(100_000), max_digits=8, decimal_places=2,
        help_text=_("Count full-time equivalents: two half-time people are 1. Leave empty if "
                    "you don't know."),
    )
    founded_on = forms.DateField(
        label=_("When was the business registered?"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty if it is not registered yet or you don't know."),
    )
    amount = NumberField(
        label=_("How much money do you need, in euros?"), required=False,
        min_value=Decimal(0), max_value=Decimal("999999999"), max_digits=12, decimal_places=2,
    )
    purpose = forms.ChoiceField(label=_("What is the money for?"), choices=PURPOSE_CHOICES,
                                required=False, widget=forms.RadioSelect)
    sector = forms.ChoiceField(label=_("What does the business do?"),
                               choices=SECTOR_CHOICES, required=False)
    credit_rating = forms.ChoiceField(
        label=_("Credit rating, if a bank or the Slovene Enterprise Fund gave you one"),
        choices=RATING_CHOICES, required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Numbers are read the reader's way only in the step they were typed in (the form's
        `step`); answers carried in hidden fields or a share link are in the plain form of
        `answered()` (`25000.50`), the same in every language."""
        super().__init__(*args, **kwargs)
        self.initial = dict(self.initial)  # a copy: the caller's answers stay plain text
        typed: tuple[str, ...] = ()
        if self.is_bound:
            try:
                typed = STEPS.get(int(self.data.get("step", "")), ())
            except ValueError:
                typed = ()
        for name, field in self.fields.items():
            if isinstance(field, NumberField):
                field.canonical = self.is_bound and name not in typed
                carried = self.initial.get(name)
                if isinstance(carried, str):
                    with contextlib.suppress(NumberError):
                        self.initial[name] = parse_number(carried, "en")

    def profile_data(self) -> dict[str, Any]:
        """The answers as the finder's profile (spec §2): only what was answered."""
        data = self.cleaned_data
        profile: dict[str, Any] = {}
        for name in ("entity_type", "country", "region", "purpose", "sector", "credit_rating"):
            if data.get(name):
                profile[name] = data[name]
        status = data.get("social_enterprise_status")
        if status in ("yes", "no"):
            profile["social_enterprise_status"] = status == "yes"
        if data.get("target_groups"):
            profile["target_groups"] = list(data["target_groups"])
        for name in ("employees", "amount"):
            if data.get(name) is not None:
                profile[name] = str(data[name])
        if data.get("founded_on"):
            profile["founded_on"] = data["founded_on"].isoformat()
        return profile

    def answered(self) -> dict[str, Any]:
        """The answers to carry to the next step or into a share link (query parameters)."""
        carried: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if value in (None, "", []):
                continue
            if name == "target_groups":
                carried[name] = list(value)
            elif name == "founded_on":
                carried[name] = value.isoformat()
            elif isinstance(value, Decimal):
                carried[name] = format_number(value, "en", grouping=False)
            else:
                carried[name] = str(value)
        return carried
