"""One place for each rule (issue 9): every governance and money service takes the acting
user as a required argument, asks `clubs.permissions` under the club's lock, and refuses an
anonymous visitor and `None`; the scheduled job is the explicit `SYSTEM` actor."""

from __future__ import annotations

import ast
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from microfuture.clubs.core import Event
from microfuture.clubs.models import (
    AuditLog,
    Club,
    ClubEvent,
    Enterprise,
    Member,
    PaymentApproval,
    Proposal,
)
from microfuture.clubs.permissions import SYSTEM
from microfuture.clubs.services import (
    charter,
    enterprise,
    governance,
    mentoring,
    money,
    payments,
)
from microfuture.clubs.services.money import ClubError, club_record_event
from microfuture.clubs.tests.voting import vote_as_member

SERVICES = Path(__file__).resolve().parents[1] / "services"


@pytest.fixture
def world(club, enterprise, manager, treasurer, entrepreneur) -> dict[str, Any]:
    """A club with savings, a submitted and an approved proposal, a waiting payment."""
    for name in ("Maja", "Tine", "Sara", "Miha", "Nina"):
        club_record_event(club=club, recorded_by=treasurer, event=Event(
            date=date(2026, 2, 1), type="contribution", member=name, amount=Decimal("1000")))
    submitted = governance.proposal_submit(
        club=club, enterprise=enterprise, actor=entrepreneur, title="Oven", summary="Oven.",
        instrument="advance", amount=Decimal("500"))
    big = governance.proposal_submit(
        club=club, enterprise=enterprise, actor=entrepreneur, title="Van", summary="Van.",
        instrument="advance", amount=Decimal("1200"))
    meeting = governance.meeting_schedule(club=club, actor=manager, title="AGM",
                                          starts_at=timezone.now())
    governance.proposal_open_vote(proposal=big, actor=manager, meeting=meeting)
    for name in ("Maja", "Tine", "Sara"):
        vote_as_member(proposal=big, member=Member.objects.get(club=club, name=name),
                       choice="yes")
    governance.proposal_close_vote(proposal=big, actor=manager)
    approval = governance.club_invest_from_proposal(club=club, proposal=big,
                                                    on=date(2026, 3, 1), actor=treasurer)
    assert isinstance(approval, PaymentApproval)
    return {"club": club, "enterprise": enterprise, "submitted": submitted, "big": big,
            "meeting": meeting, "approval": approval,
            "miha": Member.objects.get(club=club, name="Miha")}


CALLS: dict[str, Callable[[dict[str, Any], Any], Any]] = {
    "meeting_schedule": lambda w, a: governance.meeting_schedule(
        club=w["club"], actor=a, title="X", starts_at=timezone.now()),
    "meeting_record_minutes": lambda w, a: governance.meeting_record_minutes(
        meeting=w["meeting"], actor=a, minutes="Held."),
    "proposal_submit": lambda w, a: governance.proposal_submit(
        club=w["club"], enterprise=w["enterprise"], actor=a, title="T", summary="S",
        instrument="advance", amount=Decimal("10")),
    "proposal_add_due_diligence": lambda w, a: governance.proposal_add_due_diligence(
        proposal=w["submitted"], actor=a, notes="Fine."),
    "proposal_open_vote": lambda w, a: governance.proposal_open_vote(
        proposal=w["submitted"], actor=a, deadline=timezone.now() + timedelta(days=1)),
    "vote_cast": lambda w, a: governance.vote_cast(
        proposal=w["big"], member=w["miha"], choice="yes", actor=a),
    "proposal_withdraw": lambda w, a: governance.proposal_withdraw(
        proposal=w["submitted"], actor=a),
    "club_invest_from_proposal": lambda w, a: governance.club_invest_from_proposal(
        club=w["club"], proposal=w["big"], on=date(2026, 3, 1), actor=a),
    "charter_propose_change": lambda w, a: charter.charter_propose_change(
        club=w["club"], actor=a, changes={"quorum_percent": 60}),
    "club_update_charter": lambda w, a: charter.club_update_charter(
        club=w["club"], actor=a, description="Taken over."),
    "role_propose_change": lambda w, a: charter.role_propose_change(
        club=w["club"], actor=a, member=w["miha"], role="treasurer"),
    "member_set_role": lambda w, a: charter.member_set_role(
        member=w["miha"], role="treasurer", actor=a),
    "member_add": lambda w, a: charter.member_add(
        club=w["club"], name="Ghost", on=date(2026, 3, 1), role="member", user=None, actor=a),
    "payment_confirm": lambda w, a: payments.payment_confirm(approval=w["approval"], actor=a),
    "payment_cancel": lambda w, a: payments.payment_cancel(approval=w["approval"], actor=a),
    "club_record_exit": lambda w, a: payments.club_record_exit(
        club=w["club"], event=Event(date=date(2026, 3, 1), type="exit", member="Miha"),
        actor=a),
    "club_record_event": lambda w, a: club_record_event(
        club=w["club"], recorded_by=a, event=Event(
            date=date(2026, 3, 1), type="expense", amount=Decimal("10"))),
    "club_record_event_join": lambda w, a: club_record_event(
        club=w["club"], recorded_by=a, event=Event(
            date=date(2026, 3, 1), type="join", member="Ghost")),
    "club_reverse_event": lambda w, a: money.club_reverse_event(
        club=w["club"], event=ClubEvent.objects.filter(club=w["club"]).latest("seq"),
        reason="Oops", reversed_by=a),
    "club_import_journal": lambda w, a: money.club_import_journal(
        club=w["club"], recorded_by=a,
        text="date,type,member,amount\n2026-03-01,contribution,Miha,10.00\n"),
    "club_set_status": lambda w, a: money.club_set_status(
        club=w["club"], status="management", actor=a),
    "enterprise_register": lambda w, a: enterprise.enterprise_register(
        actor=a, name="Ghost enterprise"),
    "enterprise_update_details": lambda w, a: enterprise.enterprise_update_details(
        enterprise=w["enterprise"], actor=a, legal_form="doo", description="",
        share_capital=Decimal("1"), contact_email=""),
    "mentor_assign": lambda w, a: mentoring.mentor_assign(
        club=w["club"], enterprise=w["enterprise"], mentor=w["miha"], actor=a,
        since=date(2026, 3, 1)),
}


@pytest.mark.parametrize("who", ["anonymous", "none", "system"])
@pytest.mark.parametrize("service", sorted(CALLS))
def test_no_service_passes_for_nobody(world, service, who):
    actor = {"anonymous": AnonymousUser(), "none": None, "system": SYSTEM}[who]
    if service in {"club_import_journal", "club_set_status"} and who == "system":
        pytest.skip("the operator's commands (journal import, demo seeding) act as SYSTEM")
    before = (AuditLog.objects.count(), Proposal.objects.count(), Member.objects.count(),
              ClubEvent.objects.count(), Enterprise.objects.count(),
              list(Enterprise.objects.values_list("share_capital_cents", flat=True)),
              list(Club.objects.values_list("description", "quorum_percent", "status")),
              list(PaymentApproval.objects.values_list("status", flat=True)))
    with pytest.raises(ClubError):
        CALLS[service](world, actor)
    after = (AuditLog.objects.count(), Proposal.objects.count(), Member.objects.count(),
             ClubEvent.objects.count(), Enterprise.objects.count(),
             list(Enterprise.objects.values_list("share_capital_cents", flat=True)),
             list(Club.objects.values_list("description", "quorum_percent", "status")),
             list(PaymentApproval.objects.values_list("status", flat=True)))
    assert after == before


def test_the_system_closes_only_online_votes_that_are_due(world, manager):
    with pytest.raises(ClubError):  # a vote at a meeting is closed by an officer
        governance.proposal_close_vote(proposal=world["big"], actor=SYSTEM)
    proposal = world["submitted"]
    now = timezone.now()
    governance.proposal_open_vote(proposal=proposal, actor=manager,
                                  deadline=now + timedelta(hours=1))
    with pytest.raises(ClubError):
        governance.proposal_close_vote(proposal=proposal, actor=SYSTEM)
    with pytest.raises(ClubError):
        governance.proposal_close_vote(proposal=proposal, actor=None,  # type: ignore[arg-type]
                                       now=now + timedelta(hours=2))
    decided = governance.proposal_close_vote(proposal=proposal, actor=SYSTEM,
                                             now=now + timedelta(hours=2))
    assert decided.status == Proposal.Status.REJECTED
    row = AuditLog.objects.get(action="proposal.decided", detail__proposal=proposal.pk)
    assert (row.actor, row.detail["by"]) == (None, "schedule")


def test_a_removed_officer_is_refused_at_once(world, manager, treasurer):
    """The rule is asked under the lock with the state of now, not of when the page loaded."""
    Member.objects.filter(club=world["club"], user=manager).update(role="member")
    with pytest.raises(ClubError):
        payments.payment_confirm(approval=world["approval"], actor=manager)
    assert PaymentApproval.objects.get().status == "pending"


def test_rules_are_not_rederived_in_the_services():
    """Who may do what lives in clubs/permissions.py: no governance or money service looks
    at roles or account flags itself."""
    names = {"GOVERNANCE_ROLES", "MONEY_ROLES", "is_superuser", "is_authenticated",
             "_is_governance"}
    found: list[str] = []
    for name in ("governance.py", "charter.py", "payments.py", "mentoring.py", "enterprise.py"):
        tree = ast.parse((SERVICES / name).read_text())
        for node in ast.walk(tree):
            word = node.id if isinstance(node, ast.Name) else (
                node.attr if isinstance(node, ast.Attribute) else None)
            if word in names:
                found.append(f"{name}:{getattr(node, 'lineno', '?')} {word}")
            if isinstance(node, ast.Constant) and node.value in names:
                found.append(f"{name}:{getattr(node, 'lineno', '?')} {node.value!r}")
    assert found == []
