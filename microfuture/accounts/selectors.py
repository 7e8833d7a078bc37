"""Reads about people: the roles a person holds, their sessions and consents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.translation import gettext as _

from microfuture.accounts.models import Consent, RoleGrant, SessionRecord
from microfuture.regions import region_name


@dataclass(frozen=True)
class RoleLine:
    role: str
    label: str
    scope: str


def roles_of(user: Any) -> list[RoleLine]:
    """The platform-wide roles a person holds (per-club roles are in the clubs app)."""
    lines: list[RoleLine] = []
    if user.is_superuser:
        lines.append(RoleLine("admin", _("Platform administrator"), ""))
    for grant in RoleGrant.objects.filter(user=user).order_by("role", "region"):
        lines.append(
            RoleLine(grant.role, str(grant.get_role_display()), region_name(grant.region))
        )
    return lines


@dataclass(frozen=True)
class SessionLine:
    session_key: str
    browser: str
    signed_in_at: datetime
    current: bool


def sessions_of(user: Any, current_key: str | None) -> list[SessionLine]:
    """The person's signed-in sessions that are still alive, the current one first."""
    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    records = SessionRecord.objects.filter(user=user, session_key__in=live)
    lines = [
        SessionLine(r.session_key, r.browser, r.signed_in_at, r.session_key == current_key)
        for r in records
    ]
    return sorted(lines, key=lambda line: (not line.current, -line.signed_in_at.timestamp()))


def consents_of(user: Any) -> list[Consent]:
    return list(Consent.objects.filter(user=user))
