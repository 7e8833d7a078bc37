"""The organiser's registration list: staff only, with a CSV and attendance."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse

from microfuture.network.models import Registration
from microfuture.network.tests.events_helpers import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_with_people() -> Any:
    session = make_event(capacity=20)
    Registration.objects.create(meeting=session, name="Mojca Novak", email="mojca@example.org",
                                consent_at=session.starts_at, consent_text="yes")
    Registration.objects.create(meeting=session, name="Janez Kranjc", email="janez@example.org",
                                consent_at=session.starts_at, consent_text="yes",
                                cancelled_at=session.starts_at)
    return session


def test_staff_see_the_list(client: Any, coordinator: Any, session_with_people: Any) -> None:
    client.force_login(coordinator)
    page = client.get(reverse("events:registrations", args=[session_with_people.pk]),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Mojca Novak" in page and "mojca@example.org" in page
    assert "Janez Kranjc" in page
    assert "1 person registered" in page and "19 places left" in page


def test_the_csv(client: Any, admin: Any, session_with_people: Any) -> None:
    client.force_login(admin)
    response = client.get(reverse("events:registrations_csv", args=[session_with_people.pk]))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["name"], r["email"], r["attended"]) for r in rows] == [
        ("Mojca Novak", "mojca@example.org", "no"), ("Janez Kranjc", "janez@example.org", "no")]
    assert rows[0]["cancelled_at"] == "" and rows[1]["cancelled_at"] != ""


def test_a_name_typed_as_a_formula_stays_text_in_the_csv(client: Any, admin: Any) -> None:
    session = make_event(capacity=20)
    Registration.objects.create(meeting=session, name='=HYPERLINK("http://x","y")',
                                email="x@example.org", consent_at=session.starts_at,
                                consent_text="yes")
    client.force_login(admin)
    body = client.get(reverse("events:registrations_csv", args=[session.pk])).content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["name"] == "'=HYPERLINK(\"http://x\",\"y\")"


def test_marking_attendance(client: Any, coordinator: Any, session_with_people: Any) -> None:
    client.force_login(coordinator)
    mojca = Registration.objects.get(name="Mojca Novak")
    url = reverse("events:registration_attended", args=[session_with_people.pk, mojca.pk])
    assert client.post(url, {"attended": "1"}).status_code == 302
    mojca.refresh_from_db()
    assert mojca.attended is True
    client.post(url, {"attended": "0"})
    mojca.refresh_from_db()
    assert mojca.attended is False
    janez = Registration.objects.get(name="Janez Kranjc")
    client.post(reverse("events:registration_attended",
                        args=[session_with_people.pk, janez.pk]), {"attended": "1"})
    janez.refresh_from_db()
    assert janez.attended is False  # a cancelled registration did not come


@pytest.mark.parametrize("name", ["registrations", "registrations_csv"])
def test_nobody_else_sees_the_list(client: Any, outsider: Any, curator: Any,
                                   session_with_people: Any, name: str) -> None:
    url = reverse(f"events:{name}", args=[session_with_people.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    for person in (outsider, curator):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 403
        assert b"mojca@example.org" not in response.content


def test_nobody_else_marks_attendance(client: Any, outsider: Any,
                                      session_with_people: Any) -> None:
    client.force_login(outsider)
    mojca = Registration.objects.get(name="Mojca Novak")
    response = client.post(reverse("events:registration_attended",
                                   args=[session_with_people.pk, mojca.pk]), {"attended": "1"})
    assert response.status_code == 403
    mojca.refresh_from_db()
    assert mojca.attended is False
