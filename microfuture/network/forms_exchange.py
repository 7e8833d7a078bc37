"""Forms of knowledge exchange: the question, a practitioner's answer, a follow-up. They only
read and check what was typed; `services_exchange` stores it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from microfuture.network.services_exchange import (
    CONSENT_WORDING,
    NAME_MAX,
    SUBJECT_MAX,
    TEXT_MAX,
)


class QuestionForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX,
                              help_text=_("In a few words, e.g. “Repaying a leaving member”."))
    text = forms.CharField(
        label=_("Your question"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The practitioners may not read Slovenian: English is safest."))


class AnswerForm(forms.Form):
    author_name = forms.CharField(
        label=_("Your name (optional)"), max_length=NAME_MAX, required=False,
        help_text=_("Shown to the person who asked and to the network's staff only."))
    text = forms.CharField(label=_("Your answer"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 10}))
    consent_to_keep = forms.BooleanField(
        label=_(CONSENT_WORDING), required=False,
        help_text=_("Then the network's staff may keep it on the practice's page among the "
                    "practitioners' insights, with your organisation but never your name."))


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("Your message"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 5}))
