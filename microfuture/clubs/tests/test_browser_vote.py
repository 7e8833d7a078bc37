"""An online vote in a real headless Chromium: open it, two members vote, close, Approved."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from microfuture.clubs.models import Proposal, Vote
from microfuture.clubs.services.governance import proposal_submit
from microfuture.conftest import sign_in
from microfuture.web.tests.a11y import accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_online_vote_through_the_pages(page, live_server, club, enterprise, entrepreneur):
    club.quorum_percent = 40  # 2 of the 5 members make the quorum
    club.save()
    proposal = proposal_submit(
        club=club, enterprise=enterprise, actor=entrepreneur, title="A wood-fired oven",
        summary="The bakery needs a second oven.", instrument="equity",
        amount=Decimal("1500.00"),
    )
    url = f"{live_server.url}/clubs/{club.slug}/proposals/{proposal.pk}/"

    sign_in(page, live_server, "manager")
    page.goto(url)
    assert accessibility_problems(page) == []
    page.get_by_label("Online, until a deadline", exact=True).check()
    deadline = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Online vote until", exact=True).fill(deadline)
    page.get_by_role("button", name="Open the vote").click()
    assert "The vote is open." in page.locator(".messages").inner_text()
    assert page.locator("#proposal-status").inner_text() == "Vote open"
    assert accessibility_problems(page) == []

    for username, choice in (("member", "Yes"), ("member2", "Yes")):
        page.context.clear_cookies()
        sign_in(page, live_server, username)
        page.goto(url)
        page.get_by_label(choice, exact=True).check()
        page.get_by_role("button", name="Cast my vote").click()
        assert "Your vote is recorded." in page.locator(".messages").inner_text()
        assert accessibility_problems(page) == []
    assert Vote.objects.filter(proposal=proposal, choice="yes").count() == 2

    # Three days pass: the deadline is behind us.
    Proposal.objects.filter(pk=proposal.pk).update(
        vote_deadline=timezone.now() - timedelta(minutes=1)
    )
    page.context.clear_cookies()
    sign_in(page, live_server, "secretary")
    page.goto(url)
    page.get_by_role("button", name="Close the vote and decide").click()
    assert page.locator("#proposal-status").inner_text() == "Approved"
    assert "Approved (Simple majority): 2 yes, 0 no, 0 abstaining" in page.content()
    assert accessibility_problems(page) == []
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.APPROVED


def test_governance_pages_are_accessible(page, live_server, club, enterprise, entrepreneur,
                                         manager):
    from microfuture.clubs.models import Meeting

    proposal = proposal_submit(
        club=club, enterprise=enterprise, actor=entrepreneur, title="Oven", summary="Oven.",
        instrument="loan", amount=Decimal("1000"), rate=Decimal("2"), term=12,
    )
    meeting = Meeting.objects.create(club=club, title="May", starts_at=timezone.now())
    sign_in(page, live_server, "manager")
    for path in (f"/clubs/{club.slug}/meetings/", f"/clubs/{club.slug}/meetings/{meeting.pk}/",
                 f"/clubs/{club.slug}/proposals/", f"/clubs/{club.slug}/mentoring/",
                 f"/clubs/{club.slug}/proposals/{proposal.pk}/",
                 f"/clubs/enterprise/{enterprise.slug}/"):
        for width in (375, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(live_server.url + path)
            assert accessibility_problems(page) == [], path
    page.context.clear_cookies()
    sign_in(page, live_server, "entrepreneur")
    for path in ("/clubs/enterprise/", f"/clubs/enterprise/{enterprise.slug}/"):
        page.goto(live_server.url + path)
        assert accessibility_problems(page) == [], path
