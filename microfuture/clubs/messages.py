"""Refusals in the reader's language, for the pages that show them.

The money core (`clubs.core`) and the money services refuse in English: each refusal carries a
`Text`, an English `str.format` template marked for translation and its values. The JSON API,
the management commands and the journal checker show that English text as it is
(`str(exc)`, `exc.message`). A page shows a refusal through `localized(exc)`: the template in
the reader's language (from `locale/<lang>/LC_MESSAGES/django.po`), filled with values put into
that language too:

- a `Term` (an event type, an optional field, an instrument) through `VOCABULARY` below;
- `Money` as the language writes numbers (1.234,50 in Slovenian), a date as its short date;
- a phrase inside the sentence (`Text`, `Listing`) in the same way;
- anything else (names, references, what the user typed, counts) as it is.

In English (the language the core speaks) the core's own text is shown unchanged. See
docs/clubs.md, "Refusals in Slovenian".
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from django.conf import settings
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, pgettext_lazy

from microfuture.clubs.core import Listing, Term, Text
from microfuture.kernel.money import Money

__all__ = ["VOCABULARY", "localized"]

#: The language the core's templates are written in.
SOURCE_LANGUAGE = "en"

#: Words of the core's closed vocabulary, by (vocabulary, code). Each is a noun in its basic
#: form (the Slovenian templates quote them or put them in apposition, so they never decline).
VOCABULARY: dict[tuple[str, str], Promise] = {
    ("event", "join"): pgettext_lazy("money event type", "member joins"),
    ("event", "contribution"): pgettext_lazy("money event type", "contribution"),
    ("event", "investment"): pgettext_lazy("money event type", "investment"),
    ("event", "repayment"): pgettext_lazy("money event type", "repayment"),
    ("event", "income"): pgettext_lazy("money event type", "income"),
    ("event", "expense"): pgettext_lazy("money event type", "expense"),
    ("event", "valuation"): pgettext_lazy("money event type", "valuation"),
    ("event", "sale"): pgettext_lazy("money event type", "sale"),
    ("event", "write_off"): pgettext_lazy("money event type", "write-off"),
    ("event", "exit"): pgettext_lazy("money event type", "member exits"),
    ("event", "dissolve"): pgettext_lazy("money event type", "dissolution"),
    ("field", "member"): pgettext_lazy("money event field", "member"),
    ("field", "enterprise"): pgettext_lazy("money event field", "enterprise"),
    ("field", "instrument"): pgettext_lazy("money event field", "instrument"),
    ("field", "amount"): pgettext_lazy("money event field", "amount"),
    ("field", "rate"): pgettext_lazy("money event field", "interest rate"),
    ("field", "term"): pgettext_lazy("money event field", "term"),
    ("field", "grace"): pgettext_lazy("money event field", "grace period"),
    ("field", "method"): pgettext_lazy("money event field", "repayment method"),
    ("field", "first_due"): pgettext_lazy("money event field", "first due date"),
    ("field", "reference"): pgettext_lazy("money event field", "reference"),
    ("field", "note"): pgettext_lazy("money event field", "note"),
    ("instrument", "equity"): pgettext_lazy("instrument", "equity"),
    ("instrument", "loan"): pgettext_lazy("instrument", "loan"),
    ("instrument", "advance"): pgettext_lazy("instrument", "shareholder advance"),
    ("instrument", "participatory"): pgettext_lazy("instrument", "participatory securities"),
}


class Refusal(Protocol):
    """Anything that refuses with a `Text`: `AccountingError`, `ClubError`, `JournalError`.
    (A `ClubError` raised with an already translated string has no `text`.)"""

    @property
    def text(self) -> Text | None: ...


def localized(refusal: Refusal | Text) -> str:
    """The refusal's message in the active language (in English, exactly the core's text)."""
    text = refusal if isinstance(refusal, Text) else refusal.text
    if text is None:
        return str(refusal)
    return _render(text)


def _in_source_language() -> bool:
    language = get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0] == SOURCE_LANGUAGE


def _render(text: Text) -> str:
    if _in_source_language():
        return str(text)
    translated = gettext(text.template)
    if not text.params:
        return translated
    values = {name: _value(value) for name, value in text.params.items()}
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        # A translation that does not fit its template must never hide the refusal.
        return str(text)


def _value(value: object) -> object:
    if isinstance(value, Text):
        return _render(value)
    if isinstance(value, Listing):
        return value.separator.join(str(_value(item)) for item in value.items)
    if isinstance(value, Term):
        word = VOCABULARY.get((value.vocabulary, value.code))
        return value.text if word is None else str(word)
    if isinstance(value, Money):
        return value.number(get_language())
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value  # a name, a reference, a number, what was typed: as it is
