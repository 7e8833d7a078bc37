"""iCalendar files (RFC 5545) for meetings, built with the maintained `icalendar` library.

One `VEVENT` per meeting with a stable `UID` (`<meeting.uid>@<host>`), `SEQUENCE` raised on
each change (so a calendar replaces its copy), `DTSTAMP`, `DTSTART`, `DTEND` (UTC), `SUMMARY`
in the reader's language, `LOCATION` and/or `URL`, and `STATUS:CANCELLED` for a cancelled
meeting. Nothing personal goes in (no attendees).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from microfuture.network.models import Meeting
from microfuture.network.templatetags.network_text import local_text

PRODID = "-//Microfuture Hub//network//EN"


def _uid(meeting: Meeting, site_url: str) -> str:
    """`<meeting.uid>@<host>`; a uid that already names its host (imported or demo meetings,
    `demo-…@microfuture`) is kept as it is."""
    if "@" in meeting.uid:
        return meeting.uid
    host = urlsplit(site_url).hostname or "microfuture.invalid"
    return f"{meeting.uid}@{host}"


def meeting_event(
    meeting: Meeting, *, site_url: str, language: str | None = None, page: str = "",
) -> Event:
    """`page`: the address of the meeting's page (the network's meeting page by default; the
    public events feed gives the event's registration page)."""
    event = Event()
    event.add("uid", _uid(meeting, site_url))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", (meeting.updated_at or timezone.now()).astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", local_text(meeting, "title", language)[0])
    if meeting.place:
        event.add("location", meeting.place)
    page = page or site_url.rstrip("/") + reverse("network:meeting", args=[meeting.pk])
    event.add("url", meeting.url or page)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    if meeting.cancelled_at is not None:
        event.add("status", "CANCELLED")
    return event


def calendar_bytes(
    meetings: Iterable[Meeting], *, site_url: str, name: str = "", language: str | None = None,
    page_for: Callable[[Meeting], str] | None = None,
) -> bytes:
    """A VCALENDAR with one VEVENT per meeting, as the bytes of a `text/calendar` file."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for meeting in meetings:
        page = page_for(meeting) if page_for is not None else ""
        calendar.add_component(
            meeting_event(meeting, site_url=site_url, language=language, page=page))
    return calendar.to_ical()  # type: ignore[no-any-return]
