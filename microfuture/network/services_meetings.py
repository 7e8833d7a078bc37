"""Every write on the network's meetings: schedule and edit them, invite organisations and
people, mark attendance, add documents, minutes and decisions, send invitations and minutes by
e-mail (with the `.ics`), cancel.

Only the network's staff write (`permissions.is_staff`, asked here under the meeting's lock).
Each change of what a calendar shows (title, start, end, place, link, cancellation) raises
`Meeting.sequence`, so a calendar that imported the `.ics` replaces its copy (RFC 5545 §3.8.7.4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from microfuture.network import permissions
from microfuture.network.errors import NetworkError
from microfuture.network.mail import meeting_mail_on_commit
from microfuture.network.models import (
    Decision,
    Document,
    Language,
    Meeting,
    Organisation,
    Participant,
    Person,
)

#: The fields a calendar shows: changing one raises the sequence.
CALENDAR_FIELDS = ("title_sl", "title_en", "starts_at", "ends_at", "place", "url")
EDITABLE_FIELDS = (*CALENDAR_FIELDS, "kind", "organiser", "language", "agenda", "public",
                   "capacity")


def _staff_only(actor: Any) -> None:
    if not permissions.is_staff(actor):
        raise PermissionDenied(_("Only the network's staff may change meetings."))


def _check(*, title_sl: str, title_en: str, starts_at: dt.datetime,
           ends_at: dt.datetime) -> None:
    if not (title_sl.strip() or title_en.strip()):
        raise NetworkError(_("Give the meeting a title, in Slovenian or in English."))
    if ends_at < starts_at:
        raise NetworkError(_("The meeting cannot end before it starts."))


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


@transaction.atomic
def meeting_create(
    *, actor: Any, kind: str, title_sl: str, title_en: str, starts_at: dt.datetime,
    ends_at: dt.datetime, place: str = "", url: str = "", organiser: Organisation | None = None,
    language: str = Language.SL, agenda: str = "", public: bool = False,
    capacity: int | None = None,
) -> Meeting:
    _staff_only(actor)
    _check(title_sl=title_sl, title_en=title_en, starts_at=starts_at, ends_at=ends_at)
    return Meeting.objects.create(
        kind=kind, title_sl=title_sl.strip(), title_en=title_en.strip(), starts_at=starts_at,
        ends_at=ends_at, place=place.strip(), url=url.strip(), organiser=organiser,
        language=language, agenda=agenda, public=public, capacity=capacity, created_by=actor,
    )


@transaction.atomic
def meeting_update(*, actor: Any, meeting: Meeting, **changes: Any) -> Meeting:
    """Change the meeting's particulars; a change a calendar would show raises `sequence`."""
    _staff_only(actor)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    row = _locked(meeting)
    for name in ("title_sl", "title_en", "place", "url"):
        if name in changes:
            changes[name] = (changes[name] or "").strip()
    merged = {name: changes.get(name, getattr(row, name))
              for name in ("title_sl", "title_en", "starts_at", "ends_at")}
    _check(**merged)
    calendar_changed = any(name in changes and changes[name] != getattr(row, name)
                           for name in CALENDAR_FIELDS)
    for name, value in changes.items():
        setattr(row, name, value)
    if calendar_changed:
        row.sequence += 1
    row.save()
    return row


@transaction.atomic
def meeting_cancel(*, actor: Any, meeting: Meeting, site_url: str) -> Meeting:
    """Cancel the meeting; everyone already invited gets the cancelled `.ics`."""
    _staff_only(actor)
    row = _locked(meeting)
    if row.cancelled_at is not None:
        raise NetworkError(_("This meeting is already cancelled."))
    row.cancelled_at = timezone.now()
    row.sequence += 1
    row.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    for participant in _people(row).filter(invitation_sent_at__isnull=False):
        person = participant.person
        assert person is not None
        if person.contactable:
            meeting_mail_on_commit(
                person=person, meeting=row, template="network/email/meeting_cancelled.txt",
                subject=gettext_noop("Cancelled: %(title)s"), site_url=site_url,
            )
    return row


def _people(meeting: Meeting) -> Any:
    return (Participant.objects.filter(meeting=meeting, person__isnull=False)
            .select_related("person").order_by("id"))


@transaction.atomic
def participants_invite(
    *, actor: Any, meeting: Meeting, organisations: Iterable[Organisation] = (),
    people: Iterable[Person] = (),
) -> int:
    """Invite organisations and people (those already on the list stay as they are).
    Returns how many were added."""
    _staff_only(actor)
    row = _locked(meeting)
    added = 0
    for organisation in organisations:
        _, created = Participant.objects.get_or_create(meeting=row, organisation=organisation)
        added += created
    for person in people:
        if person.erased_at is not None:
            raise NetworkError(_("An erased person cannot be invited."))
        _, created = Participant.objects.get_or_create(meeting=row, person=person)
        added += created
    return added


@transaction.atomic
def participant_remove(*, actor: Any, meeting: Meeting, participant_id: int) -> None:
    _staff_only(actor)
    row = _locked(meeting)
    deleted, _ignored = Participant.objects.filter(meeting=row, pk=participant_id).delete()
    if not deleted:
        raise NetworkError(_("That participant is not on this meeting's list."))


@transaction.atomic
def attendance_mark(*, actor: Any, meeting: Meeting, attended_ids: Iterable[int]) -> None:
    """Those listed came; every other participant of the meeting did not."""
    _staff_only(actor)
    row = _locked(meeting)
    present = set(attended_ids)
    participants = Participant.objects.filter(meeting=row)
    unknown = present - set(participants.values_list("pk", flat=True))
    if unknown:
        raise NetworkError(_("Only the meeting's participants can be marked as present."))
    participants.filter(pk__in=present).update(attended=True)
    participants.exclude(pk__in=present).update(attended=False)


@transaction.atomic
def document_add(*, actor: Any, meeting: Meeting, title: str, url: str) -> Document:
    _staff_only(actor)
    row = _locked(meeting)
    if not title.strip() or not url.strip():
        raise NetworkError(_("A document needs a title and an address."))
    return Document.objects.create(meeting=row, title=title.strip(), url=url.strip())


@transaction.atomic
def minutes_write(*, actor: Any, meeting: Meeting, minutes: str) -> Meeting:
    _staff_only(actor)
    row = _locked(meeting)
    row.minutes = minutes.strip()
    row.save(update_fields=["minutes", "updated_at"])
    return row


@transaction.atomic
def decision_add(*, actor: Any, meeting: Meeting, text: str,
                 language: str = Language.SL) -> Decision:
    """A decision, numbered after the meeting's last one."""
    _staff_only(actor)
    row = _locked(meeting)
    if not text.strip():
        raise NetworkError(_("Write the decision."))
    last = Decision.objects.filter(meeting=row).aggregate(last=Max("position"))["last"] or 0
    return Decision.objects.create(meeting=row, position=last + 1, text=text.strip(),
                                   language=language)


@transaction.atomic
def invitations_send(*, actor: Any, meeting: Meeting, site_url: str) -> int:
    """Mail the invitation, with the `.ics`, to each invited person who agreed to be
    contacted and has an address, and has not been sent it yet (so sending again mails only
    those added since). Returns how many were mailed."""
    _staff_only(actor)
    row = _locked(meeting)
    if row.cancelled_at is not None:
        raise NetworkError(_("This meeting is cancelled: no invitations are sent."))
    now = timezone.now()
    sent = 0
    for participant in _people(row).filter(invited=True, invitation_sent_at__isnull=True):
        person = participant.person
        assert person is not None
        if not person.contactable:
            continue
        meeting_mail_on_commit(
            person=person, meeting=row, template="network/email/meeting_invitation.txt",
            subject=gettext_noop("Invitation: %(title)s"), site_url=site_url,
        )
        participant.invitation_sent_at = now
        participant.save(update_fields=["invitation_sent_at"])
        sent += 1
    row.invitations_sent_at = now
    row.save(update_fields=["invitations_sent_at", "updated_at"])
    return sent


@transaction.atomic
def minutes_send(*, actor: Any, meeting: Meeting, site_url: str) -> int:
    """Mail the minutes to the people who attended and agreed to be contacted. Sending again
    (after the minutes were corrected) mails them all again. Returns how many were mailed."""
    _staff_only(actor)
    row = _locked(meeting)
    if not row.minutes.strip():
        raise NetworkError(_("Write the minutes before sending them."))
    sent = 0
    for participant in _people(row).filter(attended=True):
        person = participant.person
        assert person is not None
        if not person.contactable:
            continue
        meeting_mail_on_commit(
            person=person, meeting=row, template="network/email/meeting_minutes.txt",
            subject=gettext_noop("Minutes: %(title)s"), site_url=site_url,
            attach_calendar=False, extra={"decisions": list(row.decisions.all())},
        )
        sent += 1
    row.minutes_sent_at = timezone.now()
    row.save(update_fields=["minutes_sent_at", "updated_at"])
    return sent
