"""The audit log: one row for every decision, money event and state change of a club.

Rows are append-only (database triggers) and chained by hashes per club (`clubs/chain.py`):
each row's `prev_hash` is the `hash` of the club's previous row by id. The row is written in
one INSERT with its hash, under a lock on the club's chain, so two writers never link to the
same predecessor and ids rise along the chain.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from microfuture.clubs.chain import GENESIS, audit_hash
from microfuture.clubs.models import AuditLog, Club
from microfuture.ledger.services import reserve_ids

# First key of the PostgreSQL advisory lock that serialises one club's audit chain.
AUDIT_CHAIN_LOCK = 7_301


def lock_audit_chain(club_id: int | None) -> None:
    """Hold the club's audit chain until the transaction ends.

    PostgreSQL: a transaction-level advisory lock per club (0 for the rows without a club),
    kept apart from the club row's lock so that a service which locks the club row later
    cannot deadlock against it in a new order. SQLite: every write transaction already holds
    the database's single write lock (settings: transaction_mode IMMEDIATE).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)",
                           [AUDIT_CHAIN_LOCK, club_id or 0])


@transaction.atomic
def audit(*, club: Club | None, actor: Any, action: str, **detail: Any) -> AuditLog:
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    club_id = club.pk if club is not None else None
    lock_audit_chain(club_id)
    prev = (
        AuditLog.objects.filter(club=club).order_by("-id")
        .values_list("hash", flat=True).first()
    ) or GENESIS
    row = AuditLog(
        id=reserve_ids(AuditLog._meta.db_table, 1)[0], club=club, actor=user, action=action,
        detail=detail, at=timezone.now(), prev_hash=prev,
    )
    row.hash = audit_hash(prev, {
        "id": row.id, "club_id": club_id, "actor_id": getattr(user, "pk", None),
        "action": action, "detail": detail, "at": row.at,
    })
    row.save(force_insert=True)
    return row
