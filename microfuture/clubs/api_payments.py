"""JSON API of the four eyes on large payments: the list, confirming and cancelling.

Mounted under /api/v1/clubs/ with the club's other endpoints. A payment above the charter's
`second_officer_above_cents` (an investment from a proposal, an exit payout) answers 202 with
the waiting payment; another treasurer or manager confirms it here, and only then is the
event recorded. Errors are `{"detail": "..."}`: 400 a club rule refused it, 401 not signed
in, 403 not allowed, 404 no such club or payment.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.pagination import paginate

from microfuture.api import django_auth
from microfuture.clubs import permissions
from microfuture.clubs.lookup import club_known_to
from microfuture.clubs.models import Club, PaymentApproval
from microfuture.clubs.services import payments
from microfuture.clubs.services.money import ClubError
from microfuture.kernel.idempotency import idempotent
from microfuture.kernel.money import fmt_cents
from microfuture.kernel.pagination import Page

router = Router(tags=["club payments (four eyes)"])


class Error(Schema):
    detail: str


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


class PaymentApprovalOut(Schema):
    id: int
    kind: str = Field(description="investment or exit")
    status: str = Field(description="pending, confirmed or cancelled")
    amount: str
    proposal: int | None
    member: str | None
    requested_by: str
    requested_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    event_seq: int | None


class CancelIn(Schema):
    reason: str = Field("", max_length=300)


class RecordedOut(Schema):
    seq: int
    type: str
    amount: str | None
    approval: PaymentApprovalOut


def payment_approval_out(a: PaymentApproval) -> PaymentApprovalOut:
    return PaymentApprovalOut(
        id=a.pk, kind=a.kind, status=a.status, amount=fmt_cents(a.amount_cents),
        proposal=a.proposal_id, member=a.member.name if a.member else None,
        requested_by=a.requested_by.get_username(), requested_at=a.requested_at,
        decided_by=a.decided_by.get_username() if a.decided_by else None,
        decided_at=a.decided_at, event_seq=a.event.seq if a.event else None,
    )


def _club(request: HttpRequest, slug: str) -> Club:
    club = club_known_to(request.user, slug)  # 404 alike for a missing or an unknown club
    if not permissions.can_run_governance(request.user, club):
        raise PermissionDenied("Only the club's officers see payments waiting for confirmation.")
    return club


def _approval(club: Club, pk: int) -> PaymentApproval:
    approval = PaymentApproval.objects.filter(club=club, pk=pk).first()
    if approval is None:
        raise Http404("The club has no such payment.")
    return approval


@router.get("/{slug}/payments", response={200: list[PaymentApprovalOut], **ERRORS},
            auth=django_auth, summary="Large payments: waiting, confirmed and cancelled")
@paginate(Page)
def list_payments(request: HttpRequest, slug: str, status: str | None = None) -> Any:
    club = _club(request, slug)
    rows = PaymentApproval.objects.filter(club=club).select_related(
        "member", "requested_by", "decided_by", "event")
    if status:
        rows = rows.filter(status=status)
    return [payment_approval_out(a) for a in rows]


@router.post("/{slug}/payments/{pk}/confirm", response={201: RecordedOut, **ERRORS},
             auth=django_auth,
             summary="Confirm a waiting payment (another treasurer or manager); records it")
@decorate_view(idempotent)
def confirm_payment(request: HttpRequest, slug: str, pk: int) -> Any:
    club = _club(request, slug)
    approval = _approval(club, pk)
    # Who may is a 403 like every other right; the service asks the same rule again under
    # the club's lock, where a state it finds (already confirmed, say) is a 400.
    if not permissions.may_confirm_payment(request.user, club, approval):
        raise HttpError(403, "Another treasurer or manager of the club, not the officer who "
                             "asked, confirms a payment.")
    try:
        row = payments.payment_confirm(approval=approval, actor=request.user)
    except ClubError as exc:
        raise HttpError(400, exc.message) from None
    approval.refresh_from_db()
    return 201, RecordedOut(
        seq=row.seq, type=row.type,
        amount=fmt_cents(row.amount_cents) if row.amount_cents is not None else None,
        approval=payment_approval_out(approval),
    )


@router.post("/{slug}/payments/{pk}/cancel", response={200: PaymentApprovalOut, **ERRORS},
             auth=django_auth,
             summary="Cancel a waiting payment (the officer who asked, or a second one)")
@decorate_view(idempotent)
def cancel_payment(request: HttpRequest, slug: str, pk: int, payload: CancelIn) -> Any:
    club = _club(request, slug)
    approval = _approval(club, pk)
    if not permissions.may_cancel_payment(request.user, club, approval):
        raise HttpError(403, "Only the officer who asked, or another treasurer or manager of "
                             "the club, cancels a payment.")
    try:
        done = payments.payment_cancel(approval=approval, actor=request.user,
                                       reason=payload.reason)
    except ClubError as exc:
        raise HttpError(400, exc.message) from None
    return payment_approval_out(done)
