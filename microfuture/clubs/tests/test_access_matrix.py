"""Who may do what in a club (issue 10): every write action of the clubs area × every role.

The expected outcomes come from the documented rules (docs/governance.md, docs/privacy.md,
docs/security.md "Oracles"), not from what the code answers:

- anonymous: 401 in the API; a club page answers like a missing club (404);
- a person who may not know the club exists (member of another club, coordinator of another
  region, curator, expert, an enterprise's representative): 404, as for a missing club;
- a former member knows the club but reads only their own statement: 403;
- a reader without the right: 403; the right: 2xx (or a 3xx after a web form).

Reads are covered by `test_privacy_reads.py`; this module covers the writes, the roles it
lacks (curator, expert, entrepreneur, ministry) and rights that change with a decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microfuture.accounts.models import RoleGrant
from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, Member, Proposal
from microfuture.clubs.services import club_found, club_record_events, member_add
from microfuture.clubs.services.governance import (
    meeting_schedule,
    proposal_close_vote,
    proposal_open_vote,
    proposal_submit,
)
from microfuture.clubs.services.money import club_record_event
from microfuture.clubs.services.payments import club_record_exit
from microfuture.clubs.tests.voting import vote_as_member
from microfuture.conftest import make_user

pytestmark = pytest.mark.django_db

SLUG = "zadruga-srce"
API = f"/api/v1/clubs/{SLUG}"
WEB = f"/clubs/{SLUG}"

ROLES = [
    "anonymous", "former", "other_club", "member", "secretary", "treasurer", "manager",
    "coordinator_elsewhere", "coordinator", "curator", "expert", "entrepreneur", "admin",
    "ministry",
]
#: Those who may not know the club exists: the same 404 as a missing club.
#: The ministry role reads aggregates only (the impact dashboards), never a club.
STRANGERS = {"other_club", "coordinator_elsewhere", "curator", "expert", "entrepreneur",
             "ministry"}
OFFICERS = {"secretary", "treasurer", "manager"}
MONEY = {"treasurer", "manager"}
ACTIVE_MEMBERS = {"member"} | OFFICERS


def person(role: str, club: Club, request: Any) -> Any:
    """The account acting as `role` (None: anonymous), with what the role needs."""
    if role == "anonymous":
        return None
    if role in {"member", "secretary", "treasurer", "manager", "admin", "curator",
                "coordinator", "entrepreneur", "ministry"}:
        if role == "entrepreneur":
            request.getfixturevalue("enterprise")
        return request.getfixturevalue(role)
    if role == "former":
        petra = make_user("former", full_name="Petra Bivša")
        member_add(club=club, name="Petra", on=date(2026, 1, 5), role="member", user=petra,
                   actor=request.getfixturevalue("manager"))
        club_record_events(club=club, recorded_by=request.getfixturevalue("treasurer"), events=[
            Event(date=date(2026, 2, 1), type="contribution", member="Petra",
                  amount=Decimal("10.00")),
            Event(date=date(2026, 3, 1), type="exit", member="Petra"),
        ])
        return petra
    if role == "other_club":
        other = make_user("elsewhere", full_name="Drago Drugje")
        club_found(founder=other, founder_name="Drago", name="Drugi klub", region="SI041",
                   start_date=date(2026, 1, 1))
        return other
    if role == "coordinator_elsewhere":
        user = make_user("coordinator2", full_name="Gorazd Gorenjski")
        RoleGrant.objects.create(user=user, role=RoleGrant.Role.COORDINATOR, region="SI042")
        return user
    if role == "expert":
        user = make_user("expert", full_name="Erik Strokovnjak")
        RoleGrant.objects.create(user=user, role=RoleGrant.Role.EXPERT, region="SI041")
        return user
    raise AssertionError(role)


# What each action needs in the club before it is tried ------------------------------------


def _proposal(club: Club, request: Any) -> Proposal:
    return proposal_submit(
        club=club, enterprise=request.getfixturevalue("enterprise"),
        actor=request.getfixturevalue("manager"), title="New oven",
        summary="A wood-fired oven.", instrument="advance", amount=Decimal("100"),
    )


def _open_at_meeting(club: Club, request: Any) -> Proposal:
    manager = request.getfixturevalue("manager")
    proposal = _proposal(club, request)
    meeting = meeting_schedule(club=club, actor=manager, title="Vote",
                               starts_at=timezone.now())
    return proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)


def _pending_payment(club: Club, request: Any) -> int:
    """An exit payout above the four-eyes threshold, asked for by the treasurer."""
    treasurer = request.getfixturevalue("treasurer")
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 3, 2), type="contribution", member="Nina", amount=Decimal("1500")))
    asked = club_record_exit(club=club, event=Event(date=date(2026, 3, 3), type="exit",
                                                    member="Nina"), actor=treasurer)
    return asked.pk


def _miha(club: Club) -> int:
    return Member.objects.get(club=club, name="Miha").pk


@dataclass(frozen=True)
class Action:
    name: str
    web: bool  # a site form (else the JSON API)
    prepare: Callable[[Club, Any], tuple[str, str, dict[str, Any]]]  # method, path, body
    allowed: frozenset[str]


def _record(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "post", f"{API}/events", {"date": "2026-02-01", "type": "contribution",
                                     "member": "Miha", "amount": "20.00"}


def _record_web(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "post", f"{WEB}/record/contribution/", {"date": "2026-02-01", "member": "Miha",
                                                  "amount": "20.00"}


def _meeting(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "post", f"{API}/meetings", {"title": "June", "starts_at": "2026-06-01T18:00:00+02:00"}


def _open(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    pk = _proposal(club, request).pk
    deadline = (timezone.now() + timedelta(days=7)).isoformat()
    return "post", f"{API}/proposals/{pk}/vote/open", {"deadline": deadline}


def _close(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "post", f"{API}/proposals/{_open_at_meeting(club, request).pk}/vote/close", {}


def _vote(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "post", f"{API}/proposals/{_open_at_meeting(club, request).pk}/votes", {
        "choice": "yes"}


def _charter_proposal(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "post", f"{API}/charter/proposals", {"quorum_percent": 60, "summary": "More of us."}


def _role_proposal(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "post", f"{API}/roles/proposals", {"member": _miha(club), "role": "treasurer"}


def _set_role(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "put", f"{API}/members/{_miha(club)}/role", {"role": "treasurer"}


def _particulars(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "patch", f"{API}/charter", {"description": "Savings for local work."}


def _confirm(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "post", f"{API}/payments/{_pending_payment(club, request)}/confirm", {}


def _cancel(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "post", f"{API}/payments/{_pending_payment(club, request)}/cancel", {
        "reason": "Not now."}


def _payments(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    _pending_payment(club, request)
    return "get", f"{API}/payments", {}


def _invite(club: Club, request: Any) -> tuple[str, str, dict[str, Any]]:
    return "post", f"{WEB}/invitations/", {"invite": "1", "invite-name": "Lea",
                                           "invite-email": "lea@example.org"}


def _page(path: str) -> Callable[[Club, Any], tuple[str, str, dict[str, Any]]]:
    return lambda club, request: ("get", f"{WEB}/{path}", {})


ACTIONS = [
    # The pages that offer the writes below (their reads are in test_privacy_reads.py).
    Action("record page", True, _page("record/"), frozenset(MONEY | {"admin"})),
    Action("contribution form", True, _page("record/contribution/"),
           frozenset(MONEY | {"admin"})),
    Action("journal import page", True, _page("journal/"), frozenset(MONEY | {"admin"})),
    Action("invitations page", True, _page("invitations/"), frozenset(OFFICERS | {"admin"})),
    # Money: the treasurer or the manager; a platform administrator may too.
    Action("record money (API)", False, _record, frozenset(MONEY | {"admin"})),
    Action("record money (site)", True, _record_web, frozenset(MONEY | {"admin"})),
    # Meetings, votes and proposed changes: the officers (and administrators).
    Action("schedule a meeting", False, _meeting, frozenset(OFFICERS | {"admin"})),
    Action("open a vote", False, _open, frozenset(OFFICERS | {"admin"})),
    Action("close a meeting's vote", False, _close, frozenset(OFFICERS | {"admin"})),
    Action("propose a charter change", False, _charter_proposal,
           frozenset(OFFICERS | {"admin"})),
    Action("propose a role change", False, _role_proposal, frozenset(OFFICERS | {"admin"})),
    Action("edit the particulars", False, _particulars, frozenset(OFFICERS | {"admin"})),
    Action("invite a person (site)", True, _invite, frozenset(OFFICERS | {"admin"})),
    # Each active member casts their own vote; nobody else votes.
    Action("cast a vote", False, _vote, frozenset(ACTIVE_MEMBERS)),
    # An active club without `manager_appoints_officers`: roles change only by decision.
    Action("set a role without a vote", False, _set_role, frozenset()),
    # Four eyes: another treasurer or manager (the treasurer asked), never an administrator.
    Action("confirm a payment", False, _confirm, frozenset({"manager"})),
    # The officer who asked withdraws the request, or a second money officer declines it.
    Action("cancel a payment", False, _cancel, frozenset(MONEY)),
    # Payments waiting for confirmation are listed to the officers.
    Action("list waiting payments", False, _payments, frozenset(OFFICERS | {"admin"})),
]


def expected(action: Action, role: str) -> set[int]:
    if role == "anonymous":
        return {404} if action.web else {401}
    if role in STRANGERS:
        return {404}
    if role in action.allowed:
        return {200, 201, 302} if action.web else {200, 201}
    return {403}


def send(client: Client, method: str, path: str, body: dict[str, Any], web: bool) -> Any:
    if web:
        return client.get(path) if method == "get" else client.post(path, body)
    return getattr(client, method)(path, body, content_type="application/json")


#: Rows where the code disagrees with the documented rule (reported in issue 10).
#: Rows where the code disagreed with the docs, marked as expected failures until fixed (none
#: now: refusals by the four-eyes rule answered 400 before they became 403).
DISAGREES: dict[tuple[str, str], str] = {}


def _case(action: Action, role: str) -> Any:
    reason = DISAGREES.get((action.name, role))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(action, role, id=f"{action.name}-{role}", marks=marks)


CASES = [_case(a, r) for a in ACTIONS for r in ROLES]


@pytest.mark.parametrize(("action", "role"), CASES)
def test_write_access(action: Action, role: str, club: Club, request: Any,
                      client: Client) -> None:
    user = person(role, club, request)
    method, path, body = action.prepare(club, request)
    if user is not None:
        client.force_login(user)
    response = send(client, method, path, body, action.web)
    assert response.status_code in expected(action, role), (
        response.status_code, response.content[:300])
    if response.status_code == 302:
        assert "sign-in" not in response["Location"]


# Rights follow a decision at once -----------------------------------------------------------


def _decide(club: Club, proposal: Proposal, manager: Any) -> Proposal:
    meeting = meeting_schedule(club=club, actor=manager, title="Vote", starts_at=timezone.now())
    proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)
    for name in ("Maja", "Tine", "Sara", "Miha", "Nina"):
        vote_as_member(proposal=proposal, member=Member.objects.get(club=club, name=name),
                       choice="yes")
    decided = proposal_close_vote(proposal=proposal, actor=manager)
    assert decided.status == Proposal.Status.APPROVED
    return decided


def _propose_role(client: Client, club: Club, manager: Any, name: str, role: str) -> Proposal:
    client.force_login(manager)
    pk = Member.objects.get(club=club, name=name).pk
    response = client.post(f"{API}/roles/proposals", {"member": pk, "role": role},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    return Proposal.objects.get(pk=response.json()["id"])


def _records(client: Client, user: Any) -> int:
    client.force_login(user)
    return int(client.post(f"{API}/events", {
        "date": "2026-02-01", "type": "contribution", "member": "Nina", "amount": "5.00",
    }, content_type="application/json").status_code)


def test_a_treasurer_removed_by_decision_loses_recording_at_once(
    club: Club, manager: Any, treasurer: Any, client: Client
) -> None:
    assert _records(client, treasurer) == 201
    _decide(club, _propose_role(client, club, manager, "Tine", "member"), manager)
    assert _records(client, treasurer) == 403
    client.force_login(treasurer)
    assert client.post(f"{API}/meetings", {"title": "x", "starts_at": "2026-06-01T18:00:00Z"},
                       content_type="application/json").status_code == 403


def test_a_member_appointed_treasurer_gains_recording_at_once(
    club: Club, manager: Any, member: Any, client: Client
) -> None:
    assert _records(client, member) == 403
    _decide(club, _propose_role(client, club, manager, "Miha", "treasurer"), manager)
    assert _records(client, member) == 201


def test_an_adopted_charter_change_lets_the_manager_appoint_officers(
    club: Club, manager: Any, member: Any, secretary: Any, client: Client
) -> None:
    def set_miha(user: Any, role: str) -> int:
        client.force_login(user)
        return int(client.put(f"{API}/members/{_miha(club)}/role", {"role": role},
                              content_type="application/json").status_code)

    assert set_miha(manager, "treasurer") == 403
    client.force_login(manager)
    response = client.post(f"{API}/charter/proposals", {"manager_appoints_officers": True},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    _decide(club, Proposal.objects.get(pk=response.json()["id"]), manager)
    assert set_miha(secretary, "treasurer") == 403  # the manager's right, not every officer's
    assert set_miha(manager, "treasurer") == 200
    assert _records(client, member) == 201
