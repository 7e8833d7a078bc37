"""The curators' forms for the guides and the glossary (used by the admin)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from microfuture.guides.models import GlossaryTerm, GlossaryText, Guide, GuideRevision
from microfuture.guides.seed import language_known
from microfuture.guides.services import GuideError, clean_sources, judge_text


def _language_field() -> forms.CharField:
    return forms.CharField(
        label=_("language"), max_length=10, initial="sl",
        help_text=_("A language code: sl, en, or another one such as uk, ru, ar, sq, bs, to add "
                    "a language. Slovenian and English are required to publish."))


def clean_language(value: str) -> str:
    code = (value or "").strip().lower()
    if not language_known(code):
        raise forms.ValidationError(
            _("“%(code)s” is not a language code (for example sl, en, uk)."),
            params={"code": code})
    return code


class RevisionProposeForm(forms.ModelForm[GuideRevision]):
    """A curator's new text of a guide in one language (saved by `services.propose_text`)."""

    language = _language_field()

    class Meta:
        model = GuideRevision
        fields = ("guide", "language", "title", "summary", "body", "note")
        help_texts = {
            "summary": _("What it is, in two short sentences (plain text)."),
            "body": _("The guides' markup: ## headings, lists (- , - [ ] , 1. ), **strong**, "
                      "[words](https://… or /path/), worked examples such as "
                      "{{ loan.payment 10000 5 60 }}. Glossary words are marked by themselves."),
            "note": _("What you changed and why, for the curator who applies it."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "guide" in self.fields:  # a saved revision shows read-only, without its fields
            field = self.fields["guide"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Guide.objects.order_by("position", "slug")
        if "summary" in self.fields:
            self.fields["summary"].widget = forms.Textarea(attrs={"rows": 3})
        if "body" in self.fields:
            self.fields["body"].widget = forms.Textarea(attrs={"rows": 30,
                                                               "class": "vLargeTextField"})

    def clean_language(self) -> str:
        return clean_language(self.cleaned_data.get("language", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if {"title", "summary", "body"} <= set(data):
            try:
                judge_text(data["title"], data["summary"], data["body"])
            except GuideError as error:
                raise forms.ValidationError(str(error)) from error
        return data


class GuideFactsForm(forms.ModelForm[Guide]):
    """The day the guide's facts were checked and their sources (saved by
    `services.update_facts`); everything else of a guide comes from its texts and files."""

    class Meta:
        model = Guide
        fields = ("checked_on", "sources")
        help_texts = {
            "sources": _('A list of sources, e.g. [{"title": "SEF: P7 microcredits", '
                         '"url": "https://www.podjetniskisklad.si/…"}]; addresses start with '
                         'https://.'),
        }

    def clean_sources(self) -> Any:
        try:
            return clean_sources(self.cleaned_data.get("sources"))
        except GuideError as error:
            raise forms.ValidationError(str(error)) from error


class GlossaryTextForm(forms.ModelForm[GlossaryText]):
    """A term's words in one language; the word forms typed separated by commas."""

    language = _language_field()
    forms_text = forms.CharField(
        label=_("word forms"), required=False,
        help_text=_("The forms a text uses, separated by commas (e.g. obresti, obrestmi, "
                    "obrestna); the first use on a page is linked."))

    class Meta:
        model = GlossaryText
        fields = ("language", "name", "abbr", "forms_text", "definition", "example")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["forms_text"] = ", ".join(self.instance.forms or [])
        for name in ("definition", "example"):
            if name in self.fields:
                self.fields[name].widget = forms.Textarea(attrs={"rows": 2})

    def clean_language(self) -> str:
        return clean_language(self.cleaned_data.get("language", ""))

    def forms_list(self) -> list[str]:
        return [f.strip() for f in (self.cleaned_data.get("forms_text") or "").split(",")
                if f.strip()]


class GlossaryTermForm(forms.ModelForm[GlossaryTerm]):
    """A term's address name and its sources (the texts are the inline forms)."""

    class Meta:
        model = GlossaryTerm
        fields = ("slug", "sources")

    def clean_sources(self) -> Any:
        sources = self.cleaned_data.get("sources") or []
        if "sources" not in self.changed_data or not sources:
            return sources
        try:
            return clean_sources(sources)
        except GuideError as error:
            raise forms.ValidationError(str(error)) from error
