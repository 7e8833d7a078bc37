"""GET /api/v1/network/events and POST /api/v1/network/events/{id}/registrations."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from microfuture.network.models import Registration
from microfuture.network.tests.events_helpers import link_in, make_event

pytestmark = pytest.mark.django_db

URL = "/api/v1/network/events"


def test_the_list_has_no_personal_data(client: Any, meeting: Any) -> None:
    session = make_event(capacity=3)
    make_event(title_en="Internal", title_sl="Interno", public=False)
    Registration.objects.create(meeting=session, name="Mojca Novak", email="mojca@example.org",
                                consent_at=session.starts_at, consent_text="yes")
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == session.pk
    assert item["title_en"] == "Info session: savings clubs"
    assert item["kind"] == "info_session"
    assert (item["capacity"], item["places_left"]) == (3, 2)
    assert item["page"] == f"http://testserver/events/{session.pk}/"
    assert "mojca" not in response.content.decode().lower()


def post(client: Any, pk: int, **body: Any) -> Any:
    return client.post(f"{URL}/{pk}/registrations", body, content_type="application/json")


def test_register(client: Any, django_capture_on_commit_callbacks: Any) -> None:
    session = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, session.pk, name="Mojca Novak", email="mojca@example.org",
                        consent=True)
    assert response.status_code == 201, response.content
    assert response.json()["event"] == session.pk
    registration = Registration.objects.get(meeting=session)
    assert registration.email == "mojca@example.org" and registration.consent_text
    assert link_in(mail.outbox[0].body, "/events/cancel/") == f"/events/cancel/{registration.token}/"
    # Again with the same address: the same answer, no second row, a reminder to the owner.
    with django_capture_on_commit_callbacks(execute=True):
        again = post(client, session.pk, name="X", email="mojca@example.org", consent=True)
    assert again.status_code == 201 and again.json() == response.json()
    assert Registration.objects.filter(meeting=session).count() == 1
    assert len(mail.outbox) == 2


def test_refusals(client: Any, meeting: Any) -> None:
    session = make_event(capacity=0)
    full = post(client, session.pk, name="A", email="a@example.org", consent=True)
    assert full.status_code == 400 and full.json()["detail"] == (
        "This event is full: every place is taken.")
    no_consent = post(client, make_event().pk, name="A", email="a@example.org", consent=False)
    assert no_consent.status_code == 400 and "consent" in no_consent.json()["detail"]
    bad = post(client, make_event().pk, name="A", email="nope", consent=True)
    assert bad.status_code == 400 and "e-mail" in bad.json()["detail"]
    assert post(client, meeting.pk, name="A", email="a@example.org",
                consent=True).status_code == 404
    assert post(client, 999999, name="A", email="a@example.org",
                consent=True).status_code == 404
    assert post(client, session.pk, email="a@example.org").status_code == 422
    assert not Registration.objects.exists()
