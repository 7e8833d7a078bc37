"""Who may do what on the governance pages: checked on the server, 403 otherwise."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from microfuture.clubs.models import Meeting, Proposal
from microfuture.clubs.services.governance import proposal_submit


@pytest.fixture
def proposal(club, enterprise, entrepreneur):
    return proposal_submit(
        club=club, enterprise=enterprise, actor=entrepreneur, title="Oven", summary="Oven.",
        instrument="equity", amount=Decimal("1000"),
    )


def deadline() -> str:
    return (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")


def test_member_cannot_open_a_vote(club, proposal, client, member):
    client.force_login(member)
    url = f"/clubs/{club.slug}/proposals/{proposal.pk}/"
    page = client.get(url).content.decode()
    assert "Open the vote" not in page
    response = client.post(url, {"action": "open_vote", "how": "online",
                                 "deadline": deadline()})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_secretary_opens_a_vote(club, proposal, client, secretary):
    client.force_login(secretary)
    url = f"/clubs/{club.slug}/proposals/{proposal.pk}/"
    response = client.post(url, {"action": "open_vote", "how": "online",
                                 "deadline": deadline()}, follow=True)
    assert "The vote is open." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.VOTING


def test_member_cannot_schedule_meetings_or_file_proposals(club, client, member, enterprise):
    client.force_login(member)
    assert client.post(f"/clubs/{club.slug}/meetings/", {
        "title": "Party", "starts_at": deadline()}).status_code == 403
    assert client.post(f"/clubs/{club.slug}/proposals/", {
        "enterprise": enterprise.pk, "title": "x", "summary": "y", "instrument": "equity",
        "amount": "10"}).status_code == 403
    assert not Meeting.objects.exists()
    assert not Proposal.objects.exists()


def test_member_cannot_invest(club, proposal, client, member):
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.APPROVED)
    client.force_login(member)
    response = client.post(f"/clubs/{club.slug}/proposals/{proposal.pk}/",
                           {"action": "invest", "on": "2026-03-01"})
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["meetings/", "proposals/", "proposals/{pk}/", "mentoring/"])
def test_outsider_gets_404(club, proposal, client, outsider, path):
    client.force_login(outsider)
    assert client.get(f"/clubs/{club.slug}/" + path.format(pk=proposal.pk)).status_code == 404  # an outsider may not know the club exists (docs/security.md, "Oracles")


def test_entrepreneur_sees_only_own_enterprise(client, entrepreneur, enterprise, outsider):
    from microfuture.clubs.services.enterprise import enterprise_register

    other = enterprise_register(actor=outsider, name="Kolesarnica Hitri Obrat")
    client.force_login(entrepreneur)
    assert client.get(f"/clubs/enterprise/{enterprise.slug}/").status_code == 200
    assert client.get(f"/clubs/enterprise/{other.slug}/").status_code == 404  # no oracle
    assert client.post(f"/clubs/enterprise/{other.slug}/", {
        "action": "update", "update-date": "2026-03-01", "update-jobs": "3"}).status_code == 404
    assert not other.updates.exists()


def test_club_member_reads_enterprise_that_applied(club, proposal, client, member, outsider,
                                                   enterprise, coordinator):
    client.force_login(member)
    page = client.get(f"/clubs/enterprise/{enterprise.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Oven" in html and "Post your news" not in html
    assert client.post(f"/clubs/enterprise/{enterprise.slug}/", {
        "action": "update", "update-date": "2026-03-01", "update-jobs": "3"}).status_code == 403
    client.force_login(coordinator)  # coordinates the club's region
    assert client.get(f"/clubs/enterprise/{enterprise.slug}/").status_code == 200
    client.force_login(outsider)
    assert client.get(f"/clubs/enterprise/{enterprise.slug}/").status_code == 404
