"""Roles that cannot be bent, as people see them in a real headless Chromium: a treasurer
proposes a charter change on the Slovenian charter page (it does not apply by itself), and a
large exit payout waits until a second officer confirms it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, ClubEvent, PaymentApproval, Proposal
from microfuture.clubs.services.money import club_record_event
from microfuture.conftest import sign_in
from microfuture.web.tests.a11y import accessibility_problems
from microfuture.web.tests.axe import sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_a_phone(page) -> str:
    """What scrolls sideways at 360 px ('' when nothing); the desktop width is restored."""
    size = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 800})
    overflow = sideways_overflow(page)
    page.set_viewport_size(size)
    return overflow


def test_a_treasurer_proposes_a_charter_change_in_slovenian(page, live_server, club,
                                                           treasurer):
    sign_in(page, live_server, "treasurer")
    page.context.add_cookies([{"name": "django_language", "value": "sl",
                               "url": live_server.url}])
    page.goto(f"{live_server.url}/clubs/{club.slug}/charter/")
    assert page.locator("html").get_attribute("lang") == "sl"
    assert accessibility_problems(page) == []
    assert fits_a_phone(page) == ""
    form = page.locator("main form[method=post]").filter(
        has=page.locator("input[name=action][value=rules]"))
    form.locator("input[name=quorum_percent]").fill("30")
    form.locator("input[name=monthly_pledge]").fill("25,50")
    form.get_by_role("button", name="Predlagaj spremembo članom").click()
    assert "Sprememba je predlagana." in page.locator(".messages").inner_text()
    proposal = Proposal.objects.get(kind="charter")
    assert proposal.changes == {"quorum_percent": 30, "monthly_pledge_cents": 2550}
    content = page.content()
    assert "25,50" in content
    assert "soglasno" in content  # a quorum below half needs every yes
    assert accessibility_problems(page) == []
    assert fits_a_phone(page) == ""
    page.goto(f"{live_server.url}/clubs/{club.slug}/roles/")
    assert "Funkcionarji" in page.locator("h1").inner_text()
    assert accessibility_problems(page) == []
    assert fits_a_phone(page) == ""
    assert Club.objects.values_list("quorum_percent", "monthly_pledge_cents").get() == (
        50, 2000)


def test_a_large_exit_waits_for_the_second_officer(page, live_server, club, treasurer):
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 1), type="contribution", member="Nina", amount=Decimal("1500")))
    sign_in(page, live_server, "treasurer")
    page.goto(f"{live_server.url}/clubs/{club.slug}/record/exit/")
    form = page.locator("main form[method=post]")
    form.locator("input[name=date]").fill("2026-03-01")
    form.locator("select[name=member]").select_option("Nina")
    form.locator("button[type=submit]").first.click()
    assert "waits for another treasurer or manager" in page.locator(".messages").inner_text()
    assert "Exit payout to Nina" in page.content()
    assert "Another treasurer or manager must confirm it." in page.content()
    assert accessibility_problems(page) == []
    assert fits_a_phone(page) == ""
    assert not ClubEvent.objects.filter(type="exit").exists()

    page.context.clear_cookies()
    sign_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/clubs/{club.slug}/payments/")
    page.get_by_role("button", name="Confirm and record the payment").click()
    assert "Confirmed: the payment is recorded" in page.locator(".messages").inner_text()
    assert PaymentApproval.objects.get().status == "confirmed"
    assert ClubEvent.objects.get(type="exit").member == "Nina"
    assert accessibility_problems(page) == []
    assert fits_a_phone(page) == ""  # the table of earlier requests too
