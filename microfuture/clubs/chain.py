"""Hash chains over what a club's statements are replayed from, and over its audit log.

Each `ClubEvent` row stores `prev_hash` (the `hash` of the club's previous event, by `seq`)
and `hash` = SHA-256 of `prev_hash` followed by a canonical serialisation of the row's own
content; each `AuditLog` row likewise, chained per club by id (and one chain for the rows
without a club). Editing, deleting or reordering a row breaks the chain at that place, which
`verify_audit` and `verify_ledger` re-compute. Pure: plain values in, hex digests out (the
services, the verifying commands and the data migration share it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

GENESIS = ""

# What an event's hash covers: every column that states the event, who recorded it and when.
# Not the link to the proposal that funded an investment: the only column ever filled in
# after the row is written (once, from empty; the demo records its past before its meetings).
EVENT_FIELDS = (
    "club_id", "seq", "date", "type", "member", "enterprise", "instrument", "amount_cents",
    "rate", "term", "grace", "method", "first_due", "reference", "note", "entry_id",
    "recorded_by_id", "recorded_at",
)
AUDIT_FIELDS = ("id", "club_id", "actor_id", "action", "detail", "at")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def canonical(content: Mapping[str, Any]) -> str:
    """One text for one content, whichever backend stored it (sorted keys, no spaces)."""
    return json.dumps(
        {key: _plain(value) for key, value in content.items()},
        sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    )


def link_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical(content)).encode("utf-8")).hexdigest()


def event_hash(prev_hash: str, values: Mapping[str, Any]) -> str:
    return link_hash(prev_hash, {name: values[name] for name in EVENT_FIELDS})


def audit_hash(prev_hash: str, values: Mapping[str, Any]) -> str:
    content = {name: values[name] for name in AUDIT_FIELDS}
    # The JSON column hands back what JSON can hold (a tuple comes back as a list).
    content["detail"] = json.loads(json.dumps(content["detail"]))
    return link_hash(prev_hash, content)


def chain_breaks(
    rows: list[tuple[Any, str, str, str]],
) -> list[tuple[Any, str]]:
    """Where a chain is broken: `rows` are (place, prev_hash, hash, recomputed hash) in chain
    order; returns (place, what is wrong) for every row that does not fit."""
    problems: list[tuple[Any, str]] = []
    previous = GENESIS
    for place, prev_hash, stored, fresh in rows:
        if stored != fresh:
            problems.append((place, "its content does not match its hash (edited)"))
        if prev_hash != previous:
            problems.append((place, "it does not follow the row before it "
                                    "(a row was deleted, inserted or moved)"))
        previous = stored
    return problems
