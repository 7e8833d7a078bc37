"""A club's ledger as a Beancount file (spec impact §5): pure, no ORM, no I/O.

The stored ledger entries of a club (`ledger.JournalEntry` with their legs, each linked to the
event or the reversal that posted it) come in as plain `LedgerEntry` values; out comes the text
of a Beancount 3 file that `bean-check` accepts: one transaction per entry, same date and
amounts, the event's type, reference and note as narration and metadata, and an `open`
directive for every account, dated on its first use and carrying the original name.

Account names. Beancount allows only capitalised components of letters, digits and `-`; the
club's chart of accounts (`core/book.py`) uses codes such as `capital:Šraj` and `holding:3`.
Each code maps to one name (`account_names`):

    cash                  Assets:Club:Cash
    holding:<id>          Assets:Club:Holdings:<Enterprise>-<Instrument>
    capital:<member>      Equity:Members:<Member>
    income:interest       Income:Interest
    income:other          Income:Other
    expense               Expenses:Club
    gain:realised         Income:Gains:Realised
    gain:unrealised       Income:Gains:Unrealised

Names are folded to ASCII letters (`Š` → `S`, `đ` → `d`), each word capitalised, words joined
by `-`; two names that fold to the same component get `-2`, `-3`, … in the order they first
appear in the ledger, so `Šraj` and `Sraj` stay two accounts.

Reversals. A corrected event counts nowhere in the statement, whatever the date of its
reversal. So an entry that was reversed is exported together with its reversal when both are
dated on or before the export's date; when one of the two falls after it, both are left out.
That keeps the file's balances equal to the statement on every date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "AccountName",
    "LedgerEntry",
    "LedgerLeg",
    "account_names",
    "beancount_text",
    "entries_on",
    "fold_component",
]

#: Codes of the club's chart of accounts with a fixed Beancount name.
FIXED_ACCOUNTS = {
    "cash": "Assets:Club:Cash",
    "income:interest": "Income:Interest",
    "income:other": "Income:Other",
    "expense": "Expenses:Club",
    "gain:realised": "Income:Gains:Realised",
    "gain:unrealised": "Income:Gains:Unrealised",
}
HOLDINGS_PARENT = "Assets:Club:Holdings"
MEMBERS_PARENT = "Equity:Members"

# Letters that Unicode does not decompose into a base letter and a mark.
_OWN_LETTERS = str.maketrans({
    "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
    "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i",
})
_WORD = re.compile(r"[A-Za-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class LedgerLeg:
    """One leg of a stored entry: an account code and a positive debit or credit in cents."""

    account: str
    debit: int = 0
    credit: int = 0


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """A stored ledger entry and what posted it.

    `type` is the event's type (`contribution`, …) or `reversal`; for a reversal the event
    fields describe the reversed event and `reverses` is the id of the entry it mirrors.
    """

    id: int
    date: date
    legs: tuple[LedgerLeg, ...]
    type: str
    memo: str = ""
    seq: int | None = None
    member: str = ""
    enterprise: str = ""
    instrument: str = ""
    reference: str = ""
    note: str = ""
    reverses: int | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class AccountName:
    """A ledger account code's Beancount name, the original name it was made from, and the
    date of its first use."""

    code: str
    name: str
    original: str
    opened: date
    instrument: str = ""


def fold_component(text: str, fallback: str) -> str:
    """`text` as one Beancount account component: ASCII letters and digits, each word
    capitalised, words joined by `-` ("Šraj d.o.o." → "Sraj-D-O-O"); `fallback` when
    nothing is left (a name in another script)."""
    plain = unicodedata.normalize("NFKD", text.translate(_OWN_LETTERS))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = _WORD.findall(plain)
    if not words:
        return fallback
    return "-".join(word[0].upper() + word[1:] for word in words)


def entries_on(entries: Iterable[LedgerEntry], as_of: date) -> list[LedgerEntry]:
    """The entries a file up to `as_of` holds, in date order (then posting order): those
    dated on or before it, except a reversed entry and its reversal when either of the two
    is dated after it (see the module's docstring)."""
    everything = list(entries)
    by_id = {entry.id: entry for entry in everything}
    reversal_of = {e.reverses: e for e in everything if e.reverses is not None}
    kept = []
    for entry in everything:
        if entry.date > as_of:
            continue
        partner = by_id.get(entry.reverses) if entry.reverses is not None else (
            reversal_of.get(entry.id)
        )
        if partner is not None and partner.date > as_of:
            continue
        kept.append(entry)
    return sorted(kept, key=lambda e: (e.date, e.id))


def account_names(entries: Sequence[LedgerEntry]) -> dict[str, AccountName]:
    """The Beancount name of every account code the entries use (entries in date order)."""
    first_use: dict[str, date] = {}
    for entry in entries:
        for leg in entry.legs:
            first_use.setdefault(leg.account, entry.date)
    # A holding is named after the enterprise and instrument of the investment that opened it.
    holding_of: dict[str, tuple[str, str]] = {}
    for entry in entries:
        for leg in entry.legs:
            if leg.account.startswith("holding:") and leg.account not in holding_of:
                holding_of[leg.account] = (entry.enterprise, entry.instrument)
    taken: dict[str, set[str]] = {HOLDINGS_PARENT: set(), MEMBERS_PARENT: set()}

    def distinct(parent: str, base: str) -> str:
        used = taken[parent]
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        return f"{parent}:{name}"

    names: dict[str, AccountName] = {}
    for code, opened in first_use.items():
        if code in FIXED_ACCOUNTS:
            names[code] = AccountName(code, FIXED_ACCOUNTS[code], code, opened)
        elif code.startswith("capital:"):
            member = code.removeprefix("capital:")
            names[code] = AccountName(
                code, distinct(MEMBERS_PARENT, fold_component(member, "Member")), member, opened
            )
        elif code.startswith("holding:"):
            enterprise, instrument = holding_of[code]
            base = fold_component(enterprise, "Enterprise")
            if instrument:
                base = f"{base}-{fold_component(instrument, 'Holding')}"
            names[code] = AccountName(
                code, distinct(HOLDINGS_PARENT, base), enterprise, opened, instrument
            )
        else:
            # The chart of accounts is closed (core/book.py); a code outside it is a bug.
            raise ValueError(f"The ledger account {code!r} is not in the club's chart.")
    return names


def _quoted(text: str) -> str:
    clean = _CONTROL.sub(" ", text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{clean}"'


def _amount(cents: int, currency: str) -> str:
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d} {currency}"


def _meta(key: str, value: str | int | None) -> list[str]:
    if value is None or value == "":
        return []
    shown = str(value) if isinstance(value, int) else _quoted(value)
    return [f"  {key}: {shown}"]


def _transaction(entry: LedgerEntry, names: dict[str, AccountName], currency: str) -> list[str]:
    who = entry.member or entry.enterprise
    if entry.type == "reversal":
        narration = f"reversal of {entry.memo.removeprefix('Reversal: ')}".strip()
        if entry.reason:
            narration += f": {entry.reason}"
    else:
        narration = entry.type if not entry.note else f"{entry.type}: {entry.note}"
        if entry.type == "entry":  # an entry posted without an event: its memo says what
            narration = entry.memo or "entry"
    head = f"{entry.date.isoformat()} *"
    if who:
        head += f" {_quoted(who)}"
    lines = [f"{head} {_quoted(narration)}"]
    lines += _meta("type", entry.type)
    lines += _meta("entry", entry.id)
    lines += _meta("seq", entry.seq)
    lines += _meta("member", entry.member)
    lines += _meta("enterprise", entry.enterprise)
    lines += _meta("instrument", entry.instrument)
    lines += _meta("reference", entry.reference)
    lines += _meta("note", entry.note)
    lines += _meta("reverses", entry.reverses)
    lines += _meta("reason", entry.reason)
    width = max((len(names[leg.account].name) for leg in entry.legs), default=0)
    for leg in entry.legs:
        lines.append(
            f"  {names[leg.account].name:<{width}}  {_amount(leg.debit - leg.credit, currency)}"
        )
    return lines


def beancount_text(
    *, club: str, currency: str, entries: Iterable[LedgerEntry], as_of: date
) -> str:
    """The club's ledger up to `as_of` as the text of a Beancount 3 file.

    After the transactions, a `balance` assertion for every asset account on the next day
    (Beancount checks a balance at the start of its date): `bean-check` itself then proves
    that the file's assets are those of the statement on `as_of`.
    """
    kept = entries_on(entries, as_of)
    names = account_names(kept)
    out = [
        f"; The books of {_CONTROL.sub(' ', club)} up to {as_of.isoformat()}, exported by "
        "Microfuture Hub.",
        "; One transaction per ledger entry; amounts in the club's currency.",
        f"option \"title\" {_quoted(club)}",
        f"option \"operating_currency\" \"{currency}\"",
        "",
    ]
    for account in sorted(names.values(), key=lambda a: (a.opened, a.name)):
        out.append(f"{account.opened.isoformat()} open {account.name} {currency}")
        if account.original != account.code:
            out += _meta("name", account.original)
        out += _meta("code", account.code)
        out += _meta("instrument", account.instrument)
    for entry in kept:
        out.append("")
        out += _transaction(entry, names, currency)
    balances: dict[str, int] = {}
    for entry in kept:
        for leg in entry.legs:
            balances[leg.account] = balances.get(leg.account, 0) + leg.debit - leg.credit
    assets = sorted(
        (a for a in names.values() if a.name.startswith("Assets:")), key=lambda a: a.name
    )
    if assets and as_of < date.max:
        out.append("")
        after = (as_of + timedelta(days=1)).isoformat()
        for account in assets:
            out.append(
                f"{after} balance {account.name} {_amount(balances[account.code], currency)}"
            )
    return "\n".join(out) + "\n"
