"""Forms of the good-practice pages: the bilingual record, its indicators and success
factors, the workflow comments, a region's answers and a practitioner interview.

Forms only read and check what was typed; the services store it (and check permissions
again), so a form never writes to the database.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from microfuture.finder.mechanism import KINDS, TARGET_GROUPS
from microfuture.kernel.fields import NumberField
from microfuture.practices.models import Question, QuestionSet, SuccessFactor
from microfuture.practices.templatetags.practice_labels import (
    ANSWER_LABELS,
    COUNTRY_NAMES,
    KIND_LABELS,
    TARGET_GROUP_LABELS,
    WEIGHT_LABELS,
    in_language,
    in_language_label,
)
from microfuture.regions import region_name

# The texts kept in both languages: (field stem, label, long text?, max length).
BILINGUAL: list[tuple[str, Any, bool, int | None]] = [
    ("title", _("Title"), False, 250),
    ("summary", _("Summary"), True, 300),
    ("description", _("Description"), True, None),
    ("resources_needed", _("Resources needed"), True, None),
    ("evidence", _("Evidence of success"), True, None),
    ("difficulties", _("Difficulties encountered"), True, None),
    ("transfer_potential", _("Potential for transfer"), True, None),
    ("lessons", _("Lessons from failures"), True, None),
]
LANGUAGE_NAMES = {"sl": _("Slovenian"), "en": _("English")}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class PracticeForm(forms.Form):
    slug = forms.SlugField(
        label=_("Short name in the address"), required=False, max_length=120,
        help_text=_("Letters, digits and hyphens. Left empty, it is made from the title."),
    )
    original_language = forms.CharField(
        label=_("Original language (code, e.g. fr)"), required=False, max_length=8)
    original_text = forms.CharField(
        label=_("Text in the original language"), required=False, widget=forms.Textarea)
    country = forms.ChoiceField(label=_("Country"))
    region = forms.CharField(label=_("Region (NUTS code)"), required=False, max_length=5)
    city = forms.CharField(label=_("City"), required=False, max_length=120)
    latitude = NumberField(label=_("Latitude"), required=False, max_digits=9,
                           decimal_places=6, min_value=-90, max_value=90)
    longitude = NumberField(label=_("Longitude"), required=False, max_digits=9,
                            decimal_places=6, min_value=-180, max_value=180)
    main_institution = forms.CharField(label=_("Main institution"), required=False,
                                       max_length=250)
    started_on = forms.DateField(label=_("Started on"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    ended_on = forms.DateField(label=_("Ended on"), required=False,
                               help_text=_("Leave empty while the practice runs."),
                               widget=forms.DateInput(attrs={"type": "date"}))
    mechanism_kinds = forms.MultipleChoiceField(
        label=_("Kinds of mechanism"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(k, KIND_LABELS.get(k, k)) for k in KINDS])
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(g, TARGET_GROUP_LABELS.get(g, g)) for g in TARGET_GROUPS])
    sources = forms.CharField(
        label=_("Sources"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One web address (https://…) per line."))
    contacts = forms.CharField(
        label=_("Contacts"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One organisation per line; no personal data."))

    def __init__(self, *args: Any, curator: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if curator:  # curators' notes: written and read by the library's editors only
            for lang in ("sl", "en"):
                self.fields[f"uncertain_{lang}"] = forms.CharField(
                    label=in_language_label(_("Curators' notes"), lang), required=False,
                    widget=forms.Textarea(attrs={"rows": 3, "lang": lang}))
            # Only editors confirm a record as one of the eight presented practices.
            self.fields["presented"] = forms.BooleanField(
                label=_("Confirmed as one of the eight practices MICROFUTURE presented"),
                required=False,
                help_text=_("Leave it unticked while the project's own list does not name it: "
                            "the record is then shown as a candidate."))
        countries = sorted(((code, str(name)) for code, name in COUNTRY_NAMES.items()),
                           key=lambda c: c[1])
        self.fields["country"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a country")), *countries]
        for stem, label, long, max_length in BILINGUAL:
            for lang in ("sl", "en"):
                attrs: dict[str, Any] = {"lang": lang}
                if long:
                    attrs["rows"] = 3 if stem == "summary" else 6
                widget = forms.Textarea(attrs=attrs) if long else forms.TextInput(attrs=attrs)
                self.fields[f"{stem}_{lang}"] = forms.CharField(
                    label=in_language_label(label, lang), required=False,
                    max_length=max_length, widget=widget,
                    help_text=_("At most 300 characters.") if stem == "summary" else "")

    def presented_field(self) -> forms.BoundField | None:
        return self["presented"] if "presented" in self.fields else None

    def curator_notes(self) -> tuple[forms.BoundField, forms.BoundField] | None:
        if "uncertain_sl" not in self.fields:
            return None
        return self["uncertain_sl"], self["uncertain_en"]

    def bilingual(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [(label, self[f"{stem}_sl"], self[f"{stem}_en"])
                for stem, label, _long, _max in BILINGUAL]

    def clean_sources(self) -> list[str]:
        urls = _lines(self.cleaned_data.get("sources", ""))
        check = URLValidator(schemes=["http", "https"])
        for url in urls:
            try:
                check(url)
            except ValidationError as exc:
                raise ValidationError(_("“%(url)s” is not a web address."),
                                      params={"url": url}) from exc
        return urls

    def clean_contacts(self) -> list[str]:
        return _lines(self.cleaned_data.get("contacts", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title_sl") or data.get("title_en")):
            self.add_error("title_en", _("Give a title in at least one language."))
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end cannot be before the start."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data


class IndicatorForm(forms.Form):
    name_sl = forms.CharField(label=_("Name (in Slovenian)"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"lang": "sl"}))
    name_en = forms.CharField(label=_("Name (in English)"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"lang": "en"}))
    value = forms.CharField(label=_("Value"), required=False, max_length=40)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=40)
    year = NumberField(whole=True, grouping=False, label=_("Year"), required=False,
                       min_value=1900, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        named = data.get("name_sl") or data.get("name_en")
        if (named or data.get("unit") or data.get("year")) and not data.get("value"):
            self.add_error("value", _("Give the figure's value."))
        if data.get("value") and not named:
            self.add_error("name_en", _("Name the figure in at least one language."))
        return data

    def filled(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("value"))


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=3, max_num=50)

WEIGHT_CHOICES = [("", _("not a factor of this practice"))] + [
    (str(w), WEIGHT_LABELS[w]) for w in (3, 2, 1)
]


class FactorWeightsForm(forms.Form):
    """One select per factor of the shared vocabulary: not used / helps / important / essential."""

    def __init__(self, *args: Any, factors: list[SuccessFactor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.factors = factors
        for factor in factors:
            self.fields[f"w_{factor.key}"] = forms.ChoiceField(
                label=in_language(factor, "name") or factor.key, required=False,
                choices=WEIGHT_CHOICES)

    def rows(self) -> list[tuple[SuccessFactor, forms.BoundField]]:
        return [(f, self[f"w_{f.key}"]) for f in self.factors]

    def chosen(self) -> list[dict[str, Any]]:
        out = []
        for factor in self.factors:
            weight = self.cleaned_data.get(f"w_{factor.key}")
            if weight:
                out.append({"key": factor.key, "name": factor.name_en or factor.name_sl,
                            "category": factor.category, "weight": int(weight)})
        return out


class SendBackForm(forms.Form):
    comment = forms.CharField(label=_("What should be changed"), widget=forms.Textarea(
        attrs={"rows": 3}), max_length=2000)


class ValidateForm(forms.Form):
    opinion_sl = forms.CharField(label=_("Expert opinion (in Slovenian)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3, "lang": "sl"}))
    opinion_en = forms.CharField(label=_("Expert opinion (in English)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("opinion_sl") or data.get("opinion_en")):
            self.add_error("opinion_en", _("Write the opinion in at least one language."))
        return data


class RegionAnswersForm(forms.Form):
    """A region's answer and note for every factor of the vocabulary."""

    def __init__(self, *args: Any, factors: list[SuccessFactor],
                 current: dict[str, tuple[str, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.factors = factors
        for factor in factors:
            answer, note, note_sl = current.get(factor.key, ("unknown", "", ""))
            self.fields[f"answer_{factor.key}"] = forms.ChoiceField(
                label=_("Answer"), choices=list(ANSWER_LABELS.items()),
                widget=forms.RadioSelect, initial=answer)
            # The note in each language: `note` is the English one (the facts' language).
            self.fields[f"note_sl_{factor.key}"] = forms.CharField(
                label=in_language_label(_("Note"), "sl"), required=False, initial=note_sl,
                widget=forms.Textarea(attrs={"rows": 2, "lang": "sl"}))
            self.fields[f"note_{factor.key}"] = forms.CharField(
                label=in_language_label(_("Note"), "en"), required=False, initial=note,
                widget=forms.Textarea(attrs={"rows": 2, "lang": "en"}))

    def rows(self) -> list[tuple[SuccessFactor, forms.BoundField, forms.BoundField,
                                 forms.BoundField]]:
        return [(f, self[f"answer_{f.key}"], self[f"note_sl_{f.key}"], self[f"note_{f.key}"])
                for f in self.factors]


class RegionProfileForm(forms.Form):
    """A new region profile: its code and name (the answers come on its own page)."""

    code = forms.CharField(
        label=_("Code"), max_length=10,
        help_text=_("A country code (SI) or a NUTS code of a region (SI035), in capitals."))
    name = forms.CharField(
        label=_("Name"), max_length=150, required=False,
        help_text=_("Leave it empty for a Slovenian region or one the library knows: its name "
                    "is filled in."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = (data.get("code") or "").strip().upper()
        data["code"] = code
        if code and not (data.get("name") or "").strip():
            known = region_name(code)
            if known == code:
                self.add_error("name", _("Give the region a name."))
            else:
                data["name"] = known
        return data


class InterviewForm(forms.Form):
    interviewee_role = forms.CharField(
        label=_("Interviewee's role"), max_length=200,
        help_text=_("Their role, e.g. 'manager of a club in Lyon'; no name needed."))
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    held_on = forms.DateField(label=_("Held on"),
                              widget=forms.DateInput(attrs={"type": "date"}))
    consent_text = forms.CharField(
        label=_("What the interviewee agreed to"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: that their answers, without their name, are kept in the "
                    "library and shown on the practice's page."))
    consent_given = forms.BooleanField(
        label=_("The interviewee agreed to this record"), required=True,
        error_messages={"required": _("An interview is kept only with the interviewee's "
                                      "consent.")})

    def __init__(self, *args: Any, question_set: QuestionSet,
                 factors: list[SuccessFactor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions: list[Question] = list(question_set.questions.all())
        self.factors = factors
        factor_choices = [(f.key, in_language(f, "name") or f.key) for f in factors]
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=in_language(question, "text"), required=False,
                widget=forms.Textarea(attrs={"rows": 3}))
            self.fields[f"factors_{question.pk}"] = forms.MultipleChoiceField(
                label=_("Success factors this answer supports"), required=False,
                choices=factor_choices, widget=forms.CheckboxSelectMultiple)

    def question_rows(self) -> list[tuple[Question, forms.BoundField, forms.BoundField]]:
        return [(q, self[f"answer_{q.pk}"], self[f"factors_{q.pk}"]) for q in self.questions]

    def answers(self) -> list[tuple[Question, str, list[str]]]:
        return [
            (q, self.cleaned_data[f"answer_{q.pk}"].strip(),
             list(self.cleaned_data.get(f"factors_{q.pk}") or []))
            for q in self.questions if self.cleaned_data.get(f"answer_{q.pk}", "").strip()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.questions and not any(
            (data.get(f"answer_{q.pk}") or "").strip() for q in self.questions
        ):
            raise ValidationError(_("Write the answer to at least one question."))
        return data
