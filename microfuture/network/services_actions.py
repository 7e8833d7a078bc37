"""Writes of the action plan: an item from a meeting or one of its decisions, its status with
the history of every change, and what it led to. Only the network's staff write
(`permissions.is_staff`); anything refused raises `NetworkError` with a plain message and
changes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from microfuture.clubs.models import Club
from microfuture.finder.models import Mechanism
from microfuture.network import permissions, selectors_actions
from microfuture.network.errors import NetworkError
from microfuture.network.models import (
    ActionItem,
    Decision,
    Initiative,
    Meeting,
    Organisation,
    Outcome,
    Person,
    Reminder,
    StatusChange,
)
from microfuture.practices.models import Interview, Practice

TITLE_MAX = 300

# The model each kind of outcome names.
OUTCOME_MODELS: dict[str, type[Model]] = {
    Outcome.Kind.PRACTICE: Practice,
    Outcome.Kind.INTERVIEW: Interview,
    Outcome.Kind.CLUB: Club,
    Outcome.Kind.MECHANISM: Mechanism,
    Outcome.Kind.MEETING: Meeting,
    Outcome.Kind.INITIATIVE: Initiative,
}


def _staff_only(actor: Any) -> None:
    if not permissions.is_staff(actor):
        raise NetworkError(_("Only the network's staff (administrators and regional "
                             "coordinators) may change the action plan."))


@transaction.atomic
def item_create(
    *, actor: Any, title: str, due_on: date,
    owner_person: Person | None = None, owner_organisation: Organisation | None = None,
    meeting: Meeting | None = None, decision: Decision | None = None,
    initiative: Initiative | None = None, details: str = "", language: str = "sl",
    region: str = "", note: str = "",
) -> ActionItem:
    """An item someone agreed to do, from a meeting or one of its decisions (or for a joint
    initiative), owned by one person or one organisation. Its history starts here."""
    _staff_only(actor)
    title = title.strip()
    if not title:
        raise NetworkError(_("Say what is to be done."))
    if len(title) > TITLE_MAX:
        raise NetworkError(_("Say what is to be done in at most 300 characters."))
    if (owner_person is None) == (owner_organisation is None):
        raise NetworkError(_("Name one owner: a person or an organisation."))
    if owner_person is not None and owner_person.erased_at is not None:
        raise NetworkError(_("This person was erased from the network: choose another owner."))
    if decision is not None:
        if meeting is not None and decision.meeting_id != meeting.pk:
            raise NetworkError(_("The decision was not taken at this meeting."))
        meeting = decision.meeting
    if meeting is None and initiative is None:
        raise NetworkError(_("Say where the item came from: a meeting, one of its decisions, "
                             "or a joint initiative."))
    if not region:
        owner_org = owner_organisation or (owner_person.organisation if owner_person else None)
        region = (meeting.region if meeting is not None else "") or (
            owner_org.region if owner_org is not None else "")
    item = ActionItem.objects.create(
        title=title, details=details.strip(), language=language,
        owner_person=owner_person, owner_organisation=owner_organisation, due_on=due_on,
        status=ActionItem.Status.OPEN, meeting=meeting, decision=decision,
        initiative=initiative, region=region, created_by=actor,
    )
    StatusChange.objects.create(item=item, old_status="", new_status=item.status,
                                note=note.strip(), changed_by=actor)
    return item


@transaction.atomic
def item_set_status(*, actor: Any, item: ActionItem, status: str, note: str = "") -> StatusChange:
    """Move an item to another status (done and dropped close it; a closed item may be opened
    again); every change is appended to its history with the note."""
    _staff_only(actor)
    if status not in ActionItem.Status.values:
        raise NetworkError(_("Choose one of the statuses: open, in progress, done, dropped."))
    # Lock, then check: two coordinators closing the same item write one change, not two.
    locked = ActionItem.objects.select_for_update().get(pk=item.pk)
    if locked.status == status:
        raise NetworkError(_("The item is already “%(status)s”.")
                           % {"status": ActionItem.Status(status).label})
    change = StatusChange.objects.create(item=locked, old_status=locked.status,
                                         new_status=status, note=note.strip(),
                                         changed_by=actor)
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    item.status = status
    return change


@transaction.atomic
def item_add_outcome(*, actor: Any, item: ActionItem, kind: str, record: Model | None) -> Outcome:
    """Record what an item led to: a practice record, an interview, a club, a finance
    mechanism, another meeting or a joint initiative."""
    _staff_only(actor)
    model = OUTCOME_MODELS.get(kind)
    if model is None:
        raise NetworkError(_("Choose what the item led to: a practice, an interview, a club, "
                             "a finance mechanism, a meeting or a joint initiative."))
    if record is None or record.pk is None:
        raise NetworkError(_("Choose the record the item led to."))
    if not isinstance(record, model):
        raise NetworkError(_("The record chosen is not of the kind named."))
    if kind == Outcome.Kind.MEETING and record.pk == item.meeting_id:
        raise NetworkError(_("An item cannot lead to the meeting it came from."))
    if Outcome.objects.filter(item=item, kind=kind, **{kind: record}).exists():
        raise NetworkError(_("This is already recorded as what the item led to."))
    return Outcome.objects.create(item=item, kind=kind, **{kind: record})


@transaction.atomic
def item_remove_outcome(*, actor: Any, outcome: Outcome) -> None:
    """Take back an outcome recorded by mistake (the record itself stays)."""
    _staff_only(actor)
    Outcome.objects.filter(pk=outcome.pk).delete()


# Reminders ---------------------------------------------------------------------------------


def _mail_language(people: list[Person], organisation: Organisation | None) -> str:
    """A person's first language if we write it (sl, en); an organisation's mail (and a
    person who names neither) in Slovenian when the organisation is in Slovenia, else in
    English."""
    if len(people) == 1:
        for code in people[0].languages or []:
            if isinstance(code, str) and code[:2] in {"sl", "en"}:
                return code[:2]
    return "sl" if organisation is not None and organisation.country == "SI" else "en"


def _recipients(item: ActionItem) -> tuple[list[Person], Organisation | None]:
    """Whom an item's reminder goes to: a person owner who agreed to be contacted; for an
    organisation owner, each of its people who agreed to be contacted (one mail to all)."""
    if item.owner_person is not None:
        person = item.owner_person
        return ([person] if person.contactable else []), person.organisation
    organisation = item.owner_organisation
    assert organisation is not None
    return selectors_actions.contactable_people(organisation), organisation


def reminders_send(*, on: date, days_before: int) -> int:
    """Mail each owner the items not done or dropped that fall due within `days_before` days
    of `on` or are overdue, at most once per item and date; return how many mails went.

    The system sends these (a daily schedule), so there is no acting user. Items whose owner
    nobody may mail are not reminded (and not marked), so they are when consent comes.
    """
    groups: dict[str, list[ActionItem]] = {}
    for item in selectors_actions.items_to_remind(on=on, days_before=days_before):
        groups.setdefault(selectors_actions.owner_key(item), []).append(item)
    sent = 0
    for items in groups.values():
        people, organisation = _recipients(items[0])
        if not people:
            continue
        # The mark and the mail in one transaction: a mail that fails to go leaves no mark,
        # so running the command again for the date tries it again; a second run after a
        # success finds every item marked and sends nothing.
        with transaction.atomic():
            reminded = [item for item in items
                        if Reminder.objects.get_or_create(
                            item=item, on_date=on, defaults={"email": people[0].email})[1]]
            if not reminded:
                continue
            _send_reminder(people=people, organisation=organisation, items=reminded, on=on)
            sent += 1
    return sent


def _send_reminder(*, people: list[Person], organisation: Organisation | None,
                   items: list[ActionItem], on: date) -> None:
    site = settings.SITE_URL
    with translation.override(_mail_language(people, organisation)):
        greeting = people[0].name if len(people) == 1 else (
            organisation.name if organisation is not None else people[0].name)
        rows = [{"item": item, "overdue_days": selectors_actions.overdue_days(item, on),
                 "url": site + reverse("network:action", args=[item.pk])} for item in items]
        body = render_to_string("network/email/action_reminder.txt", {
            "greeting": greeting, "items": rows, "plan_url": site + reverse("network:plan"),
        })
        subject = _(REMINDER_SUBJECT)
    EmailMessage(subject, body, None, [person.email for person in people]).send()


REMINDER_SUBJECT = gettext_noop("Action plan: items that fall due soon or are overdue")
