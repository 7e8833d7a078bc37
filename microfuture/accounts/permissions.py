"""Who may do what, platform-wide. Every view and endpoint asks here, on the server."""

from __future__ import annotations

from typing import Any

from microfuture.accounts.models import RoleGrant
from microfuture.kernel.request_memo import remembered


def is_platform_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def is_curator(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return is_platform_admin(user) or _has_role(user, RoleGrant.Role.CURATOR)


def is_ministry(user: Any) -> bool:
    """The ministry role: reads the platform's aggregate figures of every region (the impact
    dashboards), read-only, never a club, a member or anyone's personal data. Only that: it
    does not make a person staff anywhere, and administrators pass on their own account."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_platform_admin(user) or _has_role(user, RoleGrant.Role.MINISTRY)


def _has_role(user: Any, role: str) -> bool:
    return remembered(
        ("role", user.pk, role),
        lambda: RoleGrant.objects.filter(user=user, role=role).exists())


def coordinated_regions(user: Any) -> set[str]:
    """Region codes the person coordinates; administrators see every region."""
    if not user.is_authenticated:
        return set()
    if is_platform_admin(user):
        from microfuture.regions import REGIONS

        return set(REGIONS)
    # A new set each time (the caller may change it); the grants are read once a request.
    return set(remembered(
        ("coordinated_regions", user.pk),
        lambda: frozenset(RoleGrant.objects.filter(
            user=user, role=RoleGrant.Role.COORDINATOR).values_list("region", flat=True))))


def is_coordinator(user: Any) -> bool:
    return bool(coordinated_regions(user))
