"""The rules every event goes through, and the look-ups the handlers share (spec §2).

`BookRules._check_common` runs first on every event, in a fixed order (the first rule broken
is the one reported): a date, a club not dissolved, a known type, date order, no field that
does not apply to the type, no stray spaces, an unused reference, lengths within the columns.
`_amount` reads an event's amount as cents; `_active_member` and `_resolve_holding` find whom
and what an event is about, or reject it. They only read the book; the handlers in
`members.py` and `holdings.py` build on them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from operator import attrgetter

from .book_state import BookState, _Holding, _Member
from .errors import AccountingError, EventRejected, Listing, gettext_noop
from .events import (
    EVENT_TYPES,
    FIELD_NAMES,
    INSTRUMENTS,
    Event,
    event_term,
    field_term,
    fields_applying,
    instrument_term,
)
from .money import D, Money, to_cents

__all__ = ["MAX_CENTS", "MAX_NAME", "MAX_NOTE", "MAX_REFERENCE", "BookRules"]

# Limits of what a club's books can hold (the database columns behind them): amounts up to
# one cent under a thousand billion, names, references and notes of a sensible length.
MAX_CENTS = 99_999_999_999_999
MAX_NAME = 150
MAX_REFERENCE = 100
MAX_NOTE = 500

#: Per event type, the optional fields it must leave empty.
_NOT_APPLYING: dict[str, tuple[str, ...]] = {
    kind: tuple(f for f in FIELD_NAMES if f not in fields_applying(kind)) for kind in EVENT_TYPES
}

#: An event with every optional field at its default, i.e. "not given".
_BLANK_EVENT = Event(date=date.min, type="dissolve")


def _blank_check(fields: tuple[str, ...]) -> tuple[Callable[[Event], object], object]:
    # One C-level read of all the fields a type must leave empty, and what that read gives on an
    # event that leaves them all at their defaults: when the two are equal (the usual case) no
    # field is given, and the per-field loop that finds the one to complain about is skipped.
    getter: Callable[[Event], object] = attrgetter(*fields) if fields else _nothing_to_read
    return getter, getter(_BLANK_EVENT)


def _nothing_to_read(event: Event) -> object:
    return ()


_BLANK_CHECKS: dict[str, tuple[Callable[[Event], object], object]] = {
    kind: _blank_check(fields) for kind, fields in _NOT_APPLYING.items()
}
# `_check_common` spells out the check for contributions; it must name exactly these fields.
assert _NOT_APPLYING["contribution"] == (
    "enterprise",
    "instrument",
    "rate",
    "term",
    "grace",
    "method",
    "first_due",
)


class BookRules(BookState):
    """The common checks of every event and the look-ups its handler starts from."""

    def _check_common(self, event: Event) -> None:
        # The checks run in a fixed order (the first rule broken is the one reported); the usual
        # case of each is decided first with a cheap test, the full test only when it fails.
        day = event.date
        # `type(...) is date` is the common case; a datetime (a date subclass) is refused.
        if type(day) is not date and (not isinstance(day, date) or isinstance(day, datetime)):
            raise TypeError("an event's date must be a datetime.date")
        if self._dissolved is not None:
            raise EventRejected(
                gettext_noop(
                    "the club was dissolved on {dissolved}; no event can be recorded after that"
                ),
                dissolved=self._dissolved,
            )
        kind = event.type
        if kind not in EVENT_TYPES:
            raise EventRejected(
                gettext_noop("unknown event type {kind!r}; use one of {types}"),
                kind=kind,
                types=", ".join(EVENT_TYPES),
            )
        if self._last_date is not None and day < self._last_date:
            raise EventRejected(
                gettext_noop(
                    "events must be recorded in date order: this {event} is dated {day}, "
                    "before the club's last event on {last}"
                ),
                event=event_term(kind),
                day=day,
                last=self._last_date,
            )
        member, enterprise, reference = event.member, event.enterprise, event.reference
        if kind == "contribution":
            # Most events are contributions: their blank check spelled out, because plain
            # attribute reads (specialised by the interpreter) take half the time of attrgetter.
            blank = (
                enterprise == ""
                and event.instrument is None
                and event.rate is None
                and event.term is None
                and event.grace is None
                and event.method is None
                and event.first_due is None
            )
        else:
            getter, default = _BLANK_CHECKS[kind]
            blank = getter(event) == default
        if not blank:
            for field in _NOT_APPLYING[kind]:
                value = getattr(event, field)
                if value is not None and value != "":
                    raise EventRejected(
                        gettext_noop("{field} does not apply to {event} event"),
                        field=field_term(field),
                        event=event_term(kind, article=True),
                    )
        if (
            (member and member != member.strip())
            or (enterprise and enterprise != enterprise.strip())
            or (reference and reference != reference.strip())
        ):
            for field in ("member", "enterprise", "reference"):
                text = getattr(event, field)
                if text and text != text.strip():
                    raise EventRejected(
                        gettext_noop("the {field} {text!r} must not start or end with a space"),
                        field=field_term(field),
                        text=text,
                    )
        if reference and reference in self._references:
            raise EventRejected(
                gettext_noop("reference {reference!r} is already used in this club"),
                reference=reference,
            )
        if len(member) > MAX_NAME or len(enterprise) > MAX_NAME:
            raise EventRejected(
                gettext_noop("a member's or enterprise's name has at most {limit} characters"),
                limit=MAX_NAME,
            )
        if len(reference) > MAX_REFERENCE or len(event.note) > MAX_NOTE:
            raise EventRejected(
                gettext_noop(
                    "a reference has at most {reference_limit} characters and a note {note_limit}"
                ),
                reference_limit=MAX_REFERENCE,
                note_limit=MAX_NOTE,
            )

    # --- look-ups used by the handlers and the queries (pure reads) ---

    def _active_member(self, event: Event) -> _Member:
        if not event.member:
            raise EventRejected(
                gettext_noop("{event} needs a member"), event=event_term(event.type, article=True)
            )
        member = self._members.get(event.member)
        if member is None:
            raise EventRejected(
                gettext_noop("{member} has not joined the club"), member=event.member
            )
        if member.exited is not None:
            raise EventRejected(
                gettext_noop("{member} left the club on {exited}"),
                member=event.member,
                exited=member.exited,
            )
        return member

    @staticmethod
    def _amount(event: Event, *, allow_zero: bool, required: bool = True) -> int | None:
        value = event.amount
        if value is None:
            if required:
                raise EventRejected(
                    gettext_noop("{event} needs an amount"),
                    event=event_term(event.type, article=True),
                )
            return None
        cents = None
        # Event amounts arrive as Decimals already, so re-validating them through `D` and
        # scaling them in the 60-digit context (then converting that Decimal to an int) is
        # wasted work on every event. When the amount is finite, under 10²⁰ in size and a whole
        # number of cents, that product is exactly value × 100 (at most 22 significant digits),
        # which its exact ratio gives directly.
        if type(value) is Decimal and value.is_finite() and -20 < value.adjusted() < 20:
            numerator, denominator = value.as_integer_ratio()  # lowest terms, denominator > 0
            if not 100 % denominator:
                cents = numerator * (100 // denominator)
        if cents is None:
            # Anything else (a string, an int, NaN, an infinity, zero with an extreme exponent,
            # a huge or sub-cent amount) takes the full path: same result, same message.
            try:
                cents = to_cents(D(value))
            except AccountingError:
                raise EventRejected(
                    gettext_noop("amount {amount} is not a money amount with at most two decimals"),
                    amount=event.amount,
                ) from None
        if cents > MAX_CENTS:
            raise EventRejected(
                gettext_noop("the amount {amount} is too large: at most {limit}"),
                amount=event.amount,
                limit=Money(MAX_CENTS),
            )
        if cents < 0 or (cents == 0 and not allow_zero):
            raise EventRejected(
                gettext_noop("the amount of {event} must be 0 or more")
                if allow_zero
                else gettext_noop("the amount of {event} must be more than zero"),
                event=event_term(event.type, article=True),
            )
        return cents

    def _resolve_holding(self, event: Event) -> _Holding:
        if not event.enterprise:
            raise EventRejected(
                gettext_noop("{event} needs an enterprise"),
                event=event_term(event.type, article=True),
            )
        open_ = self._open.get(event.enterprise, {})
        if event.instrument:
            if event.instrument not in INSTRUMENTS:
                raise EventRejected(
                    gettext_noop("unknown instrument {instrument!r}; use one of {instruments}"),
                    instrument=event.instrument,
                    instruments=", ".join(INSTRUMENTS),
                )
            holding = open_.get(event.instrument)
            if holding is None:
                raise EventRejected(
                    gettext_noop("the club has no open {instrument} holding in {enterprise}"),
                    instrument=instrument_term(event.instrument),
                    enterprise=event.enterprise,
                )
            return holding
        if not open_:
            raise EventRejected(
                gettext_noop("the club has no open holding in {enterprise}"),
                enterprise=event.enterprise,
            )
        if len(open_) > 1:
            raise EventRejected(
                gettext_noop(
                    "{enterprise} has {count} open holdings ({instruments}); say which instrument"
                ),
                enterprise=event.enterprise,
                count=len(open_),
                instruments=Listing(instrument_term(code) for code in sorted(open_)),
            )
        return next(iter(open_.values()))

    def _member(self, name: str) -> _Member:
        member = self._members.get(name)
        if member is None:
            raise AccountingError(
                gettext_noop("{member} is not a member of this club"), member=name
            )
        return member

    def _holding(self, holding_id: int) -> _Holding:
        if not 1 <= holding_id <= len(self._holdings):
            raise AccountingError(
                gettext_noop("the club has no holding number {number}"), number=holding_id
            )
        return self._holdings[holding_id - 1]
