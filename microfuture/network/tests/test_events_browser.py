"""In a real headless Chromium, without JavaScript on the pages themselves: someone registers
for a public event and cancels through the link in the mail; the interest form; a
coordinator's overview and the organiser's list. Every page passes axe-core's WCAG 2.2 A/AA
rules and fits a 360 px phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from microfuture.network.models import ClubInterest, Registration
from microfuture.network.tests.events_helpers import link_in, make_event
from microfuture.web.tests.axe import axe_violations, install_axe, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def checked(page: Any) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    assert axe_violations(page) == [], page.url
    page.set_viewport_size({"width": 360, "height": 800})
    assert sideways_overflow(page) == "", page.url
    page.set_viewport_size({"width": 1280, "height": 900})


def context_for(browser: Any, live_server: Any, user: Any = None) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    install_axe(context)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value})
    context.add_cookies(cookies)
    return context


def test_register_and_cancel_by_the_link(browser: Any, live_server: Any) -> None:
    session = make_event(capacity=12, agenda="1. What a club is\n2. Questions")
    context = context_for(browser, live_server)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/events/")
        assert page.locator("h1").inner_text() == "Public events"
        checked(page)
        page.get_by_role("link", name="Info session: savings clubs").click()
        assert "12" in page.locator("main").inner_text()
        checked(page)
        page.get_by_label("Your name").fill("Mojca Novak")
        page.get_by_label("Your e-mail address").fill("mojca@example.org")
        page.get_by_label("I agree that the organiser keeps my name").check()
        page.get_by_role("button", name="Register").click()
        assert page.locator("h1").inner_text() == "Check your e-mail"
        checked(page)
        registration = Registration.objects.get(meeting=session)
        assert registration.email == "mojca@example.org"

        page.goto(live_server.url + link_in(mail.outbox[-1].body, "/events/cancel/"))
        checked(page)
        page.get_by_role("button", name="Cancel my registration").click()
        assert "is cancelled" in page.locator("main").inner_text()
        registration.refresh_from_db()
        assert registration.cancelled_at is not None
    finally:
        context.close()


def test_interest_form_and_the_staff_pages(browser: Any, live_server: Any,
                                           coordinator: Any) -> None:
    session = make_event()
    make_event(kind="founding_meeting", public=False, days=-1, title_en="Founding meeting",
               title_sl="Ustanovni sestanek")
    for i in range(5):
        ClubInterest.objects.create(name=f"Person {i}", email=f"p{i}@example.org",
                                    municipality="023", region="SI041",
                                    consent_at=timezone.now(), consent_text="yes")
    Registration.objects.create(meeting=session, name="Mojca Novak", email="mojca@example.org",
                                consent_at=timezone.now(), consent_text="yes")
    anonymous = context_for(browser, live_server)
    page = anonymous.new_page()
    try:
        page.goto(f"{live_server.url}/network/interest/")
        checked(page)
        page.get_by_label("Your name").fill("Rok Novak")
        page.get_by_label("Your e-mail address").fill("rok@example.org")
        page.get_by_label("Your municipality").select_option(label="Domžale")
        page.get_by_label("I agree that the regional coordinators").check()
        page.get_by_role("button", name="Send").click()
        assert page.locator("h1").inner_text() == "Check your e-mail"
        assert ClubInterest.objects.get(email="rok@example.org").region == "SI041"
    finally:
        anonymous.close()

    staff = context_for(browser, live_server, coordinator)
    page = staff.new_page()
    try:
        page.goto(f"{live_server.url}/network/interest/overview/")
        assert "enough for an info session" in page.locator("main").inner_text()
        checked(page)
        page.get_by_label("Domžale (Osrednjeslovenska)").check()
        page.get_by_role("button", name="Invite").click()
        assert "6 people invited" in page.locator("main").inner_text()
        checked(page)
        page.get_by_role("link", name="Founding meeting").click()
        checked(page)
        page.goto(f"{live_server.url}/events/{session.pk}/registrations/")
        assert "mojca@example.org" in page.locator("main").inner_text()
        checked(page)
    finally:
        staff.close()
