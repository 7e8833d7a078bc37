"""Only active members vote, once each; outsiders, people who left and other clubs' members
cannot."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from microfuture.clubs.core import Event
from microfuture.clubs.models import Member, Proposal, Vote
from microfuture.clubs.services.governance import proposal_open_vote, proposal_submit
from microfuture.clubs.services.money import ClubError, club_record_event
from microfuture.clubs.tests.voting import vote_as_member


@pytest.fixture
def voting(club, enterprise, manager):
    proposal = proposal_submit(
        club=club, enterprise=enterprise, actor=manager, title="Oven", summary="Oven.",
        instrument="equity", amount=Decimal("1000"),
    )
    return proposal_open_vote(proposal=proposal, actor=manager,
                              deadline=timezone.now() + timedelta(days=1))


def test_a_member_who_left_cannot_vote(club, voting, manager):
    club_record_event(club=club, event=Event(date=date(2026, 2, 1), type="exit", member="Nina"),
                      recorded_by=manager)
    with pytest.raises(ClubError, match="Only active members"):
        vote_as_member(proposal=voting, member=Member.objects.get(club=club, name="Nina"),
                       choice="yes")
    assert not Vote.objects.exists()


def test_a_member_of_another_club_cannot_vote(club, voting, manager, outsider):
    from microfuture.clubs.services import club_found

    other = club_found(founder=outsider, founder_name="Oto", name="Druga", region="SI041",
                       start_date=date(2026, 1, 5), monthly_pledge=Decimal("10"))
    with pytest.raises(ClubError, match="Only active members"):
        vote_as_member(proposal=voting, member=Member.objects.get(club=other), choice="yes")


def test_one_vote_each_changed_not_added(club, voting, client, member):
    client.force_login(member)
    url = f"/clubs/{club.slug}/proposals/{voting.pk}/"
    client.post(url, {"action": "vote", "choice": "yes"})
    client.post(url, {"action": "vote", "choice": "abstain"})
    assert list(Vote.objects.values_list("member__name", "choice")) == [("Miha", "abstain")]


def test_no_vote_when_not_open(club, enterprise, manager, member, client):
    proposal = proposal_submit(
        club=club, enterprise=enterprise, actor=manager, title="Oven", summary="Oven.",
        instrument="equity", amount=Decimal("1000"),
    )
    client.force_login(member)
    response = client.post(f"/clubs/{club.slug}/proposals/{proposal.pk}/",
                           {"action": "vote", "choice": "yes"}, follow=True)
    assert "This proposal is not open for voting." in response.content.decode()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert not Vote.objects.exists()


def test_outsider_cannot_vote(club, voting, client, outsider):
    client.force_login(outsider)
    response = client.post(f"/clubs/{club.slug}/proposals/{voting.pk}/",
                           {"action": "vote", "choice": "yes"})
    assert response.status_code == 404  # an outsider may not know the club exists (docs/security.md, "Oracles")
    assert not Vote.objects.exists()
