"""Invitations (with the `.ics`), minutes and cancellations by e-mail: only to people who agreed
to be contacted, each invitation once."""

from __future__ import annotations

from datetime import date
from email.message import Message
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from microfuture.network import services_meetings
from microfuture.network.models import Meeting, Participant, Person


def ics_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode("utf-8")


def calendar_parts(message: Any) -> list[Message]:
    return [part for part in message.message().walk()
            if part.get_content_type() == "text/calendar"]


@pytest.fixture
def no_consent_person(agency: Any) -> Any:
    # Listed, but did not agree to be contacted.
    return Person.objects.create(name="Nina Nocontact", organisation=agency,
                                 email="nina@example.org", consent_on=date(2026, 3, 1),
                                 consent_listed=True)


@pytest.fixture
def invited(meeting: Meeting, listed_person: Any, unlisted_person: Any,
            no_consent_person: Any, admin: Any) -> Meeting:
    # Petra reads English first: her mail and calendar entry are in English.
    listed_person.languages = ["en", "sl"]
    listed_person.save()
    services_meetings.participants_invite(
        actor=admin, meeting=meeting,
        people=[listed_person, unlisted_person, no_consent_person],
    )
    return meeting


def _post(client: Client, meeting: Meeting, action: str) -> Any:
    return client.post(f"/network/meetings/{meeting.pk}/", {"action": action},
                       HTTP_ACCEPT_LANGUAGE="en")


def test_invitations_go_to_consenting_people_with_the_ics(
    client: Client, invited: Meeting, admin: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, invited, "send_invitations")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["petra@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Invitation: 3rd MICROFUTURE stakeholder meeting"
    assert f"http://testserver/network/meetings/{invited.pk}/" in message.body
    assert "Ministrstvo za gospodarstvo, turizem in šport, Ljubljana" in message.body
    assert "When: 24 July 2024, 10:00 – 13:00" in message.body
    assert "urban@" not in message.body and "nina@" not in message.body
    (part,) = calendar_parts(message)
    assert part.get_param("method") == "PUBLISH"
    assert part.get_filename() == f"meeting-{invited.pk}.ics"
    ics = ics_text(part)
    assert "BEGIN:VEVENT" in ics and f"UID:{invited.uid}@testserver" in ics

    invited.refresh_from_db()
    assert invited.invitations_sent_at is not None
    sent = dict(Participant.objects.filter(meeting=invited, person__isnull=False)
                .values_list("person__email", "invitation_sent_at"))
    assert sent["petra@example.org"] is not None
    assert sent["urban@example.org"] is None
    assert sent["nina@example.org"] is None


def test_sending_again_mails_only_those_not_yet_mailed(
    invited: Meeting, admin: Any, agency: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    site = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        assert services_meetings.invitations_send(actor=admin, meeting=invited,
                                                  site_url=site) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services_meetings.invitations_send(actor=admin, meeting=invited,
                                                  site_url=site) == 0
    assert len(mail.outbox) == 1

    newcomer = Person.objects.create(name="Nejc Newcomer", organisation=agency,
                                     email="nejc@example.org", languages=["sl"],
                                     consent_on=date(2026, 4, 1), consent_contacted=True)
    services_meetings.participants_invite(actor=admin, meeting=invited, people=[newcomer])
    with django_capture_on_commit_callbacks(execute=True):
        assert services_meetings.invitations_send(actor=admin, meeting=invited,
                                                  site_url=site) == 1
    assert [m.to for m in mail.outbox] == [["petra@example.org"], ["nejc@example.org"]]
    # Nejc's first language is Slovenian: his mail and calendar entry are in Slovenian.
    # (the subject's first word is "Vabilo" once the Slovenian catalogue is merged)
    assert mail.outbox[1].subject.endswith(": 3. srečanje deležnikov MICROFUTURE")
    (part,) = calendar_parts(mail.outbox[1])
    assert "SUMMARY:3. srečanje deležnikov MICROFUTURE" in ics_text(part)


def test_a_rolled_back_send_mails_nobody(
    invited: Meeting, admin: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services_meetings.invitations_send(actor=admin, meeting=invited,
                                           site_url="http://testserver")
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_minutes_go_to_consenting_attendees(
    client: Client, invited: Meeting, admin: Any, listed_person: Any, unlisted_person: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(admin)
    response = _post(client, invited, "send_minutes")
    assert response.status_code == 302
    assert Meeting.objects.get(pk=invited.pk).minutes_sent_at is None  # no minutes yet

    services_meetings.minutes_write(actor=admin, meeting=invited,
                                    minutes="The Ministry chose Clubs CIGALES.")
    Participant.objects.filter(meeting=invited, person__in=[listed_person, unlisted_person]
                               ).update(attended=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, invited, "send_minutes")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["petra@example.org"]]
    body = mail.outbox[0].body
    assert "The Ministry chose Clubs CIGALES." in body
    assert "1. Prenesti prakso Clubs CIGALES v Slovenijo." in body
    assert calendar_parts(mail.outbox[0]) == []
    assert Meeting.objects.get(pk=invited.pk).minutes_sent_at is not None


def test_cancelling_tells_those_invited(
    invited: Meeting, admin: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    site = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        services_meetings.invitations_send(actor=admin, meeting=invited, site_url=site)
        services_meetings.meeting_cancel(actor=admin, meeting=invited, site_url=site)
    assert [m.subject for m in mail.outbox] == [
        "Invitation: 3rd MICROFUTURE stakeholder meeting",
        "Cancelled: 3rd MICROFUTURE stakeholder meeting",
    ]
    (part,) = calendar_parts(mail.outbox[1])
    assert "STATUS:CANCELLED" in ics_text(part)
    invited.refresh_from_db()
    assert invited.cancelled_at is not None
    with pytest.raises(Exception, match="cancelled"):
        services_meetings.invitations_send(actor=admin, meeting=invited, site_url=site)


def test_nobody_but_staff_sends(client: Client, invited: Meeting, outsider: Any) -> None:
    response = _post(client, invited, "send_invitations")
    assert response.status_code == 403
    client.force_login(outsider)
    assert _post(client, invited, "send_invitations").status_code == 403
    assert mail.outbox == []
    assert not Participant.objects.filter(invitation_sent_at__isnull=False).exists()
