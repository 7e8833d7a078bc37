"""A person sees where they are signed in and ends sessions; a new password ends the others."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from microfuture.accounts.browsers import browser_summary
from microfuture.accounts.models import SessionRecord
from microfuture.conftest import PASSWORD

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
EDGE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
)
IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def signed_in(username: str, user_agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("accounts:me")).status_code == 200


def test_browser_names():
    assert browser_summary(FIREFOX) == "Firefox · Windows"
    assert browser_summary(ANDROID_CHROME) == "Chrome · Android"
    assert browser_summary(EDGE) == "Edge · Windows"
    assert browser_summary(IPHONE_SAFARI) == "Safari · iOS"
    assert browser_summary("curl/8.5") == ""


def test_each_sign_in_is_listed_with_its_browser(outsider):
    laptop = signed_in("outsider", FIREFOX)
    signed_in("outsider", ANDROID_CHROME)
    page = laptop.get(reverse("accounts:sessions")).content.decode()
    assert "Firefox · Windows" in page and "Chrome · Android" in page
    assert "this session" in page
    assert SessionRecord.objects.filter(user=outsider).count() == 2
    laptop.post(reverse("accounts:logout"))
    assert SessionRecord.objects.filter(user=outsider).count() == 1


def test_ending_one_session_and_everywhere_else(outsider):
    laptop = signed_in("outsider", FIREFOX)
    phone = signed_in("outsider", ANDROID_CHROME)
    tablet = signed_in("outsider", IPHONE_SAFARI)
    phone_key = phone.session.session_key
    laptop.post(reverse("accounts:sessions"), {"end": phone_key})
    assert not is_signed_in(phone)
    assert is_signed_in(laptop) and is_signed_in(tablet)
    assert not Session.objects.filter(session_key=phone_key).exists()

    laptop.post(reverse("accounts:sessions"), {"others": "1"})
    assert not is_signed_in(tablet)
    assert is_signed_in(laptop)
    assert list(SessionRecord.objects.filter(user=outsider).values_list("session_key", flat=True)) == [
        laptop.session.session_key
    ]


def test_nobody_ends_someone_else_s_session(outsider, curator):
    theirs = signed_in("curator", FIREFOX)
    mine = signed_in("outsider", FIREFOX)
    mine.post(reverse("accounts:sessions"), {"end": theirs.session.session_key})
    assert is_signed_in(theirs)
    assert SessionRecord.objects.filter(user=curator).count() == 1


def test_changing_the_password_ends_the_other_sessions(outsider):
    laptop = signed_in("outsider", FIREFOX)
    phone = signed_in("outsider", ANDROID_CHROME)
    response = laptop.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD,
        "new_password1": "another long passphrase",
        "new_password2": "another long passphrase",
    })
    assert response.status_code == 302
    outsider.refresh_from_db()
    assert outsider.check_password("another long passphrase")
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert not Session.objects.filter(session_key=phone.session.session_key).exists()
    page = laptop.get(reverse("accounts:sessions")).content.decode()
    assert "Firefox · Windows" in page and "Chrome · Android" not in page


def test_a_wrong_old_password_changes_nothing(outsider):
    laptop = signed_in("outsider", FIREFOX)
    phone = signed_in("outsider", ANDROID_CHROME)
    response = laptop.post(reverse("accounts:password_change"), {
        "old_password": "not it",
        "new_password1": "another long passphrase",
        "new_password2": "another long passphrase",
    })
    assert response.status_code == 200
    outsider.refresh_from_db()
    assert outsider.check_password(PASSWORD)
    assert is_signed_in(phone)


def test_the_account_page_links_password_sessions_requests_and_clubs(outsider):
    client = signed_in("outsider", FIREFOX)
    page = client.get(reverse("accounts:me")).content.decode()
    for name in ("accounts:password_change", "accounts:sessions", "clubs:interest", "clubs:list",
                 "web:privacy"):
        assert reverse(name) in page
