"""The account and privacy pages (issue 10's access matrix) × the 13 roles of
`clubs/tests/test_access_matrix.py`: each person reaches their own account, sessions, data and
closing page and nobody else's; anonymous visitors are sent to sign in (the API: 401); the
privacy notice is public.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from microfuture.accounts.models import SessionRecord
from microfuture.clubs.tests.conftest import (  # noqa: F401 (fixtures of the club roles)
    club,
    enterprise,
    entrepreneur,
    manager,
    member,
    member2,
    secretary,
    treasurer,
)
from microfuture.clubs.tests.test_access_matrix import ROLES, person
from microfuture.conftest import make_user

pytestmark = pytest.mark.django_db

OWN_PAGES = ["/accounts/me/", "/accounts/me/password/", "/accounts/me/sessions/",
             "/accounts/me/close/", "/privacy/my-data/"]


@pytest.mark.parametrize("role", ROLES)
def test_own_account_pages(role: str, request: Any, client: Client) -> None:
    user = person(role, request.getfixturevalue("club"), request)
    if user is not None:
        client.force_login(user)
    assert client.get("/privacy/").status_code == 200  # the notice is for everyone
    api = client.get("/api/v1/accounts/me")
    for path in OWN_PAGES:
        response = client.get(path)
        if user is None:
            assert response.status_code == 302, path
            assert "/accounts/sign-in/" in response["Location"], path
        else:
            assert response.status_code == 200, path
    if user is None:
        assert api.status_code == 401
        return
    assert api.status_code == 200 and api.json()["username"] == user.get_username()
    data = json.loads(client.get("/privacy/my-data/").content)
    assert data["account"]["username"] == user.get_username()  # their own, nobody else's
    page = client.get("/accounts/me/").content.decode()
    assert user.email in page


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_nobody_ends_another_persons_session(role: str, request: Any) -> None:
    """The sessions page ends only the person's own sessions, whatever key is posted."""
    victim = make_user("victim", full_name="Vida Žrtev")
    theirs = Client()
    theirs.force_login(victim)
    key = theirs.session.session_key
    assert SessionRecord.objects.filter(user=victim, session_key=key).exists()
    attacker = Client()
    attacker.force_login(person(role, request.getfixturevalue("club"), request))
    assert attacker.post("/accounts/me/sessions/", {"end": key}).status_code == 302
    assert attacker.post("/accounts/me/sessions/", {"others": "1"}).status_code == 302
    assert Session.objects.filter(session_key=key).exists()
    assert theirs.get("/accounts/me/").status_code == 200


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_closing_needs_the_persons_own_password(role: str, request: Any,
                                                client: Client) -> None:
    user = person(role, request.getfixturevalue("club"), request)
    client.force_login(user)
    response = client.post("/accounts/me/close/", {"password": "not the password"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.is_active and user.get_username() != f"closed-{user.pk}"
