"""Reads for the Beancount export: the club's stored ledger with what posted each entry.

The stored ledger is the club's ledger: every entry is linked to the event that posted it
(`ClubEvent.entry`) or to the reversal (`EventReversal.entry`), which give the narration. Four
queries whatever the club's history.
"""

from __future__ import annotations

from datetime import date

from microfuture.clubs.core.beancount import LedgerEntry, LedgerLeg, beancount_text
from microfuture.clubs.models import Club, ClubEvent, EventReversal
from microfuture.ledger.models import JournalEntry, Leg

_EVENT_FIELDS = ("seq", "type", "member", "enterprise", "instrument", "reference", "note")


def ledger_entries(club: Club) -> list[LedgerEntry]:
    """Every entry of the club's ledger, in posting order, as plain values."""
    legs: dict[int, list[LedgerLeg]] = {}
    for entry_id, code, debit, credit in (
        Leg.objects.filter(entry__ledger_id=club.ledger_id)
        .order_by("entry_id", "id")
        .values_list("entry_id", "account__code", "debit", "credit")
    ):
        legs.setdefault(entry_id, []).append(LedgerLeg(code, int(debit), int(credit)))
    events = {
        row["entry_id"]: row
        for row in ClubEvent.objects.filter(club=club).values("entry_id", *_EVENT_FIELDS)
    }
    reversals = {
        entry_id: reason
        for entry_id, reason in EventReversal.objects.filter(event__club=club).values_list(
            "entry_id", "reason"
        )
    }
    entries = []
    for pk, day, memo, reverses_id, reason in (
        JournalEntry.objects.filter(ledger_id=club.ledger_id)
        .order_by("id")
        .values_list("id", "date", "memo", "reverses_id", "reason")
    ):
        if reverses_id is not None:
            event = events.get(reverses_id, {})
            kind = "reversal"
            reason = reversals.get(pk, reason)
        else:
            event = events.get(pk, {})
            kind = event.get("type", "entry")
        entries.append(LedgerEntry(
            id=pk, date=day, legs=tuple(legs.get(pk, ())), type=kind, memo=memo,
            seq=event.get("seq"), member=event.get("member", ""),
            enterprise=event.get("enterprise", ""), instrument=event.get("instrument", ""),
            reference=event.get("reference", ""), note=event.get("note", ""),
            reverses=reverses_id, reason=reason,
        ))
    return entries


def club_beancount(club: Club, *, as_of: date) -> str:
    """The club's ledger up to `as_of` as a Beancount 3 file (spec impact §5)."""
    return beancount_text(
        club=club.name, currency=club.currency, entries=ledger_entries(club),
        as_of=as_of,
    )
