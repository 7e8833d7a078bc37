"""The iCalendar feed of public events, read back with our own minimal parser."""

from __future__ import annotations

from datetime import UTC
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from microfuture.network.models import Meeting, Registration
from microfuture.network.tests.events_helpers import make_event, parse_ics

pytestmark = pytest.mark.django_db


def test_the_feed_holds_the_upcoming_public_events(client: Any, meeting: Any) -> None:
    session = make_event(agenda="Kaj je klub; kako začeti, koliko stane")
    make_event(kind=Meeting.Kind.PITCH_EVENT, title_sl="Sejem projektov",
               title_en="Project fair", days=20, place="", url="https://example.org/f")
    make_event(title_en="Internal", title_sl="Interno", public=False)
    make_event(title_en="Gone", title_sl="Odpovedano", cancelled_at=session.starts_at)
    Registration.objects.create(meeting=session, name="Mojca Novak", email="mojca@example.org",
                                consent_at=session.starts_at, consent_text="yes")
    response = client.get(reverse("events:feed"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    events = parse_ics(text)
    assert [e["SUMMARY"] for e in events] == ["Info session: savings clubs", "Project fair"]
    first, second = events
    assert first["UID"] == f"{session.uid}@testserver"
    assert first["DTSTART"] == session.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert first["DTEND"] == session.ends_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert first["LOCATION"] == "Knjižnica Litija"
    assert first["URL"] == "http://testserver" + reverse("events:event", args=[session.pk])
    assert first["DESCRIPTION"] == "Kaj je klub; kako začeti, koliko stane"
    assert second["URL"] == "https://example.org/f"
    # Nothing personal: no attendee, no registrant's name or address.
    assert "ATTENDEE" not in text and "Mojca" not in text and "mojca@" not in text
    assert "3rd MICROFUTURE" not in text and "Internal" not in text and "Gone" not in text


def test_the_feed_speaks_the_readers_language(client: Any) -> None:
    make_event()
    text = client.get(reverse("events:feed"), HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert parse_ics(text)[0]["SUMMARY"] == "Informativni dan: varčevalni klubi"
    assert not mail.outbox
