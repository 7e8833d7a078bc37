"""What the network keeps about one person, for their own copy (GDPR Articles 15 and 20).

A person is found by their account (`Person.user`, the messages and questions they wrote,
the status changes they made) and by their e-mail address, compared without regard to case
(directory entries, event registrations, club-interest records), so that someone without an
account can be served too (`manage.py export_person --email E`). Other people's data is never
included: a meeting is named by its title and date, not by who else came.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from microfuture.network.models import (
    ActionItem,
    ClubInterest,
    Participant,
    Person,
    Registration,
    StatusChange,
    Thread,
    ThreadMessage,
)


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def addresses(user: Any = None, email: str | None = None) -> list[str]:
    """The person's addresses: the one named and their account's, trimmed, without repeats."""
    found: list[str] = []
    for address in (email, getattr(user, "email", None)):
        address = (address or "").strip()
        if address and address.lower() not in [a.lower() for a in found]:
            found.append(address)
    return found


def by_address(field: str, emails: list[str]) -> Q:
    """Rows whose `field` is one of the addresses, whatever the case (none when no address)."""
    query = Q(pk__in=[])
    for address in emails:
        query |= Q(**{f"{field}__iexact": address})
    return query


def people_of(user: Any = None, email: str | None = None) -> Any:
    """The person's directory entries not yet erased, by address or by account."""
    query = by_address("email", addresses(user, email))
    if user is not None and getattr(user, "pk", None) is not None:
        query |= Q(user=user)
    return Person.objects.filter(query, erased_at__isnull=True).order_by("id")


def registrations_of(user: Any = None, email: str | None = None) -> Any:
    return Registration.objects.filter(by_address("email", addresses(user, email))).order_by(
        "created_at", "id")


def interests_of(user: Any = None, email: str | None = None) -> Any:
    return ClubInterest.objects.filter(by_address("email", addresses(user, email))).order_by(
        "created_at", "id")


def network_holds(*, email: str) -> bool:
    """Whether the network keeps anything under this address (the operator's commands)."""
    return bool(people_of(email=email).exists() or registrations_of(email=email).exists()
                or interests_of(email=email).exists())


def _meeting(meeting: Any) -> dict[str, Any]:
    return {"id": meeting.pk, "title_sl": meeting.title_sl, "title_en": meeting.title_en,
            "starts_at": _when(meeting.starts_at)}


def personal_data(user: Any = None, email: str | None = None) -> dict[str, Any]:
    """The section `network` of a person's copy: their directory entries with consent, the
    meetings they were invited to, the items they own, the questions and messages they wrote,
    the status changes they made, their event registrations and club-interest records."""
    people = list(people_of(user, email).select_related("organisation"))
    has_account = user is not None and getattr(user, "pk", None) is not None
    participations = (
        Participant.objects.filter(person__in=people).select_related("meeting", "person")
        .order_by("meeting__starts_at", "id")
    )
    items = (
        ActionItem.objects.filter(owner_person__in=people).select_related("meeting")
        .order_by("due_on", "id")
    )
    threads = (Thread.objects.filter(asked_by=user).select_related("practice")
               .order_by("created_at", "id") if has_account else Thread.objects.none())
    messages = (ThreadMessage.objects.filter(author=user).select_related("thread")
                .order_by("created_at", "id") if has_account else ThreadMessage.objects.none())
    changes = (StatusChange.objects.filter(changed_by=user).select_related("item")
               .order_by("changed_at", "id") if has_account else StatusChange.objects.none())
    return {"network": {
        "directory": [
            {
                "id": p.pk, "name": p.name,
                "organisation": p.organisation.name if p.organisation else None,
                "role": p.role, "email": p.email, "phone": p.phone,
                "languages": list(p.languages or []),
                "consent_on": _when(p.consent_on), "consent_listed": p.consent_listed,
                "consent_contacted": p.consent_contacted, "consent_text": p.consent_text,
                "created_at": _when(p.created_at), "updated_at": _when(p.updated_at),
            }
            for p in people
        ],
        "meetings": [
            {"meeting": _meeting(pt.meeting), "person": pt.person_id, "invited": pt.invited,
             "attended": pt.attended, "invitation_sent_at": _when(pt.invitation_sent_at)}
            for pt in participations
        ],
        "action_items": [
            {"id": i.pk, "title": i.title, "details": i.details, "due_on": _when(i.due_on),
             "status": i.status, "owner_person": i.owner_person_id,
             "meeting": _meeting(i.meeting) if i.meeting else None}
            for i in items
        ],
        "questions_asked": [
            {"id": t.pk, "subject": t.subject, "practice": t.practice.slug,
             "status": t.status, "created_at": _when(t.created_at)}
            for t in threads
        ],
        "messages": [
            {"thread": m.thread_id, "subject": m.thread.subject, "author_name": m.author_name,
             "text": m.text, "consent_to_keep": m.consent_to_keep,
             "created_at": _when(m.created_at)}
            for m in messages
        ],
        "status_changes": [
            {"item": c.item_id, "title": c.item.title, "old_status": c.old_status,
             "new_status": c.new_status, "note": c.note, "changed_at": _when(c.changed_at)}
            for c in changes
        ],
        "registrations": [
            {"meeting": _meeting(r.meeting), "name": r.name, "email": r.email,
             "consent_at": _when(r.consent_at), "consent_text": r.consent_text,
             "attended": r.attended, "cancelled_at": _when(r.cancelled_at),
             "created_at": _when(r.created_at)}
            for r in registrations_of(user, email).select_related("meeting")
        ],
        "club_interest": [
            {"name": c.name, "email": c.email, "municipality": c.municipality,
             "region": c.region, "note": c.note, "consent_at": _when(c.consent_at),
             "consent_text": c.consent_text,
             "invited_to": _meeting(c.invited_to) if c.invited_to else None,
             "invited_at": _when(c.invited_at),
             "club": c.club.name if c.club else None,
             "withdrawn_at": _when(c.withdrawn_at), "created_at": _when(c.created_at)}
            for c in interests_of(user, email).select_related("invited_to", "club")
        ],
    }}
