"""Reads for invitations and people's requests."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from microfuture.clubs import permissions
from microfuture.clubs.models import Club, InterestRequest, Invitation
from microfuture.clubs.stages import STAGES_TAKING_MEMBERS


def clubs_taking_members() -> QuerySet[Club]:
    return Club.objects.filter(status__in=STAGES_TAKING_MEMBERS).order_by("name")


def requests_of(user: Any) -> QuerySet[InterestRequest]:
    """The person's own requests, newest first."""
    return InterestRequest.objects.filter(user=user).select_related("club", "enterprise")


def requests_to_handle(user: Any) -> QuerySet[InterestRequest]:
    """Requests the person sees as an officer of the named club or coordinator of the region."""
    return (
        InterestRequest.objects.filter(permissions.interest_visible_to(user))
        .select_related("user", "club", "enterprise", "handled_by")
        .order_by(F("handled_at").asc(nulls_first=True), "-created_at", "-id")  # waiting first
    )


def _open() -> Q:
    return Q(accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now())


def pending_invitations(club: Club) -> QuerySet[Invitation]:
    return Invitation.objects.filter(_open(), club=club).select_related("invited_by")


def past_invitations(club: Club, limit: int = 50) -> QuerySet[Invitation]:
    """Accepted, cancelled and expired invitations, newest first."""
    return Invitation.objects.filter(club=club).exclude(_open()).select_related(
        "accepted_by"
    )[:limit]
