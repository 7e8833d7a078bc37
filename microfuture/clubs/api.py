"""JSON API of the clubs app, mounted at /api/v1/clubs/.

Thin: parse into a schema, check the role, call a service or selector. Money and units are
strings ("1234.50"); a refused change is a 400 with a plain `detail`, a missing role 403,
an unknown club 404, a malformed body 422. Governance endpoints are in api_governance.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from microfuture.accounts.permissions import is_coordinator
from microfuture.api import django_auth, import_too_large
from microfuture.clubs import books, permissions, selectors, services
from microfuture.clubs.api_payments import PaymentApprovalOut, payment_approval_out
from microfuture.clubs.core import (
    AccountingError,
    Event,
    format_journal,
    loan_schedule,
    loan_schedule_json,
)
from microfuture.clubs.lookup import club_known_to, enterprise_represented_by
from microfuture.clubs.models import Club, ClubEvent, Member, PaymentApproval
from microfuture.clubs.services import payments
from microfuture.kernel.idempotency import idempotent
from microfuture.kernel.money import fmt_cents
from microfuture.kernel.pagination import Mapped, Page
from microfuture.regions import REGIONS

router = Router(tags=["clubs"])

# Bounded at the edge (docs/security.md, "Input at the edge"): an amount at most
# 999,999,999,999.99 (the books' own limit, well inside 64-bit cents), a rate with at most
# three digits before the point and four after (the core refuses above 100 %).
AMOUNT = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
RATE = r"^\d{1,3}(\.\d{1,4})?$"


class Error(Schema):
    detail: str


class JournalErrorOut(Schema):
    line: int
    message: str


class ImportErrors(Schema):
    detail: str
    errors: list[JournalErrorOut]


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


def _club(request: HttpRequest, slug: str) -> Club:
    club = club_known_to(request.user, slug)  # 404 alike for a missing or an unknown club
    if not permissions.can_view_club(request.user, club):
        raise PermissionDenied("You are not a member of this club.")
    return club


def _money_role(request: HttpRequest, club: Club) -> None:
    if not permissions.can_record_money(request.user, club):
        raise PermissionDenied("Only the club's treasurer or manager can record money.")


# Clubs ------------------------------------------------------------------------------------


class ClubOut(Schema):
    name: str
    slug: str
    region: str
    currency: str
    share_policy: str
    status: str
    start_date: date
    end_date: date
    term_years: int
    decision_rule: str
    quorum_percent: int
    max_enterprise_share_percent: int
    max_stake_percent: int
    monthly_pledge: str
    open_to_projects: bool
    other_regions: list[str] = []


def _club_out(club: Club) -> ClubOut:
    return ClubOut(
        name=club.name, slug=club.slug, region=club.region,
        other_regions=list(club.other_regions or ()), currency=club.currency,
        share_policy=club.share_policy, status=club.status, start_date=club.start_date,
        end_date=club.end_date, term_years=club.term_years, decision_rule=club.decision_rule,
        quorum_percent=club.quorum_percent,
        max_enterprise_share_percent=club.max_enterprise_share_percent,
        max_stake_percent=club.max_stake_percent,
        monthly_pledge=fmt_cents(club.monthly_pledge_cents),
        open_to_projects=club.open_to_projects,
    )


class ClubIn(Schema):
    name: str = Field(min_length=1, max_length=150)
    region: str = Field(description="statistical region code, e.g. SI041")
    other_regions: list[str] = Field(
        [], max_length=12, description="other regions the club covers, e.g. [\"SI035\"]")
    start_date: date
    currency: str = Field("EUR", pattern=r"^[A-Z]{3}$")
    share_policy: Literal["units", "contributions"] = "units"
    initial_unit_value: str = Field("10.00", pattern=AMOUNT)
    monthly_pledge: str = Field("25.00", pattern=AMOUNT)
    decision_rule: Literal["majority", "two_thirds", "unanimity"] = "majority"
    quorum_percent: int = Field(50, ge=0, le=100)
    max_enterprise_share_percent: int = Field(30, ge=1, le=100)
    max_stake_percent: int = Field(33, ge=1, le=100)
    description: str = ""
    founder_name: str = Field(min_length=1, max_length=150,
                              description="your name in the club's books")


@router.get("/", response={200: list[ClubOut], **ERRORS}, auth=django_auth)
@paginate(Page)
def list_clubs(request: HttpRequest) -> list[ClubOut]:
    """Clubs you belong to, and all clubs of the regions you coordinate."""
    return [_club_out(c) for c in selectors.clubs_visible_to(request.user).order_by("name")]


@router.post("/", response={201: ClubOut, **ERRORS}, auth=django_auth)
@decorate_view(idempotent)
def found_club(request: HttpRequest, payload: ClubIn) -> Status[ClubOut | Error]:
    """Found a club (forming stage); you become its manager."""
    if payload.region not in REGIONS:
        return Status(400, Error(detail=f"Unknown region {payload.region!r}."))
    if Decimal(payload.initial_unit_value) <= 0:
        return Status(400, Error(detail="The initial unit value must be more than zero."))
    try:
        club = services.club_found(
            founder=request.user, founder_name=payload.founder_name, name=payload.name,
            region=payload.region, other_regions=payload.other_regions,
            start_date=payload.start_date, currency=payload.currency,
            share_policy=payload.share_policy,
            initial_unit_value=Decimal(payload.initial_unit_value),
            monthly_pledge=Decimal(payload.monthly_pledge),
            decision_rule=payload.decision_rule, quorum_percent=payload.quorum_percent,
            max_enterprise_share_percent=payload.max_enterprise_share_percent,
            max_stake_percent=payload.max_stake_percent, description=payload.description,
        )
    except services.ClubError as exc:
        return Status(400, Error(detail=str(exc)))
    return Status(201, _club_out(club))


class RegionClubOut(Schema):
    club: str
    slug: str
    region: str
    status: str
    members: int
    savings: str
    nav: str
    invested: str
    enterprises: int
    par30: str | None
    end_date: date
    nearing_end: bool


@router.get("/region-overview", response={200: list[RegionClubOut], **ERRORS}, auth=django_auth)
@paginate(Page)
def region_overview(request: HttpRequest) -> list[RegionClubOut]:
    """For regional coordinators: every club of their regions with its key figures."""
    if not is_coordinator(request.user):
        raise PermissionDenied("Only regional coordinators can see the regional overview.")
    return [
        RegionClubOut(
            club=row.club.name, slug=row.club.slug, region=row.club.region,
            status=row.club.status, members=row.members, savings=f"{row.savings:.2f}",
            nav=f"{row.nav:.2f}", invested=f"{row.invested:.2f}", enterprises=row.enterprises,
            par30=row.par30, end_date=row.end_date, nearing_end=row.nearing_end,
        )
        for row in selectors.region_overview(request.user)
    ]


class InstalmentOut(Schema):
    n: int
    due: str
    payment: str
    interest: str
    principal: str
    outstanding: str


class LoanScheduleQuery(Schema):
    principal: str = Field(..., pattern=AMOUNT)
    rate: str = Field(..., pattern=RATE)
    term: int = Field(..., ge=1, le=600)
    disbursed: date
    grace: int = Field(0, ge=0, le=599)
    method: Literal["annuity", "linear"] = "annuity"
    first_due: date | None = None


@router.get("/loan-schedule", response={200: list[InstalmentOut], 400: Error, 422: Error})
def get_loan_schedule(request: HttpRequest, query: Query[LoanScheduleQuery]) -> Any:
    """The repayment schedule of a loan (spec §5); anyone may ask."""
    try:
        schedule = loan_schedule(
            principal=Decimal(query.principal), rate=Decimal(query.rate), term=query.term,
            grace=query.grace, method=query.method, disbursed=query.disbursed,
            first_due=query.first_due,
        )
    except AccountingError as exc:
        return Status(400, Error(detail=str(exc)))
    return loan_schedule_json(schedule)


@router.get("/{slug}", response={200: ClubOut, **ERRORS}, auth=django_auth)
def get_club(request: HttpRequest, slug: str) -> ClubOut:
    return _club_out(_club(request, slug))


# Statements -------------------------------------------------------------------------------


@router.get("/{slug}/statement", response={200: dict[str, Any], **ERRORS}, auth=django_auth)
def club_statement(request: HttpRequest, slug: str, date: date | None = None) -> Any:
    """The club statement of spec §8 on a date (default today). Its `members` lists only the
    members whose figures you may see (all of them for the club's officers, and for every
    member when the club has open books); the totals always count everyone."""
    club = _club(request, slug)
    return selectors.statement_seen_by(
        selectors.club_statement(club, as_of=date), permissions.figure_scope(request.user, club)
    )


@router.get(
    "/{slug}/members/{member_id}/statement", response={200: dict[str, Any], **ERRORS},
    auth=django_auth,
)
def member_statement(
    request: HttpRequest, slug: str, member_id: int, date: date | None = None
) -> Any:
    """One member's line of the statement and their events: your own (also after you left),
    any for the club's officers (and every member with open books), a consenting member's
    for the region's coordinator; an administrator's read is written to the audit log."""
    club = club_known_to(request.user, slug)
    member = get_object_or_404(Member, club=club, pk=member_id)
    access = permissions.member_figures_access(request.user, club, member)
    if access == "denied":
        raise PermissionDenied("Members see only their own statement.")
    if access == "audit":
        services.figures_read_for_audit(
            club=club, reader=request.user, what="member_statement", member=member
        )
    data = selectors.member_statement(club, member, as_of=date)
    return {
        "club": club.name, "date": data["club"]["date"], "currency": club.currency,
        "member": data["member"],
        "events": [
            {"seq": e.seq, "date": e.date.isoformat(), "type": e.type,
             "amount": None if e.amount_cents is None else fmt_cents(e.amount_cents),
             "reference": e.reference}
            for e in data["events"]
        ],
    }


class PledgeOut(Schema):
    member: str
    expected: str
    contributed: str
    behind: str
    months_behind: int


@router.get("/{slug}/pledges", response={200: list[PledgeOut], **ERRORS}, auth=django_auth)
@paginate(Page)
def pledges(request: HttpRequest, slug: str) -> list[PledgeOut]:
    """Each active member's pledge so far, what they paid and how far behind they are: for
    the club's officers, and every member when the club has open books."""
    club = _club(request, slug)
    access = permissions.all_figures_access(request.user, club)
    if access == "denied":
        raise PermissionDenied("Only the club's officers see everyone's pledges.")
    if access == "audit":
        services.figures_read_for_audit(club=club, reader=request.user, what="pledges")
    return [
        PledgeOut(member=line.member.name, expected=f"{line.expected:.2f}",
                  contributed=f"{line.contributed:.2f}", behind=f"{line.behind:.2f}",
                  months_behind=line.months_behind)
        for line in selectors.pledge_status(club)
    ]


# Events -----------------------------------------------------------------------------------


class EventIn(Schema):
    date: date
    type: Literal[
        "join", "contribution", "repayment", "income", "expense", "valuation", "sale",
        "write_off", "exit", "dissolve",
    ] = Field(description="investments are made from an approved proposal")
    member: str = ""
    enterprise: str = ""
    instrument: Literal["", "equity", "loan", "advance", "participatory"] = ""
    amount: str | None = Field(None, pattern=AMOUNT, description='e.g. "25.00"')
    reference: str = Field("", max_length=100)
    note: str = Field("", max_length=500)


class EventOut(Schema):
    seq: int
    date: date
    type: str
    member: str
    enterprise: str
    instrument: str
    amount: str | None
    reference: str
    note: str
    reversed: bool


def _event_out(row: ClubEvent) -> EventOut:
    return EventOut(
        seq=row.seq, date=row.date, type=row.type, member=row.member,
        enterprise=row.enterprise, instrument=row.instrument,
        amount=None if row.amount_cents is None else fmt_cents(row.amount_cents),
        reference=row.reference, note=row.note,
        reversed=hasattr(row, "reversal"),
    )


def _event(payload: EventIn) -> Event:
    return Event(
        date=payload.date, type=payload.type, member=payload.member.strip(),
        enterprise=payload.enterprise.strip(), instrument=payload.instrument or None,
        amount=Decimal(payload.amount) if payload.amount is not None else None,
        reference=payload.reference.strip(), note=payload.note,
    )


@router.get("/{slug}/events", response={200: list[EventOut], **ERRORS}, auth=django_auth)
@paginate(Page)
def list_events(request: HttpRequest, slug: str) -> Any:
    """The club's journal in order, reversed events included and marked: club-level events,
    and members' joins, contributions and exits where you may see that member's figures."""
    club = _club(request, slug)
    rows = selectors.events_seen_by(
        ClubEvent.objects.filter(club=club).select_related("reversal").order_by("seq"),
        permissions.figure_scope(request.user, club),
    )
    return Mapped(rows, _event_out)


@router.post("/{slug}/events",
             response={200: EventOut, 201: EventOut, 202: PaymentApprovalOut, **ERRORS},
             auth=django_auth)
@decorate_view(idempotent)
def record_event(request: HttpRequest, slug: str, payload: EventIn) -> Any:
    """Record one money event (treasurer or manager). Refusals say why and store nothing.
    An exit paying out more than the charter's four-eyes threshold is not recorded yet: 202
    with the payment waiting for a second officer (`/{slug}/payments/{id}/confirm`)."""
    club = _club(request, slug)
    _money_role(request, club)
    try:
        if payload.type == "exit":
            done = payments.club_record_exit(
                club=club, event=_event(payload), actor=request.user
            )
            if isinstance(done, PaymentApproval):
                return Status(202, payment_approval_out(done))
            return Status(201, _event_out(done))
        row = services.club_record_event(
            club=club, event=_event(payload), recorded_by=request.user
        )
    except services.ClubError as exc:
        # A retry of a request that was recorded (same reference, same content) gets the
        # original event back with 200, not a refusal; another event reusing the reference
        # is still refused (docs/api.md, "Retries").
        original = selectors.event_already_recorded(club, _event(payload))
        if original is not None:
            return Status(200, _event_out(original))
        return Status(400, Error(detail=str(exc)))
    return Status(201, _event_out(row))


class CollectionIn(Schema):
    date: date
    contributions: dict[str, str] = Field(
        description='member name → amount, e.g. {"Ana": "25.00"}; all recorded or none'
    )
    reference_prefix: str = Field("", max_length=60)


@router.post(
    "/{slug}/events/collection", response={201: list[EventOut], **ERRORS}, auth=django_auth
)
@decorate_view(idempotent)
def record_collection(request: HttpRequest, slug: str, payload: CollectionIn) -> Any:
    """A monthly collection: contributions of several members at once, all or nothing."""
    import re

    club = _club(request, slug)
    _money_role(request, club)
    events = []
    for name, amount in payload.contributions.items():
        if not re.fullmatch(AMOUNT, amount):
            return Status(400, Error(detail=f"{name}: the amount {amount!r} is not like 25.00."))
        if Decimal(amount) == 0:
            continue
        ref = f"{payload.reference_prefix}-{name}" if payload.reference_prefix else ""
        events.append(Event(date=payload.date, type="contribution", member=name,
                            amount=Decimal(amount), reference=ref))
    if not events:
        return Status(400, Error(detail="There is no contribution to record."))
    try:
        rows = services.club_record_events(club=club, events=events, recorded_by=request.user)
    except services.ClubError as exc:
        return Status(400, Error(detail=str(exc)))
    return Status(201, [_event_out(row) for row in rows])


class ReverseIn(Schema):
    reason: str = Field(min_length=1, max_length=500)


@router.post(
    "/{slug}/events/{seq}/reverse", response={200: EventOut, **ERRORS}, auth=django_auth
)
@decorate_view(idempotent)
def reverse_event(request: HttpRequest, slug: str, seq: int, payload: ReverseIn) -> Any:
    """Cancel an event with a reversing entry, saying why."""
    club = _club(request, slug)
    _money_role(request, club)
    row = get_object_or_404(ClubEvent, club=club, seq=seq)
    try:
        services.club_reverse_event(
            club=club, event=row, reason=payload.reason, reversed_by=request.user
        )
    except services.ClubError as exc:
        return Status(400, Error(detail=str(exc)))
    row.refresh_from_db()
    return Status(200, _event_out(row))


# The journal file -------------------------------------------------------------------------


class ImportOut(Schema):
    imported: int
    skipped: int


class JournalIn(Schema):
    csv: str = Field(description="the whole journal file (spec §7) as text")


@router.post(
    "/{slug}/journal", response={200: ImportOut, 400: ImportErrors, 401: Error, 403: Error,
                                 404: Error, 413: Error, 422: Error}, auth=django_auth,
)
@decorate_view(idempotent)
def import_journal(request: HttpRequest, slug: str, payload: JournalIn) -> Any:
    """Import a journal file: all or nothing; every error with its line. A file larger than
    the import limit (5 MB unless the site sets another) is answered 413, nothing stored."""
    club = _club(request, slug)
    _money_role(request, club)
    if len(payload.csv.encode("utf-8")) > settings.IMPORT_MAX_BYTES:
        return Status(413, Error(detail=import_too_large()))
    outcome = services.club_import_journal(club=club, text=payload.csv, recorded_by=request.user)
    if not outcome.ok:
        return Status(400, ImportErrors(
            detail=f"Nothing imported: {len(outcome.errors)} error(s).",
            errors=[JournalErrorOut(line=e.line, message=e.message) for e in outcome.errors],
        ))
    return Status(200, ImportOut(imported=outcome.imported, skipped=outcome.skipped))


@router.get("/{slug}/journal", response={200: str, **ERRORS}, auth=django_auth)
def export_journal(request: HttpRequest, slug: str) -> HttpResponse:
    """The club's journal file (CSV), which imports into a new club as the same club. It
    holds every member's amounts: the club's officers (and every member with open books)."""
    club = _club(request, slug)
    access = permissions.journal_file_access(request.user, club)
    if access == "denied":
        raise PermissionDenied(
            "The journal file holds every member's amounts: only the club's officers "
            "download it, and every member when the club has open books."
        )
    if access == "audit":
        services.figures_read_for_audit(club=club, reader=request.user, what="journal_file")
    response = HttpResponse(
        format_journal(books.effective_events(club)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{club.slug}-journal.csv"'
    return response


# Enterprises ------------------------------------------------------------------------------


class LoanOut(Schema):
    club: str
    reference: str
    status: str
    principal_outstanding: str
    arrears: str
    days_past_due: int
    schedule: list[InstalmentOut]


@router.get(
    "/enterprises/{ent_slug}/loans", response={200: list[LoanOut], **ERRORS}, auth=django_auth
)
@paginate(Page)
def enterprise_loans(request: HttpRequest, ent_slug: str) -> list[LoanOut]:
    """For an enterprise's representatives: every club loan, its schedule and what is late."""
    # Anyone else gets the 404 of a missing enterprise: no oracle (docs/security.md).
    enterprise = enterprise_represented_by(request.user, ent_slug)
    return [
        LoanOut(
            club=view.club.name, reference=view.reference, status=view.status,
            principal_outstanding=f"{view.principal_outstanding:.2f}",
            arrears=f"{view.arrears:.2f}", days_past_due=view.days_past_due,
            schedule=[
                InstalmentOut.model_validate(row) for row in loan_schedule_json(view.schedule)
            ],
        )
        for view in selectors.enterprise_loans(enterprise)
    ]


# Governance (meetings, proposals, votes, investment from a proposal) and mentoring endpoints
# share the prefix.
from microfuture.clubs.api_enterprise import router as enterprise_router  # noqa: E402
from microfuture.clubs.api_governance import router as governance_router  # noqa: E402
from microfuture.clubs.api_mentoring import router as mentoring_router  # noqa: E402
from microfuture.clubs.api_payments import router as payments_router  # noqa: E402

router.add_router("", enterprise_router)
router.add_router("", governance_router)
router.add_router("", mentoring_router)
router.add_router("", payments_router)
