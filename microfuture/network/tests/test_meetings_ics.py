"""A meeting's `.ics`, read back with a parser written here from RFC 5545 (§3.1 unfolding,
§3.1 content lines, §3.3.5 UTC date-times), not with the library that wrote it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from microfuture.network import services_meetings

SITE = "http://testserver"


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: lines end in CRLF; a line starting with a space or a tab continues the
    one before it (the CRLF and that one whitespace character are removed)."""
    assert "\r\n" in text, "content lines must end in CRLF"
    lines: list[str] = []
    for raw in text.split("\r\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])",
                  lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse(text: str) -> list[dict[str, Any]]:
    """Components as dicts {"name": ..., "props": {NAME: (params, value)}, "children": [...]}
    (one value per property name is enough for these files)."""
    root: dict[str, Any] = {"name": "", "props": {}, "children": []}
    stack = [root]
    for line in unfold(text):
        head, _sep, value = line.partition(":")
        name, *params = head.split(";")
        name = name.upper()
        if name == "BEGIN":
            component = {"name": value.upper(), "props": {}, "children": []}
            stack[-1]["children"].append(component)
            stack.append(component)
        elif name == "END":
            assert stack[-1]["name"] == value.upper(), f"END:{value} closes {stack[-1]['name']}"
            stack.pop()
        else:
            stack[-1]["props"][name] = (params, value)
    assert len(stack) == 1, "every BEGIN has its END"
    return root["children"]  # type: ignore[no-any-return]


def utc(value: str) -> dt.datetime:
    """RFC 5545 §3.3.5 form #2: DATE WITH UTC TIME, e.g. 20240724T080000Z."""
    assert re.fullmatch(r"\d{8}T\d{6}Z", value), f"{value} is not a UTC date-time"
    return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)


def event_of(body: bytes) -> dict[str, tuple[list[str], str]]:
    calendars = parse(body.decode("utf-8"))
    assert [c["name"] for c in calendars] == ["VCALENDAR"]
    calendar = calendars[0]
    assert calendar["props"]["VERSION"][1] == "2.0"
    assert "PRODID" in calendar["props"]
    events = [c for c in calendar["children"] if c["name"] == "VEVENT"]
    assert len(events) == 1
    return events[0]["props"]  # type: ignore[no-any-return]


@pytest.mark.django_db
def test_the_page_and_the_api_give_one_vevent_in_utc(client: Client, meeting: Any) -> None:
    for path in (f"/network/meetings/{meeting.pk}/calendar.ics",
                 f"/api/v1/network/meetings/{meeting.pk}/calendar.ics"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("text/calendar")
        assert f'filename="meeting-{meeting.pk}.ics"' in response["Content-Disposition"]
        event = event_of(response.content)
        # 10:00–13:00 in Ljubljana in July (CEST, UTC+2) is 08:00–11:00 UTC.
        assert utc(event["DTSTART"][1]) == dt.datetime(2024, 7, 24, 8, 0, tzinfo=dt.UTC)
        assert utc(event["DTEND"][1]) == dt.datetime(2024, 7, 24, 11, 0, tzinfo=dt.UTC)
        assert unescape(event["SUMMARY"][1]) == "3rd MICROFUTURE stakeholder meeting"
        assert unescape(event["LOCATION"][1]) == (
            "Ministrstvo za gospodarstvo, turizem in šport, Ljubljana")
        assert event["URL"][1] == f"{SITE}/network/meetings/{meeting.pk}/"
        assert event["UID"][1] == f"{meeting.uid}@testserver"
        assert event["SEQUENCE"][1] == "0"
        assert "STATUS" not in event


@pytest.mark.django_db
def test_summary_in_the_readers_language(client: Client, meeting: Any) -> None:
    response = client.get(f"/network/meetings/{meeting.pk}/calendar.ics",
                          HTTP_ACCEPT_LANGUAGE="sl")
    assert unescape(event_of(response.content)["SUMMARY"][1]) == (
        "3. srečanje deležnikov MICROFUTURE")


@pytest.mark.django_db
def test_uid_stays_and_sequence_rises_with_each_change(
    client: Client, meeting: Any, admin: Any,
) -> None:
    def event() -> dict[str, tuple[list[str], str]]:
        return event_of(client.get(f"/network/meetings/{meeting.pk}/calendar.ics").content)

    first = event()
    services_meetings.meeting_update(
        actor=admin, meeting=meeting,
        starts_at=dt.datetime(2024, 7, 24, 9, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2024, 7, 24, 12, 30, tzinfo=dt.UTC),
    )
    second = event()
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"][1] == "1"
    assert utc(second["DTSTART"][1]) == dt.datetime(2024, 7, 24, 9, 0, tzinfo=dt.UTC)
    assert utc(second["DTEND"][1]) == dt.datetime(2024, 7, 24, 12, 30, tzinfo=dt.UTC)

    services_meetings.meeting_update(actor=admin, meeting=meeting, place="Kranj, Slovenia")
    third = event()
    assert third["UID"] == first["UID"]
    assert third["SEQUENCE"][1] == "2"
    assert unescape(third["LOCATION"][1]) == "Kranj, Slovenia"

    # The agenda is not on the calendar's face: no new sequence for it.
    services_meetings.meeting_update(actor=admin, meeting=meeting, agenda="1. Welcome")
    assert event()["SEQUENCE"][1] == "2"

    services_meetings.meeting_cancel(actor=admin, meeting=meeting, site_url=SITE)
    cancelled = event()
    assert cancelled["UID"] == first["UID"]
    assert cancelled["SEQUENCE"][1] == "3"
    assert cancelled["STATUS"][1] == "CANCELLED"


@pytest.mark.django_db
def test_an_online_meeting_gives_its_link(client: Client, meeting: Any, admin: Any) -> None:
    services_meetings.meeting_update(actor=admin, meeting=meeting, place="",
                                     url="https://meet.example.org/microfuture")
    event = event_of(client.get(f"/api/v1/network/meetings/{meeting.pk}/calendar.ics").content)
    assert "LOCATION" not in event
    assert event["URL"][1] == "https://meet.example.org/microfuture"


@pytest.mark.django_db
def test_an_unknown_meeting_has_no_calendar(client: Client) -> None:
    assert client.get("/network/meetings/999/calendar.ics").status_code == 404
    response = client.get("/api/v1/network/meetings/999/calendar.ics")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no meeting with this number."}
