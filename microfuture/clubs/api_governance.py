"""JSON API of club governance: meetings, proposals, votes and investing from a decision.

Mounted by the lead under /api/v1/clubs/, so paths here are relative: `/{slug}/proposals`.
Every endpoint needs a signed-in session (`django_auth`). Errors are `{"detail": "..."}`:
400 a club rule refused it (the service's message), 401 not signed in, 403 not allowed,
404 no such club or proposal, 422 the input does not parse. Money is a string: "1234.50".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from microfuture.api import django_auth
from microfuture.clubs import permissions
from microfuture.clubs.core import fmt_money, from_cents
from microfuture.clubs.models import Club, Enterprise, Meeting, Proposal, Vote
from microfuture.clubs.services import governance
from microfuture.clubs.services.money import ClubError

router = Router(tags=["club governance"])

MONEY = r"^\d{1,12}(\.\d{1,2})?$"
RATE = r"^\d{1,3}(\.\d{1,4})?$"


class Error(Schema):
    detail: str


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


class MeetingIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    starts_at: dt.datetime
    place: str = Field("", max_length=200)
    agenda: str = ""


class MeetingOut(Schema):
    id: int
    title: str
    starts_at: dt.datetime
    place: str
    agenda: str
    minutes: str
    held: bool


class ProposalIn(Schema):
    enterprise: str = Field(description="The enterprise's slug.", min_length=1)
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field(min_length=1)
    instrument: str = Field(pattern="^(equity|loan|advance|participatory)$")
    amount: str = Field(pattern=MONEY, examples=["5000.00"])
    rate: str | None = Field(None, pattern=RATE, description="Loans: annual rate in %.")
    term: int | None = Field(None, ge=1, le=360, description="Loans: months.")
    grace: int | None = Field(None, ge=0, le=359)
    method: str | None = Field(None, pattern="^(annuity|linear)$")


class TallyOut(Schema):
    yes: int
    no: int
    abstain: int
    cast: int
    eligible: int
    quorum_needed: int


class ProposalOut(Schema):
    id: int
    club: str
    enterprise: str
    enterprise_slug: str
    title: str
    summary: str
    instrument: str
    amount: str
    rate: str | None
    term: int | None
    grace: int | None
    method: str | None
    status: str
    meeting: int | None
    vote_deadline: dt.datetime | None
    decided_at: dt.datetime | None
    decision_note: str


class ProposalDetailOut(ProposalOut):
    due_diligence: str
    tally: TallyOut
    my_vote: str | None


class VoteIn(Schema):
    choice: str = Field(pattern="^(yes|no|abstain)$")


class OpenVoteIn(Schema):
    meeting: int | None = Field(None, description="Vote at this meeting of the club, or…")
    deadline: dt.datetime | None = Field(None, description="…online until this moment.")


class InvestIn(Schema):
    on: dt.date
    first_due: dt.date | None = None


class InvestmentOut(Schema):
    seq: int
    date: dt.date
    enterprise: str
    instrument: str
    amount: str
    reference: str
    proposal: ProposalOut


# Helpers ----------------------------------------------------------------------------------


def _club(request: HttpRequest, slug: str) -> Club:
    club = get_object_or_404(Club, slug=slug)
    if not permissions.can_view_club(request.user, club):
        raise HttpError(403, "You are not a member of this club.")
    return club


def _allow(allowed: bool, message: str) -> None:
    if not allowed:
        raise HttpError(403, message)


def _refused(exc: ClubError | PermissionDenied) -> HttpError:
    if isinstance(exc, PermissionDenied):
        return HttpError(403, str(exc) or "You do not have permission to do this.")
    return HttpError(400, exc.message)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _meeting_out(m: Meeting) -> MeetingOut:
    return MeetingOut(id=m.pk, title=m.title, starts_at=m.starts_at, place=m.location,
                      agenda=m.agenda, minutes=m.minutes, held=m.held)


def _proposal_fields(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.pk, "club": p.club.slug, "enterprise": p.enterprise.name,
        "enterprise_slug": p.enterprise.slug, "title": p.title, "summary": p.summary,
        "instrument": p.instrument, "amount": fmt_money(from_cents(p.amount_cents)),
        "rate": p.rate or None, "term": p.term, "grace": p.grace, "method": p.method or None,
        "status": p.status, "meeting": p.meeting_id, "vote_deadline": p.vote_deadline,
        "decided_at": p.decided_at, "decision_note": p.decision_note,
    }


def _proposal_detail(request: HttpRequest, p: Proposal) -> ProposalDetailOut:
    tally = governance.vote_tally(p)
    member = permissions.membership(request.user, p.club)
    mine = Vote.objects.filter(proposal=p, member=member).first() if member else None
    return ProposalDetailOut(
        **_proposal_fields(p), due_diligence=p.due_diligence,
        tally=TallyOut(yes=tally.yes, no=tally.no, abstain=tally.abstain, cast=tally.cast,
                       eligible=tally.eligible, quorum_needed=tally.needed),
        my_vote=mine.choice if mine else None,
    )


def _proposal(club: Club, pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("club", "enterprise"), club=club, pk=pk
    )


# Meetings ---------------------------------------------------------------------------------


@router.get("/{slug}/meetings", response={200: list[MeetingOut], **ERRORS}, auth=django_auth,
            summary="The club's meetings, latest first")
def list_meetings(request: HttpRequest, slug: str) -> list[MeetingOut]:
    club = _club(request, slug)
    return [_meeting_out(m) for m in Meeting.objects.filter(club=club).order_by("-starts_at")]


@router.post("/{slug}/meetings", response={201: MeetingOut, **ERRORS}, auth=django_auth,
             summary="Call a meeting (manager, treasurer or secretary)")
def create_meeting(request: HttpRequest, slug: str, payload: MeetingIn) -> Status[MeetingOut]:
    club = _club(request, slug)
    _allow(permissions.can_run_governance(request.user, club),
           "Only the club's officers can call a meeting.")
    try:
        meeting = governance.meeting_schedule(
            club=club, actor=request.user, title=payload.title,
            starts_at=_aware(payload.starts_at), place=payload.place, agenda=payload.agenda,
        )
    except ClubError as exc:
        raise _refused(exc) from None
    return Status(201, _meeting_out(meeting))


# Proposals --------------------------------------------------------------------------------


@router.get("/{slug}/proposals", response={200: list[ProposalOut], **ERRORS}, auth=django_auth,
            summary="The club's proposals, newest first")
def list_proposals(request: HttpRequest, slug: str, status: str | None = None) -> list[ProposalOut]:
    club = _club(request, slug)
    rows = Proposal.objects.filter(club=club).select_related("club", "enterprise")
    if status:
        rows = rows.filter(status=status)
    return [ProposalOut(**_proposal_fields(p)) for p in rows]


@router.post("/{slug}/proposals", response={201: ProposalDetailOut, **ERRORS},
             auth=django_auth,
             summary="Submit a proposal (the enterprise's representative, or a club officer)")
def submit_proposal(
    request: HttpRequest, slug: str, payload: ProposalIn
) -> Status[ProposalDetailOut]:
    club = get_object_or_404(Club, slug=slug)
    enterprise = Enterprise.objects.filter(slug=payload.enterprise).first()
    if enterprise is None:
        raise HttpError(404, f"No enterprise {payload.enterprise!r}.")
    _allow(
        permissions.represents(request.user, enterprise)
        or permissions.can_run_governance(request.user, club),
        "Only the enterprise's representatives or the club's officers can submit it.",
    )
    try:
        proposal = governance.proposal_submit(
            club=club, enterprise=enterprise, actor=request.user, title=payload.title,
            summary=payload.summary, instrument=payload.instrument,
            amount=Decimal(payload.amount),
            rate=Decimal(payload.rate) if payload.rate is not None else None,
            term=payload.term, grace=payload.grace, method=payload.method,
        )
    except ClubError as exc:
        raise _refused(exc) from None
    return Status(201, _proposal_detail(request, proposal))


@router.get("/{slug}/proposals/{pk}", response={200: ProposalDetailOut, **ERRORS},
            auth=django_auth, summary="A proposal with its due diligence and the vote's tally")
def get_proposal(request: HttpRequest, slug: str, pk: int) -> ProposalDetailOut:
    club = _club(request, slug)
    return _proposal_detail(request, _proposal(club, pk))


@router.post("/{slug}/proposals/{pk}/votes", response={200: ProposalDetailOut, **ERRORS},
             auth=django_auth,
             summary="Cast or change my vote (active members, while the vote is open)")
def cast_vote(request: HttpRequest, slug: str, pk: int, payload: VoteIn) -> ProposalDetailOut:
    club = _club(request, slug)
    proposal = _proposal(club, pk)
    member = permissions.can_vote(request.user, club)
    if member is None:
        raise HttpError(403, "Only active members of the club can vote.")
    try:
        governance.vote_cast(proposal=proposal, member=member, choice=payload.choice,
                             actor=request.user)
    except ClubError as exc:
        raise _refused(exc) from None
    return _proposal_detail(request, proposal)


@router.post("/{slug}/proposals/{pk}/vote/open", response={200: ProposalDetailOut, **ERRORS},
             auth=django_auth,
             summary="Open the vote: at a meeting, or online until a deadline (officers)")
def open_vote(
    request: HttpRequest, slug: str, pk: int, payload: OpenVoteIn
) -> ProposalDetailOut:
    club = _club(request, slug)
    proposal = _proposal(club, pk)
    _allow(permissions.can_run_governance(request.user, club),
           "Only the club's officers can open a vote.")
    meeting = None
    if payload.meeting is not None:
        meeting = Meeting.objects.filter(club=club, pk=payload.meeting).first()
        if meeting is None:
            raise HttpError(404, "The club has no such meeting.")
    try:
        governance.proposal_open_vote(
            proposal=proposal, actor=request.user, meeting=meeting,
            deadline=_aware(payload.deadline) if payload.deadline else None,
        )
    except ClubError as exc:
        raise _refused(exc) from None
    proposal.refresh_from_db()
    return _proposal_detail(request, proposal)


@router.post("/{slug}/proposals/{pk}/vote/close", response={200: ProposalDetailOut, **ERRORS},
             auth=django_auth, summary="Close the vote and decide (officers)")
def close_vote(request: HttpRequest, slug: str, pk: int) -> ProposalDetailOut:
    club = _club(request, slug)
    proposal = _proposal(club, pk)
    _allow(permissions.can_run_governance(request.user, club),
           "Only the club's officers can close a vote.")
    try:
        governance.proposal_close_vote(proposal=proposal, actor=request.user)
    except ClubError as exc:
        raise _refused(exc) from None
    proposal.refresh_from_db()
    return _proposal_detail(request, proposal)


@router.post("/{slug}/proposals/{pk}/investment", response={201: InvestmentOut, **ERRORS},
             auth=django_auth,
             summary="Invest from an approved proposal (treasurer or manager)")
def invest(
    request: HttpRequest, slug: str, pk: int, payload: InvestIn
) -> Status[InvestmentOut]:
    club = _club(request, slug)
    proposal = _proposal(club, pk)
    _allow(permissions.can_record_money(request.user, club),
           "Only the treasurer or the manager can pay out an investment.")
    try:
        row = governance.club_invest_from_proposal(
            club=club, proposal=proposal, on=payload.on, actor=request.user,
            first_due=payload.first_due,
        )
    except ClubError as exc:
        raise _refused(exc) from None
    proposal.refresh_from_db()
    return Status(201, InvestmentOut(
        seq=row.seq, date=row.date, enterprise=row.enterprise, instrument=row.instrument,
        amount=fmt_money(from_cents(row.amount_cents or 0)), reference=row.reference,
        proposal=ProposalOut(**_proposal_fields(proposal)),
    ))
