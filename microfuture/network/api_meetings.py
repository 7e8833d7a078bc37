"""The network API: meetings (the spec's §7). Public: the network's meetings are its public
record (docs/network.md, "Who sees what"); people are listed for the network's staff only.

- `GET /meetings`: every meeting, newest first, in pages (`limit`, `offset`; kernel/pagination.py).
- `GET /meetings/{id}`: one meeting with its agenda, minutes, documents, decisions and
  participants.
- `GET /meetings/{id}/calendar.ics`: the meeting as an RFC 5545 file (`text/calendar`).

`title` is in the reader's language (`Accept-Language`; the other one when it has no title in
it). An unknown id is a 404 `{"detail": "There is no meeting with this number."}`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from microfuture.kernel.pagination import Mapped, Page
from microfuture.network import permissions
from microfuture.network.ics import calendar_bytes
from microfuture.network.mail import ics_filename
from microfuture.network.models import Meeting
from microfuture.network.selectors_meetings import (
    NO_SUCH_MEETING,
    meeting_get,
    meeting_record,
    meetings_list,
)
from microfuture.network.templatetags.network_text import local_text

router = Router(tags=["network meetings"])


class Error(Schema):
    detail: str


class NetworkMeetingOrganiserOut(Schema):
    id: int
    name: str


class NetworkMeetingOut(Schema):
    id: int
    kind: str
    title: str
    title_sl: str
    title_en: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    url: str
    public: bool
    cancelled: bool
    organiser: NetworkMeetingOrganiserOut | None
    page_url: str


class NetworkMeetingDocumentOut(Schema):
    title: str
    url: str


class NetworkMeetingDecisionOut(Schema):
    id: int
    text: str


class NetworkMeetingOrganisationOut(Schema):
    id: int
    name: str
    kind: str
    attended: bool


class NetworkMeetingPersonOut(Schema):
    id: int
    name: str
    organisation: str | None
    attended: bool


class NetworkMeetingParticipantsOut(Schema):
    organisations: list[NetworkMeetingOrganisationOut]
    people: list[NetworkMeetingPersonOut] | None


class NetworkMeetingDetailOut(NetworkMeetingOut):
    agenda: str
    minutes: str
    language: str
    documents: list[NetworkMeetingDocumentOut]
    decisions: list[NetworkMeetingDecisionOut]
    participants: NetworkMeetingParticipantsOut


def _out(meeting: Meeting, request: HttpRequest) -> dict[str, Any]:
    organiser = meeting.organiser
    return {
        "id": meeting.pk, "kind": meeting.kind, "title": local_text(meeting, "title")[0],
        "title_sl": meeting.title_sl, "title_en": meeting.title_en,
        "starts_at": meeting.starts_at, "ends_at": meeting.ends_at, "place": meeting.place,
        "url": meeting.url, "public": meeting.public,
        "cancelled": meeting.cancelled_at is not None,
        "organiser": None if organiser is None else {"id": organiser.pk,
                                                     "name": organiser.name},
        "page_url": request.build_absolute_uri(reverse("network:meeting", args=[meeting.pk])),
    }


def _meeting(meeting_id: int) -> Meeting:
    try:
        return meeting_get(meeting_id)
    except Http404:
        raise HttpError(404, NO_SUCH_MEETING) from None


@router.get("/meetings", response={200: list[NetworkMeetingOut]}, auth=None)
@paginate(Page)
def list_meetings(request: HttpRequest) -> Any:
    """The network's meetings, newest first."""
    return Mapped(meetings_list(), lambda meeting: _out(meeting, request))


@router.get("/meetings/{meeting_id}", response={200: NetworkMeetingDetailOut, 404: Error},
            auth=None)
def get_meeting(request: HttpRequest, meeting_id: int) -> Any:
    """One meeting: agenda, minutes, documents, decisions (in order) and participants.
    `participants.people` is null unless you are the network's staff."""
    meeting = _meeting(meeting_id)
    record = meeting_record(meeting, request.user)
    staff = permissions.is_staff(request.user)
    return {
        **_out(meeting, request),
        "agenda": meeting.agenda, "minutes": meeting.minutes, "language": meeting.language,
        "documents": [{"title": d.title, "url": d.url} for d in record.documents],
        "decisions": [{"id": row.decision.pk, "text": row.decision.text}
                      for row in record.decisions],
        "participants": {
            "organisations": [
                {"id": p.organisation.pk, "name": p.organisation.name,
                 "kind": p.organisation.kind, "attended": p.attended}
                for p in record.organisations if p.organisation is not None
            ],
            "people": [
                {"id": row.person.pk, "name": row.person.name,
                 "organisation": row.person.organisation.name
                 if row.person.organisation else None,
                 "attended": row.attended}
                for row in record.people
            ] if staff else None,
        },
    }


@router.get("/meetings/{meeting_id}/calendar.ics", response={200: None, 404: Error},
            auth=None,
            openapi_extra={"responses": {200: {
                "description": "The meeting as an iCalendar file (RFC 5545, one VEVENT)",
                "content": {"text/calendar": {"schema": {"type": "string"}}}}}})
def get_meeting_calendar(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting as an iCalendar file: one VEVENT with a stable UID, DTSTART and DTEND in
    UTC, SUMMARY, LOCATION and URL; SEQUENCE goes up with each change."""
    meeting = _meeting(meeting_id)
    body = calendar_bytes([meeting], site_url=request.build_absolute_uri("/").rstrip("/"),
                          language=get_language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(meeting)}"'
    return response
