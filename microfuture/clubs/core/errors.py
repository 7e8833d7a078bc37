"""Domain errors of the club money core, and the messages they carry.

Every rule break in the pure core raises one of these. Its message is English, written as a
`str.format` template plus its parameters, so that:

- `str(exc)` / `exc.message` is the plain English text that the API, the management commands
  and the journal checker show as it is;
- the edge (`microfuture.clubs.messages.localized`) can show the same refusal in the reader's
  language: it looks the template up in the translation catalogue and fills in the
  parameters, putting words of the core's closed vocabulary (`Term`), amounts of money and
  dates into that language too.

The core stays free of Django: templates are marked for extraction with the local no-op
`gettext_noop`, which `makemessages` (xgettext) picks up by its name. Write every message as
`gettext_noop("a literal template")`, never as an f-string (a test scans the core for it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["AccountingError", "EventRejected", "Listing", "Term", "Text", "gettext_noop"]


def gettext_noop(template: str) -> str:
    """Mark a message template for translation; the core itself always speaks English."""
    return template


class Text:
    """A sentence (or a phrase inside one): an English `str.format` template and its values.

    `str(text)` is the English text. A parameter may be a plain value (a name, a number, a
    reference: shown as it is), a `Term`, a `Money` amount, a `datetime.date`, or another
    `Text` or `Listing` (a phrase inside the sentence). A template without parameters is
    shown as it is written (so a plain message with a brace in it never fails to format).
    """

    __slots__ = ("params", "template")

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params: Mapping[str, object] = params

    def __str__(self) -> str:
        return self.template.format(**self.params) if self.params else self.template

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Text({self.template!r}, **{dict(self.params)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return self.template == other.template and dict(self.params) == dict(other.params)

    def __hash__(self) -> int:
        return hash(self.template)


class Term:
    """A word of the core's closed vocabulary inside a message (an event type, an optional
    field, an instrument): `text` is how the English message writes it ("a write_off"),
    `code` the word it stands for ("write_off") in its `vocabulary` ("event", "field",
    "instrument"), by which the edge finds it in another language."""

    __slots__ = ("code", "text", "vocabulary")

    def __init__(self, vocabulary: str, code: str, text: str | None = None) -> None:
        self.vocabulary = vocabulary
        self.code = code
        self.text = code if text is None else text

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return format(self.text, spec)

    def __repr__(self) -> str:
        return f"Term({self.vocabulary!r}, {self.code!r}, {self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Term):
            return NotImplemented
        return (self.vocabulary, self.code, self.text) == (other.vocabulary, other.code, other.text)

    def __hash__(self) -> int:
        return hash((self.vocabulary, self.code, self.text))


class Listing:
    """Several values inside a message, written one after the other with a separator."""

    __slots__ = ("items", "separator")

    def __init__(self, items: Iterable[object], separator: str = ", ") -> None:
        self.items = tuple(items)
        self.separator = separator

    def __str__(self) -> str:
        return self.separator.join(str(item) for item in self.items)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Listing({self.items!r}, {self.separator!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Listing):
            return NotImplemented
        return (self.items, self.separator) == (other.items, other.separator)

    def __hash__(self) -> int:
        return hash((self.items, self.separator))


class AccountingError(ValueError):
    """A money rule was broken or an input does not make sense (the message says which).

    Raise it with a marked template and its parameters,
    `AccountingError(gettext_noop("{member} has not joined the club"), member=name)`, or with
    the `Text` of another refusal (`EventRejected(exc.text)`).
    """

    def __init__(self, template: str | Text, /, **params: Any) -> None:
        if isinstance(template, Text):
            if params:
                raise TypeError("a Text already carries its parameters")
            text = template
        else:
            text = Text(template, **params)
        message = str(text)
        super().__init__(message)
        self.text = text
        self.message = message

    @property
    def template(self) -> str:
        """The English `str.format` template of the message (the catalogue's msgid)."""
        return self.text.template

    @property
    def params(self) -> Mapping[str, object]:
        return self.text.params

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its Text (the default would pass the formatted message as a template).
        return (type(self), (self.text,))


class EventRejected(AccountingError):
    """An event cannot be recorded in the club's book; the book is left exactly as it was."""
