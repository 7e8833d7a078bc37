"""What the clubs app keeps about one person, for their own copy (GDPR Art. 15 and 20)."""

from __future__ import annotations

from typing import Any

from microfuture.clubs.core import from_cents
from microfuture.clubs.models import ClubEvent, Enterprise, InterestRequest, Invitation, Member


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(user: Any) -> dict[str, Any]:
    """The person's memberships with their own events, requests, accepted invitations and the
    enterprises they represent. Other members' data is never included."""
    memberships = []
    for member in Member.objects.filter(user=user).select_related("club").order_by("id"):
        events = ClubEvent.objects.filter(club=member.club, member=member.name).order_by("seq")
        memberships.append({
            "club": member.club.name,
            "name_in_books": member.name,
            "role": member.role,
            "joined_on": _when(member.joined_on),
            "left_on": _when(member.exited_on),
            "name_public": member.name_public,
            "coordinator_may_read": member.coordinator_may_read,
            "events": [
                {
                    "date": e.date.isoformat(), "type": e.type,
                    "amount": str(from_cents(e.amount_cents))
                    if e.amount_cents is not None else None,
                    "reference": e.reference,
                    "reversed": hasattr(e, "reversal"),
                }
                for e in events.select_related("reversal")
            ],
        })
    return {
        "club_memberships": memberships,
        "requests": [
            {
                "kind": r.kind, "region": r.region,
                "club": r.club.name if r.club else None,
                "enterprise": r.enterprise.name if r.enterprise else None,
                "message": r.message, "created_at": _when(r.created_at),
                "handled_at": _when(r.handled_at),
            }
            for r in InterestRequest.objects.filter(user=user).select_related(
                "club", "enterprise"
            ).order_by("created_at", "id")
        ],
        "invitations_accepted": [
            {"club": i.club.name, "name": i.name, "sent_to": i.email,
             "accepted_at": _when(i.accepted_at)}
            for i in Invitation.objects.filter(accepted_by=user).select_related("club")
            .order_by("accepted_at", "id")
        ],
        "enterprises_represented": [
            {"name": e.name, "legal_form": e.legal_form, "region": e.region,
             "contact_email": e.contact_email}
            for e in Enterprise.objects.filter(representatives=user).order_by("name")
        ],
    }
