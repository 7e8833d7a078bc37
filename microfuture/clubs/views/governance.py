"""Governance pages of a club: meetings, proposals, the vote, and investing from a decision.

HTTP only: parse a form, check the person's role on the server, call a service, render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microfuture.clubs import legal_form as law
from microfuture.clubs import permissions, selectors
from microfuture.clubs.core import from_cents
from microfuture.clubs.core.votes import rule_to_adopt, stricter
from microfuture.clubs.decisions import decision_text
from microfuture.clubs.forms_governance import (
    AttendanceForm,
    ClubProposalForm,
    DueDiligenceForm,
    InvestForm,
    MeetingForm,
    MinutesForm,
    OpenVoteForm,
    VoteForm,
    WithdrawForm,
)
from microfuture.clubs.messages import localized
from microfuture.clubs.models import Meeting, PaymentApproval, Proposal, Vote
from microfuture.clubs.services import governance
from microfuture.clubs.services.money import ClubError
from microfuture.clubs.views.club import club_context, get_club


@require_http_methods(["GET", "POST"])
def meetings(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    can_run = permissions.can_run_governance(request.user, club)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        permissions.require(can_run, _("Only the club's officers can call a meeting."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = governance.meeting_schedule(
                    club=club, actor=request.user, title=data["title"],
                    starts_at=data["starts_at"], place=data["place"], agenda=data["agenda"],
                )
            except ClubError as exc:
                form.add_error(None, localized(exc))
            else:
                messages.success(request, _("The meeting is scheduled."))
                return redirect("clubs:meeting", slug=club.slug, pk=meeting.pk)
    now = timezone.now()
    rows = Meeting.objects.filter(club=club).order_by("-starts_at")
    return render(request, "clubs/governance/meetings.html", club_context(
        request, club, form=form,
        upcoming=[m for m in rows if m.starts_at >= now and not m.held][::-1],
        past=[m for m in rows if m.starts_at < now or m.held],
    ))


@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    club = get_club(request, slug)
    item = get_object_or_404(Meeting, club=club, pk=pk)
    can_run = permissions.can_run_governance(request.user, club)
    action = request.POST.get("action") if request.method == "POST" else None
    attendance_form = AttendanceForm(
        request.POST if action == "attendance" else None, club=club,
        initial={"present": list(item.attendance.values_list("member_id", flat=True))},
    )
    minutes_form = MinutesForm(
        request.POST if action == "minutes" else None, initial={"minutes": item.minutes}
    )
    if request.method == "POST":
        permissions.require(can_run, _("Only the club's officers can record a meeting."))
        try:
            if action == "attendance" and attendance_form.is_valid():
                governance.meeting_record_attendance(
                    meeting=item, actor=request.user,
                    present=attendance_form.cleaned_data["present"],
                )
                messages.success(request, _("Attendance is saved."))
                return redirect("clubs:meeting", slug=club.slug, pk=item.pk)
            if action == "minutes" and minutes_form.is_valid():
                governance.meeting_record_minutes(
                    meeting=item, actor=request.user,
                    minutes=minutes_form.cleaned_data["minutes"],
                )
                messages.success(request, _("The minutes are saved; the meeting is held."))
                return redirect("clubs:meeting", slug=club.slug, pk=item.pk)
        except ClubError as exc:
            messages.error(request, localized(exc))
            return redirect("clubs:meeting", slug=club.slug, pk=item.pk)
    present = {a.member_id for a in item.attendance.all()}
    return render(request, "clubs/governance/meeting.html", club_context(
        request, club, meeting=item, attendance_form=attendance_form,
        minutes_form=minutes_form, present=present,
        present_members=[m for m in club.members.all() if m.pk in present],
        proposals=item.proposals.select_related("enterprise"),
    ))


@require_http_methods(["GET", "POST"])
def proposals(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    can_run = permissions.can_run_governance(request.user, club)
    form = ClubProposalForm(request.POST or None)
    if request.method == "POST":
        permissions.require(can_run, _("Only the club's officers can file a proposal."))
        if form.is_valid():
            try:
                proposal = governance.proposal_submit(
                    club=club, enterprise=form.cleaned_data["enterprise"], actor=request.user,
                    **form.proposal_fields(),
                )
            except ClubError as exc:
                form.add_error(None, localized(exc))
            else:
                messages.success(request, _("The proposal is filed."))
                return redirect("clubs:proposal", slug=club.slug, pk=proposal.pk)
    rows = list(Proposal.objects.filter(club=club).select_related("enterprise"))
    groups = [
        (label, [p for p in rows if p.status == value])
        for value, label in Proposal.Status.choices
    ]
    return render(request, "clubs/governance/proposals.html", club_context(
        request, club, form=form, groups=[g for g in groups if g[1]], any_proposal=bool(rows),
    ))


def _proposal_action(request: HttpRequest, proposal: Proposal, forms: dict[str, Any]) -> str:
    """Run the posted action; returns the success message. Raises ClubError on refusal."""
    club = proposal.club
    user = request.user
    action = request.POST.get("action", "")
    if action == "vote":
        member = permissions.can_vote(user, club)
        permissions.require(member is not None, _("Only active members of the club can vote."))
        assert member is not None
        form = forms["vote"]
        if not form.is_valid():
            raise ClubError(_("Choose yes, no or abstain."))
        governance.vote_cast(proposal=proposal, member=member, actor=request.user,
                             choice=form.cleaned_data["choice"])
        return _("Your vote is recorded. You can change it until the vote closes.")
    if action == "invest":
        permissions.require(permissions.may_request_payment(user, club))
        form = forms["invest"]
        if not form.is_valid():
            raise ClubError(_("Give the date of the payment."))
        done = governance.club_invest_from_proposal(
            club=club, proposal=proposal, actor=request.user, on=form.cleaned_data["on"],
            first_due=form.cleaned_data.get("first_due"),
        )
        if isinstance(done, PaymentApproval):
            return _(
                "The payment is above the charter's threshold: it waits for another treasurer "
                "or manager to confirm it. Nothing is recorded yet."
            )
        return _("The investment is recorded and the proposal is funded.")
    if action == "withdraw":
        permissions.require(permissions.may_withdraw_proposal(user, club, proposal))
        form = forms["withdraw"]
        form.is_valid()
        governance.proposal_withdraw(proposal=proposal, actor=request.user,
                                     reason=form.cleaned_data.get("reason", ""))
        return _("The proposal is withdrawn.")
    permissions.require(permissions.can_run_governance(user, club))
    if action == "due_diligence":
        form = forms["dd"]
        if not form.is_valid():
            raise ClubError(_("Write the notes first."))
        governance.proposal_add_due_diligence(
            proposal=proposal, actor=request.user, notes=form.cleaned_data["notes"]
        )
        return _("The notes are added.")
    if action == "open_vote":
        form = forms["open"]
        if not form.is_valid():
            raise ClubError(" ".join(str(e) for errs in form.errors.values() for e in errs))
        online = form.cleaned_data["how"] == "online"
        governance.proposal_open_vote(
            proposal=proposal, actor=request.user,
            deadline=form.cleaned_data["deadline"] if online else None,
            meeting=None if online else form.cleaned_data["meeting"],
        )
        return _("The vote is open.")
    if action == "close_vote":
        decided = governance.proposal_close_vote(proposal=proposal, actor=request.user)
        return decision_text(decided)
    raise ClubError(_("Unknown action."))


@require_http_methods(["GET", "POST"])
def proposal(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    club = get_club(request, slug)
    item = get_object_or_404(Proposal.objects.select_related("enterprise", "meeting"),
                             club=club, pk=pk)
    user = request.user
    member = permissions.can_vote(user, club)
    posted = request.POST if request.method == "POST" else None
    my_vote = Vote.objects.filter(proposal=item, member=member).first() if member else None
    forms: dict[str, Any] = {
        "vote": VoteForm(posted, initial={"choice": my_vote.choice if my_vote else None}),
        "invest": InvestForm(posted, initial={"on": timezone.localdate()}),
        "withdraw": WithdrawForm(posted),
        "dd": DueDiligenceForm(posted),
        "open": OpenVoteForm(posted, club=club),
    }
    if item.instrument != Proposal.Instrument.LOAN:
        del forms["invest"].fields["first_due"]
    if request.method == "POST":
        try:
            message = _proposal_action(request, item, forms)
        except ClubError as exc:
            messages.error(request, localized(exc))
        else:
            messages.success(request, message)
        return redirect("clubs:proposal", slug=club.slug, pk=item.pk)
    can_run = permissions.can_run_governance(user, club)
    voting = item.status == Proposal.Status.VOTING
    funding = item.kind == Proposal.Kind.FUNDING
    deadline_passed = bool(item.vote_deadline and item.vote_deadline <= timezone.now())
    if item.rule_at_open:
        vote_rule, vote_quorum = item.rule_at_open, item.quorum_at_open
    elif item.kind == Proposal.Kind.CHARTER:
        vote_rule = stricter(club.decision_rule, rule_to_adopt(
            rule_in_force=club.decision_rule, changes=item.changes))
        vote_quorum = club.quorum_percent
    else:
        vote_rule, vote_quorum = club.decision_rule, club.quorum_percent
    pending = PaymentApproval.objects.filter(
        proposal=item, status=PaymentApproval.Status.PENDING).first()
    return render(request, "clubs/governance/proposal.html", club_context(
        request, club, proposal=item,
        amount=from_cents(item.amount_cents) if item.amount_cents is not None else None,
        tally=governance.vote_tally(item), my_vote=my_vote,
        ballots=selectors.ballots_seen_by(
            item, show_choices=permissions.can_see_vote_choices(user, club, item)
        ),
        can_vote=member is not None and voting and not deadline_passed,
        deadline_passed=deadline_passed,
        can_open=can_run and item.status == Proposal.Status.SUBMITTED,
        can_close=can_run and voting,
        can_invest=funding and permissions.may_request_payment(user, club)
        and item.status == Proposal.Status.APPROVED,
        pending_payment=pending,
        needs_second_officer=funding and (item.amount_cents or 0) > club.second_officer_above_cents,
        second_officer_limit=from_cents(club.second_officer_above_cents),
        can_withdraw=permissions.may_withdraw_proposal(user, club, item) and item.status
        in {Proposal.Status.SUBMITTED, Proposal.Status.VOTING}
        | ({Proposal.Status.APPROVED} if funding else set()),
        can_run=can_run,
        legal_form=law.describe(legal_form=item.enterprise.legal_form,
                                social_enterprise=item.enterprise.social_enterprise)
        if item.enterprise else "",
        equity_note=law.equity_note(social_enterprise=item.enterprise.social_enterprise)
        if item.enterprise and item.instrument == Proposal.Instrument.EQUITY else None,
        vote_rule=vote_rule, vote_quorum=vote_quorum,
        needs_unanimity=item.kind == Proposal.Kind.CHARTER and vote_rule == "unanimity"
        and club.decision_rule != "unanimity",
        limit_problems=governance.charter_limit_problems(club=club, proposal=item)
        if funding and item.status == Proposal.Status.APPROVED else [],
        forms=forms,
    ))
