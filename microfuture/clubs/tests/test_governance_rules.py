"""The vote rules: majority, two thirds, unanimity, with and without quorum; abstentions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from microfuture.clubs.decisions import decision_text, decision_words
from microfuture.clubs.models import Club, Member, Proposal, Vote
from microfuture.clubs.services.governance import (
    Tally,
    decide,
    meeting_schedule,
    proposal_close_vote,
    proposal_open_vote,
    proposal_submit,
    quorum_needed,
)
from microfuture.clubs.tests.voting import vote_as_member

MAJ, TWO, UNA = (Club.DecisionRule.MAJORITY, Club.DecisionRule.TWO_THIRDS,
                 Club.DecisionRule.UNANIMITY)

# rule, quorum %, eligible, yes, no, abstain, approved, quorum met
CASES = [
    (MAJ, 50, 5, 3, 0, 0, True, True),
    (MAJ, 50, 5, 2, 0, 0, False, False),      # 2 of 5 < 50 %: 3 needed
    (MAJ, 50, 4, 2, 0, 0, True, True),        # 2 × 100 ≥ 50 × 4 exactly
    (MAJ, 50, 5, 2, 2, 1, False, True),       # a tie is not a majority
    (MAJ, 50, 5, 1, 0, 2, True, True),        # abstentions make the quorum, not the decision
    (MAJ, 50, 5, 0, 0, 3, False, True),       # all abstain: no yes over no
    (MAJ, 100, 5, 4, 0, 0, False, False),
    (MAJ, 0, 5, 0, 0, 0, False, False),       # nobody voted: no decision
    (TWO, 50, 5, 2, 1, 0, True, True),        # 3×2 ≥ 2×3
    (TWO, 50, 5, 3, 2, 0, False, True),       # 9 < 10
    (TWO, 50, 6, 4, 2, 0, True, True),        # 12 ≥ 12
    (TWO, 50, 5, 0, 0, 3, False, True),       # yes must be > 0
    (TWO, 60, 5, 2, 0, 0, False, False),
    (UNA, 50, 5, 3, 0, 2, True, True),
    (UNA, 50, 5, 4, 1, 0, False, True),
    (UNA, 50, 5, 0, 0, 3, False, True),       # at least one yes
    (UNA, 80, 5, 3, 0, 0, False, False),
]


@pytest.mark.parametrize(("rule", "quorum", "eligible", "yes", "no", "abstain", "approved",
                          "met"), CASES)
def test_decide(rule, quorum, eligible, yes, no, abstain, approved, met):
    tally = Tally(yes=yes, no=no, abstain=abstain, eligible=eligible,
                  needed=quorum_needed(quorum_percent=quorum, eligible=eligible))
    decision = decide(rule=rule, quorum_percent=quorum, tally=tally)
    assert (decision.approved, decision.quorum_met) == (approved, met)
    assert decision.reason == (
        "rule_met" if approved else ("rule_not_met" if met else "quorum_not_reached")
    )
    assert decision_words(decision.as_json()).startswith(
        "Approved" if approved else ("Rejected" if met else "Quorum not reached")
    )


def test_quorum_message_names_the_figures():
    tally = Tally(yes=2, no=0, abstain=0, eligible=5, needed=3)
    note = decision_words(decide(rule=MAJ, quorum_percent=50, tally=tally).as_json())
    assert note == "Quorum not reached: 2 of 5 members voted, 3 needed."


def _vote_at_meeting(
    club: Any, enterprise: Any, manager: Any, choices: dict[str, str]
) -> Proposal:
    proposal = proposal_submit(
        club=club, enterprise=enterprise, actor=manager, title="New oven",
        summary="A wood-fired oven.", instrument="equity", amount=Decimal("1000"),
    )
    meeting = meeting_schedule(club=club, actor=manager, title="March meeting",
                               starts_at=timezone.now())
    proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)
    for name, choice in choices.items():
        vote_as_member(proposal=proposal, member=Member.objects.get(club=club, name=name),
                       choice=choice)
    return proposal_close_vote(proposal=proposal, actor=manager)


@pytest.mark.parametrize(("rule", "choices", "status"), [
    (MAJ, {"Maja": "yes", "Tine": "yes", "Sara": "no"}, Proposal.Status.APPROVED),
    (MAJ, {"Maja": "yes", "Tine": "no", "Sara": "abstain", "Miha": "abstain"},
     Proposal.Status.REJECTED),
    (TWO, {"Maja": "yes", "Tine": "yes", "Sara": "no", "Miha": "abstain"},
     Proposal.Status.APPROVED),
    (UNA, {"Maja": "yes", "Tine": "yes", "Sara": "yes", "Miha": "no"},
     Proposal.Status.REJECTED),
    (UNA, {"Maja": "yes", "Tine": "abstain", "Sara": "abstain"}, Proposal.Status.APPROVED),
    (MAJ, {"Maja": "yes", "Tine": "yes"}, Proposal.Status.REJECTED),
])
def test_closing_applies_the_club_rule(club, enterprise, manager, rule, choices, status):
    club.decision_rule = rule
    club.save()
    proposal = _vote_at_meeting(club, enterprise, manager, choices)
    assert proposal.status == status
    proposal.refresh_from_db()
    assert proposal.status == status
    assert proposal.decided_at is not None
    # Stored as codes and figures, in no language (issue 9).
    assert proposal.decision["outcome"] == status
    assert proposal.decision["rule"] == rule
    assert proposal.decision["quorum_percent"] == 50
    assert proposal.decision_note == ""


def test_members_who_left_do_not_count(club, enterprise, manager):
    """Eligible = active members when closing; a vote by someone who left no longer counts."""
    from microfuture.clubs.core import Event
    from microfuture.clubs.services.money import club_record_event

    proposal = proposal_submit(
        club=club, enterprise=enterprise, actor=manager, title="Van",
        summary="A delivery van.", instrument="advance",
        amount=Decimal("500.00"),
    )
    meeting = meeting_schedule(club=club, actor=manager, title="M",
                               starts_at=timezone.now())
    proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)
    for name in ("Maja", "Miha", "Nina"):
        vote_as_member(proposal=proposal, member=Member.objects.get(club=club, name=name),
                       choice="yes" if name != "Nina" else "no")
    club_record_event(club=club, event=Event(date=date(2026, 2, 1), type="exit", member="Miha"),
                      recorded_by=manager)
    decided = proposal_close_vote(proposal=proposal, actor=manager)
    # 4 eligible, 2 counted votes (1 yes, 1 no): quorum 2 met, tie → rejected.
    assert decided.status == Proposal.Status.REJECTED
    assert "2 of 4 members voted" in decision_text(decided)
    assert Vote.objects.filter(proposal=proposal).count() == 3
