"""Invitations to join a club by e-mail, and their acceptance (docs/accounts.md).

An officer enters the name the person will have in the club's books and an e-mail address.
The person gets a link (a random token, of which we keep only a hash; single use; expires
after INVITATION_DAYS) and accepts it while signed in, signing up first if they have no
account. Nothing here ever looks an address up among the accounts, so the officer learns
nothing about who has one; the invitation is linked to whichever account accepts it.

Accepting records the `join` event through `member_add`, on behalf of the officer who
invited (their invitation is the club's decision to admit), so an invitation whose author is
no longer an officer can no longer be accepted. An invitation may also name a member already
in the books without an account (a "paper" member): accepting then only links the account.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from microfuture.accounts.services import mail_on_commit, normalize_email
from microfuture.clubs import permissions
from microfuture.clubs.models import Club, Invitation, Member
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.charter import member_add
from microfuture.clubs.services.money import ClubError

INVITATION_DAYS = 14


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256, so a copy of the database opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_is_open(invitation: Invitation) -> bool:
    return (
        invitation.accepted_at is None and invitation.cancelled_at is None
        and invitation.expires_at > timezone.now()
    )


def _lock_club(club: Club) -> Club:
    return Club.objects.select_for_update().get(pk=club.pk)


@transaction.atomic
def invitation_send(
    *, club: Club, actor: Any, name: str, email: str, site_url: str
) -> Invitation:
    """An officer invites someone by e-mail to join as a member under `name`."""
    locked = _lock_club(club)
    if not permissions.may_invite(actor, locked):
        raise ClubError(_("Only the club's officers invite members, while the club takes savings."))
    name, email = name.strip(), normalize_email(email)
    if not name or not email:
        raise ClubError(
            _("An invitation needs the name in the club's books and an e-mail address.")
        )
    existing = Member.objects.filter(club=locked, name=name).first()
    if existing is not None and (existing.user_id is not None or not existing.is_active):
        raise ClubError(_(
            "The club's books already have a member called %(name)s. Use another name, "
            "for example with an initial."
        ) % {"name": name})
    waiting = [i for i in Invitation.objects.filter(club=locked).filter(
        accepted_at__isnull=True, cancelled_at__isnull=True,
    ) if invitation_is_open(i)]
    if any(i.email == email for i in waiting):
        raise ClubError(_("An invitation to this address is already waiting to be accepted."))
    if any(i.name == name for i in waiting):
        raise ClubError(_("An invitation for %(name)s is already waiting to be accepted.")
                        % {"name": name})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        club=locked, email=email, name=name, token=token_digest(token), invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    audit(club=locked, actor=actor, action="invitation.sent", invitation=invitation.pk,
          member=name)
    inviter = getattr(actor, "full_name", "") or actor.get_username()
    mail_on_commit(
        to=email, subject=gettext_noop("An invitation to join a solidarity investment club"),
        template="clubs/email/invitation.txt",
        context={
            "club": locked.name, "inviter": inviter, "name": name, "days": INVITATION_DAYS,
            "accept_url": site_url + reverse("clubs:invitation_accept", args=[token]),
        },
    )
    return invitation


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("club", "invited_by")
        .filter(token=token_digest(token)).first()
    )


@transaction.atomic
def invitation_accept(*, token: str, actor: Any) -> Member:
    """The invited person, signed in, accepts: they join as a member, with their account."""
    user = permissions.person(actor)
    if user is None:
        raise ClubError(_("Sign in to accept the invitation."))
    found = invitation_by_token(token)
    if found is None:
        raise ClubError(_("This invitation link is not valid."))
    club = _lock_club(found.club)
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    if not invitation_is_open(invitation):
        raise ClubError(_(
            "This invitation has been used, cancelled or has expired. Ask the club for a new one."
        ))
    if Member.objects.filter(club=club, user=user).exists():
        raise ClubError(_("Your account already belongs to a member of this club."))
    if not permissions.may_invite(invitation.invited_by, club):
        raise ClubError(_(
            "The officer who invited you no longer runs this club, or the club no longer takes "
            "members. Ask the club for a new invitation."
        ))
    paper = Member.objects.filter(club=club, name=invitation.name, user__isnull=True).first()
    if paper is not None and paper.is_active:
        paper.user = user
        paper.save(update_fields=["user"])
        member = paper
    else:
        member = member_add(
            club=club, name=invitation.name, on=timezone.localdate(), role=Member.Role.MEMBER,
            user=user, actor=invitation.invited_by,
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit(club=club, actor=user, action="invitation.accepted", invitation=invitation.pk,
          member=member.name, linked_existing=paper is not None)
    return member


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, actor: Any) -> Invitation:
    club = _lock_club(invitation.club)
    if not permissions.may_run_governance(actor, club):
        raise ClubError(_("Only the club's officers cancel invitations."))
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation_is_open(locked):
        raise ClubError(_("This invitation is no longer waiting: nothing to cancel."))
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["cancelled_at"])
    audit(club=club, actor=actor, action="invitation.cancelled", invitation=locked.pk,
          member=locked.name)
    return locked
