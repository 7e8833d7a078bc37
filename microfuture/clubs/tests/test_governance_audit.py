"""Every decision and state change of the governance flow writes an audit row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, Member
from microfuture.clubs.services import governance, mentoring
from microfuture.clubs.services.money import club_record_event
from microfuture.clubs.tests.voting import vote_as_member


def test_audit_rows_for_the_whole_flow(club, enterprise, manager, treasurer, secretary,
                                       entrepreneur):
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("5000")))
    meeting = governance.meeting_schedule(club=club, actor=secretary, title="March",
                                          starts_at=timezone.now(), place="Library")
    governance.meeting_record_attendance(
        meeting=meeting, actor=secretary, present=Member.objects.filter(club=club))
    proposal = governance.proposal_submit(
        club=club, enterprise=enterprise, actor=entrepreneur, title="Oven", summary="Oven.",
        instrument="loan", amount=Decimal("1000"), rate=Decimal("2.5"), term=12)
    governance.proposal_add_due_diligence(proposal=proposal, actor=manager, notes="Fine.")
    governance.proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)
    miha = Member.objects.get(club=club, name="Miha")
    for name in ("Maja", "Tine", "Sara"):
        vote_as_member(proposal=proposal, member=Member.objects.get(club=club, name=name),
                       choice="yes")
    vote_as_member(proposal=proposal, member=miha, choice="yes")
    vote_as_member(proposal=proposal, member=miha, choice="no")
    governance.proposal_close_vote(proposal=proposal, actor=manager)
    governance.meeting_record_minutes(meeting=meeting, actor=secretary, minutes="Approved.")
    governance.club_invest_from_proposal(club=club, proposal=proposal, on=date(2026, 3, 1),
                                         actor=treasurer)
    mentorship = mentoring.mentor_assign(club=club, enterprise=enterprise, mentor=miha,
                                         actor=manager, since=date(2026, 3, 1))
    mentoring.mentoring_log(mentorship=mentorship, actor=manager, on=date(2026, 3, 10),
                            minutes=90, topic="Pricing")
    mentoring.enterprise_post_update(enterprise=enterprise, actor=entrepreneur,
                                     on=date(2026, 4, 1), jobs=4)
    actions = list(AuditLog.objects.filter(club=club).order_by("id").values_list(
        "action", flat=True))
    for expected in [
        "meeting.scheduled", "meeting.attendance", "proposal.submitted",
        "proposal.due_diligence", "proposal.vote_opened", "vote.cast", "vote.changed",
        "proposal.decided", "meeting.minutes", "event.investment", "proposal.funded",
        "mentor.assigned", "mentoring.session", "enterprise.update",
    ]:
        assert expected in actions, expected
    decided = AuditLog.objects.get(action="proposal.decided")
    assert decided.actor == manager
    assert decided.detail["outcome"] == "approved"
    assert (decided.detail["yes"], decided.detail["no"]) == (3, 1)
    submitted = AuditLog.objects.get(action="proposal.submitted")
    assert submitted.actor == entrepreneur
    assert submitted.detail["amount"] == "1000.00"


def test_withdraw_is_audited(club, enterprise, entrepreneur):
    proposal = governance.proposal_submit(
        club=club, enterprise=enterprise, actor=entrepreneur, title="Oven", summary="Oven.",
        instrument="equity", amount=Decimal("1000"))
    governance.proposal_withdraw(proposal=proposal, actor=entrepreneur, reason="Bank said yes")
    row = AuditLog.objects.get(action="proposal.withdrawn")
    assert row.detail == {"proposal": proposal.pk, "old": "submitted", "reason": "Bank said yes"}
