"""Club governance writes: meetings, proposals, votes, and investing from a decision.

Every write runs in one transaction and first locks the club row (`select_for_update`), then
asks `clubs.permissions` whether the acting user may do it, then writes and audits: lock,
check, write. So two people closing the same vote, a vote cast while it closes, or a role
taken away while its holder acts are applied one after the other. The acting user is a
required argument; the scheduled closing of due votes acts as `permissions.SYSTEM`.

A vote is decided by the charter in force when it opened (`rule_at_open`, `quorum_at_open`);
the decision is stored as codes and figures (`Proposal.decision`), worded where it is shown
(`clubs.decisions`). An approved charter or role proposal is applied when its vote closes.
A refusal raises `ClubError` with a plain message. The rules are in docs/governance.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from microfuture.clubs import legal_form as law
from microfuture.clubs import permissions
from microfuture.clubs.books import load_book
from microfuture.clubs.core import Event, fmt_money, from_cents, to_cents
from microfuture.clubs.core.votes import (
    Decision,
    Tally,
    decide,
    quorum_needed,
    rule_to_adopt,
    stricter,
)
from microfuture.clubs.models import (
    Attendance,
    Club,
    ClubEvent,
    Enterprise,
    Meeting,
    Member,
    PaymentApproval,
    Proposal,
    Vote,
)
from microfuture.clubs.permissions import SYSTEM, Actor
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.charter import charter_apply_decision, role_apply_decision
from microfuture.clubs.services.money import ClubError, club_record_event
from microfuture.clubs.stages import STAGES_TAKING_PROJECTS

__all__ = [
    "Decision", "Tally", "decide", "quorum_needed",
]

LOAN_METHODS = ("annuity", "linear")


def _moment(when: dt.datetime) -> str:
    """A date and time in the page's one format (1. 12. 2026, 14:05 / 1 December 2026, 14:05)."""
    return formats.date_format(timezone.localtime(when), "SHORT_DATETIME_FORMAT")


def _lock(club: Club) -> Club:
    return Club.objects.select_for_update().get(pk=club.pk)


def _require_governance(actor: Actor, club: Club, what: str) -> None:
    if not permissions.may_run_governance(actor, club):
        raise ClubError(
            _("Only the club's manager, treasurer or secretary can %(what)s.") % {"what": what}
        )


def active_members(club: Club) -> list[Member]:
    return list(Member.objects.filter(club=club, joined_on__isnull=False, exited_on__isnull=True))


# Meetings ---------------------------------------------------------------------------------


@transaction.atomic
def meeting_schedule(
    *, club: Club, actor: Actor, title: str, starts_at: dt.datetime, place: str = "",
    agenda: str = "",
) -> Meeting:
    locked = _lock(club)
    _require_governance(actor, locked, _("call a meeting"))
    if locked.status == Club.Status.DISSOLVED:
        raise ClubError(_("A dissolved club holds no more meetings."))
    title = title.strip()
    if not title:
        raise ClubError(_("The meeting needs a title."))
    meeting = Meeting.objects.create(
        club=locked, title=title, starts_at=starts_at, location=place.strip(),
        agenda=agenda.strip(),
        created_by=permissions.person(actor),
    )
    audit(club=locked, actor=actor, action="meeting.scheduled", meeting=meeting.pk,
          title=title, starts_at=starts_at.isoformat())
    return meeting


@transaction.atomic
def meeting_record_attendance(
    *, meeting: Meeting, actor: Actor, present: Iterable[Member]
) -> list[Member]:
    """Set who was present (replaces the earlier list); only the club's members count."""
    locked = _lock(meeting.club)
    _require_governance(actor, locked, _("record attendance"))
    people = list(present)
    for person in people:
        if person.club_id != locked.pk:
            raise ClubError(_("%(name)s is not a member of this club.") % {"name": person.name})
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create([Attendance(meeting=meeting, member=p) for p in people])
    audit(club=locked, actor=actor, action="meeting.attendance", meeting=meeting.pk,
          present=sorted(p.name for p in people))
    return people


@transaction.atomic
def meeting_record_minutes(*, meeting: Meeting, actor: Actor, minutes: str) -> Meeting:
    """Save the minutes; a meeting with minutes has been held."""
    locked = _lock(meeting.club)
    _require_governance(actor, locked, _("record the minutes"))
    minutes = minutes.strip()
    if not minutes:
        raise ClubError(_("Write the minutes first."))
    meeting.minutes = minutes
    meeting.held = True
    meeting.save(update_fields=["minutes", "held"])
    audit(club=locked, actor=actor, action="meeting.minutes", meeting=meeting.pk)
    return meeting


# Proposals ------------------------------------------------------------------------------


@transaction.atomic
def proposal_submit(
    *,
    club: Club,
    enterprise: Enterprise,
    actor: Actor,
    title: str,
    summary: str,
    instrument: str,
    amount: Decimal,
    rate: Decimal | None = None,
    term: int | None = None,
    grace: int | None = None,
    method: str | None = None,
) -> Proposal:
    """An enterprise asks a club for money (or a governance role files it on its behalf)."""
    locked = _lock(club)
    if not permissions.may_submit_proposal(actor, locked, enterprise):
        raise ClubError(_("Only the enterprise's representatives can apply for it."))
    if not permissions.may_run_governance(actor, locked) and not locked.open_to_projects:
        raise ClubError(_("%(club)s is not taking new projects.") % {"club": locked.name})
    if locked.status not in STAGES_TAKING_PROJECTS:
        raise ClubError(
            _("%(club)s is %(stage)s and takes no new projects.")
            % {"club": locked.name, "stage": locked.get_status_display().lower()}
        )
    title, summary = title.strip(), summary.strip()
    if not title or not summary:
        raise ClubError(_("A proposal needs a title and says what the money is for."))
    if instrument not in Proposal.Instrument.values:
        raise ClubError(_("Choose shares, a loan, an advance or participatory securities."))
    if instrument == Proposal.Instrument.EQUITY:
        refusal = law.equity_refusal(name=enterprise.name, legal_form=enterprise.legal_form)
        if refusal:
            raise ClubError(refusal)
    if isinstance(amount, float):
        raise ClubError(_("The amount must be exact."))
    if amount <= 0:
        raise ClubError(_("The amount must be more than zero."))
    cents = to_cents(amount)
    if from_cents(cents) != amount:
        raise ClubError(_("The amount can have at most two decimals."))
    if instrument == Proposal.Instrument.LOAN:
        if rate is None or term is None:
            raise ClubError(_("A loan needs an annual interest rate and a term in months."))
        if rate < 0:
            raise ClubError(_("The interest rate cannot be negative."))
        if term < 1:
            raise ClubError(_("The term must be at least one month."))
        grace = grace or 0
        if not 0 <= grace < term:
            raise ClubError(_("The grace period must be shorter than the term."))
        method = method or "annuity"
        if method not in LOAN_METHODS:
            raise ClubError(_("Repayment is either annuity or linear."))
    else:
        rate, term, grace, method = None, None, None, None
    proposal = Proposal.objects.create(
        club=locked, enterprise=enterprise, title=title, summary=summary,
        instrument=instrument, amount_cents=cents,
        rate=str(rate) if rate is not None else "", term=term, grace=grace,
        method=method or "",
        submitted_by=permissions.person(actor),
    )
    audit(club=locked, actor=actor, action="proposal.submitted", proposal=proposal.pk,
          enterprise=enterprise.name, instrument=instrument, amount=str(from_cents(cents)))
    return proposal


@transaction.atomic
def proposal_add_due_diligence(*, proposal: Proposal, actor: Actor, notes: str) -> Proposal:
    """Add dated notes of the club's checks to the proposal (earlier notes stay)."""
    locked = _lock(proposal.club)
    _require_governance(actor, locked, _("add due-diligence notes"))
    proposal.refresh_from_db()
    notes = notes.strip()
    if not notes:
        raise ClubError(_("Write the notes first."))
    who = getattr(actor, "full_name", "") or getattr(actor, "username", "")
    stamp = f"{timezone.localdate().isoformat()} {who}".strip()
    entry = f"[{stamp}]\n{notes}"
    proposal.due_diligence = (
        f"{proposal.due_diligence}\n\n{entry}" if proposal.due_diligence else entry
    )
    proposal.save(update_fields=["due_diligence"])
    audit(club=locked, actor=actor, action="proposal.due_diligence", proposal=proposal.pk)
    return proposal


@transaction.atomic
def proposal_open_vote(
    *, proposal: Proposal, actor: Actor, meeting: Meeting | None = None,
    deadline: dt.datetime | None = None, now: dt.datetime | None = None,
) -> Proposal:
    """Put a proposal to the vote: at a meeting, or online until a deadline.

    The charter in force now decides the vote, whatever changes before it closes. A charter
    change that weakens the decision rule or sets a quorum below 50 % needs unanimity.
    """
    locked = _lock(proposal.club)
    _require_governance(actor, locked, _("open a vote"))
    proposal.refresh_from_db()
    now = now or timezone.now()
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ClubError(
            _("Only a submitted proposal can be put to the vote; this one is %(status)s.")
            % {"status": proposal.get_status_display().lower()}
        )
    if proposal.kind == Proposal.Kind.FUNDING and locked.status not in STAGES_TAKING_PROJECTS:
        raise ClubError(_("The club no longer decides on new investments."))
    if locked.status == Club.Status.DISSOLVED:
        raise ClubError(_("A dissolved club holds no more meetings."))
    if (meeting is None) == (deadline is None):
        raise ClubError(_("Choose either a meeting or a deadline for an online vote."))
    if meeting is not None and meeting.club_id != locked.pk:
        raise ClubError(_("That meeting belongs to another club."))
    if deadline is not None and deadline <= now:
        raise ClubError(_("The deadline of an online vote must be in the future."))
    rule = locked.decision_rule
    if proposal.kind == Proposal.Kind.CHARTER:
        rule = stricter(rule, rule_to_adopt(rule_in_force=rule, changes=proposal.changes))
    proposal.status = Proposal.Status.VOTING
    proposal.meeting = meeting
    proposal.vote_deadline = deadline
    proposal.rule_at_open = rule
    proposal.quorum_at_open = locked.quorum_percent
    proposal.secret_at_open = locked.secret_ballot
    proposal.save(update_fields=["status", "meeting", "vote_deadline", "rule_at_open",
                                 "quorum_at_open", "secret_at_open"])
    audit(club=locked, actor=actor, action="proposal.vote_opened", proposal=proposal.pk,
          meeting=meeting.pk if meeting else None,
          deadline=deadline.isoformat() if deadline else None,
          rule=rule, quorum_percent=locked.quorum_percent)
    return proposal


@transaction.atomic
def vote_cast(
    *, proposal: Proposal, member: Member, choice: str, actor: Actor,
    now: dt.datetime | None = None,
) -> Vote:
    """One vote per active member, cast by that member; it may change until the vote closes."""
    locked = _lock(proposal.club)
    proposal.refresh_from_db()
    member.refresh_from_db()
    now = now or timezone.now()
    if member.club_id != locked.pk or not member.is_active:
        raise ClubError(_("Only active members of the club can vote."))
    if not permissions.may_vote(actor, member):
        raise ClubError(_("Each member casts their own vote."))
    if proposal.status != Proposal.Status.VOTING:
        raise ClubError(_("This proposal is not open for voting."))
    if proposal.vote_deadline is not None and now > proposal.vote_deadline:
        raise ClubError(_("The online vote ended on %(when)s.") % {
            "when": _moment(proposal.vote_deadline)
        })
    if choice not in Vote.Choice.values:
        raise ClubError(_("Vote yes, no or abstain."))
    vote, created = Vote.objects.update_or_create(
        proposal=proposal, member=member, defaults={"choice": choice}
    )
    # A secret ballot's choice is kept only on the vote itself (needed to count it and to
    # let the member change it before the close), never in the audit log that officers read.
    how = {} if permissions.ballot_is_secret(locked, proposal) else {"choice": choice}
    audit(club=locked, actor=actor, action="vote.cast" if created else "vote.changed",
          proposal=proposal.pk, member=member.name, **how)
    return vote


def vote_tally(proposal: Proposal) -> Tally:
    """Votes of members who are active now; eligible = the club's active members now; the
    quorum in force when the vote opened (the club's present one before it opens)."""
    eligible = active_members(proposal.club)
    ids = {m.pk for m in eligible}
    counts = {"yes": 0, "no": 0, "abstain": 0}
    for choice, member_id in proposal.votes.values_list("choice", "member_id"):
        if member_id in ids:
            counts[choice] += 1
    quorum = (
        proposal.quorum_at_open if proposal.quorum_at_open is not None
        else proposal.club.quorum_percent
    )
    return Tally(
        yes=counts["yes"], no=counts["no"], abstain=counts["abstain"], eligible=len(eligible),
        needed=quorum_needed(quorum_percent=quorum, eligible=len(eligible)),
    )


@transaction.atomic
def proposal_close_vote(
    *, proposal: Proposal, actor: Actor, now: dt.datetime | None = None
) -> Proposal:
    """Count the votes and decide by the charter in force when the vote opened.

    An officer closes a vote held at a meeting when the meeting has voted. An online vote
    closes once its deadline has passed (by an officer or by the scheduled job, acting as
    `permissions.SYSTEM`), or earlier, by an officer, once every member has voted: members
    were promised until the deadline to make up their minds. An approved charter or role
    change comes into force in the same transaction.
    """
    locked = _lock(proposal.club)
    proposal.refresh_from_db()
    now = now or timezone.now()
    if not permissions.may_close_vote(actor, locked, proposal, now):
        raise ClubError(
            _("Only the club's manager, treasurer or secretary can %(what)s.")
            % {"what": _("close a vote")}
        )
    if proposal.status != Proposal.Status.VOTING:
        raise ClubError(_("This proposal has no open vote."))
    tally = vote_tally(proposal)
    if (
        proposal.vote_deadline is not None and now < proposal.vote_deadline
        and tally.cast < tally.eligible
    ):
        raise ClubError(_(
            "The online vote runs until %(when)s; it can close earlier only once every member "
            "has voted (%(cast)d of %(eligible)d so far)."
        ) % {
            "when": _moment(proposal.vote_deadline),
            "cast": tally.cast, "eligible": tally.eligible,
        })
    # Votes opened before the charter was recorded at opening fall back to today's charter.
    rule = proposal.rule_at_open or locked.decision_rule
    quorum = (
        proposal.quorum_at_open if proposal.quorum_at_open is not None
        else locked.quorum_percent
    )
    decision = decide(rule=rule, quorum_percent=quorum, tally=tally)
    stored = decision.as_json()
    if decision.approved and proposal.kind == Proposal.Kind.CHARTER:
        stored["applied"] = charter_apply_decision(club=locked, proposal=proposal, actor=actor)
        if not stored["applied"]:
            stored["not_applied"] = "dissolved"
    elif decision.approved and proposal.kind == Proposal.Kind.ROLE:
        stored["applied"] = role_apply_decision(club=locked, proposal=proposal, actor=actor)
        if not stored["applied"]:
            stored["not_applied"] = "member_left"
    proposal.status = Proposal.Status.APPROVED if decision.approved else Proposal.Status.REJECTED
    proposal.decided_at = now
    proposal.decision = stored
    proposal.save(update_fields=["status", "decided_at", "decision"])
    audit(club=locked, actor=actor, action="proposal.decided", proposal=proposal.pk,
          kind=proposal.kind, **stored, by="schedule" if actor is SYSTEM else "person")
    return proposal


def due_online_votes(*, now: dt.datetime | None = None) -> list[Proposal]:
    now = now or timezone.now()
    return list(
        Proposal.objects.filter(
            status=Proposal.Status.VOTING, vote_deadline__isnull=False, vote_deadline__lte=now
        ).select_related("club").order_by("vote_deadline", "pk")
    )


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, actor: Actor, reason: str = "") -> Proposal:
    """The enterprise (or the club's officers) take a proposal back before it is funded."""
    locked = _lock(proposal.club)
    proposal.refresh_from_db()
    if not permissions.may_withdraw_proposal(actor, locked, proposal):
        raise ClubError(_("Only the enterprise or the club's officers can withdraw it."))
    if proposal.status not in {
        Proposal.Status.SUBMITTED, Proposal.Status.VOTING, Proposal.Status.APPROVED
    } or (proposal.kind != Proposal.Kind.FUNDING and proposal.status == Proposal.Status.APPROVED):
        raise ClubError(
            _("A proposal that is %(status)s can no longer be withdrawn.")
            % {"status": proposal.get_status_display().lower()}
        )
    old = proposal.status
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    # A payment waiting for a second officer has nothing left to pay out.
    for approval in PaymentApproval.objects.filter(
        proposal=proposal, status=PaymentApproval.Status.PENDING
    ):
        approval.status = PaymentApproval.Status.CANCELLED
        approval.decided_at = timezone.now()
        approval.save(update_fields=["status", "decided_at"])
        audit(club=locked, actor=actor, action="payment.cancelled", approval=approval.pk,
              kind=approval.kind, amount=str(from_cents(approval.amount_cents)),
              reason="proposal withdrawn")
    audit(club=locked, actor=actor, action="proposal.withdrawn", proposal=proposal.pk,
          old=old, reason=reason.strip())
    return proposal


# Investing from a decision -------------------------------------------------------------


def charter_limit_problems(*, club: Club, proposal: Proposal) -> list[str]:
    """Every charter limit the proposal's investment would break (empty when within)."""
    if proposal.enterprise is None or proposal.amount_cents is None:
        return []
    book = load_book(club)
    name = proposal.enterprise.name
    amount = proposal.amount_cents
    open_in_enterprise = [
        h for h in book.holdings() if h.enterprise == name and h.status == "open"
    ]
    after = sum(h.carrying for h in open_in_enterprise) + amount
    nav = book.nav_cents
    problems: list[str] = []
    currency = club.currency
    # The NAV does not move when investing: cash becomes a holding of the same value.
    if after * 100 > club.max_enterprise_share_percent * nav:
        problems.append(_(
            "The club would hold %(after)s %(cur)s in %(ent)s, more than %(pct)d %% of its "
            "net asset value of %(nav)s %(cur)s (at most %(limit)s %(cur)s)."
        ) % {
            "after": fmt_money(from_cents(after)), "cur": currency, "ent": name,
            "pct": club.max_enterprise_share_percent, "nav": fmt_money(from_cents(nav)),
            "limit": fmt_money(from_cents(max(0, club.max_enterprise_share_percent * nav // 100))),
        })
    if proposal.instrument == Proposal.Instrument.EQUITY:
        # The enterprise may have recorded its legal form since it applied.
        refusal = law.equity_refusal(name=name, legal_form=proposal.enterprise.legal_form)
        if refusal:
            return [*problems, refusal]
        capital = proposal.enterprise.share_capital_cents
        if not capital:
            problems.append(_(
                "The share capital of %(ent)s is not known, so the club cannot check that its "
                "stake stays within %(pct)d %%. Record the share capital on the enterprise's "
                "page first."
            ) % {"ent": name, "pct": club.max_stake_percent})
        else:
            equity_after = sum(
                h.cost for h in open_in_enterprise if h.instrument == "equity"
            ) + amount
            if equity_after * 100 > club.max_stake_percent * capital:
                problems.append(_(
                    "The club's shares in %(ent)s would cost %(after)s %(cur)s, more than "
                    "%(pct)d %% of its share capital of %(capital)s %(cur)s (at most "
                    "%(limit)s %(cur)s)."
                ) % {
                    "ent": name, "after": fmt_money(from_cents(equity_after)), "cur": currency,
                    "pct": club.max_stake_percent, "capital": fmt_money(from_cents(capital)),
                    "limit": fmt_money(from_cents(club.max_stake_percent * capital // 100)),
                })
    return problems


def _investment_problems(club: Club, proposal: Proposal, first_due: dt.date | None) -> None:
    """Refuse an investment the proposal cannot make now (status, kind, charter limits)."""
    if proposal.club_id != club.pk:
        raise ClubError(_("That proposal was made to another club."))
    if proposal.kind != Proposal.Kind.FUNDING or proposal.enterprise is None:
        raise ClubError(_("Only a funding proposal is paid out."))
    if proposal.status == Proposal.Status.FUNDED:
        raise ClubError(_("This proposal has already been funded."))
    if proposal.status != Proposal.Status.APPROVED:
        raise ClubError(
            _("Only an approved proposal can be funded; this one is %(status)s.")
            % {"status": proposal.get_status_display().lower()}
        )
    if first_due is not None and proposal.instrument != Proposal.Instrument.LOAN:
        raise ClubError(_("A first due date applies only to a loan."))
    problems = charter_limit_problems(club=club, proposal=proposal)
    if problems:
        raise ClubError(" ".join(problems))


def fund_proposal(
    *, club: Club, proposal: Proposal, on: dt.date, first_due: dt.date | None, actor: Actor,
    confirmed_payout_cents: int | None = None,
) -> ClubEvent:
    """Record the investment of an approved proposal (the club is locked by the caller and
    every check has been made under that lock)."""
    assert proposal.enterprise is not None and proposal.amount_cents is not None
    loan = proposal.instrument == Proposal.Instrument.LOAN
    event = Event(
        date=on, type="investment", enterprise=proposal.enterprise.name,
        instrument=proposal.instrument, amount=from_cents(proposal.amount_cents),
        rate=Decimal(proposal.rate) if loan and proposal.rate else None,
        term=proposal.term if loan else None,
        grace=proposal.grace if loan else None,
        method=(proposal.method or "annuity") if loan else None,
        first_due=first_due if loan else None,
        reference=f"proposal-{proposal.pk}",
        note=proposal.title[:500],
    )
    row = club_record_event(club=club, event=event, recorded_by=actor, proposal=proposal,
                            confirmed_payout_cents=confirmed_payout_cents)
    proposal.status = Proposal.Status.FUNDED
    proposal.save(update_fields=["status"])
    audit(club=club, actor=actor, action="proposal.funded", proposal=proposal.pk,
          enterprise=proposal.enterprise.name, amount=str(from_cents(proposal.amount_cents)),
          event_seq=row.seq)
    return row


@transaction.atomic
def club_invest_from_proposal(
    *, club: Club, proposal: Proposal, on: dt.date, actor: Actor,
    first_due: dt.date | None = None,
) -> ClubEvent | PaymentApproval:
    """Pay out an approved proposal: an `investment` event, and the proposal is funded.

    Above the charter's `second_officer_above_cents` the payment is not recorded yet: it
    waits, as a `PaymentApproval`, for another treasurer or manager to confirm it
    (`services.payments.payment_confirm`), which re-checks everything under the lock.
    """
    locked = _lock(club)
    proposal.refresh_from_db()
    if not permissions.may_request_payment(actor, locked):
        raise ClubError(_("Only the treasurer or the manager can pay out an investment."))
    _investment_problems(locked, proposal, first_due)
    if PaymentApproval.objects.filter(
        proposal=proposal, status=PaymentApproval.Status.PENDING
    ).exists():
        raise ClubError(_("This payment is already waiting for a second officer."))
    assert proposal.amount_cents is not None and proposal.enterprise is not None
    if proposal.amount_cents > locked.second_officer_above_cents:
        requester = permissions.person(actor)
        assert requester is not None  # may_request_payment passed
        approval = PaymentApproval.objects.create(
            club=locked, kind=PaymentApproval.Kind.INVESTMENT, proposal=proposal,
            amount_cents=proposal.amount_cents, requested_by=requester,
            payload={"on": on.isoformat(),
                     "first_due": first_due.isoformat() if first_due else None},
        )
        audit(club=locked, actor=actor, action="payment.requested", approval=approval.pk,
              kind=approval.kind, proposal=proposal.pk,
              amount=str(from_cents(approval.amount_cents)))
        return approval
    return fund_proposal(club=locked, proposal=proposal, on=on, first_due=first_due,
                         actor=actor)
