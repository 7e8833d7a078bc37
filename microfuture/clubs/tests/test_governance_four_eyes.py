"""Four eyes on large payments out of a club (issue 9): above the charter's threshold an
investment or an exit payout waits for a second treasurer or manager, who confirms it (then
it is recorded, after every check again) or cancels it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, ClubEvent, Member, PaymentApproval, Proposal
from microfuture.clubs.services.governance import (
    club_invest_from_proposal,
    meeting_schedule,
    proposal_close_vote,
    proposal_open_vote,
    proposal_submit,
)
from microfuture.clubs.services.money import ClubError, club_record_event
from microfuture.clubs.services.payments import (
    club_record_exit,
    payment_cancel,
    payment_confirm,
)
from microfuture.clubs.tests.voting import vote_as_member

PAID = date(2026, 3, 2)


@pytest.fixture
def saved(club, treasurer):
    """Every member saved 1,000.00: cash and NAV 5,000.00; the threshold is 1,000.00."""
    for name in ("Maja", "Tine", "Sara", "Miha", "Nina"):
        club_record_event(club=club, recorded_by=treasurer, event=Event(
            date=date(2026, 2, 1), type="contribution", member=name, amount=Decimal("1000")))
    assert club.second_officer_above_cents == 100_000
    return club


def approved(club: Any, enterprise: Any, manager: Any, amount: str) -> Proposal:
    proposal = proposal_submit(
        club=club, enterprise=enterprise, actor=manager, title="New oven",
        summary="A wood-fired oven.", instrument="advance", amount=Decimal(amount),
    )
    meeting = meeting_schedule(club=club, actor=manager, title="Vote", starts_at=timezone.now())
    proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)
    for name in ("Maja", "Tine", "Sara"):
        vote_as_member(proposal=proposal, member=Member.objects.get(club=club, name=name),
                       choice="yes")
    return proposal_close_vote(proposal=proposal, actor=manager)


def test_a_large_investment_waits_for_a_second_officer(saved, enterprise, manager, treasurer,
                                                       secretary):
    proposal = approved(saved, enterprise, manager, "1500.00")
    asked = club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)
    assert isinstance(asked, PaymentApproval)
    assert (asked.status, asked.amount_cents, asked.requested_by) == (
        "pending", 150_000, treasurer)
    assert not ClubEvent.objects.filter(type="investment").exists()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.APPROVED
    with pytest.raises(ClubError, match="already waiting"):
        club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=manager)
    with pytest.raises(ClubError, match="not the officer who asked"):
        payment_confirm(approval=asked, actor=treasurer)
    with pytest.raises(ClubError, match="not the officer who asked"):
        payment_confirm(approval=asked, actor=secretary)  # holds no money role
    row = payment_confirm(approval=asked, actor=manager)
    assert (row.type, row.amount_cents, row.reference) == (
        "investment", 150_000, f"proposal-{proposal.pk}")
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by, asked.event) == ("confirmed", manager, row)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.FUNDED
    actions = list(AuditLog.objects.filter(action__startswith="payment.").values_list(
        "action", "actor__username"))
    assert set(actions) == {("payment.requested", "treasurer"),
                            ("payment.confirmed", "manager")}
    with pytest.raises(ClubError, match="no longer waiting"):
        payment_confirm(approval=asked, actor=manager)


def test_confirming_checks_the_charter_limits_again(saved, enterprise, manager, treasurer):
    proposal = approved(saved, enterprise, manager, "1500.00")
    asked = club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)
    assert isinstance(asked, PaymentApproval)
    # Meanwhile the club spends: the NAV falls to 4,000.00, and 30 % of it is 1,200.00.
    club_record_event(club=saved, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 20), type="expense", amount=Decimal("1000")))
    with pytest.raises(ClubError, match="more than 30 %"):
        payment_confirm(approval=asked, actor=manager)
    asked.refresh_from_db()
    assert asked.status == "pending"
    assert not ClubEvent.objects.filter(type="investment").exists()


def test_a_payment_at_the_threshold_is_recorded_at_once(saved, enterprise, manager, treasurer):
    proposal = approved(saved, enterprise, manager, "1000.00")
    row = club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)
    assert isinstance(row, ClubEvent)
    assert not PaymentApproval.objects.exists()


def test_cancelling_a_request(saved, enterprise, manager, treasurer):
    proposal = approved(saved, enterprise, manager, "1200.00")
    first = club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)
    assert isinstance(first, PaymentApproval)
    withdrawn = payment_cancel(approval=first, actor=treasurer, reason="Wrong date")
    assert (withdrawn.status, withdrawn.decided_by) == ("cancelled", None)
    second = club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)
    assert isinstance(second, PaymentApproval)
    declined = payment_cancel(approval=second, actor=manager, reason="Not yet")
    assert (declined.status, declined.decided_by) == ("cancelled", manager)
    assert not ClubEvent.objects.filter(type="investment").exists()
    assert AuditLog.objects.filter(action="payment.cancelled").count() == 2


def test_the_database_refuses_the_asker_as_approver(saved, treasurer):
    approval = PaymentApproval.objects.create(
        club=saved, kind="exit", amount_cents=150_000, requested_by=treasurer)
    approval.decided_by = treasurer
    with pytest.raises(IntegrityError), transaction.atomic():
        approval.save()


def test_a_large_exit_payout_waits_then_is_recorded(saved, manager, treasurer):
    club_record_event(club=saved, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 2), type="contribution", member="Miha", amount=Decimal("500")))
    exit_event = Event(date=date(2026, 3, 1), type="exit", member="Miha")
    # Recording it directly is refused: the money service asks for the second officer.
    with pytest.raises(ClubError, match="second officer"):
        club_record_event(club=saved, recorded_by=treasurer, event=exit_event)
    asked = club_record_exit(club=saved, event=exit_event, actor=treasurer)
    assert isinstance(asked, PaymentApproval)
    assert asked.member is not None
    assert (asked.kind, asked.amount_cents, asked.member.name) == ("exit", 150_000, "Miha")
    assert Member.objects.get(club=saved, name="Miha").exited_on is None
    row = payment_confirm(approval=asked, actor=manager)
    assert (row.type, row.member) == ("exit", "Miha")
    assert Member.objects.get(club=saved, name="Miha").exited_on == date(2026, 3, 1)


def test_the_treasurer_pages_show_and_confirm_a_waiting_exit(saved, manager, treasurer,
                                                             client):
    saved.second_officer_above_cents = 50_000
    saved.save(update_fields=["second_officer_above_cents"])
    client.force_login(treasurer)
    response = client.post(f"/clubs/{saved.slug}/record/exit/", {
        "date": "2026-03-01", "member": "Nina"})
    assert response.status_code == 302
    assert response["Location"] == f"/clubs/{saved.slug}/payments/"
    approval = PaymentApproval.objects.get()
    assert not ClubEvent.objects.filter(type="exit").exists()
    record = client.get(f"/clubs/{saved.slug}/record/").content.decode()
    assert 'id="pending-payments"' in record
    waiting = client.get(f"/clubs/{saved.slug}/payments/").content.decode()
    assert "Exit payout to Nina" in waiting and "Another treasurer or manager" in waiting
    client.post(f"/clubs/{saved.slug}/payments/", {"approval": approval.pk,
                                                   "action": "confirm"})
    assert not ClubEvent.objects.filter(type="exit").exists()  # the asker cannot
    client.force_login(manager)
    done = client.post(f"/clubs/{saved.slug}/payments/", {
        "approval": approval.pk, "action": "confirm"}, follow=True)
    assert "Confirmed: the payment is recorded" in done.content.decode()
    assert ClubEvent.objects.get(type="exit").member == "Nina"


def test_the_api_answers_202_for_a_waiting_exit(saved, manager, treasurer, client):
    club_record_event(club=saved, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 2), type="contribution", member="Sara", amount=Decimal("0.01")))
    client.force_login(treasurer)
    response = client.post(f"/api/v1/clubs/{saved.slug}/events", {
        "date": "2026-03-01", "type": "exit", "member": "Sara"},
        content_type="application/json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["kind"], body["status"], body["member"]) == ("exit", "pending", "Sara")
    listed = client.get(f"/api/v1/clubs/{saved.slug}/payments?status=pending").json()["items"]
    assert [p["id"] for p in listed] == [body["id"]]
    client.force_login(manager)
    confirmed = client.post(f"/api/v1/clubs/{saved.slug}/payments/{body['id']}/confirm")
    assert confirmed.status_code == 201, confirmed.content
    assert confirmed.json()["type"] == "exit"


def test_withdrawing_the_proposal_cancels_its_waiting_payment(saved, enterprise, manager,
                                                               treasurer):
    from microfuture.clubs.services.governance import proposal_withdraw

    proposal = approved(saved, enterprise, manager, "1500.00")
    asked = club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)
    assert isinstance(asked, PaymentApproval)
    proposal_withdraw(proposal=proposal, actor=manager, reason="The bank lent it.")
    asked.refresh_from_db()
    assert asked.status == "cancelled"
    with pytest.raises(ClubError, match="no longer waiting"):
        payment_confirm(approval=asked, actor=manager)
    assert not ClubEvent.objects.filter(type="investment").exists()

