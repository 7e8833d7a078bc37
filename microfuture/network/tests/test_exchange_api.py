"""The knowledge-exchange API: asking (201, or a 4xx with a plain reason), the reader's own
questions, every question for the staff, one thread, 404 to anyone else."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from microfuture.network.models import Organisation, Person, Thread
from microfuture.practices.models import Practice

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/api/v1/network/questions"


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def practice(db: Any) -> Practice:
    practice = Practice.objects.create(slug="cigales-clubs", title_en="CIGALES clubs",
                                       country="FR", status=Practice.Status.VALIDATED)
    organisation = Organisation.objects.create(
        name="Fédération des CIGALES", kind=Organisation.Kind.SUPPORT_ORG, country="FR")
    organisation.practices.add(practice)
    Person.objects.create(name="Claire", organisation=organisation, email="claire@example.fr",
                          consent_on=date(2026, 1, 5), consent_contacted=True)
    return practice


def post(client: Client, **data: Any) -> Any:
    body = {"practice": "cigales-clubs", "subject": "Leaving members",
            "text": "How do you repay a leaving member?"}
    body.update(data)
    return client.post(URL, body, content_type="application/json")


def test_ask_list_and_read(practice: Practice, outsider: Any, curator: Any,
                           coordinator: Any) -> None:
    asker = as_user(outsider)
    response = post(asker)
    assert response.status_code == 201, response.content
    body = response.json()
    thread = Thread.objects.get()
    assert body["id"] == thread.pk and body["practice"] == "cigales-clubs"
    assert body["organisation"] == "Fédération des CIGALES" and body["status"] == "open"
    assert body["insight"] is None and body["messages"] == 1
    assert body["thread"][0]["text"] == "How do you repay a leaving member?"
    assert [m.to for m in mail.outbox] == [["claire@example.fr"]]

    listed = asker.get(URL).json()
    assert [t["id"] for t in listed] == [thread.pk] and listed[0]["subject"] == "Leaving members"
    assert asker.get(f"{URL}/{thread.pk}").json()["thread"][0]["from_practitioners"] is False

    # Someone else signed in: none of it; the staff: all of it.
    other = as_user(curator)
    assert other.get(URL).json() == []
    assert other.get(f"{URL}/{thread.pk}").status_code == 404
    assert [t["id"] for t in as_user(coordinator).get(URL).json()] == [thread.pk]
    assert as_user(coordinator).get(f"{URL}/{thread.pk}").status_code == 200


def test_refusals_say_why(practice: Practice, outsider: Any) -> None:
    assert Client().get(URL).status_code == 401
    assert post(Client()).status_code == 401
    client = as_user(outsider)
    response = post(client, practice="no-such-practice")
    assert response.status_code == 404 and "no published practice" in response.json()["detail"]
    response = post(client, subject="   ")
    assert response.status_code == 400 and response.json()["detail"] == (
        "Give your question a subject.")
    response = post(client, text="")
    assert response.status_code == 422 and response.json()["detail"]
    lonely = Practice.objects.create(slug="lonely", title_en="Lonely", country="IT",
                                     status=Practice.Status.APPROVED)
    response = post(client, practice=lonely.slug)
    assert response.status_code == 400
    assert "no contact organisation yet" in response.json()["detail"]
    assert not Thread.objects.exists()
