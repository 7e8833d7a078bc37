"""The events of a club's life (spec club-accounting §4) and which fields each type takes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .errors import Term

__all__ = [
    "EVENT_TYPES",
    "FIELD_NAMES",
    "HOLDING_EVENT_TYPES",
    "INSTRUMENTS",
    "LOAN_ONLY_FIELDS",
    "Event",
    "event_term",
    "field_term",
    "fields_applying",
    "instrument_term",
    "with_article",
]

EVENT_TYPES = (
    "join",
    "contribution",
    "investment",
    "repayment",
    "income",
    "expense",
    "valuation",
    "sale",
    "write_off",
    "exit",
    "dissolve",
)

INSTRUMENTS = ("equity", "loan", "advance", "participatory")

#: Event types about an existing holding; their `instrument` may be left empty (spec §4).
HOLDING_EVENT_TYPES = ("repayment", "valuation", "sale", "write_off")

#: The optional fields of an event, in journal column order (date and type are always present).
FIELD_NAMES = (
    "member",
    "enterprise",
    "instrument",
    "amount",
    "rate",
    "term",
    "grace",
    "method",
    "first_due",
    "reference",
    "note",
)

#: Fields that only a loan investment takes.
LOAN_ONLY_FIELDS = ("rate", "term", "grace", "method", "first_due")

_APPLYING: dict[str, frozenset[str]] = {
    "join": frozenset({"member"}),
    "contribution": frozenset({"member", "amount"}),
    "investment": frozenset({"enterprise", "instrument", "amount", *LOAN_ONLY_FIELDS}),
    "repayment": frozenset({"enterprise", "instrument", "amount"}),
    "income": frozenset({"enterprise", "amount"}),
    "expense": frozenset({"amount"}),
    "valuation": frozenset({"enterprise", "instrument", "amount"}),
    "sale": frozenset({"enterprise", "instrument", "amount"}),
    "write_off": frozenset({"enterprise", "instrument"}),
    "exit": frozenset({"member", "amount"}),
    "dissolve": frozenset(),
}


def with_article(word: str) -> str:
    """ "an expense", "a join": for messages about an event type."""
    return f"{'an' if word[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {word}"


def event_term(kind: str, *, article: bool = False, text: str | None = None) -> Term:
    """An event type inside a message: "contribution", "a contribution" with `article`, or
    the given English `text` for it."""
    if text is None:
        text = with_article(kind) if article else kind
    return Term("event", kind, text)


def field_term(name: str) -> Term:
    """An optional field of an event inside a message ("amount", "first_due")."""
    return Term("field", name)


def instrument_term(code: str) -> Term:
    """An instrument inside a message ("equity", "loan", "advance", "participatory")."""
    return Term("instrument", code)


def fields_applying(event_type: str) -> frozenset[str]:
    """The optional fields a type takes (reference and note apply to every type).

    For `investment` the loan fields are listed; they apply only when the instrument is a loan.
    """
    return _APPLYING[event_type] | {"reference", "note"}


@dataclass(frozen=True, slots=True)
class Event:
    """One event of a club's life. Empty text and None both mean "not given"."""

    date: dt.date
    type: str
    member: str = ""
    enterprise: str = ""
    instrument: str | None = None
    amount: Decimal | None = None
    rate: Decimal | None = None
    term: int | None = None
    grace: int | None = None
    method: str | None = None
    first_due: dt.date | None = None
    reference: str = ""
    note: str = ""

    def given(self, field: str) -> bool:
        """Whether an optional field carries a value."""
        value = getattr(self, field)
        return value is not None and value != ""
