"""Registering for a public event and cancelling through the link in the mail, on the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from microfuture.network.models import Meeting, Registration
from microfuture.network.tests.events_helpers import link_in, make_event, parse_ics

pytestmark = pytest.mark.django_db


def register(client: Any, event: Any, name: str = "Mojca Novak",
             email: str = "mojca@example.org", consent: bool = True) -> Any:
    data = {"name": name, "email": email}
    if consent:
        data["consent"] = "on"
    return client.post(reverse("events:event", args=[event.pk]), data)


def test_the_events_page_lists_upcoming_public_events_only(client: Any, meeting: Any) -> None:
    session = make_event(capacity=30)
    make_event(title_en="Cancelled fair", title_sl="Odpovedan sejem",
               kind=Meeting.Kind.PITCH_EVENT, cancelled_at=session.starts_at)
    make_event(title_en="Past workshop", title_sl="Pretekla delavnica",
               kind=Meeting.Kind.WORKSHOP, days=-10)
    make_event(title_en="Internal session", title_sl="Interni sestanek", public=False)
    page = client.get(reverse("events:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Info session: savings clubs" in page
    assert "30 places left" in page
    assert "Knjižnica Litija" in page
    for absent in ("Cancelled fair", "Past workshop", "Internal session",
                   "3rd MICROFUTURE stakeholder meeting"):
        assert absent not in page


def test_dates_are_in_the_readers_format(client: Any) -> None:
    session = make_event()
    page = client.get(reverse("events:list"), HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    local = session.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Ljubljana"))
    assert f"{local.day}. {local.month}. {local.year}" in page
    assert "Informativni dan: varčevalni klubi" in page


def test_register_then_cancel_with_the_link_from_the_mail(
    client: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    session = make_event(capacity=10)
    page = client.get(reverse("events:event", args=[session.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "keeps my name and e-mail address to run this event" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, session)
    assert response.status_code == 302
    assert response["Location"] == reverse("events:registered", args=[session.pk])
    registration = Registration.objects.get(meeting=session)
    assert (registration.name, registration.email) == ("Mojca Novak", "mojca@example.org")
    assert registration.consent_at is not None
    assert "keeps my name and e-mail address" in registration.consent_text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mojca@example.org"]
    cancel = link_in(mail.outbox[0].body, "/events/cancel/")
    assert cancel == reverse("events:cancel", args=[registration.token])
    # The event's calendar file comes with it, pointing to the event's page.
    message = mail.outbox[0].message()
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1 and parts[0].get_filename() == f"event-{session.pk}.ics"
    (event,) = parse_ics(parts[0].get_payload(decode=True).decode())
    assert event["UID"] == f"{session.uid}@testserver"
    assert event["URL"] == "http://testserver" + reverse("events:event", args=[session.pk])
    assert "ATTENDEE" not in event

    confirm = client.get(cancel, HTTP_ACCEPT_LANGUAGE="en")
    assert confirm.status_code == 200
    assert "Cancel my registration" in confirm.content.decode()
    registration.refresh_from_db()
    assert registration.cancelled_at is None  # a GET never writes

    done = client.post(cancel, HTTP_ACCEPT_LANGUAGE="en")
    assert done.status_code == 200
    assert "is cancelled" in done.content.decode()
    registration.refresh_from_db()
    assert registration.cancelled_at is not None

    again = client.post(cancel, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 400
    assert "already been cancelled" in again.content.decode()
    # The place is free again, and the same address may register anew.
    with django_capture_on_commit_callbacks(execute=True):
        register(client, session)
    assert Registration.objects.filter(meeting=session, cancelled_at__isnull=True).count() == 1


def test_a_wrong_cancel_link_says_so(client: Any) -> None:
    response = client.get(reverse("events:cancel", args=["not-a-token"]),
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "This cancellation link is not valid" in response.content.decode()
    response = client.post(reverse("events:cancel", args=["not-a-token"]),
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "This cancellation link is not valid" in response.content.decode()


def test_name_email_and_consent_are_required(client: Any) -> None:
    session = make_event()
    response = register(client, session, name="", email="not an address", consent=False)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tick the box to agree" in page
    assert not Registration.objects.exists()


def test_a_full_event_refuses_plainly(
    client: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    session = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, session)
        response = register(client, session, name="Janez", email="janez@example.org")
    assert response.status_code == 200
    page = response.content.decode()
    assert "This event is full" in page
    assert Registration.objects.filter(meeting=session).count() == 1
    assert len(mail.outbox) == 1


def test_a_second_registration_of_an_address_reveals_nothing(
    client: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    session = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        first = register(client, session)
        second = register(client, session, name="Someone Else", email=" MOJCA@example.org ")
    # The same answer either way: only the address's owner learns it was registered.
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Registration.objects.filter(meeting=session).count() == 1
    assert [m.to for m in mail.outbox] == [["mojca@example.org"], ["mojca@example.org"]]
    assert "already registered" in mail.outbox[1].body
    assert link_in(mail.outbox[1].body, "/events/cancel/") == link_in(
        mail.outbox[0].body, "/events/cancel/")


def test_a_meeting_that_is_not_public_is_404(client: Any, meeting: Any) -> None:
    assert client.get(reverse("events:event", args=[meeting.pk])).status_code == 404
    response = client.post(reverse("events:event", args=[meeting.pk]),
                           {"name": "X", "email": "x@example.org", "consent": "on"})
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_no_personal_data_on_the_public_pages(
    client: Any, admin: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    session = make_event(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, session)
    for url in (reverse("events:list"), reverse("events:event", args=[session.pk]),
                reverse("events:registered", args=[session.pk])):
        page = client.get(url).content.decode()
        assert "Mojca" not in page and "mojca@example.org" not in page
        assert reverse("events:registrations", args=[session.pk]) not in page
    assert "4" in client.get(reverse("events:event", args=[session.pk]),
                             HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_cancelled_or_past_event_takes_no_registration(client: Any) -> None:
    past = make_event(days=-3)
    response = register(client, past)
    assert "This event has taken place" in response.content.decode()
    assert not Registration.objects.exists()
