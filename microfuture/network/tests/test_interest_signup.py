"""Saying you would like to join or start a club, and taking your name off the list."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from microfuture.kernel.collation import slovenian_key
from microfuture.network.models import ClubInterest
from microfuture.network.tests.events_helpers import link_in

pytestmark = pytest.mark.django_db


def say(client: Any, email: str = "mojca@example.org", municipality: str = "060",
        consent: bool = True, **extra: str) -> Any:
    data = {"name": "Mojca Novak", "email": email, "municipality": municipality,
            "note": "Rada bi ustanovila klub.", **extra}
    if consent:
        data["consent"] = "on"
    return client.post(reverse("network:interest_new"), data, HTTP_ACCEPT_LANGUAGE="en")


def test_the_form_offers_every_municipality_in_slovenian_order(client: Any) -> None:
    page = client.get(reverse("network:interest_new"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    form = page.context["form"]
    names = [name for code, name in form.fields["municipality"].choices if code]
    assert len(names) == 212
    assert names == sorted(names, key=slovenian_key)
    assert names.index("Cerklje na Gorenjskem") < names.index("Črnomelj") < names.index(
        "Dobrepolje")
    assert "regional coordinators keep my name" in page.content.decode()


def test_saying_so_and_withdrawing_by_link(
    client: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = say(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:interest_thanks")
    interest = ClubInterest.objects.get()
    # Litija (060) is in Zasavska: the region comes from the municipality.
    assert (interest.municipality, interest.region) == ("060", "SI035")
    assert interest.note == "Rada bi ustanovila klub." and interest.consent_text
    assert mail.outbox[0].to == ["mojca@example.org"]
    assert "Litija" in mail.outbox[0].body
    withdraw = link_in(mail.outbox[0].body, "/network/interest/withdraw/")
    assert client.get(withdraw).status_code == 200
    interest.refresh_from_db()
    assert interest.withdrawn_at is None
    assert client.post(withdraw).status_code == 200
    interest.refresh_from_db()
    assert interest.withdrawn_at is not None
    again = client.post(withdraw, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 400 and b"already taken your name off" in again.content
    wrong = client.get(reverse("network:interest_withdraw", args=["nope"]),
                       HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 404 and b"not valid" in wrong.content


def test_the_same_address_twice_reveals_nothing(
    client: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = say(client)
        second = say(client, email="Mojca@Example.org", municipality="061")
    assert first["Location"] == second["Location"]
    assert ClubInterest.objects.count() == 1
    assert ClubInterest.objects.get().municipality == "060"
    assert len(mail.outbox) == 2 and "already on the list" in mail.outbox[1].body


def test_consent_and_municipality_are_required(client: Any) -> None:
    response = say(client, consent=False, municipality="999")
    assert response.status_code == 200
    assert not ClubInterest.objects.exists()
    assert set(response.context["form"].errors) == {"consent", "municipality"}
