"""A club's book: applies events under the rules of spec club-accounting §2–§6.

`ClubBook.apply` either applies every rule to an event and returns its balanced double-entry
posting, or raises `EventRejected` and leaves the book exactly as it was: each handler first
validates and computes everything into a plan, and only a plan that passed every check is
committed. State is kept incrementally (cash, holdings total, units outstanding, active weight,
ledger turnover per account), so an event costs O(1) apart from the loan instalments a repayment
walks over and the members a dissolution pays.

Chart of accounts (signed balances are debit-positive):
    cash                  asset: the club's bank account
    holding:<id>          asset: one per holding, at carrying value (id = 1, 2, … in opening order)
    capital:<member>      members' capital: credited by contributions, debited by payouts
    income:interest       loan interest received
    income:other          `income` events (dividends, other interest, …)
    expense               `expense` events
    gain:realised         proceeds − basis of sold holdings, − basis of written-off ones
    gain:unrealised       carrying value − cost of open equity and participatory holdings
"""

from __future__ import annotations

import copy
import pickle
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from operator import attrgetter

from .errors import AccountingError, EventRejected, Listing, Text, gettext_noop
from .events import (
    EVENT_TYPES,
    FIELD_NAMES,
    INSTRUMENTS,
    LOAN_ONLY_FIELDS,
    Event,
    event_term,
    field_term,
    fields_applying,
    instrument_term,
)
from .loans import LOAN_METHODS, Instalment, loan_schedule
from .money import D, Money, div_half_even, from_cents, from_micro, to_cents
from .shareout import ShareClaim, share_out

__all__ = [
    "ACCOUNT_CASH",
    "ACCOUNT_EXPENSE",
    "ACCOUNT_GAIN_REALISED",
    "ACCOUNT_GAIN_UNREALISED",
    "ACCOUNT_INCOME_INTEREST",
    "ACCOUNT_INCOME_OTHER",
    "CHECKPOINT_FORMAT",
    "POLICIES",
    "ClubBook",
    "HoldingView",
    "Leg",
    "MemberView",
    "Posting",
    "capital_account",
    "holding_account",
    "replay",
]

POLICIES = ("units", "contributions")

ACCOUNT_CASH = "cash"
ACCOUNT_INCOME_INTEREST = "income:interest"
ACCOUNT_INCOME_OTHER = "income:other"
ACCOUNT_EXPENSE = "expense"
ACCOUNT_GAIN_REALISED = "gain:realised"
ACCOUNT_GAIN_UNREALISED = "gain:unrealised"

_MICRO = 1_000_000

#: The version of `ClubBook.state()`'s bytes. Bump it whenever the book's state changes shape
#: (an attribute of `ClubBook`, `_Member` or `_Holding` added, removed or changed in meaning):
#: stored checkpoints of another version are then never read (`from_state` refuses them and
#: the services replay from the first event instead). `test_checkpoints_state` pins the shape.
CHECKPOINT_FORMAT = 1
_STATE_MAGIC = b"MFBOOK"
_PAR_DAYS = 30

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


def holding_account(holding_id: int) -> str:
    return f"holding:{holding_id}"


def capital_account(member: str) -> str:
    return f"capital:{member}"


@dataclass(frozen=True, slots=True)
class Leg:
    """One side of a journal entry: a positive number of cents debited (D) or credited (C)."""

    account: str
    side: str
    cents: int

    def __post_init__(self) -> None:
        if self.side not in ("D", "C"):
            raise ValueError(f"a leg's side is D or C, not {self.side!r}")
        if self.cents <= 0:
            raise ValueError("a leg carries a positive number of cents")


Posting = tuple[Leg, ...]

#: What a handler returns: the event's posting, its change to cash in cents, and the commit
#: that changes the book (called only once every check has passed).
_Plan = tuple[Posting, int, Callable[[], None]]

# A replay builds thousands of legs, each valid by construction (the side comes from the sign,
# the cents are a nonzero absolute value), so `_transfer` and `ClubBook._posting` skip the
# dataclass `__init__` and its re-validation: they fill the three slots directly, over twice as
# fast. The result is an ordinary `Leg` (same class, equality, hash, repr, pickling).
_new_object = object.__new__
_set_account: Callable[[Leg, str], None] = vars(Leg)["account"].__set__
_set_side: Callable[[Leg, str], None] = vars(Leg)["side"].__set__
_set_cents: Callable[[Leg, int], None] = vars(Leg)["cents"].__set__


def _transfer(debited: str, credited: str, cents: int) -> Posting:
    """The posting that moves `cents` (> 0) from one account to another: what
    `ClubBook._posting({debited: cents, credited: -cents})` gives, without the dict and loop,
    for the most common events (contributions above all)."""
    debit: Leg = _new_object(Leg)
    _set_account(debit, debited)
    _set_side(debit, "D")
    _set_cents(debit, cents)
    credit: Leg = _new_object(Leg)
    _set_account(credit, credited)
    _set_side(credit, "C")
    _set_cents(credit, cents)
    return debit, credit


@dataclass(frozen=True, slots=True)
class HoldingView:
    """A holding as reported: money in integer cents; `principal_outstanding` None for equity."""

    id: int
    enterprise: str
    instrument: str
    reference: str
    opened: date
    cost: int
    carrying: int
    status: str
    principal_outstanding: int | None
    closed: date | None


@dataclass(frozen=True, slots=True)
class MemberView:
    """A member as reported: cents, units in millionths (None under `contributions`)."""

    name: str
    joined: date
    order: int
    status: str
    contributed: int
    paid_out: int
    units: int | None
    weight: int


class _Member:
    __slots__ = ("account", "contributed", "exited", "joined", "name", "order", "paid_out", "units")

    def __init__(self, name: str, joined: date, order: int) -> None:
        self.name = name
        self.account = capital_account(name)  # built once, not on every contribution
        self.joined = joined
        self.order = order
        self.contributed = 0
        self.paid_out = 0
        self.units = 0
        self.exited: date | None = None


class _Holding:
    __slots__ = (
        "carrying",
        "closed",
        "cost",
        "cursor",
        "dues",
        "enterprise",
        "id",
        "instalments",
        "instrument",
        "opened",
        "owed_from",
        "paid_in_cursor",
        "reference",
        "status",
    )

    def __init__(
        self, hid: int, enterprise: str, instrument: str, reference: str, opened: date
    ) -> None:
        self.id = hid
        self.enterprise = enterprise
        self.instrument = instrument
        self.reference = reference
        self.opened = opened
        self.cost = 0
        self.carrying = 0
        self.status = "open"
        self.closed: date | None = None
        # Loans only: the fixed schedule as (due date, interest cents, principal cents), the
        # index of the earliest unpaid instalment and what was already paid towards it.
        self.instalments: tuple[Instalment, ...] = ()
        self.dues: tuple[tuple[date, int, int], ...] = ()
        # owed_from[k]: the total of instalments k, k+1, … (one more entry, 0, at the end), so
        # that what is left to pay is known without summing the schedule on every repayment.
        self.owed_from: tuple[int, ...] = (0,)
        self.cursor = 0
        self.paid_in_cursor = 0


def _skip_zero(dues: tuple[tuple[date, int, int], ...], cursor: int) -> int:
    # An instalment of 0.00 (tiny principal, zero rate) is never unpaid.
    while cursor < len(dues) and dues[cursor][1] + dues[cursor][2] == 0:
        cursor += 1
    return cursor


def _allocate(
    dues: tuple[tuple[date, int, int], ...], cursor: int, paid: int, amount: int
) -> tuple[int, int, int, int]:
    """Allocate a repayment over the schedule from the earliest unpaid instalment on:
    its interest, then its principal, then the next one. Returns (interest, principal,
    new cursor, paid towards the new cursor instalment)."""
    interest = principal = 0
    while amount > 0:
        _, due_interest, due_principal = dues[cursor]
        interest_left = max(due_interest - paid, 0)
        take_interest = min(amount, interest_left)
        principal_left = due_interest + due_principal - paid - interest_left
        take_principal = min(amount - take_interest, principal_left)
        interest += take_interest
        principal += take_principal
        amount -= take_interest + take_principal
        paid += take_interest + take_principal
        if paid == due_interest + due_principal:
            cursor = _skip_zero(dues, cursor + 1)
            paid = 0
    return interest, principal, cursor, paid


def _schedule_cents(value: Decimal) -> int:
    """`to_cents` of a schedule figure, which `loan_schedule` already rounded to the cent (so
    it is exact and cannot fail), read off its exact ratio instead of a 60-digit product."""
    numerator, denominator = value.as_integer_ratio()
    return numerator * 100 // denominator


def _remaining_on_schedule(h: _Holding) -> int:
    if h.cursor >= len(h.dues):
        return 0
    return h.owed_from[h.cursor] - h.paid_in_cursor


class ClubBook:
    """The state of one club, changed only through `apply`."""

    def __init__(
        self,
        policy: str = "units",
        currency: str = "EUR",
        initial_unit_value: Decimal = Decimal("10.00"),
        name: str = "",
    ) -> None:
        if policy not in POLICIES:
            raise AccountingError(
                gettext_noop("unknown share policy {policy!r}: use units or contributions"),
                policy=policy,
            )
        if not (
            len(currency) == 3 and currency.isascii() and currency.isalpha() and currency.isupper()
        ):
            raise AccountingError(
                gettext_noop("currency {currency!r} is not an ISO 4217 code such as EUR"),
                currency=currency,
            )
        initial_unit_value = D(initial_unit_value)
        if initial_unit_value <= 0:
            raise AccountingError(gettext_noop("the initial unit value must be more than zero"))
        self.policy = policy
        self.currency = currency
        self.initial_unit_value = initial_unit_value
        self._uv0 = Fraction(initial_unit_value)
        self.name = name
        self._members: dict[str, _Member] = {}
        self._holdings: list[_Holding] = []
        self._open: dict[str, dict[str, _Holding]] = {}
        self._opened_count: dict[tuple[str, str], int] = {}
        self._cash = 0
        self._holdings_value = 0
        self._units = 0
        self._active_weight = 0
        self._debits: dict[str, int] = {}
        self._credits: dict[str, int] = {}
        self._references: set[str] = set()
        self._last_date: date | None = None
        self._dissolved: date | None = None
        self._events = 0

    # ------------------------------------------------------------------ applying events

    def apply(self, event: Event) -> Posting:
        """Apply one event: return its balanced legs, or raise EventRejected and change nothing."""
        posting, cash_change, commit = self._plan(event)
        # Nothing so far changed the book; from here on nothing may fail.
        commit()
        self._cash += cash_change  # (no commit touches cash)
        debits, credits = self._debits, self._credits
        for leg in posting:
            account = leg.account
            if leg.side == "D":
                debits[account] = debits.get(account, 0) + leg.cents
            else:
                credits[account] = credits.get(account, 0) + leg.cents
        reference = event.reference
        if reference:
            self._references.add(reference)
        self._last_date = event.date
        self._events += 1
        return posting

    def preview(self, event: Event) -> Posting:
        """The posting `apply` would make, or EventRejected; the book is never changed."""
        return self._plan(event)[0]

    def _plan(self, event: Event) -> _Plan:
        self._check_common(event)
        plan = self._HANDLERS[event.type](self, event)
        cash_change = plan[1]
        if self._cash + cash_change < 0:
            raise EventRejected(
                gettext_noop(
                    "cash would go negative: the club has {cash} {currency} "
                    "and this {event} needs {needed}"
                ),
                cash=Money(self._cash),
                currency=self.currency,
                event=event_term(event.type, text=event.type.replace("_", "-")),
                needed=Money(-cash_change),
            )
        return plan

    def apply_all(self, events: Iterable[Event]) -> None:
        for event in events:
            self.apply(event)

    def copy(self) -> ClubBook:
        """An independent copy (to check a journal against without touching this book)."""
        return copy.deepcopy(self)

    # ------------------------------------------------------------------ checkpoints

    def state(self) -> bytes:
        """The whole book as bytes that `from_state` turns back into an equal book: a
        checkpoint of a club's books (`BookCheckpoint`). A magic word, the format version,
        then the pickled book, compressed.

        Pickle is safe here because only the platform writes these bytes (from a book it
        replayed itself) into a column no form, API or import can reach; the format version
        keeps bytes of an older shape from being read as the current one."""
        body = zlib.compress(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL), 1)
        return _STATE_MAGIC + CHECKPOINT_FORMAT.to_bytes(2, "big") + body

    @classmethod
    def from_state(cls, data: bytes | memoryview) -> ClubBook:
        """The book `state()` stored; ValueError for bytes of another format or not a book."""
        data = bytes(data)
        head = len(_STATE_MAGIC)
        if data[:head] != _STATE_MAGIC:
            raise ValueError("not a stored club book")
        version = int.from_bytes(data[head : head + 2], "big")
        if version != CHECKPOINT_FORMAT:
            raise ValueError(f"a stored club book of format {version}, not {CHECKPOINT_FORMAT}")
        try:
            book = pickle.loads(zlib.decompress(data[head + 2 :]))  # noqa: S301 (see state())
        except Exception as exc:  # a damaged row: the caller replays instead
            raise ValueError(f"a stored club book that cannot be read: {exc}") from None
        if type(book) is not cls:
            raise ValueError("a stored club book that is not a club book")
        return book

    def same_state(self, other: ClubBook) -> bool:
        """Whether two books hold exactly the same state (every figure, member, holding,
        schedule, account, reference and date): what a checkpoint is verified with."""
        return _plain_state(self) == _plain_state(other)

    @classmethod
    def _planned(cls, signed: dict[str, int], commit: Callable[[], None]) -> _Plan:
        """The plan of a handler that states its entry as signed amounts per account."""
        return cls._posting(signed), signed.get(ACCOUNT_CASH, 0), commit

    @staticmethod
    def _posting(signed: dict[str, int]) -> Posting:
        # One pass over the (two to a few) signed amounts: zero ones are left out, the others
        # become legs, and the debits and credits are totalled on the way for the balance check.
        legs: list[Leg] = []
        debit = credit = 0
        for account, cents in signed.items():
            if cents > 0:
                side = "D"
                debit += cents
            elif cents:
                side = "C"
                cents = -cents
                credit += cents
            else:
                continue
            # What `Leg(account, side, cents)` makes, without re-checking what holds here.
            leg: Leg = _new_object(Leg)
            _set_account(leg, account)
            _set_side(leg, side)
            _set_cents(leg, cents)
            legs.append(leg)
        assert debit == credit, f"unbalanced posting {tuple(legs)}"
        return tuple(legs)

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

    # --- helpers used by the handlers (pure reads) ---

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

    def _nav_cents(self) -> int:
        return self._cash + self._holdings_value

    def _value_cents(self, member: _Member) -> int:
        """A member's value, rounded half-even on its own (spec §3)."""
        if member.exited is not None or self._dissolved is not None:
            return 0
        if self.policy == "units":
            weight, total = member.units, self._units
        else:
            weight, total = member.contributed, self._active_weight
        if total == 0:
            return 0
        return div_half_even(weight * self._nav_cents(), total)

    def _close(self, h: _Holding, status: str, on: date) -> Callable[[], None]:
        def commit() -> None:
            self._holdings_value -= h.carrying
            h.carrying = 0
            h.status = status
            h.closed = on
            del self._open[h.enterprise][h.instrument]
            if not self._open[h.enterprise]:
                del self._open[h.enterprise]

        return commit

    # --- the handlers: validate and plan, return (posting, change to cash, commit) ---

    def _join(self, event: Event) -> _Plan:
        if not event.member:
            raise EventRejected(gettext_noop("a join needs a member name"))
        if event.member in self._members:
            raise EventRejected(
                gettext_noop(
                    "{member} has already joined this club; a former member who comes back "
                    "joins under a distinguishable name"
                ),
                member=event.member,
            )

        def commit() -> None:
            self._members[event.member] = _Member(event.member, event.date, len(self._members))

        return (), 0, commit

    def _contribution(self, event: Event) -> _Plan:
        member = self._active_member(event)
        amount = self._amount(event, allow_zero=False)
        assert amount is not None
        units = 0
        units_policy = self.policy == "units"
        if units_policy:
            if self._units > 0:
                nav = self._cash + self._holdings_value  # _nav_cents(), inline on the hot path
                if nav <= 0:
                    raise EventRejected(
                        gettext_noop(
                            "the club's net asset value is {nav} with units outstanding, "
                            "so a unit has no price: the club must decide how to recapitalise "
                            "before new contributions"
                        ),
                        nav=Money(nav),
                    )
                # units = A × U ÷ NAV, exact in integers (cents cancel), rounded once (§3).
                units = div_half_even(amount * self._units, nav)
            else:
                exact = Fraction(amount, 100) * _MICRO / self._uv0
                units = div_half_even(exact.numerator, exact.denominator)
            if units == 0:
                raise EventRejected(
                    gettext_noop("a contribution of {amount} buys less than 0.000001 unit"),
                    amount=Money(amount),
                )

        def commit() -> None:
            member.contributed += amount
            if units_policy:
                member.units += units
                self._units += units
            else:
                self._active_weight += amount

        return _transfer(ACCOUNT_CASH, member.account, amount), amount, commit

    def _investment(self, event: Event) -> _Plan:
        if not event.enterprise:
            raise EventRejected(gettext_noop("an investment needs an enterprise"))
        if not event.instrument:
            raise EventRejected(
                gettext_noop("an investment needs an instrument: {instruments}"),
                instruments=", ".join(INSTRUMENTS),
            )
        if event.instrument not in INSTRUMENTS:
            raise EventRejected(
                gettext_noop("unknown instrument {instrument!r}; use one of {instruments}"),
                instrument=event.instrument,
                instruments=", ".join(INSTRUMENTS),
            )
        amount = self._amount(event, allow_zero=False)
        assert amount is not None
        open_ = self._open.get(event.enterprise, {}).get(event.instrument)
        instalments: tuple[Instalment, ...] = ()
        if event.instrument == "loan":
            if open_ is not None:
                raise EventRejected(
                    gettext_noop(
                        "{enterprise} still has an open loan from the club; a second loan "
                        "can be made only once it is repaid, sold or written off"
                    ),
                    enterprise=event.enterprise,
                )
            if event.rate is None:
                raise EventRejected(gettext_noop("a loan needs a rate (annual, in percent)"))
            if event.term is None:
                raise EventRejected(
                    gettext_noop("a loan needs a term (number of monthly instalments)")
                )
            method = event.method or "annuity"
            if method not in LOAN_METHODS:
                raise EventRejected(
                    gettext_noop("unknown loan method {method!r}: use annuity or linear"),
                    method=method,
                )
            try:
                instalments = tuple(
                    loan_schedule(
                        principal=from_cents(amount),
                        rate=D(event.rate),
                        term=event.term,
                        grace=0 if event.grace is None else event.grace,
                        method=method,
                        disbursed=event.date,
                        first_due=event.first_due,
                    )
                )
            except AccountingError as exc:
                raise EventRejected(exc.text) from None
        else:
            for field in LOAN_ONLY_FIELDS:
                if event.given(field):
                    raise EventRejected(
                        gettext_noop("{field} applies only to a loan investment"),
                        field=field_term(field),
                    )

        if open_ is not None:
            holding = open_

            def commit() -> None:
                holding.cost += amount
                holding.carrying += amount
                self._holdings_value += amount

            return _transfer(holding_account(holding.id), ACCOUNT_CASH, amount), -amount, commit

        hid = len(self._holdings) + 1
        key = (event.enterprise, event.instrument)
        nth = self._opened_count.get(key, 0) + 1
        reference = event.reference or f"{event.enterprise}/{event.instrument}/{nth}"

        def commit_new() -> None:
            assert event.instrument is not None
            h = _Holding(hid, event.enterprise, event.instrument, reference, event.date)
            h.cost = h.carrying = amount
            if instalments:
                h.instalments = instalments
                h.dues = tuple(
                    (row.due, _schedule_cents(row.interest), _schedule_cents(row.principal))
                    for row in instalments
                )
                owed_from = [0]
                for _, interest, principal in reversed(h.dues):
                    owed_from.append(owed_from[-1] + interest + principal)
                h.owed_from = tuple(reversed(owed_from))
                h.cursor = _skip_zero(h.dues, 0)
            self._holdings.append(h)
            self._open.setdefault(event.enterprise, {})[event.instrument] = h
            self._opened_count[key] = nth
            self._holdings_value += amount

        return _transfer(holding_account(hid), ACCOUNT_CASH, amount), -amount, commit_new

    def _repayment(self, event: Event) -> _Plan:
        h = self._resolve_holding(event)
        if h.instrument not in ("loan", "advance"):
            raise EventRejected(
                gettext_noop(
                    "a repayment applies to loans and advances only, not to the "
                    "{instrument} holding in {enterprise}"
                ),
                instrument=instrument_term(h.instrument),
                enterprise=h.enterprise,
            )
        amount = self._amount(event, allow_zero=False)
        assert amount is not None
        account = holding_account(h.id)
        if h.instrument == "advance":
            if amount > h.carrying:
                raise EventRejected(
                    gettext_noop(
                        "a repayment of {amount} is more than the "
                        "{owed} still owed on the advance to {enterprise}"
                    ),
                    amount=Money(amount),
                    owed=Money(h.carrying),
                    enterprise=h.enterprise,
                )
            close = self._close(h, "repaid", event.date) if amount == h.carrying else None

            def commit_advance() -> None:
                h.carrying -= amount
                self._holdings_value -= amount
                if close is not None:
                    close()

            return _transfer(ACCOUNT_CASH, account, amount), amount, commit_advance

        owed = _remaining_on_schedule(h)
        if amount > owed:
            raise EventRejected(
                gettext_noop(
                    "a repayment of {amount} is more than the {owed} still "
                    "unpaid on the loan to {enterprise}"
                ),
                amount=Money(amount),
                owed=Money(owed),
                enterprise=h.enterprise,
            )
        interest, principal, cursor, paid = _allocate(h.dues, h.cursor, h.paid_in_cursor, amount)
        close = self._close(h, "repaid", event.date) if cursor >= len(h.dues) else None

        def commit_loan() -> None:
            h.carrying -= principal
            self._holdings_value -= principal
            h.cursor = cursor
            h.paid_in_cursor = paid
            if close is not None:
                close()

        signed = {ACCOUNT_CASH: amount, ACCOUNT_INCOME_INTEREST: -interest, account: -principal}
        return self._planned(signed, commit_loan)

    def _income(self, event: Event) -> _Plan:
        amount = self._amount(event, allow_zero=False)
        assert amount is not None
        return _transfer(ACCOUNT_CASH, ACCOUNT_INCOME_OTHER, amount), amount, _nothing

    def _expense(self, event: Event) -> _Plan:
        amount = self._amount(event, allow_zero=False)
        assert amount is not None
        return _transfer(ACCOUNT_EXPENSE, ACCOUNT_CASH, amount), -amount, _nothing

    def _valuation(self, event: Event) -> _Plan:
        h = self._resolve_holding(event)
        if h.instrument not in ("equity", "participatory"):
            raise EventRejected(
                gettext_noop(
                    "a valuation applies to equity and participatory holdings only; the "
                    "{instrument} to {enterprise} is carried at its outstanding principal"
                ),
                instrument=instrument_term(h.instrument),
                enterprise=h.enterprise,
            )
        value = self._amount(event, allow_zero=True)
        assert value is not None
        delta = value - h.carrying

        def commit() -> None:
            h.carrying = value
            self._holdings_value += delta

        return self._planned(
            {holding_account(h.id): delta, ACCOUNT_GAIN_UNREALISED: -delta}, commit
        )

    def _basis(self, h: _Holding) -> int:
        return h.cost if h.instrument in ("equity", "participatory") else h.carrying

    def _sale(self, event: Event) -> _Plan:
        h = self._resolve_holding(event)
        proceeds = self._amount(event, allow_zero=True)
        assert proceeds is not None
        basis = self._basis(h)
        signed = {
            ACCOUNT_CASH: proceeds,
            holding_account(h.id): -h.carrying,
            ACCOUNT_GAIN_REALISED: -(proceeds - basis),
            # Unrealised gain booked on this holding is now realised: take it back out.
            ACCOUNT_GAIN_UNREALISED: h.carrying - basis,
        }
        return self._planned(signed, self._close(h, "sold", event.date))

    def _write_off(self, event: Event) -> _Plan:
        h = self._resolve_holding(event)
        basis = self._basis(h)
        signed = {
            holding_account(h.id): -h.carrying,
            ACCOUNT_GAIN_REALISED: basis,
            ACCOUNT_GAIN_UNREALISED: h.carrying - basis,
        }
        return self._planned(signed, self._close(h, "written_off", event.date))

    def _exit(self, event: Event) -> _Plan:
        member = self._active_member(event)
        agreed = self._amount(event, allow_zero=True, required=False)
        payout = self._value_cents(member) if agreed is None else agreed

        def commit() -> None:
            member.exited = event.date
            member.paid_out += payout
            if self.policy == "units":
                self._units -= member.units
                member.units = 0  # cancelled (spec §4)
            else:
                self._active_weight -= member.contributed

        return self._planned({member.account: payout, ACCOUNT_CASH: -payout}, commit)

    def _dissolve(self, event: Event) -> _Plan:
        if self._open:
            holdings = Listing(
                Text(
                    gettext_noop("{instrument} in {enterprise}"),
                    instrument=instrument_term(h.instrument),
                    enterprise=h.enterprise,
                )
                for by_instrument in self._open.values()
                for h in by_instrument.values()
            )
            raise EventRejected(
                gettext_noop(
                    "the club cannot be dissolved while it has open holdings ({holdings}); "
                    "sell, write off or collect them first"
                ),
                holdings=holdings,
            )
        claims = [
            ShareClaim(
                name=m.name,
                weight=m.units if self.policy == "units" else m.contributed,
                join_date=m.joined,
                join_order=m.order,
            )
            for m in self._members.values()
            if m.exited is None
        ]
        if self._cash > 0 and sum(c.weight for c in claims) == 0:
            raise EventRejected(
                gettext_noop(
                    "the club has {cash} in cash but no member still in the club "
                    "has any share of it, so it cannot be shared out"
                ),
                cash=Money(self._cash),
            )
        payouts = share_out(self._cash, claims)
        signed = {capital_account(name): cents for name, cents in payouts.items()}
        signed[ACCOUNT_CASH] = -self._cash

        def commit() -> None:
            for name, cents in payouts.items():
                self._members[name].paid_out += cents
            self._dissolved = event.date

        return self._planned(signed, commit)

    _HANDLERS: dict[str, Callable[[ClubBook, Event], _Plan]] = {
        "join": _join,
        "contribution": _contribution,
        "investment": _investment,
        "repayment": _repayment,
        "income": _income,
        "expense": _expense,
        "valuation": _valuation,
        "sale": _sale,
        "write_off": _write_off,
        "exit": _exit,
        "dissolve": _dissolve,
    }

    # ------------------------------------------------------------------ queries

    @property
    def dissolved(self) -> bool:
        return self._dissolved is not None

    @property
    def dissolved_on(self) -> date | None:
        return self._dissolved

    @property
    def last_date(self) -> date | None:
        return self._last_date

    @property
    def event_count(self) -> int:
        return self._events

    @property
    def references(self) -> frozenset[str]:
        return frozenset(self._references)

    def has_reference(self, reference: str) -> bool:
        return reference in self._references

    @property
    def cash_cents(self) -> int:
        return self._cash

    @property
    def holdings_value_cents(self) -> int:
        return self._holdings_value

    @property
    def nav_cents(self) -> int:
        return self._nav_cents()

    @property
    def units_micro(self) -> int | None:
        return self._units if self.policy == "units" else None

    def cash(self) -> Decimal:
        return from_cents(self._cash)

    def holdings_value(self) -> Decimal:
        return from_cents(self._holdings_value)

    def nav(self) -> Decimal:
        return from_cents(self._nav_cents())

    def units_outstanding(self) -> Decimal | None:
        """Units outstanding (6 decimals); None under the `contributions` policy."""
        return from_micro(self._units) if self.policy == "units" else None

    def unit_value_micro(self) -> int | None:
        """NAV ÷ units outstanding in millionths, half-even; None if no units or dissolved."""
        if self.policy != "units" or self._units == 0 or self._dissolved is not None:
            return None
        return div_half_even(self._nav_cents() * 10_000 * _MICRO, self._units)

    def unit_value(self) -> Decimal | None:
        micro = self.unit_value_micro()
        return None if micro is None else from_micro(micro)

    def _member(self, name: str) -> _Member:
        member = self._members.get(name)
        if member is None:
            raise AccountingError(
                gettext_noop("{member} is not a member of this club"), member=name
            )
        return member

    def member_names(self) -> list[str]:
        return list(self._members)

    def is_active_member(self, name: str) -> bool:
        member = self._members.get(name)
        return member is not None and member.exited is None

    def member_value_cents(self, name: str) -> int:
        return self._value_cents(self._member(name))

    def member_value(self, name: str) -> Decimal:
        """What the member would be paid on exit now (0.00 once exited or dissolved)."""
        return from_cents(self.member_value_cents(name))

    def member_share_micro(self, name: str) -> int:
        """The member's share of the club in millionths, from the exact ratio."""
        member = self._member(name)
        if member.exited is not None:
            return 0
        if self.policy == "units":
            weight, total = member.units, self._units
        else:
            weight, total = member.contributed, self._active_weight
        return 0 if total == 0 else div_half_even(weight * _MICRO, total)

    def member_share(self, name: str) -> Decimal:
        return from_micro(self.member_share_micro(name))

    def members(self) -> list[MemberView]:
        """All members in joining order, including those who left."""
        units_policy = self.policy == "units"
        return [
            MemberView(
                name=m.name,
                joined=m.joined,
                order=m.order,
                status="active" if m.exited is None else "exited",
                contributed=m.contributed,
                paid_out=m.paid_out,
                units=m.units if units_policy else None,
                weight=(m.units if units_policy else m.contributed) if m.exited is None else 0,
            )
            for m in self._members.values()
        ]

    def holdings(self) -> list[HoldingView]:
        """All holdings in opening order, closed ones included."""
        return [
            HoldingView(
                id=h.id,
                enterprise=h.enterprise,
                instrument=h.instrument,
                reference=h.reference,
                opened=h.opened,
                cost=h.cost,
                carrying=h.carrying,
                status=h.status,
                principal_outstanding=(h.carrying if h.instrument in ("loan", "advance") else None),
                closed=h.closed,
            )
            for h in self._holdings
        ]

    def _holding(self, holding_id: int) -> _Holding:
        if not 1 <= holding_id <= len(self._holdings):
            raise AccountingError(
                gettext_noop("the club has no holding number {number}"), number=holding_id
            )
        return self._holdings[holding_id - 1]

    def loan_schedule(self, holding_id: int) -> list[Instalment]:
        return list(self._holding(holding_id).instalments)

    def principal_outstanding_cents(self, holding_id: int) -> int:
        """Outstanding principal of a loan or advance (0 once closed)."""
        return self._holding(holding_id).carrying

    def arrears_cents(self, holding_id: int, on: date) -> int:
        """Unpaid parts of the instalments due on or before `on` (0 for a closed loan).

        Reads the book as it stands: ask about a date on or after the last event applied.
        """
        h = self._holding(holding_id)
        if h.instrument != "loan":
            raise AccountingError(gettext_noop("only loans have a schedule and arrears"))
        if h.status != "open":
            return 0
        total = 0
        for k in range(h.cursor, len(h.dues)):
            due, interest, principal = h.dues[k]
            if due > on:
                break
            total += interest + principal - (h.paid_in_cursor if k == h.cursor else 0)
        return total

    def days_past_due(self, holding_id: int, on: date) -> int:
        """Days from the oldest unpaid due date to `on` (0 if nothing unpaid is due)."""
        h = self._holding(holding_id)
        if h.instrument != "loan":
            raise AccountingError(gettext_noop("only loans have a schedule and days past due"))
        if h.status != "open" or h.cursor >= len(h.dues):
            return 0
        oldest = h.dues[h.cursor][0]
        return (on - oldest).days if oldest <= on else 0

    def portfolio_at_risk_cents(self, on: date, days: int = _PAR_DAYS) -> tuple[int, int]:
        """(principal of open loans more than `days` past due, principal of all open loans),
        in cents: add these across clubs before dividing for a network-wide PAR."""
        at_risk = total = 0
        for by_instrument in self._open.values():
            h = by_instrument.get("loan")
            if h is None:
                continue
            total += h.carrying
            if self.days_past_due(h.id, on) > days:
                at_risk += h.carrying
        return at_risk, total

    def par30_micro(self, on: date) -> int | None:
        """PAR30 in millionths: principal of open loans > 30 days past due ÷ principal of all
        open loans; None when the club has no open loan."""
        at_risk, total = self.portfolio_at_risk_cents(on)
        if total == 0:
            return None
        return div_half_even(at_risk * _MICRO, total)

    def par30(self, on: date) -> Decimal | None:
        micro = self.par30_micro(on)
        return None if micro is None else from_micro(micro)

    # --- the ledger ---

    def balance(self, account: str) -> int:
        """Signed balance of an account in cents, debit-positive."""
        return self._debits.get(account, 0) - self._credits.get(account, 0)

    def balances(self) -> dict[str, int]:
        accounts = set(self._debits) | set(self._credits)
        return {account: self.balance(account) for account in sorted(accounts)}

    def turnover(self, account: str) -> tuple[int, int]:
        """(total debited, total credited) on an account, in cents."""
        return self._debits.get(account, 0), self._credits.get(account, 0)

    def accounts(self) -> list[str]:
        return sorted(set(self._debits) | set(self._credits))


def _nothing() -> None:
    return None


def _plain_state(book: ClubBook) -> dict[str, object]:
    # Every attribute as plain values: members and holdings as tuples of their slots, the
    # open-holdings index by holding number (it points into the holdings list).
    plain: dict[str, object] = dict(vars(book))
    plain["_members"] = [
        (name, tuple(getattr(m, slot) for slot in _Member.__slots__))
        for name, m in book._members.items()
    ]
    plain["_holdings"] = [
        tuple(getattr(h, slot) for slot in _Holding.__slots__) for h in book._holdings
    ]
    plain["_open"] = [
        (enterprise, [(instrument, h.id) for instrument, h in by_instrument.items()])
        for enterprise, by_instrument in book._open.items()
    ]
    for ordered in ("_debits", "_credits", "_opened_count"):
        plain[ordered] = sorted(plain[ordered].items())  # type: ignore[attr-defined]
    return plain


def replay(
    events: Iterable[Event],
    *,
    policy: str = "units",
    currency: str = "EUR",
    initial_unit_value: Decimal = Decimal("10.00"),
    name: str = "",
    until: date | None = None,
) -> ClubBook:
    """A new book with `events` applied in order (only those dated on or before `until`)."""
    book = ClubBook(
        policy=policy, currency=currency, initial_unit_value=initial_unit_value, name=name
    )
    apply = book.apply
    if until is None:
        for event in events:
            apply(event)
    else:
        for event in events:
            if event.date <= until:
                apply(event)
    return book
