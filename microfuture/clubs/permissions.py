"""Who may do what in a club. Every club page and endpoint asks here, on the server.

Roles in a club come from the person's `Member` row (manager, treasurer, secretary,
member); platform administrators may do everything, and a regional coordinator may read
(never change) every club of the regions they coordinate.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from microfuture.accounts.permissions import coordinated_regions, is_platform_admin
from microfuture.clubs.models import Club, Enterprise, Member

MONEY_ROLES = {Member.Role.TREASURER, Member.Role.MANAGER}
GOVERNANCE_ROLES = {Member.Role.MANAGER, Member.Role.SECRETARY, Member.Role.TREASURER}


def membership(user: Any, club: Club) -> Member | None:
    if not user.is_authenticated:
        return None
    return Member.objects.filter(club=club, user=user).first()


def can_view_club(user: Any, club: Club) -> bool:
    if is_platform_admin(user) or club.region in coordinated_regions(user):
        return True
    return membership(user, club) is not None


def can_record_money(user: Any, club: Club) -> bool:
    """Treasurers and managers record money events; administrators may too."""
    if is_platform_admin(user):
        return True
    member = membership(user, club)
    return member is not None and member.is_active and member.role in MONEY_ROLES


def can_run_governance(user: Any, club: Club) -> bool:
    """Managers, secretaries and treasurers call meetings and open votes."""
    if is_platform_admin(user):
        return True
    member = membership(user, club)
    return member is not None and member.is_active and member.role in GOVERNANCE_ROLES


def can_vote(user: Any, club: Club) -> Member | None:
    member = membership(user, club)
    return member if member is not None and member.is_active else None


def represents(user: Any, enterprise: Enterprise) -> bool:
    return bool(
        user.is_authenticated and enterprise.representatives.filter(pk=user.pk).exists()
    )


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("You do not have permission to do this."))

# Invitations and people's requests (docs/accounts.md) -------------------------------------


def may_invite(actor: object, club: Club) -> bool:
    """Officers invite people to join, and cancel invitations, while the club takes savings."""
    return club.takes_savings and may_run_governance(actor, club)


def may_handle_interest(actor: object, region: str, club: Club | None) -> bool:
    """A request to join a club or to register an enterprise is seen and handled by the
    officers of the club it names and by the coordinators of its region."""
    user = person(actor)
    if user is None:
        return False
    if user.is_superuser or region in coordinated_regions(user):
        return True
    return club is not None and club_officer(user, club) is not None


def interest_visible_to(actor: object) -> Q:
    """The same rule as `may_handle_interest`, as a filter on `InterestRequest` rows."""
    user = person(actor)
    if user is None:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    officer_of = Member.objects.filter(
        user=user, role__in=GOVERNANCE_ROLES, joined_on__isnull=False, exited_on__isnull=True
    ).values("club")
    return Q(region__in=coordinated_regions(user)) | Q(club__in=officer_of)
