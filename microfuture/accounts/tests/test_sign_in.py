"""Sign-in, sign-out, throttling and password reset through the pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from microfuture.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def post_login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_sign_in_and_out(outsider):
    client = Client()
    response = post_login(client, "outsider", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("accounts:me")).status_code == 200
    client.post(reverse("accounts:logout"))
    response = client.get(reverse("accounts:me"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_wrong_password_is_refused_with_a_message(outsider):
    response = post_login(Client(), "outsider", "not the password")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_password_reset_by_email(outsider):
    client = Client()
    response = client.post(reverse("accounts:password_reset"), {"email": "outsider@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["outsider@example.org"]
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", str(message.body))
    assert link
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a brand new secret 42", "new_password2": "a brand new secret 42"},
    )
    assert response.status_code == 302
    assert post_login(Client(), "outsider", "a brand new secret 42").status_code == 302


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(db):
    response = Client().post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True
    )
    assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == []


def test_passwords_are_hashed_with_argon2(db, settings):
    from microfuture.conftest import make_user
    from microfuture.settings import PASSWORD_HASHERS

    settings.PASSWORD_HASHERS = PASSWORD_HASHERS
    user = make_user("hashed")
    assert user.password.startswith("argon2")
    assert user.check_password(PASSWORD)
