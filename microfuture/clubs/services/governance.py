"""Club governance writes: meetings, funding proposals, votes, and investing from a decision.

Every write runs in one transaction and first locks the club row (`select_for_update`), so
that two people closing the same vote, or a vote being cast while it is closed, are applied
one after the other, and writes one audit row. A refusal raises `ClubError` with a plain
message. The vote rules and the charter limits are written down in docs/governance.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microfuture.clubs.core import Event, fmt_money, from_cents, to_cents
from microfuture.clubs.models import (
    Attendance,
    Club,
    ClubEvent,
    Enterprise,
    Meeting,
    Member,
    Proposal,
    Vote,
)
from microfuture.clubs.permissions import GOVERNANCE_ROLES, represents
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.money import ClubError, club_record_event, load_book

#: Club stages in which a club takes new projects.
STAGES_TAKING_PROJECTS = {Club.Status.FORMING, Club.Status.ACTIVE, Club.Status.RENEWED}
LOAN_METHODS = ("annuity", "linear")


def _lock(club: Club) -> Club:
    return Club.objects.select_for_update().get(pk=club.pk)


def _is_governance(actor: Any, club: Club) -> bool:
    if getattr(actor, "is_superuser", False) and getattr(actor, "is_authenticated", False):
        return True
    if not getattr(actor, "is_authenticated", False):
        return False
    member = Member.objects.filter(club=club, user=actor).first()
    return member is not None and member.is_active and member.role in GOVERNANCE_ROLES


def _require_governance(actor: Any, club: Club, what: str) -> None:
    if not _is_governance(actor, club):
        raise ClubError(
            _("Only the club's manager, treasurer or secretary can %(what)s.") % {"what": what}
        )


def active_members(club: Club) -> list[Member]:
    return list(Member.objects.filter(club=club, joined_on__isnull=False, exited_on__isnull=True))


# Meetings ---------------------------------------------------------------------------------


@transaction.atomic
def meeting_schedule(
    *, club: Club, actor: Any, title: str, starts_at: dt.datetime, place: str = "",
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
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(club=locked, actor=actor, action="meeting.scheduled", meeting=meeting.pk,
          title=title, starts_at=starts_at.isoformat())
    return meeting


@transaction.atomic
def meeting_record_attendance(
    *, meeting: Meeting, actor: Any, present: Iterable[Member]
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
def meeting_record_minutes(*, meeting: Meeting, actor: Any, minutes: str) -> Meeting:
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
    actor: Any,
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
    governance = _is_governance(actor, locked)
    if not governance:
        if not represents(actor, enterprise):
            raise ClubError(_("Only the enterprise's representatives can apply for it."))
        if not locked.open_to_projects:
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
        submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(club=locked, actor=actor, action="proposal.submitted", proposal=proposal.pk,
          enterprise=enterprise.name, instrument=instrument, amount=str(from_cents(cents)))
    return proposal


@transaction.atomic
def proposal_add_due_diligence(*, proposal: Proposal, actor: Any, notes: str) -> Proposal:
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
    *, proposal: Proposal, actor: Any, meeting: Meeting | None = None,
    deadline: dt.datetime | None = None, now: dt.datetime | None = None,
) -> Proposal:
    """Put a proposal to the vote: at a meeting, or online until a deadline."""
    locked = _lock(proposal.club)
    _require_governance(actor, locked, _("open a vote"))
    proposal.refresh_from_db()
    now = now or timezone.now()
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ClubError(
            _("Only a submitted proposal can be put to the vote; this one is %(status)s.")
            % {"status": proposal.get_status_display().lower()}
        )
    if locked.status not in STAGES_TAKING_PROJECTS:
        raise ClubError(_("The club no longer decides on new investments."))
    if (meeting is None) == (deadline is None):
        raise ClubError(_("Choose either a meeting or a deadline for an online vote."))
    if meeting is not None and meeting.club_id != locked.pk:
        raise ClubError(_("That meeting belongs to another club."))
    if deadline is not None and deadline <= now:
        raise ClubError(_("The deadline of an online vote must be in the future."))
    proposal.status = Proposal.Status.VOTING
    proposal.meeting = meeting
    proposal.vote_deadline = deadline
    proposal.save(update_fields=["status", "meeting", "vote_deadline"])
    audit(club=locked, actor=actor, action="proposal.vote_opened", proposal=proposal.pk,
          meeting=meeting.pk if meeting else None,
          deadline=deadline.isoformat() if deadline else None)
    return proposal


@transaction.atomic
def vote_cast(
    *, proposal: Proposal, member: Member, choice: str, actor: Any = None,
    now: dt.datetime | None = None,
) -> Vote:
    """One vote per active member; it may change until the vote is closed."""
    locked = _lock(proposal.club)
    proposal.refresh_from_db()
    member.refresh_from_db()
    now = now or timezone.now()
    if member.club_id != locked.pk or not member.is_active:
        raise ClubError(_("Only active members of the club can vote."))
    if proposal.status != Proposal.Status.VOTING:
        raise ClubError(_("This proposal is not open for voting."))
    if proposal.vote_deadline is not None and now > proposal.vote_deadline:
        raise ClubError(_("The online vote ended on %(when)s.") % {
            "when": timezone.localtime(proposal.vote_deadline).strftime("%Y-%m-%d %H:%M")
        })
    if choice not in Vote.Choice.values:
        raise ClubError(_("Vote yes, no or abstain."))
    vote, created = Vote.objects.update_or_create(
        proposal=proposal, member=member, defaults={"choice": choice}
    )
    audit(club=locked, actor=actor, action="vote.cast" if created else "vote.changed",
          proposal=proposal.pk, member=member.name, choice=choice)
    return vote


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int
    eligible: int
    needed: int

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain


@dataclass(frozen=True)
class Decision:
    approved: bool
    quorum_met: bool
    note: str


def quorum_needed(*, quorum_percent: int, eligible: int) -> int:
    """The least number of votes with votes × 100 ≥ quorum % × eligible."""
    return -(-quorum_percent * eligible // 100)


def vote_tally(proposal: Proposal) -> Tally:
    """Votes of members who are active now; eligible = the club's active members now."""
    eligible = active_members(proposal.club)
    ids = {m.pk for m in eligible}
    counts = {"yes": 0, "no": 0, "abstain": 0}
    for choice, member_id in proposal.votes.values_list("choice", "member_id"):
        if member_id in ids:
            counts[choice] += 1
    return Tally(
        yes=counts["yes"], no=counts["no"], abstain=counts["abstain"], eligible=len(eligible),
        needed=quorum_needed(quorum_percent=proposal.club.quorum_percent, eligible=len(eligible)),
    )


def decide(*, rule: str, quorum_percent: int, tally: Tally) -> Decision:
    """Apply the club's rule to a tally (pure; see docs/governance.md).

    Abstentions count towards the quorum only; the rule compares yes with no.
    """
    cast, eligible = tally.cast, tally.eligible
    figures = _("%(yes)d yes, %(no)d no, %(abstain)d abstaining") % {
        "yes": tally.yes, "no": tally.no, "abstain": tally.abstain,
    }
    if eligible == 0 or cast * 100 < quorum_percent * eligible or cast == 0:
        return Decision(False, False, _(
            "Quorum not reached: %(cast)d of %(eligible)d members voted, %(needed)d needed."
        ) % {"cast": cast, "eligible": eligible, "needed": max(tally.needed, 1)})
    yes, no = tally.yes, tally.no
    if rule == Club.DecisionRule.TWO_THIRDS:
        approved = yes > 0 and 3 * yes >= 2 * (yes + no)
        why = _("two thirds of the yes and no votes must be yes")
    elif rule == Club.DecisionRule.UNANIMITY:
        approved = no == 0 and yes >= 1
        why = _("a unanimous decision needs no vote against and at least one yes")
    else:
        approved = yes > no
        why = _("a simple majority needs more yes than no votes")
    if approved:
        note = _("Approved (%(rule)s): %(figures)s; %(cast)d of %(eligible)d members voted.")
    else:
        note = _("Rejected: %(why)s; %(figures)s; %(cast)d of %(eligible)d members voted.")
    return Decision(approved, True, note % {
        "rule": Club.DecisionRule(rule).label if rule in Club.DecisionRule.values else rule,
        "why": why, "figures": figures, "cast": cast, "eligible": eligible,
    })


@transaction.atomic
def proposal_close_vote(
    *, proposal: Proposal, actor: Any, now: dt.datetime | None = None, system: bool = False
) -> Proposal:
    """Count the votes and decide. `system` is the scheduled closing of due online votes.

    A governance role closes a vote held at a meeting when the meeting has voted. An online
    vote closes once its deadline has passed, or earlier once every member has voted: members
    were promised until the deadline to make up their minds.
    """
    locked = _lock(proposal.club)
    if not system:
        _require_governance(actor, locked, _("close a vote"))
    proposal.refresh_from_db()
    now = now or timezone.now()
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
            "when": timezone.localtime(proposal.vote_deadline).strftime("%Y-%m-%d %H:%M"),
            "cast": tally.cast, "eligible": tally.eligible,
        })
    decision = decide(rule=locked.decision_rule, quorum_percent=locked.quorum_percent,
                      tally=tally)
    proposal.status = Proposal.Status.APPROVED if decision.approved else Proposal.Status.REJECTED
    proposal.decided_at = now
    proposal.decision_note = decision.note[:500]
    proposal.save(update_fields=["status", "decided_at", "decision_note"])
    audit(club=locked, actor=actor, action="proposal.decided", proposal=proposal.pk,
          outcome=proposal.status, yes=tally.yes, no=tally.no, abstain=tally.abstain,
          eligible=tally.eligible, rule=locked.decision_rule,
          quorum_percent=locked.quorum_percent, note=proposal.decision_note,
          by="schedule" if system else "person")
    return proposal


def due_online_votes(*, now: dt.datetime | None = None) -> list[Proposal]:
    now = now or timezone.now()
    return list(
        Proposal.objects.filter(
            status=Proposal.Status.VOTING, vote_deadline__isnull=False, vote_deadline__lte=now
        ).select_related("club").order_by("vote_deadline", "pk")
    )


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, actor: Any, reason: str = "") -> Proposal:
    """The enterprise (or the club's officers) take a proposal back before it is funded."""
    locked = _lock(proposal.club)
    proposal.refresh_from_db()
    if not (represents(actor, proposal.enterprise) or _is_governance(actor, locked)):
        raise ClubError(_("Only the enterprise or the club's officers can withdraw it."))
    if proposal.status not in {
        Proposal.Status.SUBMITTED, Proposal.Status.VOTING, Proposal.Status.APPROVED
    }:
        raise ClubError(
            _("A proposal that is %(status)s can no longer be withdrawn.")
            % {"status": proposal.get_status_display().lower()}
        )
    old = proposal.status
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    audit(club=locked, actor=actor, action="proposal.withdrawn", proposal=proposal.pk,
          old=old, reason=reason.strip())
    return proposal


# Investing from a decision -------------------------------------------------------------


def charter_limit_problems(*, club: Club, proposal: Proposal) -> list[str]:
    """Every charter limit the proposal's investment would break (empty when within)."""
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


@transaction.atomic
def club_invest_from_proposal(
    *, club: Club, proposal: Proposal, on: dt.date, actor: Any,
    first_due: dt.date | None = None,
) -> ClubEvent:
    """Pay out an approved proposal: an `investment` event, and the proposal is funded."""
    locked = _lock(club)
    proposal.refresh_from_db()
    if proposal.club_id != locked.pk:
        raise ClubError(_("That proposal was made to another club."))
    if getattr(actor, "is_authenticated", False) and not getattr(actor, "is_superuser", False):
        member = Member.objects.filter(club=locked, user=actor).first()
        if member is None or not member.is_active or member.role not in {
            Member.Role.TREASURER, Member.Role.MANAGER
        }:
            raise ClubError(_("Only the treasurer or the manager can pay out an investment."))
    if proposal.status == Proposal.Status.FUNDED:
        raise ClubError(_("This proposal has already been funded."))
    if proposal.status != Proposal.Status.APPROVED:
        raise ClubError(
            _("Only an approved proposal can be funded; this one is %(status)s.")
            % {"status": proposal.get_status_display().lower()}
        )
    if first_due is not None and proposal.instrument != Proposal.Instrument.LOAN:
        raise ClubError(_("A first due date applies only to a loan."))
    problems = charter_limit_problems(club=locked, proposal=proposal)
    if problems:
        raise ClubError(" ".join(problems))
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
    row = club_record_event(club=locked, event=event, recorded_by=actor, proposal=proposal)
    proposal.status = Proposal.Status.FUNDED
    proposal.save(update_fields=["status"])
    audit(club=locked, actor=actor, action="proposal.funded", proposal=proposal.pk,
          enterprise=proposal.enterprise.name, amount=str(from_cents(proposal.amount_cents)),
          event_seq=row.seq)
    return row

