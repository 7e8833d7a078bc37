"""A newcomer, from the home page, signs up, confirms, signs in, asks to join a club and is
invited in, in a real headless Chromium and in Slovenian."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from microfuture.accounts.models import Consent, User
from microfuture.clubs.models import InterestRequest, Member
from microfuture.web.tests.a11y import accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link_in(message, path: str) -> str:
    found = re.search(r"https?://\S+" + re.escape(path) + r"\S+", message.body)
    assert found, message.body
    return found.group(0)


def test_newcomer_signs_up_asks_to_join_and_accepts_the_invitation(
    page, live_server, club, manager
):
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Slovenščina").click()
    page.get_by_role("link", name="Pridružite se klubu v svoji bližini").first.click()
    # Not signed in: the sign-in page offers an account.
    page.get_by_role("link", name="Ustvarite račun").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ustvarite račun"
    assert accessibility_problems(page) == []
    page.get_by_label("Vaše ime in priimek").fill("Vesna Varčna")
    page.get_by_label("E-poštni naslov").fill("vesna@example.org")
    page.get_by_label("Geslo", exact=True).fill("a long enough passphrase")
    page.get_by_label("Ponovite geslo").fill("a long enough passphrase")
    page.get_by_label("Izjavo o varstvu osebnih podatkov sem prebral(-a)").check()
    page.get_by_role("button", name="Ustvari račun").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Preverite e-pošto"
    assert not User.objects.filter(email="vesna@example.org").exists()

    page.goto(link_in(mail.outbox[-1], "/accounts/sign-up/confirm/"))
    page.get_by_role("button", name="Potrdi in ustvari moj račun").click()
    assert Consent.objects.filter(user__email="vesna@example.org").exists()
    page.get_by_label("Uporabniško ime ali e-poštni naslov").fill("vesna@example.org")
    page.get_by_label("Geslo").fill("a long enough passphrase")
    page.get_by_role("button", name="Prijava").click()

    # Back where she started: the request to join.
    assert page.get_by_role("heading", level=1).inner_text() == "Pridružite se klubu v svoji bližini"
    page.get_by_label("Klub, ki bi se mu radi pridružili").select_option(label="Zadruga Srce (Osrednjeslovenska)")
    page.get_by_role("button", name="Pošlji prošnjo").click()
    assert "Vaša prošnja je poslana" in page.locator(".messages").inner_text()
    assert InterestRequest.objects.filter(user__email="vesna@example.org", club=club).exists()
    assert accessibility_problems(page) == []

    # The manager invites her (service-level here; the officer's page has its own tests).
    from microfuture.clubs.services.invitations import invitation_send

    invitation_send(club=club, actor=manager, name="Vesna", email="vesna@example.org",
                    site_url=live_server.url)
    page.goto(link_in(mail.outbox[-1], "/clubs/invitation/"))
    assert accessibility_problems(page) == []
    page.get_by_role("button", name="Sprejmi in se pridruži klubu").click()
    assert "Dobrodošli v klubu Zadruga Srce" in page.locator(".messages").inner_text()
    member = Member.objects.get(club=club, name="Vesna")
    assert member.user is not None and member.user.email == "vesna@example.org"
    assert member.role == "member"


@pytest.mark.parametrize("path", [
    "/privacy/", "/accounts/sign-up/", "/accounts/me/", "/accounts/me/password/",
    "/accounts/me/sessions/", "/accounts/me/close/", "/clubs/interest/", "/clubs/interest/join/",
    "/clubs/interest/inbox/", "/clubs/zadruga-srce/invitations/",
])
def test_pages_are_accessible_and_fit_a_phone(page, live_server, club, manager, outsider, path):
    from microfuture.clubs.services.interest import interest_join_club
    from microfuture.clubs.services.invitations import invitation_send
    from microfuture.conftest import sign_in

    interest_join_club(actor=outsider, region=club.region, club=club, message="Rada bi varčevala.")
    invitation_send(club=club, actor=manager, name="Petra", email="petra@example.org",
                    site_url=live_server.url)
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, live_server, "manager")
    page.goto(f"{live_server.url}{path}")
    assert page.get_by_role("heading", level=1).is_visible()
    assert accessibility_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
