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


def person_find(identifier: str) -> Any:
    """The account whose user name, else whose e-mail address, is `identifier` (any case).

    None when there is none, or (names differing only in case) more than one.
    """
    from microfuture.accounts.models import User

    text = identifier.strip()
    by_name = User.objects.filter(username__iexact=text)
    matches = list(by_name[:2]) or list(User.objects.filter(email__iexact=text)[:2])
    return matches[0] if len(matches) == 1 else None


def personal_data(user: Any) -> dict[str, Any]:
    """What the accounts app keeps about the person, for their own copy (GDPR Art. 15, 20)."""
    return {
        "account": {
            "username": user.get_username(),
            "full_name": user.full_name,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "roles": [
            {"role": g.role, "region": g.region, "granted_at": g.granted_at.isoformat()}
            for g in RoleGrant.objects.filter(user=user).order_by("granted_at", "id")
        ],
        "consents": [
            {"document": c.document, "version": c.version, "given_at": c.given_at.isoformat()}
            for c in Consent.objects.filter(user=user).order_by("given_at", "id")
        ],
        "sessions": [
            {"browser": s.browser, "signed_in_at": s.signed_in_at.isoformat()}
            for s in SessionRecord.objects.filter(user=user).order_by("signed_in_at", "id")
        ],
    }
