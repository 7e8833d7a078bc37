"""What a club's book holds, and its checkpoints (spec club-accounting §2–§6).

`BookState` is the book's fields and nothing that changes them: the members and holdings, the
running totals kept so that an event costs O(1) (cash, holdings total, units outstanding,
active weight, ledger turnover per account), the references used, the last date. The rules
that change it live in `rules.py`, `members.py` and `holdings.py`; `book.py` puts them together
as `ClubBook`.

A checkpoint (`BookCheckpoint`) is this state as bytes: `state()` / `from_state()`, with
`same_state()` to verify one against a full replay and `CHECKPOINT_FORMAT` for its shape.
"""

from __future__ import annotations

import copy
import pickle
import zlib
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Self

from .errors import AccountingError, gettext_noop
from .loans import Instalment
from .money import D
from .postings import capital_account

__all__ = ["CHECKPOINT_FORMAT", "POLICIES", "BookState"]

POLICIES = ("units", "contributions")

#: Millionths: units, shares and unit values are kept as integers of these.
MICRO = 1_000_000

#: The version of `ClubBook.state()`'s bytes. Bump it whenever the book's state changes shape
#: (an attribute of `ClubBook`, `_Member` or `_Holding` added, removed or changed in meaning,
#: or one of these classes moved to another module): stored checkpoints of another version are
#: then never read (`from_state` refuses them and the services replay from the first event
#: instead). `test_checkpoints_state` pins the shape.
#: 2: the book split into modules (`_Member`, `_Holding` now live in `book_state`).
#: 3: a holding's schedule kept as its own pickled bytes (`_Holding._instalments`).
CHECKPOINT_FORMAT = 3
_STATE_MAGIC = b"MFBOOK"


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
        "_instalments",
        "carrying",
        "closed",
        "cost",
        "cursor",
        "dues",
        "enterprise",
        "id",
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
        self._instalments: tuple[Instalment, ...] | bytes = ()
        self.dues: tuple[tuple[date, int, int], ...] = ()
        # owed_from[k]: the total of instalments k, k+1, … (one more entry, 0, at the end), so
        # that what is left to pay is known without summing the schedule on every repayment.
        self.owed_from: tuple[int, ...] = (0,)
        self.cursor = 0
        self.paid_in_cursor = 0

    # The schedule as the loan was made (`Instalment`s: the page of a loan's schedule shows
    # them) is what makes a checkpoint costly: hundreds of objects of five Decimals and a date
    # per club, while the book's rules read only `dues`. A checkpoint keeps each schedule as
    # its own pickled bytes, turned back into instalments only when asked for, and a book
    # loaded from a checkpoint stores the same bytes again without unpickling them.

    @property
    def instalments(self) -> tuple[Instalment, ...]:
        if isinstance(self._instalments, bytes):
            self._instalments = pickle.loads(self._instalments)  # noqa: S301 (see state())
        return self._instalments  # type: ignore[return-value]

    @instalments.setter
    def instalments(self, value: tuple[Instalment, ...]) -> None:
        self._instalments = value

    def __getstate__(self) -> dict[str, object]:
        state = {slot: getattr(self, slot) for slot in self.__slots__}
        if self._instalments and not isinstance(self._instalments, bytes):
            state["_instalments"] = pickle.dumps(self._instalments, pickle.HIGHEST_PROTOCOL)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        for slot, value in state.items():
            setattr(self, slot, value)

    def plain(self) -> tuple[object, ...]:
        """Every field as a plain value (the schedule as instalments), to compare books."""
        return tuple(self.instalments if slot == "_instalments" else getattr(self, slot)
                     for slot in self.__slots__)


class BookState:
    """The state of one club's book, with its checkpoints and the queries that only read it."""

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

    def copy(self) -> Self:
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
    def from_state(cls, data: bytes | memoryview) -> Self:
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

    def same_state(self, other: BookState) -> bool:
        """Whether two books hold exactly the same state (every figure, member, holding,
        schedule, account, reference and date): what a checkpoint is verified with."""
        return _plain_state(self) == _plain_state(other)

    # ------------------------------------------------------------------ queries of the state

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

    def _nav_cents(self) -> int:
        return self._cash + self._holdings_value

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


def _plain_state(book: BookState) -> dict[str, object]:
    # Every attribute as plain values: members and holdings as tuples of their slots, the
    # open-holdings index by holding number (it points into the holdings list).
    plain: dict[str, object] = dict(vars(book))
    plain["_members"] = [
        (name, tuple(getattr(m, slot) for slot in _Member.__slots__))
        for name, m in book._members.items()
    ]
    plain["_holdings"] = [h.plain() for h in book._holdings]
    plain["_open"] = [
        (enterprise, [(instrument, h.id) for instrument, h in by_instrument.items()])
        for enterprise, by_instrument in book._open.items()
    ]
    for ordered in ("_debits", "_credits", "_opened_count"):
        plain[ordered] = sorted(plain[ordered].items())  # type: ignore[attr-defined]
    return plain
