"""The answers a finder result was computed from, worded for the reader (page and PDF).

An adviser reading a result, on screen or on paper, must be able to tell which answers it
came from: every question of the questionnaire, in its order, with the answer in the
reader's language, or "not answered" where the person skipped it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from microfuture.finder.forms import STEPS
from microfuture.kernel.money import format_money


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    answered: bool


def _number(value: Decimal) -> str:
    plain = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(plain, use_l10n=True, force_grouping=True)


def _labels(field: forms.ChoiceField) -> dict[Any, Any]:
    return {value: label for value, label in field.choices}  # type: ignore[misc,union-attr]


def _worded(field: forms.Field, value: Any) -> str:
    if isinstance(field, forms.MultipleChoiceField):
        labels = _labels(field)
        return "; ".join(str(labels.get(v, v)) for v in value)
    if isinstance(field, forms.ChoiceField):
        return str(_labels(field).get(value, value))
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return _number(value)
    return str(value)


def answer_lines(form: forms.Form) -> list[Answer]:
    """Each question of a valid questionnaire with its answer, in the questionnaire's order."""
    lines = []
    names = [n for step in sorted(STEPS) for n in STEPS[step]]
    if form.cleaned_data.get("region") and not form.cleaned_data.get("municipality"):
        # A share link made before the questionnaire asked for the municipality: the region
        # it carries decided the result, so the reader sees it.
        names.insert(names.index("municipality"), "region")
    for name in names:
        field = form.fields[name]
        value = form.cleaned_data.get(name)
        answered = value not in (None, "", [])
        if not answered:
            text = _("not answered")
        elif name in ("amount", "de_minimis_received"):
            text = format_money(value, "EUR", get_language())
        else:
            text = _worded(field, value)
        lines.append(Answer(question=str(field.label), answer=text, answered=answered))
    return lines
