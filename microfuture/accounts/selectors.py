"""Reads about people: the roles a person holds, for pages and the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from microfuture.accounts.models import RoleGrant
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
