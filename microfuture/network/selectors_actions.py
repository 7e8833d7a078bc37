"""Reads of the action plan: the regional plan, one item with its history and what it led to,
and what came of a meeting (decision → items → outcomes) — for the pages and the API alike.

Who sees what (docs/network.md): items and outcomes are public record. An owner who is a
person is named when they agreed to be listed, and to staff always; otherwise the item shows
the person's organisation, or that a person not listed owns it. A record an item led to is
always named; it is linked only where the reader may open its page (a draft practice, a club
the reader may not know, an inactive mechanism: the name alone).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from microfuture.clubs.lookup import may_know_club
from microfuture.kernel.collation import slovenian_key
from microfuture.network import permissions
from microfuture.network.models import (
    ActionItem,
    Decision,
    Meeting,
    Organisation,
    Outcome,
    Person,
)
from microfuture.network.templatetags.network_text import local_text
from microfuture.practices import permissions as practice_permissions

OPEN_STATUSES = (ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS)

# What the API says for an owner who is a person not listed and without an organisation.
NOT_LISTED_EN = "not listed"


def items_with_everything() -> QuerySet[ActionItem]:
    """Items with what every page and the API show of them, in a constant number of queries."""
    outcomes = Outcome.objects.select_related(
        "practice", "interview__question_set__practice", "club", "mechanism", "meeting",
        "initiative",
    )
    return ActionItem.objects.select_related(
        "owner_person__organisation", "owner_organisation", "meeting", "decision",
        "initiative",
    ).prefetch_related(Prefetch("outcomes", queryset=outcomes))


# Owners ------------------------------------------------------------------------------------


def owner_named(person: Person, *, staff: bool) -> bool:
    """A person who owns an item is named when listed, and to staff always."""
    return staff or person.listed


def owner_display(item: ActionItem, *, staff: bool) -> str:
    """The owner as a page shows it, in the reader's language."""
    if item.owner_organisation_id is not None and item.owner_person_id is None:
        return item.owner_organisation.name  # type: ignore[union-attr]
    person = item.owner_person
    assert person is not None
    if owner_named(person, staff=staff):
        return person.name
    if person.organisation is not None:
        return person.organisation.name
    return _("a person (not listed)")


def owner_api(item: ActionItem) -> str:
    """The owner as the public API gives it (the spec's §7): the organisation's name, or the
    listed person's name, else the person's organisation, else "not listed"."""
    if item.owner_person_id is None:
        return item.owner_organisation.name  # type: ignore[union-attr]
    person = item.owner_person
    assert person is not None
    if person.listed:
        return person.name
    if person.organisation is not None:
        return person.organisation.name
    return NOT_LISTED_EN


def owner_key(item: ActionItem) -> str:
    """The owner as a filter value: `p<id>` for a person, `o<id>` for an organisation."""
    if item.owner_person_id is not None:
        return f"p{item.owner_person_id}"
    return f"o{item.owner_organisation_id}"


def owner_choices(*, staff: bool) -> list[tuple[str, str]]:
    """Every owner of an item, for the plan's filter, as the reader may see them."""
    choices: list[tuple[str, str]] = []
    for org in Organisation.objects.filter(action_items__isnull=False).distinct():
        choices.append((f"o{org.pk}", org.name))
    people = (Person.objects.filter(action_items__isnull=False).distinct()
              .select_related("organisation"))
    for person in people:
        if owner_named(person, staff=staff):
            choices.append((f"p{person.pk}", person.name))
    return sorted(choices, key=lambda c: slovenian_key(c[1]))


def _owner_filter(key: str) -> Q | None:
    if len(key) < 2 or key[0] not in "po" or not key[1:].isdigit():
        return None
    pk = int(key[1:])
    if key[0] == "o":
        return Q(owner_organisation_id=pk, owner_person__isnull=True)
    return Q(owner_person_id=pk)


# What an item led to -----------------------------------------------------------------------


@dataclass(frozen=True)
class LedTo:
    kind: str
    id: int
    title: str
    url: str | None  # a path on this site, or None where the reader may not open it
    kind_label: str = ""


def page_path(name: str, *args: Any) -> str | None:
    # A page another part of the network owns may not be there yet; then no link at all.
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def led_to(outcome: Outcome, *, user: Any, language: str | None = None) -> LedTo:
    """The record an outcome names: its kind, id, title in the language asked for, and the
    path of its page when the reader may open it."""
    kind = outcome.kind
    label = str(Outcome.Kind(kind).label)
    url: str | None = None
    if kind == Outcome.Kind.PRACTICE:
        practice = outcome.practice
        assert practice is not None
        title = local_text(practice, "title", language)[0] or practice.slug
        if practice_permissions.can_view(user, practice):
            url = page_path("practices:detail", practice.slug)
        return LedTo(kind, practice.pk, title, url, label)
    if kind == Outcome.Kind.INTERVIEW:
        interview = outcome.interview
        assert interview is not None
        practice = interview.question_set.practice
        practice_title = local_text(practice, "title", language)[0] or practice.slug
        title = f"{interview.interviewee_role} ({interview.held_on.isoformat()}), {practice_title}"
        if practice_permissions.can_view(user, practice):
            url = page_path("practices:detail", practice.slug)
        return LedTo(kind, interview.pk, title, url, label)
    if kind == Outcome.Kind.CLUB:
        club = outcome.club
        assert club is not None
        if may_know_club(user, club):
            url = page_path("clubs:detail", club.slug)
        return LedTo(kind, club.pk, club.name, url, label)
    if kind == Outcome.Kind.MECHANISM:
        mechanism = outcome.mechanism
        assert mechanism is not None
        title = local_text(mechanism, "name", language)[0] or mechanism.slug
        if mechanism.active:
            url = page_path("finder:mechanism", mechanism.slug)
        return LedTo(kind, mechanism.pk, title, url, label)
    if kind == Outcome.Kind.MEETING:
        meeting = outcome.meeting
        assert meeting is not None
        title = local_text(meeting, "title", language)[0]
        return LedTo(kind, meeting.pk, title, page_path("network:meeting", meeting.pk), label)
    initiative = outcome.initiative
    assert initiative is not None
    title = local_text(initiative, "title", language)[0]
    return LedTo(kind, initiative.pk, title, page_path("network:initiative", initiative.pk), label)


# The plan ----------------------------------------------------------------------------------


def overdue_days(item: ActionItem, today: date) -> int:
    """How many days an item not done or dropped is past its due date (0 if it is not)."""
    if item.status in ActionItem.CLOSED or item.due_on >= today:
        return 0
    return (today - item.due_on).days


def plan_items(
    *, statuses: Iterable[str] = OPEN_STATUSES, owner: str = "", region: str = "",
    overdue_only: bool = False, today: date | None = None,
) -> QuerySet[ActionItem]:
    """The items of the plan, overdue ones first, then by due date."""
    today = today or timezone.localdate()
    overdue = Q(due_on__lt=today) & ~Q(status__in=ActionItem.CLOSED)
    items = items_with_everything().filter(status__in=list(statuses))
    if owner:
        owner_q = _owner_filter(owner)
        items = items.filter(owner_q) if owner_q is not None else items.none()
    if region:
        items = items.filter(region=region)
    if overdue_only:
        items = items.filter(overdue)
    return items.annotate(
        not_overdue=Case(When(overdue, then=Value(0)), default=Value(1),
                         output_field=IntegerField()),
    ).order_by("not_overdue", "due_on", "id")


@dataclass
class ItemRow:
    item: ActionItem
    owner: str
    overdue_days: int
    led_to: list[LedTo] = field(default_factory=list)


@dataclass
class OwnerGroup:
    owner: str
    rows: list[ItemRow]


def item_row(item: ActionItem, *, user: Any, staff: bool, today: date) -> ItemRow:
    return ItemRow(
        item=item, owner=owner_display(item, staff=staff),
        overdue_days=overdue_days(item, today),
        led_to=[led_to(outcome, user=user) for outcome in item.outcomes.all()],
    )


def plan_by_owner(items: Iterable[ActionItem], *, user: Any, today: date) -> list[OwnerGroup]:
    """The plan's items grouped by owner as the reader sees them; a group's place is that of
    its first item (so the owners with overdue items come first)."""
    staff = permissions.is_staff(user)
    groups: dict[str, OwnerGroup] = {}
    for item in items:
        row = item_row(item, user=user, staff=staff, today=today)
        groups.setdefault(row.owner, OwnerGroup(owner=row.owner, rows=[])).rows.append(row)
    return list(groups.values())


def plan_regions() -> list[str]:
    """The regions items are filed under, for the plan's filter."""
    return sorted(set(ActionItem.objects.exclude(region="").values_list("region", flat=True)))


# One item ----------------------------------------------------------------------------------


def item_detail(pk: int) -> ActionItem | None:
    return (items_with_everything().prefetch_related("history__changed_by")
            .filter(pk=pk).first())


# What came of a meeting --------------------------------------------------------------------


@dataclass
class DecisionOutcomes:
    decision: Decision
    rows: list[ItemRow]


@dataclass
class MeetingOutcomes:
    meeting: Meeting
    decisions: list[DecisionOutcomes]
    without_decision: list[ItemRow]


def meeting_outcomes(meeting: Meeting, *, user: Any, today: date | None = None,
                     staff: bool | None = None) -> MeetingOutcomes:
    """Each decision of the meeting with its items and what they led to, then the meeting's
    items that came from no decision."""
    today = today or timezone.localdate()
    staff = permissions.is_staff(user) if staff is None else staff
    items = list(items_with_everything().filter(
        Q(meeting=meeting) | Q(decision__meeting=meeting)).order_by("due_on", "id"))
    by_decision: dict[int | None, list[ItemRow]] = {}
    for item in items:
        by_decision.setdefault(item.decision_id, []).append(
            item_row(item, user=user, staff=staff, today=today))
    decisions = [DecisionOutcomes(decision=d, rows=by_decision.get(d.pk, []))
                 for d in meeting.decisions.all()]
    return MeetingOutcomes(meeting=meeting, decisions=decisions,
                           without_decision=by_decision.get(None, []))


# Reminders ---------------------------------------------------------------------------------


def items_to_remind(*, on: date, days_before: int) -> QuerySet[ActionItem]:
    """Items not done or dropped that fall due within `days_before` days of `on`, or are
    overdue, and were not yet reminded for `on`."""
    return (ActionItem.objects.exclude(status__in=ActionItem.CLOSED)
            .filter(due_on__lte=on + timedelta(days=days_before))
            .exclude(reminders__on_date=on)
            .select_related("owner_person__organisation", "owner_organisation", "meeting")
            .order_by("due_on", "id"))


def contactable_people(organisation: Organisation) -> list[Person]:
    """The people of an organisation who agreed to be contacted by e-mail."""
    return [person for person in organisation.people.filter(
        consent_contacted=True, erased_at__isnull=True).exclude(email="").order_by("name", "id")]
