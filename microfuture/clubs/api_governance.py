"""JSON API of club governance: meetings, proposals, votes and investing from a decision.

Mounted by the lead under /api/v1/clubs/, so paths here are relative: `/{slug}/proposals`.
The charter's rules change by a members' decision (`POST /{slug}/charter/proposals`, then the
vote), officers' roles likewise (`POST /{slug}/roles/proposals`); decisions come as codes
(`decision`) with their English wording (`decision_note`).
Every endpoint needs a signed-in session (`django_auth`). Errors are `{"detail": "..."}`:
400 a club rule refused it (the service's message), 401 not signed in, 403 not allowed,
404 no such club or proposal, 422 the input does not parse. Money is a string: "1234.50".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.pagination import paginate

from microfuture.api import django_auth
from microfuture.clubs import permissions, selectors
from microfuture.clubs.api_payments import PaymentApprovalOut, payment_approval_out
from microfuture.clubs.core import to_cents
from microfuture.clubs.decisions import decision_text_en
from microfuture.clubs.lookup import NO_SUCH_CLUB, club_known_to, may_know_club
from microfuture.clubs.models import (
    Club,
    Enterprise,
    Meeting,
    Member,
    PaymentApproval,
    Proposal,
    Vote,
)
from microfuture.clubs.services import charter as charter_services
from microfuture.clubs.services import governance
from microfuture.clubs.services.money import ClubError
from microfuture.kernel.idempotency import idempotent
from microfuture.kernel.money import fmt_cents
from microfuture.kernel.pagination import Page

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


class DecisionOut(Schema):
    """A closed vote's decision as codes and figures (the same in every language)."""

    outcome: str = Field(description="approved or rejected")
    reason: str = Field(description="quorum_not_reached, rule_met or rule_not_met")
    rule: str = Field(description="the decision rule in force when the vote opened")
    quorum_percent: int = Field(description="the quorum in force when the vote opened")
    yes: int
    no: int
    abstain: int
    cast: int
    eligible: int
    needed: int
    applied: bool | None = Field(None, description="charter and role changes: in force?")


class ProposalOut(Schema):
    id: int
    club: str
    kind: str = Field(description="funding, charter or role")
    changes: dict[str, Any] = Field(
        description='charter: {rule: new value}; role: {"member": id, "role": code}'
    )
    enterprise: str | None
    enterprise_slug: str | None
    title: str
    summary: str
    instrument: str
    amount: str | None
    rate: str | None
    term: int | None
    grace: int | None
    method: str | None
    status: str
    meeting: int | None
    vote_deadline: dt.datetime | None
    rule_at_open: str | None
    quorum_at_open: int | None
    decided_at: dt.datetime | None
    decision: DecisionOut | None
    decision_note: str = Field(description="the decision in English words")


class BallotOut(Schema):
    member: str
    choice: str | None = Field(description="null while the club's ballots are secret")


class ProposalDetailOut(ProposalOut):
    due_diligence: str
    tally: TallyOut
    my_vote: str | None
    voters: list[BallotOut] = Field(description="who has voted (for the quorum)")


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
    club = club_known_to(request.user, slug)  # 404 alike for a missing or an unknown club
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
    ent = p.enterprise
    decision = {k: v for k, v in p.decision.items() if k in DecisionOut.model_fields}
    return {
        "id": p.pk, "club": p.club.slug, "kind": p.kind, "changes": p.changes,
        "enterprise": ent.name if ent else None, "enterprise_slug": ent.slug if ent else None,
        "title": p.title, "summary": p.summary, "instrument": p.instrument,
        "amount": fmt_cents(p.amount_cents) if p.amount_cents is not None else None,
        "rate": p.rate or None, "term": p.term, "grace": p.grace, "method": p.method or None,
        "status": p.status, "meeting": p.meeting_id, "vote_deadline": p.vote_deadline,
        "rule_at_open": p.rule_at_open or None, "quorum_at_open": p.quorum_at_open,
        "decided_at": p.decided_at, "decision": DecisionOut(**decision) if decision else None,
        "decision_note": decision_text_en(p),
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
        voters=[
            BallotOut(member=b.member, choice=b.choice)
            for b in selectors.ballots_seen_by(
                p, show_choices=permissions.can_see_vote_choices(request.user, p.club, p)
            )
        ],
    )


def _proposal(club: Club, pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("club", "enterprise"), club=club, pk=pk
    )


# Meetings ---------------------------------------------------------------------------------


@router.get("/{slug}/meetings", response={200: list[MeetingOut], **ERRORS}, auth=django_auth,
            summary="The club's meetings, latest first")
@paginate(Page)
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
@paginate(Page)
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
    enterprise = Enterprise.objects.filter(slug=payload.enterprise).first()
    if enterprise is None:
        raise HttpError(404, f"No enterprise {payload.enterprise!r}.")
    club = Club.objects.filter(slug=slug).first()
    allowed = club is not None and (
        permissions.represents(request.user, enterprise)
        or permissions.can_run_governance(request.user, club)
    )
    # An enterprise's representative may propose to any club; anyone else who may not know
    # the club gets the 404 of a missing one (lookup.py).
    if club is None or not (allowed or may_know_club(request.user, club)):
        raise Http404(NO_SUCH_CLUB)
    _allow(allowed, "Only the enterprise's representatives or the club's officers can submit it.")
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


@router.post("/{slug}/proposals/{pk}/investment",
             response={201: InvestmentOut, 202: PaymentApprovalOut, **ERRORS},
             auth=django_auth,
             summary="Invest from an approved proposal (treasurer or manager); above the "
                     "charter's four-eyes threshold, 202: waiting for a second officer")
@decorate_view(idempotent)
def invest(
    request: HttpRequest, slug: str, pk: int, payload: InvestIn
) -> Status[InvestmentOut] | Status[PaymentApprovalOut]:
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
    if isinstance(row, PaymentApproval):
        return Status(202, payment_approval_out(row))
    proposal.refresh_from_db()
    return Status(201, InvestmentOut(
        seq=row.seq, date=row.date, enterprise=row.enterprise, instrument=row.instrument,
        amount=fmt_cents(row.amount_cents or 0), reference=row.reference,
        proposal=ProposalOut(**_proposal_fields(proposal)),
    ))


# The charter and officers' roles ------------------------------------------------------------


class CharterOut(Schema):
    club: str
    status: str
    region: str
    open_to_projects: bool
    description: str
    contact_email: str
    decision_rule: str
    quorum_percent: int
    max_enterprise_share_percent: int
    max_stake_percent: int
    monthly_pledge: str
    open_books: bool
    secret_ballot: bool
    manager_appoints_officers: bool
    second_officer_above: str
    set_directly: bool = Field(
        description="true while the club is forming: its founding officers set the rules"
    )


class CharterRulesIn(Schema):
    """New values for some of the charter's rules; leave out what does not change."""

    decision_rule: str | None = Field(None, pattern="^(majority|two_thirds|unanimity)$")
    quorum_percent: int | None = Field(None, ge=1, le=100,
                                       description="below 50 needs a unanimous vote")
    max_enterprise_share_percent: int | None = Field(None, ge=1, le=100)
    max_stake_percent: int | None = Field(None, ge=1, le=100)
    monthly_pledge: str | None = Field(None, pattern=MONEY, examples=["25.00"])
    open_books: bool | None = None
    secret_ballot: bool | None = None
    manager_appoints_officers: bool | None = None
    second_officer_above: str | None = Field(None, pattern=MONEY, examples=["1000.00"])

    def rules(self) -> dict[str, Any]:
        data = self.model_dump(exclude_none=True, include=set(CharterRulesIn.model_fields))
        for name in ("monthly_pledge", "second_officer_above"):
            if name in data:
                data[f"{name}_cents"] = to_cents(Decimal(data.pop(name)))
        return data


class CharterProposalIn(CharterRulesIn):
    summary: str = Field("", description="Why the change, for the members.")


class CharterPatchIn(CharterRulesIn):
    """The particulars change any time (officers); the rules only while the club is forming."""

    region: str | None = Field(None, min_length=5, max_length=5)
    open_to_projects: bool | None = None
    description: str | None = None
    contact_email: str | None = Field(None, max_length=254)


class RoleProposalIn(Schema):
    member: int = Field(description="The member's id.")
    role: str = Field(pattern="^(manager|treasurer|secretary|member)$")
    summary: str = ""


class RoleIn(Schema):
    role: str = Field(pattern="^(manager|treasurer|secretary|member)$")


class MemberRoleOut(Schema):
    id: int
    name: str
    role: str


def _charter_out(request: HttpRequest, club: Club) -> CharterOut:
    return CharterOut(
        club=club.slug, status=club.status, region=club.region,
        open_to_projects=club.open_to_projects, description=club.description,
        contact_email=club.contact_email, decision_rule=club.decision_rule,
        quorum_percent=club.quorum_percent,
        max_enterprise_share_percent=club.max_enterprise_share_percent,
        max_stake_percent=club.max_stake_percent,
        monthly_pledge=fmt_cents(club.monthly_pledge_cents),
        open_books=club.open_books, secret_ballot=club.secret_ballot,
        manager_appoints_officers=club.manager_appoints_officers,
        second_officer_above=fmt_cents(club.second_officer_above_cents),
        set_directly=permissions.may_set_charter_directly(request.user, club),
    )


@router.get("/{slug}/charter", response={200: CharterOut, **ERRORS}, auth=django_auth,
            summary="The charter in force")
def get_charter(request: HttpRequest, slug: str) -> CharterOut:
    return _charter_out(request, _club(request, slug))


@router.patch("/{slug}/charter", response={200: CharterOut, **ERRORS}, auth=django_auth,
              summary="Set the particulars (officers); the rules only while forming")
def patch_charter(request: HttpRequest, slug: str, payload: CharterPatchIn) -> CharterOut:
    club = _club(request, slug)
    _allow(permissions.can_run_governance(request.user, club),
           "Only the club's officers can change the charter.")
    changes = payload.rules()
    if (changes and club.status == Club.Status.FORMING
            and not permissions.may_set_charter_directly(request.user, club)):
        # A missing right is a 403; once the club is active the rules change only by a
        # decision, for everyone alike (the service's 400).
        raise HttpError(403, "While the club is forming, its founding manager sets the "
                             "charter's rules; other officers propose a change.")
    changes.update(payload.model_dump(
        include={"region", "open_to_projects", "description", "contact_email"},
        exclude_none=True,
    ))
    try:
        updated = charter_services.club_update_charter(
            club=club, actor=request.user, **changes
        )
    except ClubError as exc:
        raise _refused(exc) from None
    return _charter_out(request, updated)


@router.post("/{slug}/charter/proposals", response={201: ProposalDetailOut, **ERRORS},
             auth=django_auth,
             summary="Propose a change of the charter's rules to the members (officers)")
def propose_charter_change(
    request: HttpRequest, slug: str, payload: CharterProposalIn
) -> Status[ProposalDetailOut]:
    club = _club(request, slug)
    _allow(permissions.may_propose_change(request.user, club),
           "Only the club's officers can propose a change.")
    try:
        proposal = charter_services.charter_propose_change(
            club=club, actor=request.user, changes=payload.rules(), summary=payload.summary,
        )
    except ClubError as exc:
        raise _refused(exc) from None
    return Status(201, _proposal_detail(request, _proposal(club, proposal.pk)))


@router.post("/{slug}/roles/proposals", response={201: ProposalDetailOut, **ERRORS},
             auth=django_auth,
             summary="Propose to appoint or remove an officer (officers); the members vote")
def propose_role_change(
    request: HttpRequest, slug: str, payload: RoleProposalIn
) -> Status[ProposalDetailOut]:
    club = _club(request, slug)
    _allow(permissions.may_propose_change(request.user, club),
           "Only the club's officers can propose a change.")
    member = Member.objects.filter(club=club, pk=payload.member).first()
    if member is None:
        raise HttpError(404, "The club has no such member.")
    try:
        proposal = charter_services.role_propose_change(
            club=club, actor=request.user, member=member, role=payload.role,
            summary=payload.summary,
        )
    except ClubError as exc:
        raise _refused(exc) from None
    return Status(201, _proposal_detail(request, _proposal(club, proposal.pk)))


@router.put("/{slug}/members/{member_id}/role", response={200: MemberRoleOut, **ERRORS},
            auth=django_auth,
            summary="Set a role without a vote: the founders while forming; the manager for "
                    "treasurer and secretary if the charter says so. Never your own.")
def set_role(request: HttpRequest, slug: str, member_id: int, payload: RoleIn) -> MemberRoleOut:
    club = _club(request, slug)
    member = Member.objects.filter(club=club, pk=member_id).first()
    if member is None:
        raise HttpError(404, "The club has no such member.")
    _allow(permissions.may_set_role_directly(request.user, club, member, payload.role),
           "Nobody changes their own role, and officers are appointed or removed by the "
           "members' decision: propose the change (POST /{slug}/roles/proposals).")
    try:
        done = charter_services.member_set_role(member=member, role=payload.role,
                                                actor=request.user)
    except ClubError as exc:
        raise _refused(exc) from None
    return MemberRoleOut(id=done.pk, name=done.name, role=done.role)
