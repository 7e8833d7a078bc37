"""The charter changes only by the members' decision under the rules in force (issue 9,
"quorum bypass"); a vote is decided by the charter in force when it opened."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, Club, ClubEvent, Member, Proposal
from microfuture.clubs.services import club_found
from microfuture.clubs.services.charter import charter_propose_change, club_update_charter
from microfuture.clubs.services.governance import (
    club_invest_from_proposal,
    meeting_schedule,
    proposal_close_vote,
    proposal_open_vote,
    proposal_submit,
)
from microfuture.clubs.services.money import ClubError, club_record_event
from microfuture.clubs.tests.voting import vote_as_member

NAMES = ("Maja", "Tine", "Sara", "Miha", "Nina")


def member(club: Any, name: str) -> Member:
    return Member.objects.get(club=club, name=name)


def vote_now(club: Any, proposal: Proposal, manager: Any, choices: dict[str, str]) -> Proposal:
    meeting = meeting_schedule(club=club, actor=manager, title="General meeting",
                               starts_at=timezone.now())
    proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)
    for name, choice in choices.items():
        vote_as_member(proposal=proposal, member=member(club, name), choice=choice)
    return proposal_close_vote(proposal=proposal, actor=manager)


def test_an_officer_cannot_set_the_rules_of_an_active_club(club, treasurer, client):
    with pytest.raises(ClubError, match="members' decision"):
        club_update_charter(club=club, actor=treasurer, quorum_percent=0)
    client.force_login(treasurer)
    page = client.get(f"/clubs/{club.slug}/charter/").content.decode()
    assert "Propose a change" in page and "Save the charter" not in page
    club.refresh_from_db()
    assert club.quorum_percent == 50
    assert not AuditLog.objects.filter(action="club.charter").exists()


def test_the_quorum_bypass_of_issue_9_no_longer_works(club, enterprise, manager, treasurer,
                                                      entrepreneur):
    """The treasurer lowered the quorum while a vote was open and funded a loan with one
    vote. Now: the change needs the members (unanimity, as it sets a quorum below 50 %),
    and even once adopted it does not apply to the vote already open."""
    for name in NAMES:
        club_record_event(club=club, recorded_by=treasurer, event=Event(
            date=date(2026, 2, 1), type="contribution", member=name, amount=Decimal("1000")))
    loan = proposal_submit(
        club=club, enterprise=enterprise, actor=entrepreneur, title="Oven loan",
        summary="A loan for the oven.", instrument="loan", amount=Decimal("900.00"),
        rate=Decimal("3"), term=12,
    )
    opened = timezone.now()
    proposal_open_vote(proposal=loan, actor=treasurer, deadline=opened + timedelta(days=3))
    assert (loan.rule_at_open, loan.quorum_at_open) == ("majority", 50)
    vote_as_member(proposal=loan, member=member(club, "Tine"), choice="yes")

    change = charter_propose_change(club=club, actor=treasurer, changes={"quorum_percent": 20})
    assert change.kind == Proposal.Kind.CHARTER
    club.refresh_from_db()
    assert club.quorum_percent == 50  # proposing changes nothing
    decided = vote_now(club, change, manager, {n: "yes" for n in NAMES})
    assert decided.rule_at_open == "unanimity"
    assert decided.status == Proposal.Status.APPROVED
    club.refresh_from_db()
    assert club.quorum_percent == 20  # the members adopted it

    # The loan's vote was opened under a 50 % quorum: 1 of 5 votes is not enough.
    result = proposal_close_vote(proposal=loan, actor=treasurer,
                                 now=opened + timedelta(days=3, minutes=1))
    assert result.status == Proposal.Status.REJECTED
    assert result.decision["reason"] == "quorum_not_reached"
    assert (result.decision["quorum_percent"], result.decision["needed"]) == (50, 3)
    with pytest.raises(ClubError, match="Only an approved proposal"):
        club_invest_from_proposal(club=club, proposal=loan, on=date(2026, 3, 1),
                                  actor=treasurer)
    assert not ClubEvent.objects.filter(type="investment").exists()


def test_a_quorum_below_half_needs_every_yes(club, manager):
    change = charter_propose_change(club=club, actor=manager, changes={"quorum_percent": 30})
    decided = vote_now(club, change, manager, {"Maja": "yes", "Tine": "yes", "Sara": "yes",
                                               "Miha": "yes", "Nina": "no"})
    assert decided.status == Proposal.Status.REJECTED
    assert decided.decision["rule"] == "unanimity"
    assert "applied" not in decided.decision
    club.refresh_from_db()
    assert club.quorum_percent == 50


def test_a_weaker_rule_needs_unanimity_a_stricter_one_the_rule_in_force(club, manager):
    Club.objects.filter(pk=club.pk).update(decision_rule="two_thirds")
    weaker = charter_propose_change(club=club, actor=manager,
                                    changes={"decision_rule": "majority"})
    stricter = charter_propose_change(club=club, actor=manager,
                                      changes={"decision_rule": "unanimity"})
    weak = vote_now(club, weaker, manager, {"Maja": "yes", "Tine": "yes", "Sara": "no"})
    assert (weak.rule_at_open, weak.status) == ("unanimity", Proposal.Status.REJECTED)
    strict = vote_now(club, stricter, manager, {"Maja": "yes", "Tine": "yes", "Sara": "no"})
    assert (strict.rule_at_open, strict.status) == ("two_thirds", Proposal.Status.APPROVED)
    club.refresh_from_db()
    assert club.decision_rule == "unanimity"
    row = AuditLog.objects.get(action="club.charter")
    assert row.detail == {"changed": {"decision_rule": ["two_thirds", "unanimity"]},
                          "by": "decision", "proposal": strict.pk}


@pytest.mark.parametrize("changes", [
    {"quorum_percent": 0}, {"quorum_percent": 101}, {"max_stake_percent": 0},
    {"decision_rule": "whoever_shouts"}, {"monthly_pledge_cents": -1}, {"ledger": 5},
])
def test_impossible_charters_are_refused(club, manager, changes):
    with pytest.raises(ClubError):
        charter_propose_change(club=club, actor=manager, changes=changes)
    assert not Proposal.objects.exists()


def test_a_plain_member_cannot_propose(club, member):
    with pytest.raises(ClubError, match="Only the club's manager"):
        charter_propose_change(club=club, actor=member, changes={"quorum_percent": 60})
    assert not Proposal.objects.exists()


def test_founders_set_the_charter_while_forming(manager, outsider):
    forming = club_found(founder=manager, founder_name="Maja", name="Nova zadruga",
                         region="SI041", start_date=date(2026, 1, 5),
                         monthly_pledge=Decimal("20"))
    assert forming.status == Club.Status.FORMING
    club_update_charter(club=forming, actor=manager, quorum_percent=60, open_books=True)
    forming.refresh_from_db()
    assert (forming.quorum_percent, forming.open_books) == (60, True)
    assert AuditLog.objects.get(action="club.charter").detail["by"] == "founders"
    with pytest.raises(ClubError):
        club_update_charter(club=forming, actor=outsider, quorum_percent=70)
    with pytest.raises(ClubError, match="between 1 % and 100 %"):
        club_update_charter(club=forming, actor=manager, quorum_percent=0)
    with pytest.raises(ClubError, match="between 1 % and 100 %"):
        club_found(founder=outsider, founder_name="Oto", name="Ničelna", region="SI041",
                   start_date=date(2026, 1, 5), quorum_percent=0)


def test_officers_keep_the_particulars_up_to_date_without_a_vote(club, secretary, client):
    client.force_login(secretary)
    response = client.post(f"/clubs/{club.slug}/charter/", {
        "action": "particulars", "region": "SI041", "open_to_projects": "",
        "description": "Lokalne pekarne.", "contact_email": "zadruga@example.org",
    }, follow=True)
    assert "The club&#x27;s details are saved." in response.content.decode()
    club.refresh_from_db()
    assert (club.open_to_projects, club.contact_email) == (False, "zadruga@example.org")
    assert club.quorum_percent == 50
    assert club.other_regions == []


def test_officers_tick_the_other_regions_the_club_covers(club, secretary, client):
    client.force_login(secretary)
    page = client.get(f"/clubs/{club.slug}/charter/").content.decode()
    assert 'type="checkbox" name="other_regions" value="SI035"' in page
    particulars = {"action": "particulars", "region": "SI041", "open_to_projects": "on",
                   "description": "", "contact_email": ""}
    client.post(f"/clubs/{club.slug}/charter/", {**particulars, "other_regions": ["SI035"]})
    club.refresh_from_db()
    assert club.other_regions == ["SI035"]
    refused = client.post(f"/clubs/{club.slug}/charter/",
                          {**particulars, "other_regions": ["SI035", "SI041"]})
    assert "own region cannot also be one of its other regions" in refused.content.decode()
    club.refresh_from_db()
    assert club.other_regions == ["SI035"]


def _rules(**changed: str) -> dict[str, str]:
    return {
        "action": "rules", "decision_rule": "majority", "quorum_percent": "50",
        "max_enterprise_share_percent": "30", "max_stake_percent": "33",
        "monthly_pledge": "20,00", "second_officer_above": "1.000,00", "secret_ballot": "on",
        **changed,
    }


def test_the_charter_page_proposes_a_change_typed_in_slovenian(club, treasurer):
    client = Client(HTTP_ACCEPT_LANGUAGE="sl")
    client.force_login(treasurer)
    response = client.post(f"/clubs/{club.slug}/charter/", _rules(
        monthly_pledge="25,50", second_officer_above="1.500,00", summary="Več za pekarne."))
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/clubs/{club.slug}/proposals/{proposal.pk}/"
    assert proposal.kind == Proposal.Kind.CHARTER
    assert proposal.changes == {"monthly_pledge_cents": 2550,
                                "second_officer_above_cents": 150000}
    assert proposal.summary == "Več za pekarne."
    club.refresh_from_db()
    assert (club.monthly_pledge_cents, club.second_officer_above_cents) == (2000, 100000)
    page = client.get(f"/clubs/{club.slug}/proposals/{proposal.pk}/").content.decode()
    assert "25,50" in page and "1.500,00" in page


def test_the_charter_page_refuses_quorum_zero(club, manager):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(manager)
    response = client.post(f"/clubs/{club.slug}/charter/", _rules(
        quorum_percent="0", monthly_pledge="20.00", second_officer_above="1,000.00"))
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_member_may_not_post_to_the_charter(club, member, client):
    client.force_login(member)
    assert client.post(f"/clubs/{club.slug}/charter/", _rules()).status_code == 403


def test_the_api_proposes_and_refuses_direct_rule_changes(club, treasurer, manager, client):
    client.force_login(treasurer)
    url = f"/api/v1/clubs/{club.slug}/charter"
    refused = client.patch(url, {"quorum_percent": 10}, content_type="application/json")
    assert refused.status_code == 400
    assert "members' decision" in refused.json()["detail"]
    assert client.patch(url, {"quorum_percent": 0},
                        content_type="application/json").status_code == 422
    details = client.patch(url, {"contact_email": "club@example.org"},
                           content_type="application/json")
    assert details.status_code == 200 and details.json()["contact_email"] == "club@example.org"
    proposed = client.post(f"{url}/proposals", {"quorum_percent": 40, "summary": "Fewer."},
                           content_type="application/json")
    assert proposed.status_code == 201, proposed.content
    body = proposed.json()
    assert (body["kind"], body["changes"], body["enterprise"]) == (
        "charter", {"quorum_percent": 40}, None)
    club.refresh_from_db()
    assert club.quorum_percent == 50
    assert client.get(url).json()["quorum_percent"] == 50


def test_the_particulars_are_checked_too(club, secretary, client):
    with pytest.raises(ClubError, match="statistical regions"):
        club_update_charter(club=club, actor=secretary, region="XX999")
    with pytest.raises(ClubError, match="not valid"):
        club_update_charter(club=club, actor=secretary, contact_email="not an address")
    client.force_login(secretary)
    refused = client.patch(f"/api/v1/clubs/{club.slug}/charter", {"region": "SI999"},
                           content_type="application/json")
    assert refused.status_code == 400
    club.refresh_from_db()
    assert (club.region, club.contact_email) == ("SI041", "")

