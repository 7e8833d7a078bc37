"""Reads and reports about clubs: statements, pledges, overviews. Never writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from microfuture.accounts.permissions import coordinated_regions
from microfuture.clubs import hooks
from microfuture.clubs.books import club_stage_on, load_book
from microfuture.clubs.core import (
    ClubBook,
    Event,
    Instalment,
    from_cents,
    statement_from_book,
    to_cents,
)
from microfuture.clubs.models import (
    AuditLog,
    Club,
    ClubEvent,
    Enterprise,
    Member,
    PaymentApproval,
    Proposal,
    Vote,
)
from microfuture.clubs.permissions import (
    FigureScope,
    Reader,
    clubs_in_regions,
    clubs_readable_by,
)


def today() -> date:
    return timezone.localdate()


def club_statement(club: Club, *, as_of: date | None = None) -> dict[str, Any]:
    """The statement of spec §8 for a club on a date (default today).

    Its status is the club's stage in force on that date (`ClubStage`), not today's.
    """
    as_of = as_of or today()
    return _statement_of(club, load_book(club, as_of=as_of), as_of)


def _statement_of(club: Club, book: ClubBook, as_of: date) -> dict[str, Any]:
    """`club_statement` from a book already loaded up to `as_of`."""
    stage = club_stage_on(club, as_of)
    if stage is not None:
        lifecycle = stage.status
    else:  # a club stored without the services has no history: today's stage, undissolved
        lifecycle = club.status if club.status != Club.Status.DISSOLVED else Club.Status.ACTIVE
    return statement_from_book(book, as_of=as_of, status_override=str(lifecycle))


def member_statement(club: Club, member: Member, *, as_of: date | None = None) -> dict[str, Any]:
    """One member's lines of the club statement plus their own events."""
    stmt = club_statement(club, as_of=as_of)
    mine = next((m for m in stmt["members"] if m["name"] == member.name), None)
    events = ClubEvent.objects.filter(
        club=club, member=member.name, reversal__isnull=True, date__lte=stmt["date"]
    ).order_by("seq")
    return {"club": stmt, "member": mine, "events": list(events)}


def member_page(club: Club, member: Member) -> dict[str, Any]:
    """What the member's own page shows today, from one load of the book: `member_statement`
    (the club's statement, their line, their events) and their line of `pledge_status`."""
    as_of = today()
    book = load_book(club, as_of=as_of)
    stmt = _statement_of(club, book, as_of)
    mine = next((m for m in stmt["members"] if m["name"] == member.name), None)
    events = ClubEvent.objects.filter(
        club=club, member=member.name, reversal__isnull=True, date__lte=stmt["date"]
    ).order_by("seq")
    pledge = next(
        (line for line in _pledge_lines(club, book, as_of) if line.member.pk == member.pk), None
    )
    return {"club": stmt, "member": mine, "events": list(events), "pledge": pledge}


def clubs_visible_to(user: Reader) -> QuerySet[Club]:
    """Clubs the person reads (`permissions.can_read_club`): not those they have left."""
    return Club.objects.filter(clubs_readable_by(user))


# What a reader sees of members' figures (the rules are in permissions.py) -------------------


def statement_seen_by(stmt: dict[str, Any], scope: FigureScope) -> dict[str, Any]:
    """A statement with only the member lines the reader may see; the club's totals stay."""
    if scope.everyone:
        return stmt
    return {**stmt, "members": [m for m in stmt["members"] if scope.covers(m["name"])]}


def events_seen_by(rows: QuerySet[ClubEvent], scope: FigureScope) -> QuerySet[ClubEvent]:
    """Club-level events (investments, repayments, income, …) and the events of the members
    whose figures the reader may see; other members' joins, contributions and exits are left
    out."""
    if scope.everyone:
        return rows
    return rows.filter(Q(member="") | Q(member__in=scope.names))


#: Audit actions about one member's own money or privacy: a reader who may not see that
#: member's figures sees that it happened, not whose it was or how much.
PERSONAL_ACTIONS = ("event.", "payment.", "figures.", "member.consents")
#: What stays of such a row: when and which event, never amounts, references or reasons.
KEPT_OF_PERSONAL = ("seq", "date", "type", "what", "proposal")
VOTE_ACTIONS = ("vote.cast", "vote.changed")


def audit_entries_seen_by(
    club: Club, scope: FigureScope, *, show_choices: bool, limit: int = 500, offset: int = 0
) -> list[AuditLog]:
    """The club's audit log, latest first, as the reader may see it: vote choices left out
    while ballots are secret (who voted stays, for the quorum), and rows about another
    member's money or consents without their name and figures. The rows are never saved."""
    entries = list(club.audit_log.select_related("actor")[offset:offset + limit])
    if scope.everyone and show_choices:
        return entries
    # Rows that name their member only through the event or the payment they are about
    # (a reversal, a confirmed or cancelled payout): one query each for those shown.
    seqs: set[int] = set()
    approvals: set[int] = set()
    for e in entries:
        if not scope.everyone and isinstance(e.detail, dict) and not e.detail.get("member"):
            seqs.update(v for k in ("seq", "event_seq") if isinstance(v := e.detail.get(k), int))
            if isinstance(approval := e.detail.get("approval"), int):
                approvals.add(approval)
    member_of_seq: dict[Any, str] = dict(
        ClubEvent.objects.filter(club=club, seq__in=seqs).values_list("seq", "member")
    ) if seqs else {}
    member_of_approval: dict[Any, str] = dict(
        PaymentApproval.objects.filter(club=club, pk__in=approvals, member__isnull=False)
        .values_list("pk", "member__name")
    ) if approvals else {}
    for entry in entries:
        detail = dict(entry.detail) if isinstance(entry.detail, dict) else {}
        if not show_choices and entry.action in VOTE_ACTIONS:
            detail.pop("choice", None)
        if not scope.everyone:
            name = detail.get("member") or next((
                found for found in (
                    member_of_seq.get(detail.get("seq")),
                    member_of_seq.get(detail.get("event_seq")),
                    member_of_approval.get(detail.get("approval")),
                ) if found
            ), "")
            personal = entry.action.startswith(PERSONAL_ACTIONS) or "amount" in detail
            if personal and name and not scope.covers(str(name)):
                detail = {k: v for k, v in detail.items() if k in KEPT_OF_PERSONAL}
                detail["member"] = _("another member")
        entry.detail = detail
    return entries


@dataclass(frozen=True)
class PledgeLine:
    member: Member
    expected: Decimal
    contributed: Decimal
    behind: Decimal
    months_behind: int


def months_between(start: date, end: date) -> int:
    """Calendar months from start's month through end's month, both included."""
    if end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def pledge_status(club: Club, *, as_of: date | None = None) -> list[PledgeLine]:
    """Members behind on their monthly pledge (one pledge per calendar month, from the month
    they joined through this month, for as long as they are in the club)."""
    as_of = as_of or today()
    return _pledge_lines(club, load_book(club, as_of=as_of), as_of)


def _pledge_lines(club: Club, book: ClubBook, as_of: date) -> list[PledgeLine]:
    """`pledge_status` from a book already loaded up to `as_of`."""
    contributed = {m.name: m.contributed for m in book.members()}
    lines = []
    # The club with each member (its pledge is the club's, `Member.monthly_pledge_cents`):
    # one query, not one per member.
    for member in Member.objects.filter(
        club=club, joined_on__isnull=False, exited_on__isnull=True
    ).select_related("club"):
        assert member.joined_on is not None
        pledge = member.monthly_pledge_cents
        expected = pledge * months_between(member.joined_on, as_of)
        paid = contributed.get(member.name, 0)
        behind = max(0, expected - paid)
        lines.append(
            PledgeLine(
                member=member,
                expected=from_cents(expected),
                contributed=from_cents(paid),
                behind=from_cents(behind),
                months_behind=(behind // pledge) if pledge else 0,
            )
        )
    return lines


@dataclass(frozen=True)
class ClubOverview:
    club: Club
    members: int
    savings: Decimal
    nav: Decimal
    invested: Decimal
    enterprises: int
    par30: str | None
    end_date: date
    nearing_end: bool


def region_overview(user: Any, *, as_of: date | None = None) -> list[ClubOverview]:
    """Every club in the regions the person coordinates, with the figures a coordinator needs."""
    as_of = as_of or today()
    regions = coordinated_regions(user)
    clubs = list(Club.objects.filter(clubs_in_regions(regions)).order_by("region", "name"))
    # The stored snapshots of the date where they are current (`hooks.stored_figures`, filled
    # by the impact app): the same figures as the statement's, without replaying the book.
    stored = hooks.stored_figures(clubs, as_of) if hooks.stored_figures else {}
    rows = []
    for club in clubs:
        end = club.end_date
        nearing_end = club.status != Club.Status.DISSOLVED and 0 <= (end - as_of).days <= 365
        figures = stored.get(club.pk)
        if figures is not None:
            rows.append(
                ClubOverview(
                    club=club,
                    members=figures.members,
                    savings=Decimal(figures.savings),
                    nav=Decimal(figures.nav),
                    invested=Decimal(0) if figures.invested is None
                    else Decimal(figures.invested),
                    enterprises=figures.enterprises,
                    par30=figures.par30,
                    end_date=end,
                    nearing_end=nearing_end,
                )
            )
            continue
        stmt = club_statement(club, as_of=as_of)
        invested = sum((Decimal(h["cost"]) for h in stmt["holdings"]), Decimal(0))
        rows.append(
            ClubOverview(
                club=club,
                members=sum(1 for m in stmt["members"] if m["status"] == "active"),
                savings=Decimal(stmt["total_contributions"]),
                nav=Decimal(stmt["nav"]),
                invested=invested,
                enterprises=len({h["enterprise"] for h in stmt["holdings"]}),
                par30=stmt["par30"],
                end_date=end,
                nearing_end=nearing_end,
            )
        )
    return rows


@dataclass(frozen=True)
class LoanView:
    club: Club
    enterprise: str
    reference: str
    status: str
    schedule: list[Instalment]
    total_payments: Decimal
    arrears: Decimal
    days_past_due: int
    principal_outstanding: Decimal
    next_due: Instalment | None


def enterprise_loans(enterprise: Enterprise, *, as_of: date | None = None) -> list[LoanView]:
    """Every loan a club made to the enterprise: schedule, what is due, what is late."""
    as_of = as_of or today()
    views = []
    club_ids = (
        ClubEvent.objects.filter(enterprise=enterprise.name, type="investment", instrument="loan")
        .values_list("club_id", flat=True).distinct()
    )
    for club in Club.objects.filter(pk__in=club_ids):
        book: ClubBook = load_book(club, as_of=as_of)
        for h in book.holdings():
            if h.enterprise != enterprise.name or h.instrument != "loan":
                continue
            schedule = book.loan_schedule(h.id)
            arrears = book.arrears_cents(h.id, as_of)
            outstanding = h.principal_outstanding or 0
            next_due = next(
                (i for i in schedule if i.due >= as_of), None
            ) if h.status == "open" else None
            views.append(
                LoanView(
                    club=club, enterprise=h.enterprise, reference=h.reference, status=h.status,
                    schedule=schedule,
                    total_payments=sum((i.payment for i in schedule), Decimal(0)),
                    arrears=from_cents(arrears),
                    days_past_due=book.days_past_due(h.id, as_of),
                    principal_outstanding=from_cents(outstanding), next_due=next_due,
                )
            )
    return views


@dataclass(frozen=True)
class Ballot:
    """One member's vote on a proposal as a reader sees it: how, only on open ballots."""

    member: str
    choice: str | None = None
    choice_label: str | None = None


def ballots_seen_by(proposal: Proposal, *, show_choices: bool) -> list[Ballot]:
    """Who has voted, by name (for the quorum); their choices only when `show_choices`
    (`permissions.can_see_vote_choices`: never while the charter keeps ballots secret)."""
    votes = Vote.objects.filter(proposal=proposal).order_by("member__name")
    if not show_choices:
        return [Ballot(member=name) for name in votes.values_list("member__name", flat=True)]
    labels = dict(Vote.Choice.choices)
    return [
        Ballot(member=name, choice=choice, choice_label=str(labels.get(choice, choice)))
        for name, choice in votes.values_list("member__name", "choice")
    ]


def open_proposals_for_member(member: Member) -> QuerySet[Proposal]:
    return Proposal.objects.filter(club=member.club, status=Proposal.Status.VOTING)


def club_roles_of(user: Any) -> list[tuple[str, str, str]]:
    """(role, label, club name) for every club the person belongs to."""
    if not user.is_authenticated:
        return []
    return [
        (m.role, str(m.get_role_display()), m.club.name)
        for m in Member.objects.filter(user=user).select_related("club")
    ]


def club_problems(club: Club) -> list[str]:
    """Every broken invariant of a club's books (empty when they are sound)."""
    from microfuture.clubs.books import event_from_row, new_book
    from microfuture.clubs.core import AccountingError
    from microfuture.clubs.selectors_books import event_chain_problems
    from microfuture.clubs.selectors_checkpoints import checkpoint_problems
    from microfuture.ledger.models import Leg
    from microfuture.ledger.selectors import account_balances, ledger_problems

    problems = [p.message for p in ledger_problems(club.ledger)]
    problems += event_chain_problems(club)
    problems += checkpoint_problems(club)
    book = new_book(club)
    rows = ClubEvent.objects.filter(club=club, reversal__isnull=True).order_by("seq")
    # The stored legs of every event in one joined query: a prefetch of `entry` names every
    # entry id in one OR-ed expression, which SQLite refuses beyond 1,000 events.
    legs_of: dict[int, list[tuple[str, int, int]]] = {}
    for seq, code, debit, credit in Leg.objects.filter(
        entry__club_event__club=club, entry__club_event__reversal__isnull=True
    ).values_list("entry__club_event__seq", "account__code", "debit", "credit"):
        legs_of.setdefault(seq, []).append((code, debit, credit))
    for row in rows:
        try:
            posting = book.apply(event_from_row(row))
        except AccountingError as exc:
            problems.append(f"event {row.seq} ({row.date} {row.type}) is refused on replay: {exc}")
            continue
        stored = sorted(legs_of.get(row.seq, []))
        fresh = sorted(
            (leg.account, *leg.debit_credit)
            for leg in posting
        )
        if stored != fresh:
            problems.append(f"event {row.seq} ({row.date} {row.type}): ledger legs differ")
    if book.cash_cents < 0:
        problems.append("cash is negative")
    stored_balances = {k: v for k, v in account_balances(club.ledger).items() if v}
    book_balances = {k: v for k, v in book.balances().items() if v}
    if stored_balances != book_balances:
        problems.append("ledger account balances differ from the replayed events")
    try:
        statement_from_book(book, as_of=book.last_date or today())
    except AssertionError as exc:
        problems.append(f"statement identity fails: {exc}")
    return problems


def event_already_recorded(club: Club, event: Event) -> ClubEvent | None:
    """The club's event with this event's reference and the very same content, if any: a
    retried request that was recorded the first time (the API answers it with the original)."""
    if not event.reference:
        return None
    return ClubEvent.objects.filter(
        club=club, reference=event.reference, date=event.date, type=event.type,
        member=event.member, enterprise=event.enterprise, instrument=event.instrument or "",
        amount_cents=None if event.amount is None else to_cents(event.amount), note=event.note,
    ).select_related("reversal").first()
