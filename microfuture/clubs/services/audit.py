"""The audit log: one row for every decision, money event and state change of a club."""

from __future__ import annotations

from typing import Any

from microfuture.clubs.models import AuditLog, Club


def audit(*, club: Club | None, actor: Any, action: str, **detail: Any) -> AuditLog:
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditLog.objects.create(club=club, actor=user, action=action, detail=detail)
