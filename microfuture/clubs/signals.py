"""What the clubs app does when a person closes their account (accounts.hooks)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from microfuture.accounts.hooks import account_closing
from microfuture.clubs.models import Enterprise, InterestRequest, Invitation, Member
from microfuture.clubs.services.audit import audit


@receiver(account_closing, dispatch_uid="clubs.forget_person")
def forget_person(sender: Any, user: Any, **kwargs: Any) -> None:
    """Requests go; memberships keep the name in the club's books (accounting records) but
    lose the link to the account; the person stops representing their enterprises."""
    InterestRequest.objects.filter(user=user).delete()
    for member in Member.objects.filter(user=user).select_related("club"):
        member.user = None
        member.save(update_fields=["user"])
        audit(club=member.club, actor=user, action="member.account_closed", member=member.name)
    for enterprise in Enterprise.objects.filter(representatives=user):
        enterprise.representatives.remove(user)
    Invitation.objects.filter(accepted_by=user).update(accepted_by=None)
