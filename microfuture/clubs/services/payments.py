"""Four eyes on large payments out of a club: investments and exit payouts.

A payment above the charter's `second_officer_above_cents` is not recorded by the officer who
asks for it: it waits as a pending `PaymentApproval` until another treasurer or manager of the
club confirms it (then the event is recorded in the same transaction, under the club's lock,
after every check is made again on the books as they are then), or until either cancels it.
The database refuses an approval decided by the person who asked (`payment_approval_four_eyes`).
Each step is audited (`payment.requested`, `payment.confirmed`, `payment.cancelled`).
The rules are in docs/governance.md, "Four eyes".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microfuture.clubs import permissions
from microfuture.clubs.books import load_book
from microfuture.clubs.core import AccountingError, Event, from_cents
from microfuture.clubs.models import Club, ClubEvent, Member, PaymentApproval, Proposal
from microfuture.clubs.permissions import Actor
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.governance import _investment_problems, fund_proposal
from microfuture.clubs.services.money import ClubError, cash_paid_out, club_record_event


def _lock(club: Club) -> Club:
    return Club.objects.select_for_update().get(pk=club.pk)


def _exit_payout(club: Club, event: Event) -> int:
    """What the exit would pay the member, on the books as they stand (refusals as usual)."""
    book = load_book(club)
    try:
        return cash_paid_out(book.apply(event))
    except AccountingError as exc:
        raise ClubError(exc.text) from None


def _exit_payload(event: Event) -> dict[str, object]:
    return {
        "date": event.date.isoformat(), "member": event.member,
        "amount": str(event.amount) if event.amount is not None else None,
        "reference": event.reference, "note": event.note,
    }


def _exit_event(payload: dict[str, object]) -> Event:
    amount = payload.get("amount")
    return Event(
        date=dt.date.fromisoformat(str(payload["date"])), type="exit",
        member=str(payload["member"]),
        amount=Decimal(str(amount)) if amount is not None else None,
        reference=str(payload.get("reference") or ""), note=str(payload.get("note") or ""),
    )


@transaction.atomic
def club_record_exit(*, club: Club, event: Event, actor: Actor) -> ClubEvent | PaymentApproval:
    """A member leaves and is paid out; above the threshold the payout waits for a second
    officer and nothing is recorded yet."""
    locked = _lock(club)
    if not permissions.may_request_payment(actor, locked):
        raise ClubError(_("Only the club's treasurer or manager can record money."))
    if event.type != "exit":
        raise ClubError(_("Only an exit is paid out here."))
    payout = _exit_payout(locked, event)
    if payout <= locked.second_officer_above_cents:
        return club_record_event(club=locked, event=event, recorded_by=actor)
    member = Member.objects.filter(club=locked, name=event.member).first()
    if PaymentApproval.objects.filter(
        club=locked, kind=PaymentApproval.Kind.EXIT, member=member,
        status=PaymentApproval.Status.PENDING,
    ).exists():
        raise ClubError(_("This payment is already waiting for a second officer."))
    requester = permissions.person(actor)
    assert requester is not None  # may_request_payment passed
    approval = PaymentApproval.objects.create(
        club=locked, kind=PaymentApproval.Kind.EXIT, member=member, amount_cents=payout,
        payload=_exit_payload(event), requested_by=requester,
    )
    audit(club=locked, actor=actor, action="payment.requested", approval=approval.pk,
          kind=approval.kind, member=event.member, amount=str(from_cents(payout)))
    return approval


def _pending(locked: Club, approval: PaymentApproval) -> PaymentApproval:
    fresh = PaymentApproval.objects.select_related("proposal").get(pk=approval.pk)
    if fresh.club_id != locked.pk:
        raise ClubError(_("That payment belongs to another club."))
    if fresh.status != PaymentApproval.Status.PENDING:
        raise ClubError(_("This payment is no longer waiting: it was %(status)s.") % {
            "status": fresh.get_status_display().lower()})
    return fresh


@transaction.atomic
def payment_confirm(*, approval: PaymentApproval, actor: Actor) -> ClubEvent:
    """A second treasurer or manager confirms: the event is recorded now, after the same
    checks as when it was asked for (the charter's limits, the cash, the proposal's state)."""
    locked = _lock(approval.club)
    pending = _pending(locked, approval)
    if not permissions.may_confirm_payment(actor, locked, pending):
        raise ClubError(_(
            "Another treasurer or manager of the club must confirm this payment, not the "
            "officer who asked for it."
        ))
    if pending.kind == PaymentApproval.Kind.INVESTMENT:
        assert pending.proposal_id is not None
        proposal = Proposal.objects.select_related("enterprise").get(pk=pending.proposal_id)
        on = dt.date.fromisoformat(str(pending.payload["on"]))
        first_due_text = pending.payload.get("first_due")
        first_due = dt.date.fromisoformat(str(first_due_text)) if first_due_text else None
        _investment_problems(locked, proposal, first_due)
        if proposal.amount_cents != pending.amount_cents:
            raise ClubError(_("The proposal's amount changed; cancel this request."))
        row = fund_proposal(club=locked, proposal=proposal, on=on, first_due=first_due,
                            actor=actor, confirmed_payout_cents=pending.amount_cents)
    else:
        event = _exit_event(pending.payload)
        payout = _exit_payout(locked, event)
        if payout != pending.amount_cents:
            raise ClubError(_(
                "The payout would now be %(now)s, not the %(asked)s asked for: cancel this "
                "request and ask again."
            ) % {"now": from_cents(payout), "asked": from_cents(pending.amount_cents)})
        row = club_record_event(club=locked, event=event, recorded_by=actor,
                                confirmed_payout_cents=pending.amount_cents)
    user = permissions.person(actor)
    pending.status = PaymentApproval.Status.CONFIRMED
    pending.decided_by = user
    pending.decided_at = timezone.now()
    pending.event = row
    pending.save(update_fields=["status", "decided_by", "decided_at", "event"])
    audit(club=locked, actor=actor, action="payment.confirmed", approval=pending.pk,
          kind=pending.kind, amount=str(from_cents(pending.amount_cents)), event_seq=row.seq,
          requested_by=pending.requested_by_id)
    return row


@transaction.atomic
def payment_cancel(*, approval: PaymentApproval, actor: Actor, reason: str = "") -> PaymentApproval:
    """The officer who asked withdraws the request, or a second money officer declines it."""
    locked = _lock(approval.club)
    pending = _pending(locked, approval)
    if not permissions.may_cancel_payment(actor, locked, pending):
        raise ClubError(_("Only the club's treasurer or manager can cancel a payment."))
    user = permissions.person(actor)
    pending.status = PaymentApproval.Status.CANCELLED
    # The four-eyes constraint forbids the asker as decider; a withdrawal records no decider.
    pending.decided_by = user if user is not None and user.pk != pending.requested_by_id else None
    pending.decided_at = timezone.now()
    pending.save(update_fields=["status", "decided_by", "decided_at"])
    audit(club=locked, actor=actor, action="payment.cancelled", approval=pending.pk,
          kind=pending.kind, amount=str(from_cents(pending.amount_cents)),
          reason=reason.strip())
    return pending
