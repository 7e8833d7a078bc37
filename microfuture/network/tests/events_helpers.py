"""Helpers of the events and interest tests: a public event some days ahead, the mails'
links, and a minimal iCalendar reader written here (not the `icalendar` library the feed is
built with), so the feed is checked by an independent parser."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.utils import timezone


def make_event(**fields: Any) -> Any:
    from microfuture.network.models import Meeting

    starts = timezone.now().replace(microsecond=0) + timedelta(days=fields.pop("days", 10))
    values: dict[str, Any] = {
        "kind": Meeting.Kind.INFO_SESSION,
        "title_sl": "Informativni dan: varčevalni klubi",
        "title_en": "Info session: savings clubs",
        "starts_at": starts, "ends_at": starts + timedelta(hours=2),
        "place": "Knjižnica Litija", "public": True, "region": "SI041",
    }
    values.update(fields)
    return Meeting.objects.create(**values)


def link_in(body: Any, path: str) -> str:
    """The path of the first link in a mail that starts with `path`."""
    body = str(body)
    found = re.search(r"https?://[^/\s]+(" + re.escape(path) + r"[^\s]*)", body)
    assert found, f"no link to {path} in:\n{body}"
    return found.group(1)


def parse_ics(text: str) -> list[dict[str, str]]:
    """The VEVENTs of an iCalendar text as {property name: value} (RFC 5545 §3.1: lines end
    with CRLF, a line starting with a space or tab continues the previous one; parameters
    after ';' in the name are dropped; text escapes undone)."""
    assert text.startswith("BEGIN:VCALENDAR\r\n"), text[:40]
    lines: list[str] = []
    for raw in text.split("\r\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    assert lines[-1] == "END:VCALENDAR"
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines:
        name, _, value = line.partition(":")
        name = name.split(";")[0].upper()
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            current[name] = (value.replace("\\n", "\n").replace("\\,", ",")
                             .replace("\\;", ";").replace("\\\\", "\\"))
    return events
