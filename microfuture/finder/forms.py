"""The finder's questionnaire: every question optional ("I don't know" is an answer).

The answers travel in the address (GET), step after step, so the result page can be shared
or bookmarked and nothing about the person is stored.
"""

from __future__ import annotations

import contextlib
import difflib
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from microfuture.kernel.fields import NumberField
from microfuture.municipalities import MUNICIPALITY_CHOICES, municipality_find
from microfuture.numbers import NumberError, format_number, parse_number
from microfuture.regions import REGION_CHOICES

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
    ("unemployed", _("I am registered as unemployed with the Employment Service (ZRSZ)")),
    ("long_term_unemployed",
     _("I have been registered as unemployed with the Employment Service for more than a "
       "year")),
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

# The statistical region is no longer asked: the municipality sets it (spec §5). The `region`
# field stays, unasked, so that share links made before still give the same result.
STEPS: dict[int, tuple[str, ...]] = {
    1: ("entity_type", "social_enterprise_status", "country", "municipality"),
    2: ("target_groups", "employees", "founded_on"),
    3: ("amount", "purpose", "sector", "credit_rating", "tax_debts", "de_minimis_received"),
}
MUNICIPALITY_NAMES = [name for _code, name in MUNICIPALITY_CHOICES]


class MunicipalityField(forms.CharField):
    """One of Slovenia's 212 municipalities, typed by name (or official number): searchable
    without JavaScript through the browser's own suggestions (`<input list>`), and read
    whatever the case, diacritics or spacing ("smartno pri litiji"). Its value is the
    municipality's name as the register writes it ("Šmartno pri Litiji")."""

    def to_python(self, value: Any) -> str:
        text = str(super().to_python(value) or "").strip()
        if not text:
            return ""
        found = municipality_find(text)
        if found is None:
            close = difflib.get_close_matches(text, MUNICIPALITY_NAMES, n=3, cutoff=0.6)
            if close:
                raise ValidationError(
                    _("We do not know a Slovenian municipality called “%(text)s”. Did you mean "
                      "%(close)s?"), params={"text": text[:80], "close": ", ".join(close)},
                    code="unknown")
            raise ValidationError(
                _("We do not know a Slovenian municipality called “%(text)s”. Type the name of "
                  "one of Slovenia's 212 municipalities, e.g. Litija."),
                params={"text": text[:80]}, code="unknown")
        return found.name


class ProfileForm(forms.Form):
    # The browser's suggestions for the municipality question (`<datalist>`), in Slovenian
    # alphabetical order: searching by name needs no JavaScript.
    municipality_names = MUNICIPALITY_NAMES

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
    municipality = MunicipalityField(
        label=_("In which municipality do you live, or is your business registered?"),
        required=False, max_length=100,
        widget=forms.TextInput(attrs={"list": "municipality-names", "autocomplete": "off"}),
        help_text=_("Type the name of the municipality (občina), e.g. Litija; your browser "
                    "suggests names as you type. Some programmes are only for certain "
                    "municipalities or regions. Leave empty if you live outside Slovenia."),
    )
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
        help_text=_("Count full-time equivalents: two half-time people are 1. A sole trader "
                    "(s.p.) who works full time in the business counts themself too, so a "
                    "sole trader working alone full time answers 1. Leave empty if you don't "
                    "know."),
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
        label=_("Your credit rating from AJPES (S.BON-1 or eS.BON), if you have one"),
        choices=RATING_CHOICES, required=False,
        # The words, then a link to the glossary's entry (escaped, made when the page shows).
        help_text=lazy(format_html, SafeString)('{} <a href="/glossary/#credit-rating">{}</a>', _(
            "AJPES, the Agency for Public Legal Records and Related Services, rates companies, "
            "sole traders, cooperatives and private institutes from their annual reports, from "
            "SB1 (best) to SB10 (worst). Calls of the Slovene Enterprise Fund ask for a "
            "minimum, e.g. SB7. You can view your own rating free of charge through a form on "
            "ajpes.si; the S.BON-1 rating document that a call asks you to enclose is a paid "
            "AJPES service (see AJPES's price list). A sole trader on flat-rate expenses "
            "(normiranec) is rated only after submitting an annual report to AJPES."),
            _("What a credit rating is, in the glossary")),
    )
    tax_debts = forms.ChoiceField(
        label=_("Do you (or your business) have unpaid taxes or a blocked bank account?"),
        choices=YES_NO, required=False, widget=forms.RadioSelect,
        help_text=_(
            "Almost every call of the Slovene Enterprise Fund excludes applicants with unpaid "
            "taxes or a blocked account. Your answer is not stored. Free help with debts: "
            "your centre for social work (center za socialno delo) and NGO debt-counselling "
            "programmes such as SOS dolgovi of Inštitut Prelomi."),
    )
    de_minimis_received = NumberField(
        label=_("How much de minimis aid have you received in the last three years, in euros?"),
        required=False, min_value=Decimal(0), max_value=Decimal("999999999"), max_digits=12,
        decimal_places=2,
        help_text=_(
            "De minimis aid is small state aid (a grant, or the subsidised part of a loan or a "
            "guarantee) that a business may receive up to €300,000 over three years under EU "
            "rules. The decision on each such aid says it is de minimis. Enter 0 if you have "
            "had none; leave empty if you don't know."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("entity_type") == "sole_trader" and \
                data.get("social_enterprise_status") == "yes":
            # ZSocP: only a legal person can hold the status; an s.p. is a person.
            self.add_error("social_enterprise_status", _(
                "A sole trader (s.p.) cannot have the status of a social enterprise: only a "
                "company, cooperative, institute or association can. Answer “No”, or choose "
                "the form your organisation has."))
        return data

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
        found = municipality_find(data.get("municipality") or "")
        if found is not None:
            profile["municipality"] = found.code
            # The municipality sets the region: a region carried by an older share link,
            # which no step asks any more, does not override the answer given now.
            profile.pop("region", None)
        for name in ("social_enterprise_status", "tax_debts"):
            if data.get(name) in ("yes", "no"):
                profile[name] = data[name] == "yes"
        if data.get("target_groups"):
            profile["target_groups"] = list(data["target_groups"])
        for name in ("employees", "amount", "de_minimis_received"):
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
