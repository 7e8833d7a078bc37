"""Re-computing the hash chains of club events and audit rows (clubs/chain.py).

Each problem names its place: the club, the event's `seq` or the audit row's id, and what is
wrong. Used by `verify_ledger` (events) and `verify_audit` (both).
"""

from __future__ import annotations

from microfuture.clubs.chain import (
    AUDIT_FIELDS,
    EVENT_FIELDS,
    audit_hash,
    chain_breaks,
    event_hash,
)
from microfuture.clubs.models import AuditLog, Club, ClubEvent


def event_chain_problems(club: Club) -> list[str]:
    rows = ClubEvent.objects.filter(club=club).order_by("seq").values(
        "prev_hash", "hash", *EVENT_FIELDS
    )
    problems = []
    expected_seq = 1
    for row in rows:
        if row["seq"] != expected_seq:
            problems.append(f"event {row['seq']}: expected event {expected_seq} here "
                            "(an event is missing)")
        expected_seq = row["seq"] + 1
    problems += [
        f"event {seq}: {what}"
        for seq, what in chain_breaks([
            (row["seq"], row["prev_hash"], row["hash"], event_hash(row["prev_hash"], row))
            for row in rows
        ])
    ]
    return problems


def audit_chain_problems(club: Club | None) -> list[str]:
    rows = AuditLog.objects.filter(club=club).order_by("id").values(
        "prev_hash", "hash", *AUDIT_FIELDS
    )
    return [
        f"audit row {row_id}: {what}"
        for row_id, what in chain_breaks([
            (row["id"], row["prev_hash"], row["hash"], audit_hash(row["prev_hash"], row))
            for row in rows
        ])
    ]


def chain_head(club: Club | None, *, events: bool) -> str:
    """The newest hash of a chain ("" when empty): kept elsewhere, it shows whether the
    newest rows were later cut off, which a chain cannot show by itself."""
    if events:
        head = ClubEvent.objects.filter(club=club).order_by("-seq").values_list(
            "hash", flat=True).first()
    else:
        head = AuditLog.objects.filter(club=club).order_by("-id").values_list(
            "hash", flat=True).first()
    return head or ""
