"""Online votes: a deadline in the future, no votes after it, closing after it (or when all
have voted), and the idempotent `close_due_votes` command."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from microfuture.clubs.decisions import decision_text
from microfuture.clubs.models import AuditLog, Member, Proposal
from microfuture.clubs.services.governance import (
    proposal_close_vote,
    proposal_open_vote,
    proposal_submit,
)
from microfuture.clubs.services.money import ClubError
from microfuture.clubs.tests.voting import vote_as_member


@pytest.fixture
def proposal(club, enterprise, entrepreneur):
    return proposal_submit(
        club=club, enterprise=enterprise, actor=entrepreneur, title="Oven",
        summary="A wood-fired oven.", instrument="equity", amount=Decimal("1000"),
    )


def member(club: Any, name: str) -> Member:
    return Member.objects.get(club=club, name=name)


def test_deadline_must_be_in_the_future(proposal, manager):
    with pytest.raises(ClubError, match="must be in the future"):
        proposal_open_vote(proposal=proposal, actor=manager,
                           deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ClubError, match="either a meeting or a deadline"):
        proposal_open_vote(proposal=proposal, actor=manager)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_votes_refused_after_the_deadline(club, proposal, manager):
    now = timezone.now()
    proposal_open_vote(proposal=proposal, actor=manager, deadline=now + timedelta(days=2))
    vote_as_member(proposal=proposal, member=member(club, "Miha"), choice="yes")
    vote_as_member(proposal=proposal, member=member(club, "Miha"), choice="no")  # changes it
    assert proposal.votes.get().choice == "no"
    with pytest.raises(ClubError, match="online vote ended"):
        vote_as_member(proposal=proposal, member=member(club, "Nina"), choice="yes",
                       now=now + timedelta(days=2, seconds=1))
    assert proposal.votes.count() == 1


def test_cannot_close_before_deadline_unless_everyone_voted(club, proposal, manager):
    proposal_open_vote(proposal=proposal, actor=manager,
                       deadline=timezone.now() + timedelta(days=2))
    for name in ("Maja", "Tine", "Sara", "Miha"):
        vote_as_member(proposal=proposal, member=member(club, name), choice="yes")
    with pytest.raises(ClubError, match="4 of 5 so far"):
        proposal_close_vote(proposal=proposal, actor=manager)
    vote_as_member(proposal=proposal, member=member(club, "Nina"), choice="abstain")
    decided = proposal_close_vote(proposal=proposal, actor=manager)
    assert decided.status == Proposal.Status.APPROVED
    with pytest.raises(ClubError, match="no open vote"):
        proposal_close_vote(proposal=proposal, actor=manager)


def test_any_governance_role_closes_after_deadline(club, proposal, manager, secretary, member2):
    now = timezone.now()
    proposal_open_vote(proposal=proposal, actor=manager, deadline=now + timedelta(hours=1))
    vote_as_member(proposal=proposal, member=member(club, "Miha"), choice="yes")
    with pytest.raises(ClubError, match="Only the club's manager"):
        proposal_close_vote(proposal=proposal, actor=member2, now=now + timedelta(hours=2))
    decided = proposal_close_vote(proposal=proposal, actor=secretary,
                                  now=now + timedelta(hours=2))
    assert decided.status == Proposal.Status.REJECTED
    assert decision_text(decided) == "Quorum not reached: 1 of 5 members voted, 3 needed."
    assert decided.decision["reason"] == "quorum_not_reached"


def test_close_due_votes_command_is_idempotent(club, proposal, manager, enterprise):
    later = proposal_submit(
        club=club, enterprise=enterprise, actor=manager, title="Van", summary="A van.",
        instrument="advance", amount=Decimal("500"),
    )
    proposal_open_vote(proposal=proposal, actor=manager,
                       deadline=timezone.now() + timedelta(hours=1))
    proposal_open_vote(proposal=later, actor=manager,
                       deadline=timezone.now() + timedelta(days=3))
    for name in ("Maja", "Tine", "Sara"):
        vote_as_member(proposal=proposal, member=member(club, name), choice="yes")
    # Time passes: the first deadline is now behind us.
    Proposal.objects.filter(pk=proposal.pk).update(
        vote_deadline=timezone.now() - timedelta(minutes=5)
    )
    out = StringIO()
    call_command("close_due_votes", stdout=out)
    assert "Zadruga Srce: proposal" in out.getvalue()
    assert "approved" in out.getvalue()
    assert "Closed 1 vote(s)." in out.getvalue()
    proposal.refresh_from_db()
    later.refresh_from_db()
    assert proposal.status == Proposal.Status.APPROVED
    assert later.status == Proposal.Status.VOTING
    decided = AuditLog.objects.get(action="proposal.decided")
    assert decided.detail["by"] == "schedule"
    assert decided.actor is None

    again = StringIO()
    call_command("close_due_votes", stdout=again)
    assert again.getvalue().strip() == "Closed 0 vote(s)."
    assert AuditLog.objects.filter(action="proposal.decided").count() == 1
