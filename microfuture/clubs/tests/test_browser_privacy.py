"""What a member and a former member see, in a real headless Chromium (docs/privacy.md): the
consents form on one's own page, the club's statement without other members' lines, and a
former member's way to their own statement only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from microfuture.clubs.core import Event
from microfuture.clubs.models import Member
from microfuture.clubs.services import club_record_events, member_add
from microfuture.conftest import make_user, sign_in
from microfuture.web.tests.axe import axe_violations, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def saved(club, treasurer, manager):
    member_add(club=club, name="Petra", on=date(2026, 1, 5), role="member",
               user=make_user("former", full_name="Petra Bivša"), actor=manager)
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("123.45")),
        Event(date=date(2026, 2, 1), type="contribution", member="Nina", amount=Decimal("437.19")),
        Event(date=date(2026, 2, 1), type="contribution", member="Petra", amount=Decimal("50")),
        Event(date=date(2026, 3, 1), type="exit", member="Petra"),
    ])
    return club


def test_a_member_gives_a_consent_and_reads_only_their_own_line(page, live_server, saved):
    sign_in(page, live_server, "member")
    page.goto(f"{live_server.url}/clubs/{saved.slug}/")
    page.get_by_role("link", name="My savings").click()
    box = page.get_by_label("The regional coordinator may read my personal statement")
    box.check()
    page.get_by_role("button", name="Save my consents").click()
    assert "Your consents are saved." in page.locator(".messages").inner_text()
    assert page.get_by_label("The regional coordinator may read my personal statement").is_checked()
    assert Member.objects.get(club=saved, name="Miha").coordinator_may_read is True
    assert axe_violations(page) == []

    page.get_by_role("link", name="Statement", exact=True).click()
    text = page.locator("main").inner_text()
    assert "Miha" in text and "Nina" not in text and "437.19" not in text
    assert "The figures of 5 other members are private" in text
    page.set_viewport_size({"width": 360, "height": 800})
    assert sideways_overflow(page) == ""
    assert axe_violations(page) == []


def test_a_former_member_finds_only_their_own_statement(page, live_server, saved):
    sign_in(page, live_server, "former")
    page.goto(f"{live_server.url}/clubs/")
    page.get_by_role("link", name="Zadruga Srce").click()
    assert page.url.endswith(f"/clubs/{saved.slug}/me/")
    club_nav = page.get_by_role("navigation", name="Club")
    assert [link.inner_text() for link in club_nav.get_by_role("link").all()] == ["My savings"]
    assert "You left the club on" in page.locator("main").inner_text()
    page.get_by_role("link", name="My statement", exact=True).click()
    assert "Statement of Petra" in page.locator("h1").inner_text()
    assert axe_violations(page) == []
    response = page.goto(f"{live_server.url}/clubs/{saved.slug}/statement/")
    assert response is not None and response.status == 403
