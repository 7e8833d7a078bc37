"""Sign-up through the pages: confirmation by a signed link, consent recorded, and the same
answer whether or not the address already has an account."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from microfuture.accounts.models import Consent, PendingSignUp, User
from microfuture.accounts.privacy import PRIVACY_NOTICE_VERSION

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a new and long passphrase"


def sign_up(client: Client, email: str, password: str = NEW_PASSWORD, **extra: Any) -> Any:
    data = {
        "full_name": "Vesna Varčna", "email": email, "password1": password,
        "password2": password, "consent": "on", **extra,
    }
    return client.post(reverse("accounts:sign_up"), data)


def link_in(message: Any) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert found, message.body
    return found.group(1)


def sign_in(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_sign_up_creates_the_account_only_once_the_address_is_confirmed(django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "Vesna@Example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign_up_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["vesna@example.org"]
    assert not User.objects.filter(email__iexact="vesna@example.org").exists()
    # Not confirmed: signing in fails.
    assert sign_in(Client(), "vesna@example.org", NEW_PASSWORD).status_code == 200

    link = link_in(mail.outbox[0])
    page = client.get(link)  # a GET only shows the button (mail scanners open links)
    assert page.status_code == 200
    assert "Confirm and create my account" in page.content.decode()
    assert not User.objects.filter(email="vesna@example.org").exists()

    response = client.post(link)
    assert response.status_code == 302
    user = User.objects.get(email="vesna@example.org")
    assert user.is_active and user.full_name == "Vesna Varčna"
    assert user.check_password(NEW_PASSWORD)
    consent = Consent.objects.get(user=user)
    assert consent.document == Consent.Document.PRIVACY_NOTICE
    assert consent.version == PRIVACY_NOTICE_VERSION
    assert consent.given_at is not None
    assert not PendingSignUp.objects.exists()
    # Signs in with the address, typed in any case.
    assert sign_in(Client(), "VESNA@example.org", NEW_PASSWORD).status_code == 302
    # The account page shows what they agreed to.
    signed = Client()
    signed.force_login(user)
    assert PRIVACY_NOTICE_VERSION in signed.get(reverse("accounts:me")).content.decode()


def test_the_link_works_once_and_not_when_tampered_with(django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "vesna@example.org")
    link = link_in(mail.outbox[0])
    client.post(link)
    again = client.post(link)
    assert again.status_code == 200
    assert "no longer valid" in again.content.decode()
    assert User.objects.filter(email="vesna@example.org").count() == 1
    tampered = link.rstrip("/")[:-3] + "abc/"
    assert "no longer valid" in Client().get(tampered).content.decode()


def test_an_expired_link_creates_nothing(django_capture_on_commit_callbacks, monkeypatch):
    from datetime import timedelta

    from microfuture.accounts import services

    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "vesna@example.org")
    monkeypatch.setattr(services, "SIGN_UP_LINK_MAX_AGE", timedelta(seconds=-1))
    response = client.post(link_in(mail.outbox[0]))
    assert "no longer valid" in response.content.decode()
    assert not User.objects.filter(email="vesna@example.org").exists()


def test_an_address_with_an_account_gets_the_same_answer_and_its_owner_a_note(
    outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = sign_up(Client(), "OUTSIDER@example.org")
        unknown = sign_up(Client(), "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    to_owner = next(m for m in mail.outbox if m.to == ["outsider@example.org"])
    assert "already has an account" in to_owner.body
    assert reverse("accounts:password_reset") in to_owner.body
    assert not PendingSignUp.objects.filter(email="outsider@example.org").exists()
    outsider.refresh_from_db()
    assert outsider.full_name == "Oto Zunanji"  # nothing about the account changed


def test_a_later_sign_up_with_the_same_address_cannot_take_over_the_first_link(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(Client(), "vesna@example.org", password="the owner's own passphrase")
        sign_up(Client(), "vesna@example.org", password="someone else's passphrase")
    owners_link = link_in(mail.outbox[0])
    Client().post(owners_link)
    user = User.objects.get(email="vesna@example.org")
    assert user.check_password("the owner's own passphrase")
    # The other link is spent with it: one address, one account.
    assert "no longer valid" in Client().post(link_in(mail.outbox[1])).content.decode()


def test_consent_and_a_sound_password_are_required(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        no_consent = sign_up(Client(), "vesna@example.org", consent="")
        weak = sign_up(Client(), "vesna2@example.org", password="12345678")
        different = sign_up(Client(), "vesna3@example.org", password2="something else entirely")
    for response in (no_consent, weak, different):
        assert response.status_code == 200
    assert "Please read the privacy notice and agree to it." in no_consent.content.decode()
    assert not PendingSignUp.objects.exists()
    assert mail.outbox == []


def test_the_sign_up_page_links_the_privacy_notice_and_sign_in_links_sign_up():
    page = Client().get(reverse("accounts:sign_up")).content.decode()
    assert reverse("web:privacy") in page
    assert reverse("accounts:sign_up") in Client().get(reverse("accounts:login")).content.decode()


def test_the_page_asked_for_comes_back_after_confirmation(django_capture_on_commit_callbacks):
    target = reverse("clubs:interest_join")
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(Client(), "vesna@example.org", next=target)
        sign_up(Client(), "evil@example.org", next="https://evil.example/")
    response = Client().post(link_in(mail.outbox[0]))
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fclubs%2Finterest%2Fjoin%2F"
    response = Client().post(link_in(mail.outbox[1]))
    assert response["Location"] == reverse("accounts:login")


def test_sign_up_mails_to_one_address_are_limited(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(8):
            assert sign_up(Client(), "flooded@example.org").status_code == 302
    assert len(mail.outbox) == 5
