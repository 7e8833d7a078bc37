"""What the clubs app does when a person closes their account (accounts.hooks)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from microfuture.accounts.hooks import account_closing
from microfuture.accounts.services import AccountError
from microfuture.clubs.models import Enterprise, InterestRequest, Invitation, Member
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.erasure import member_pseudonymise
from microfuture.clubs.services.money import ClubError


@receiver(account_closing, dispatch_uid="clubs.forget_person")
def forget_person(sender: Any, user: Any, **kwargs: Any) -> None:
    """Requests go; memberships keep their figures in the club's books (other members'
    money depends on them) but lose the link to the account, and the name is replaced by a
    pseudonym everywhere the club keeps it (`services/erasure.py`); the person stops
    representing their enterprises."""
    InterestRequest.objects.filter(user=user).delete()
    for member in Member.objects.filter(user=user).select_related("club"):
        member.user = None
        member.save(update_fields=["user"])
        try:
            member.name = member_pseudonymise(member=member, actor=user)
        except ClubError as error:  # the whole closing is rolled back
            raise AccountError(str(error)) from error
        audit(club=member.club, actor=user, action="member.account_closed", member=member.name)
    for enterprise in Enterprise.objects.filter(representatives=user):
        enterprise.representatives.remove(user)
    # The address an officer typed is the person's too: it goes, and a waiting link dies.
    theirs = Q(accepted_by=user) | (Q(email__iexact=user.email) if user.email else Q(pk__in=[]))
    Invitation.objects.filter(
        theirs, accepted_at__isnull=True, cancelled_at__isnull=True
    ).update(cancelled_at=timezone.now())
    Invitation.objects.filter(theirs).update(accepted_by=None, email="")
