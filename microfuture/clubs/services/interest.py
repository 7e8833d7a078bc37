"""People's requests: to join a club near them, or to register their enterprise.

A signed-up person says what they want; the officers of the club they name and the
coordinators of their region see it on their requests page and mark it handled
(`permissions.may_handle_interest`). Registering an enterprise creates it at once, with the
person as its representative, and a request so that the region's coordinators hear of it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from microfuture.accounts.models import RoleGrant, User
from microfuture.accounts.services import mail_on_commit
from microfuture.clubs import permissions
from microfuture.clubs.models import Club, Enterprise, InterestRequest
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.enterprise import enterprise_register
from microfuture.clubs.services.money import ClubError
from microfuture.clubs.stages import STAGES_TAKING_MEMBERS
from microfuture.regions import REGIONS


def _tell_who_handles(request: InterestRequest, site_url: str) -> None:
    """Mail the named club's officers and the coordinators of the request's region (and of
    every region the named club covers) that a request waits.

    The mail holds no one's personal data, only a link to the requests page (where the
    reader's rights are checked again). Without a site address (commands, tests that do not
    ask) nobody is mailed.
    """
    if not site_url:
        return
    regions = {request.region, *(request.club.regions if request.club is not None else ())}
    coordinators = User.objects.filter(
        role_grants__role=RoleGrant.Role.COORDINATOR, role_grants__region__in=regions,
        is_active=True,
    )
    officers = User.objects.filter(
        club_memberships__club=request.club,
        club_memberships__role__in=permissions.GOVERNANCE_ROLES,
        club_memberships__joined_on__isnull=False, club_memberships__exited_on__isnull=True,
        is_active=True,
    ) if request.club is not None else User.objects.none()
    addresses = sorted({u.email for u in [*coordinators, *officers] if u.email})
    for address in addresses:
        mail_on_commit(
            to=address, subject=gettext_noop("A new request on Microfuture Hub"),
            template="clubs/email/interest_request.txt",
            context={"inbox_url": site_url + reverse("clubs:interest_inbox")},
        )


@transaction.atomic
def interest_join_club(
    *, actor: Any, region: str, club: Club | None = None, message: str = "", site_url: str = "",
) -> InterestRequest:
    """The person would like to join a club of the region (this one, if they name it)."""
    user = permissions.person(actor)
    if user is None:
        raise ClubError(_("Sign in to ask to join a club."))
    if club is not None:
        if club.status not in STAGES_TAKING_MEMBERS:
            raise ClubError(_("This club no longer takes new members."))
        region = club.region  # the club's own region, whatever was chosen beside it
    if region not in REGIONS:
        raise ClubError(_("Choose a region."))
    if InterestRequest.objects.filter(
        user=user, kind=InterestRequest.Kind.JOIN_CLUB, region=region, club=club,
        handled_at__isnull=True,
    ).exists():
        raise ClubError(_("You have already asked this; your request is waiting to be answered."))
    request = InterestRequest.objects.create(
        user=user, kind=InterestRequest.Kind.JOIN_CLUB, region=region, club=club,
        message=message.strip(),
    )
    audit(club=club, actor=user, action="interest.join_club", request=request.pk,
          region=region)
    _tell_who_handles(request, site_url)
    return request


@transaction.atomic
def interest_register_enterprise(
    *, actor: Any, name: str, legal_form: str = "", social_enterprise: bool = False,
    region: str = "", description: str = "", share_capital: Decimal | None = None,
    contact_email: str = "", message: str = "", site_url: str = "",
) -> Enterprise:
    """Register the enterprise (the person represents it) and, when it names its region,
    a request so that the region's coordinators hear of it."""
    user = permissions.person(actor)
    if user is None:
        raise ClubError(_("Sign in to register an enterprise."))
    enterprise = enterprise_register(
        actor=user, name=name, legal_form=legal_form, social_enterprise=social_enterprise,
        region=region, description=description, share_capital=share_capital,
        contact_email=contact_email,
    )
    if region:
        request = InterestRequest.objects.create(
            user=user, kind=InterestRequest.Kind.ENTERPRISE, region=region,
            enterprise=enterprise, message=message.strip(),
        )
        audit(club=None, actor=user, action="interest.enterprise", request=request.pk,
              region=region, enterprise=enterprise.name)
        _tell_who_handles(request, site_url)
    return enterprise


@transaction.atomic
def interest_mark_handled(*, request: InterestRequest, actor: Any) -> InterestRequest:
    # Lock only the request's own row: PostgreSQL refuses FOR UPDATE across the outer join
    # to a request that names no club.
    locked = InterestRequest.objects.select_for_update(of=("self",)).select_related(
        "club"
    ).get(pk=request.pk)
    if not permissions.may_handle_interest(actor, locked.region, locked.club):
        raise ClubError(_("Only the club's officers and the region's coordinators handle this."))
    if locked.handled_at is None:
        locked.handled_at = timezone.now()
        locked.handled_by = actor
        locked.save(update_fields=["handled_at", "handled_by"])
        audit(club=locked.club, actor=actor, action="interest.handled", request=locked.pk,
              region=locked.region)
    return locked
