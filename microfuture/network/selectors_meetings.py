"""Reads of the network's meetings: the list (newest first, by kind and year) and one
meeting's public record, with people shown only as `permissions.sees_person` allows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from microfuture.kernel.collation import slovenian_key
from microfuture.network import permissions
from microfuture.network.models import (
    ActionItem,
    Decision,
    Document,
    Meeting,
    Organisation,
    Participant,
    Person,
)

NO_SUCH_MEETING = "There is no meeting with this number."


def meetings_list(*, kind: str = "", year: int | None = None) -> QuerySet[Meeting]:
    rows = Meeting.objects.select_related("organiser").order_by("-starts_at", "-id")
    if kind:
        rows = rows.filter(kind=kind)
    if year is not None:
        rows = rows.filter(starts_at__year=year)
    return rows


def meeting_years() -> list[int]:
    """The years that have meetings, newest first (for the year filter)."""
    return sorted({d.year for d in Meeting.objects.dates("starts_at", "year")}, reverse=True)


def meeting_get(pk: int) -> Meeting:
    try:
        return Meeting.objects.select_related("organiser").get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404(NO_SUCH_MEETING) from None


@dataclass(frozen=True)
class PersonRow:
    participant_id: int
    person: Person
    attended: bool
    invitation_sent_at: Any


@dataclass(frozen=True)
class ItemRow:
    item: ActionItem
    owner: str


@dataclass(frozen=True)
class DecisionRow:
    number: int
    decision: Decision
    items: list[ItemRow]


@dataclass
class MeetingRecord:
    """What one reader may see of a meeting."""

    meeting: Meeting
    organisations: list[Participant] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    hidden_people: int = 0
    documents: list[Document] = field(default_factory=list)
    decisions: list[DecisionRow] = field(default_factory=list)


class _Sees:
    """`permissions.sees_person` (staff everyone, signed-in people the listed ones, anonymous
    nobody), asking who the reader is once per page rather than once per person."""

    def __init__(self, user: Any) -> None:
        self.staff = permissions.is_staff(user)
        self.member = permissions.is_member(user)

    def __call__(self, person: Person) -> bool:
        return self.staff or (self.member and person.listed)


def owner_shown(item: ActionItem, sees: Any) -> str:
    """An item's owner for this reader: a person's name only when they may see the person."""
    person = item.owner_person
    if person is not None and sees(person):
        if item.owner_organisation is not None:
            return f"{person.name} ({item.owner_organisation.name})"
        return person.name
    if item.owner_organisation is not None:
        return item.owner_organisation.name
    if person is not None and person.organisation is not None:
        return person.organisation.name
    return _("a person of the network")


def meeting_record(meeting: Meeting, user: Any) -> MeetingRecord:
    sees = _Sees(user)
    record = MeetingRecord(meeting=meeting)
    participants = (Participant.objects.filter(meeting=meeting)
                    .select_related("organisation", "person", "person__organisation"))
    for participant in participants:
        if participant.organisation is not None:
            record.organisations.append(participant)
        elif participant.person is not None and sees(participant.person):
            record.people.append(PersonRow(participant.pk, participant.person,
                                           participant.attended,
                                           participant.invitation_sent_at))
        else:
            record.hidden_people += 1
    record.organisations.sort(
        key=lambda p: slovenian_key(p.organisation.name if p.organisation else ""))
    record.people.sort(key=lambda row: (slovenian_key(row.person.name), row.person.pk))
    record.documents = list(meeting.documents.all())
    items = ActionItem.objects.select_related(
        "owner_person", "owner_person__organisation", "owner_organisation",
    ).order_by("due_on", "id")
    decisions = (Decision.objects.filter(meeting=meeting).order_by("position", "id")
                 .prefetch_related(Prefetch("action_items", queryset=items)))
    for number, decision in enumerate(decisions, start=1):
        record.decisions.append(DecisionRow(
            number, decision,
            [ItemRow(item, owner_shown(item, sees)) for item in decision.action_items.all()],
        ))
    return record


def organisations_for_picking() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name")


def people_for_picking() -> QuerySet[Person]:
    return Person.objects.filter(erased_at__isnull=True).select_related("organisation")
