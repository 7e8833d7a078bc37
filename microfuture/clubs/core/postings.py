"""The chart of accounts and the postings a club's book makes (spec club-accounting §2).

Chart of accounts (signed balances are debit-positive):
    cash                  asset: the club's bank account
    holding:<id>          asset: one per holding, at carrying value (id = 1, 2, … in opening order)
    capital:<member>      members' capital: credited by contributions, debited by payouts
    income:interest       loan interest received
    income:other          `income` events (dividends, other interest, …)
    expense               `expense` events
    gain:realised         proceeds − basis of sold holdings, − basis of written-off ones
    gain:unrealised       carrying value − cost of open equity and participatory holdings

A handler of an event returns a `Plan`: the event's posting (balanced legs), its change to
cash in cents, and the commit that changes the book. `transfer` and `planned` build the
posting; both are on the hot path of every replay and fill `Leg`s directly (see below).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "ACCOUNT_CASH",
    "ACCOUNT_EXPENSE",
    "ACCOUNT_GAIN_REALISED",
    "ACCOUNT_GAIN_UNREALISED",
    "ACCOUNT_INCOME_INTEREST",
    "ACCOUNT_INCOME_OTHER",
    "Leg",
    "Plan",
    "Posting",
    "capital_account",
    "holding_account",
    "nothing",
    "planned",
    "posting",
    "transfer",
]

ACCOUNT_CASH = "cash"
ACCOUNT_INCOME_INTEREST = "income:interest"
ACCOUNT_INCOME_OTHER = "income:other"
ACCOUNT_EXPENSE = "expense"
ACCOUNT_GAIN_REALISED = "gain:realised"
ACCOUNT_GAIN_UNREALISED = "gain:unrealised"


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

    @property
    def debit_credit(self) -> tuple[int, int]:
        """The leg as the ledger stores it: (debit, credit) in cents, one of them 0."""
        return (self.cents, 0) if self.side == "D" else (0, self.cents)


Posting = tuple[Leg, ...]

#: What a handler returns: the event's posting, its change to cash in cents, and the commit
#: that changes the book (called only once every check has passed).
Plan = tuple[Posting, int, Callable[[], None]]

# A replay builds thousands of legs, each valid by construction (the side comes from the sign,
# the cents are a nonzero absolute value), so `transfer` and `posting` skip the dataclass
# `__init__` and its re-validation: they fill the three slots directly, over twice as fast.
# The result is an ordinary `Leg` (same class, equality, hash, repr, pickling).
_new_object = object.__new__
_set_account: Callable[[Leg, str], None] = vars(Leg)["account"].__set__
_set_side: Callable[[Leg, str], None] = vars(Leg)["side"].__set__
_set_cents: Callable[[Leg, int], None] = vars(Leg)["cents"].__set__


def transfer(debited: str, credited: str, cents: int) -> Posting:
    """The posting that moves `cents` (> 0) from one account to another: what
    `posting({debited: cents, credited: -cents})` gives, without the dict and loop, for the
    most common events (contributions above all)."""
    debit: Leg = _new_object(Leg)
    _set_account(debit, debited)
    _set_side(debit, "D")
    _set_cents(debit, cents)
    credit: Leg = _new_object(Leg)
    _set_account(credit, credited)
    _set_side(credit, "C")
    _set_cents(credit, cents)
    return debit, credit


def posting(signed: dict[str, int]) -> Posting:
    """The balanced legs of signed amounts per account (debit-positive); zero ones left out."""
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


def planned(signed: dict[str, int], commit: Callable[[], None]) -> Plan:
    """The plan of a handler that states its entry as signed amounts per account."""
    return posting(signed), signed.get(ACCOUNT_CASH, 0), commit


def nothing() -> None:
    """The commit of an event that changes nothing in the book but its ledger and cash."""
    return None
