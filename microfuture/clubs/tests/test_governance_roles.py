"""Officers' roles cannot be bent (issue 9, "secretary takeover"): nobody changes their own
role; officers are appointed or removed by the members' decision, or by the manager for the
treasurer and secretary when the charter says so; every change is audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from microfuture.clubs import permissions
from microfuture.clubs.models import AuditLog, Club, Member, Proposal
from microfuture.clubs.services import club_found, member_add
from microfuture.clubs.services.charter import member_set_role, role_propose_change
from microfuture.clubs.services.governance import (
    meeting_schedule,
    proposal_close_vote,
    proposal_open_vote,
)
from microfuture.clubs.services.money import ClubError
from microfuture.clubs.tests.voting import vote_as_member


def member(club: Any, name: str) -> Member:
    return Member.objects.get(club=club, name=name)


def test_the_secretary_cannot_make_themself_treasurer(club, secretary):
    sara = member(club, "Sara")
    with pytest.raises(ClubError, match="Nobody changes their own role"):
        member_set_role(member=sara, role=Member.Role.TREASURER, actor=secretary)
    sara.refresh_from_db()
    assert sara.role == Member.Role.SECRETARY
    assert not permissions.can_record_money(secretary, club)
    assert not AuditLog.objects.filter(action="member.role").exists()


def test_the_secretary_cannot_demote_the_manager(club, secretary, manager):
    with pytest.raises(ClubError, match="members' decision"):
        member_set_role(member=member(club, "Maja"), role=Member.Role.MEMBER, actor=secretary)
    assert member(club, "Maja").role == Member.Role.MANAGER
    assert permissions.can_run_governance(manager, club)


def test_the_takeover_through_the_pages_and_the_api(club, secretary, client):
    client.force_login(secretary)
    sara = member(club, "Sara")
    response = client.post(f"/clubs/{club.slug}/members/", {
        "role-member": sara.pk, "role": "treasurer"}, follow=True)
    assert response.status_code == 200
    api = client.put(f"/api/v1/clubs/{club.slug}/members/{member(club, 'Maja').pk}/role",
                     {"role": "member"}, content_type="application/json")
    assert api.status_code == 403
    own = client.put(f"/api/v1/clubs/{club.slug}/members/{sara.pk}/role",
                     {"role": "treasurer"}, content_type="application/json")
    assert own.status_code == 403
    assert dict(Member.objects.filter(club=club).values_list("name", "role")) == {
        "Maja": "manager", "Tine": "treasurer", "Sara": "secretary", "Miha": "member",
        "Nina": "member"}
    # Recording money is still refused to the secretary.
    assert client.get(f"/clubs/{club.slug}/record/").status_code == 403


def test_the_members_appoint_an_officer(club, secretary, manager):
    proposal = role_propose_change(club=club, actor=secretary, member=member(club, "Miha"),
                                   role=Member.Role.TREASURER, summary="Tine moves away.")
    assert (proposal.kind, proposal.changes) == (
        "role", {"member": member(club, "Miha").pk, "role": "treasurer"})
    assert member(club, "Miha").role == Member.Role.MEMBER  # not before the vote
    meeting = meeting_schedule(club=club, actor=manager, title="AGM", starts_at=timezone.now())
    proposal_open_vote(proposal=proposal, actor=secretary, meeting=meeting)
    for name in ("Maja", "Tine", "Sara"):
        vote_as_member(proposal=proposal, member=member(club, name), choice="yes")
    decided = proposal_close_vote(proposal=proposal, actor=secretary)
    assert decided.status == Proposal.Status.APPROVED
    assert decided.decision["applied"] is True
    assert member(club, "Miha").role == Member.Role.TREASURER
    row = AuditLog.objects.get(action="member.role")
    assert row.actor == secretary
    assert row.detail == {"member": "Miha", "member_id": member(club, "Miha").pk,
                          "old": "member", "new": "treasurer", "by": "decision",
                          "proposal": proposal.pk}


def test_the_manager_appoints_when_the_charter_says_so(club, manager, treasurer):
    Club.objects.filter(pk=club.pk).update(manager_appoints_officers=True)
    club.refresh_from_db()
    member_set_role(member=member(club, "Miha"), role=Member.Role.SECRETARY, actor=manager)
    member_set_role(member=member(club, "Sara"), role=Member.Role.MEMBER, actor=manager)
    assert member(club, "Miha").role == Member.Role.SECRETARY
    assert AuditLog.objects.filter(action="member.role", detail__by="manager").count() == 2
    with pytest.raises(ClubError):  # the manager is the members' to appoint
        member_set_role(member=member(club, "Nina"), role=Member.Role.MANAGER, actor=manager)
    with pytest.raises(ClubError):  # nor does the manager step down alone
        member_set_role(member=member(club, "Maja"), role=Member.Role.MEMBER, actor=manager)
    with pytest.raises(ClubError):  # the treasurer has no such power
        member_set_role(member=member(club, "Nina"), role=Member.Role.SECRETARY,
                        actor=treasurer)


def test_without_that_charter_rule_the_manager_proposes(club, manager, client):
    client.force_login(manager)
    response = client.post(f"/clubs/{club.slug}/roles/", {
        "member": member(club, "Nina").pk, "role": "secretary", "summary": "Sara is busy."})
    proposal = Proposal.objects.get(kind="role")
    assert response["Location"] == f"/clubs/{club.slug}/proposals/{proposal.pk}/"
    assert member(club, "Nina").role == Member.Role.MEMBER
    page = client.get(response["Location"]).content.decode()
    assert "Nina" in page and "Secretary" in page


def test_founders_give_roles_while_forming(manager, treasurer):
    forming = club_found(founder=manager, founder_name="Maja", name="Nova zadruga",
                         region="SI041", start_date=date(2026, 1, 5))
    tine = member_add(club=forming, name="Tine", on=date(2026, 1, 5), role="member",
                      user=treasurer, actor=manager)
    member_set_role(member=tine, role=Member.Role.TREASURER, actor=manager)
    assert member(forming, "Tine").role == Member.Role.TREASURER
    assert AuditLog.objects.get(action="member.role").detail["by"] == "founders"
    with pytest.raises(ClubError, match="Nobody changes their own role"):
        member_set_role(member=member(forming, "Tine"), role=Member.Role.MANAGER,
                        actor=treasurer)


def test_a_secretary_cannot_take_over_a_forming_club(manager, secretary, outsider):
    forming = club_found(founder=manager, founder_name="Maja", name="Nova zadruga",
                         region="SI041", start_date=date(2026, 1, 5))
    sara = member_add(club=forming, name="Sara", on=date(2026, 1, 5), role="secretary",
                      user=secretary, actor=manager)
    with pytest.raises(ClubError):
        member_set_role(member=member(forming, "Maja"), role=Member.Role.MEMBER,
                        actor=secretary)
    with pytest.raises(ClubError):
        member_add(club=forming, name="Oto", on=date(2026, 1, 5), role="manager",
                   user=outsider, actor=secretary)
    assert member(forming, "Maja").role == Member.Role.MANAGER
    assert sara.role == Member.Role.SECRETARY
    assert not Member.objects.filter(club=forming, name="Oto").exists()


def test_a_new_member_of_an_active_club_joins_as_a_member(club, manager, outsider):
    with pytest.raises(ClubError, match="joins as a member"):
        member_add(club=club, name="Oto", on=date(2026, 3, 1), role="treasurer",
                   user=outsider, actor=manager)
    assert not Member.objects.filter(club=club, name="Oto").exists()
    joined = member_add(club=club, name="Oto", on=date(2026, 3, 1), role="member",
                        user=outsider, actor=manager)
    assert joined.role == Member.Role.MEMBER


def test_a_role_decision_for_someone_who_left_is_not_applied(club, manager, treasurer):
    from microfuture.clubs.core import Event
    from microfuture.clubs.services.money import club_record_event

    proposal = role_propose_change(club=club, actor=manager, member=member(club, "Nina"),
                                   role=Member.Role.SECRETARY)
    meeting = meeting_schedule(club=club, actor=manager, title="AGM", starts_at=timezone.now())
    proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)
    for name in ("Maja", "Tine", "Sara"):
        vote_as_member(proposal=proposal, member=member(club, name), choice="yes")
    club_record_event(club=club, recorded_by=treasurer,
                      event=Event(date=date(2026, 2, 1), type="exit", member="Nina"))
    decided = proposal_close_vote(proposal=proposal, actor=manager)
    assert decided.status == Proposal.Status.APPROVED
    assert decided.decision["applied"] is False
    assert member(club, "Nina").role == Member.Role.MEMBER


def test_the_api_proposes_a_role_change(club, treasurer, member, client):
    client.force_login(member)
    url = f"/api/v1/clubs/{club.slug}/roles/proposals"
    nina = Member.objects.get(club=club, name="Nina")
    assert client.post(url, {"member": nina.pk, "role": "secretary"},
                       content_type="application/json").status_code == 403
    client.force_login(treasurer)
    created = client.post(url, {"member": nina.pk, "role": "secretary"},
                          content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["changes"] == {"member": nina.pk, "role": "secretary"}
    nina.refresh_from_db()
    assert nina.role == Member.Role.MEMBER
