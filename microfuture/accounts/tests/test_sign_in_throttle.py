"""The sign-in throttle: one count, in the database, for the site's and the admin's sign-in."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from microfuture.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

SITE = "accounts:login"
ADMIN = "admin:login"


def attempt(client: Client, url: str, username: str, password: str, **extra: Any) -> Any:
    return client.post(reverse(url), {"username": username, "password": password}, **extra)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6


def test_site_lockout_refuses_the_right_password_and_says_how_long(outsider, settings):
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
    client = Client()
    for _ in range(2):
        assert attempt(client, SITE, "outsider", "guess").status_code == 200
    assert attempt(client, SITE, "outsider", "guess").status_code == 429  # the third stops it
    response = attempt(client, SITE, "outsider", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "15 minutes" in page
    assert not signed_in(client)
    assert AccessAttempt.objects.get(username="outsider").failures_since_start >= 3


def test_the_admin_sign_in_is_throttled(admin):
    client = Client()
    for _ in range(3):
        attempt(client, ADMIN, "admin", "guess")
    response = attempt(client, ADMIN, "admin", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    assert client.get(reverse("admin:index")).status_code == 302


def test_admin_and_site_failures_share_one_count(admin):
    client = Client()
    attempt(client, ADMIN, "admin", "guess")
    attempt(client, SITE, "admin", "guess")
    attempt(client, ADMIN, "admin", "guess")
    assert attempt(client, SITE, "admin", PASSWORD).status_code == 429
    assert not signed_in(client)


def test_a_success_clears_only_its_own_count(outsider):
    client = Client()
    attempt(client, SITE, "outsider", "guess")
    attempt(client, SITE, "outsider", "guess")
    assert attempt(client, SITE, "outsider", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    attempt(client, SITE, "outsider", "guess")
    attempt(client, SITE, "outsider", "guess")
    assert attempt(client, SITE, "outsider", PASSWORD).status_code == 302


def test_a_success_does_not_reset_the_address_count_against_others(outsider):
    victims = [make_user(f"victim{i}") for i in range(3)]
    guesser = Client()
    for victim in victims:  # two guesses each: under the per-name limit
        attempt(guesser, SITE, victim.username, "guess")
        attempt(guesser, SITE, victim.username, "guess")
        # the guesser's own account signs in between guesses
        assert attempt(guesser, SITE, "outsider", PASSWORD).status_code in (302, 429)
        guesser.post(reverse("accounts:logout"))
    # 6 failures from this address across names: the address is stopped, whoever it tries
    assert AccessAttempt.objects.filter(username__startswith="victim").count() == 3
    response = attempt(guesser, SITE, "victim0", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(guesser)


def test_the_count_survives_a_restart(outsider):
    for _ in range(3):
        attempt(Client(), SITE, "outsider", "guess")
    cache.clear()  # a new worker process or a restart: nothing is in memory
    fresh = Client()
    assert attempt(fresh, SITE, "outsider", PASSWORD).status_code == 429
    assert not signed_in(fresh)


def test_without_the_proxy_setting_x_forwarded_for_is_ignored(outsider, settings):
    settings.BEHIND_PROXY = False
    for n in range(3):  # a guesser cannot escape the count by inventing addresses
        attempt(Client(), SITE, "outsider", "guess", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}
    response = attempt(Client(), SITE, "outsider", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 429


def test_behind_the_proxy_clients_are_counted_apart(outsider, settings):
    settings.BEHIND_PROXY = True
    # Both arrive from the proxy (REMOTE_ADDR 127.0.0.1); the proxy adds the real client last.
    guesser = {"HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.1"}
    owner = {"HTTP_X_FORWARDED_FOR": "203.0.113.2"}
    for _ in range(3):
        attempt(Client(), SITE, "outsider", "guess", **guesser)
    assert attempt(Client(), SITE, "outsider", PASSWORD, **guesser).status_code == 429
    client = Client()
    assert attempt(client, SITE, "outsider", PASSWORD, **owner).status_code == 302
    assert signed_in(client)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.1"}


def test_the_lockout_page_is_in_slovenian(outsider, settings):
    client = Client(HTTP_ACCEPT_LANGUAGE="sl")
    for _ in range(3):
        attempt(client, SITE, "outsider", "guess")
    response = attempt(client, SITE, "outsider", PASSWORD)
    assert response.status_code == 429
    assert response["Content-Language"] == "sl"
    assert "Prijava je začasno ustavljena" in response.content.decode()
