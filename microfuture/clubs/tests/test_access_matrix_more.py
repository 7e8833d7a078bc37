"""Who may do what in a club, continued (issue 10): the pages and endpoints that
`test_access_matrix.py` leaves out, × the same roles, with the same people and the same
reading of the documented rules (docs/governance.md, docs/privacy.md, docs/security.md):

- anonymous: 401 in the API; a club page answers like a missing club (404); a page outside a
  club that needs a person sends to the sign-in page;
- a person who may not know the club (or the request, or the enterprise) exists: 404, as
  for a missing one;
- someone who knows it but lacks the right: 403; the right: 2xx (or a 3xx after a web form).

Covered here: reversing an event and importing a journal (site and API), mentoring (page and
API), changing the club's stage, setting the charter while the club is forming, a dissolved
club (no money action for anyone), the payments page, the regional overview, the requests
inbox and the enterprise pages (which must not tell whether an enterprise exists).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from microfuture.clubs.core import Event
from microfuture.clubs.models import (
    Club,
    ClubEvent,
    EventReversal,
    InterestRequest,
    Member,
    MentoringSession,
    Mentorship,
    PaymentApproval,
)
from microfuture.clubs.services import club_found, club_record_events
from microfuture.clubs.services.interest import interest_join_club
from microfuture.clubs.services.mentoring import mentor_assign
from microfuture.clubs.services.money import club_record_event
from microfuture.clubs.tests.test_access_matrix import (
    API,
    MONEY,
    OFFICERS,
    ROLES,
    SLUG,
    STRANGERS,
    WEB,
    _pending_payment,
    person,
)

pytestmark = pytest.mark.django_db

ENTERPRISE = "pekarna-zlato-zrno"
READERS = {"member", "coordinator", "admin"} | OFFICERS  # may read the club


def _contribution(club: Club, request: Any, amount: str = "30.00") -> int:
    row = club_record_event(club=club, recorded_by=request.getfixturevalue("treasurer"),
                            event=Event(date=date(2026, 3, 5), type="contribution",
                                        member="Miha", amount=Decimal(amount)))
    return int(row.seq)


def _funded(club: Club, request: Any) -> Mentorship:
    """The club lent to the enterprise; Miha (the `member`) mentors it."""
    treasurer = request.getfixturevalue("treasurer")
    enterprise = request.getfixturevalue("enterprise")
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 3, 5), type="contribution", member="Nina",
              amount=Decimal("300.00")),
        Event(date=date(2026, 3, 10), type="investment", enterprise=enterprise.name,
              instrument="loan", amount=Decimal("200"), rate=Decimal("5"), term=12),
    ])
    return mentor_assign(club=club, enterprise=enterprise,
                         mentor=Member.objects.get(club=club, name="Miha"),
                         actor=request.getfixturevalue("manager"), since=date(2026, 3, 11))


@dataclass(frozen=True)
class Action:
    name: str
    kind: str  # "api", "web" (a club page: anonymous 404) or "site" (sign-in for anonymous)
    prepare: Callable[[Club, Any], tuple[str, str, Any]]  # method, path, body
    allowed: frozenset[str]
    #: Roles that may not know the thing exists (404); the rest of those refused get 403.
    hidden: frozenset[str] = frozenset(STRANGERS)
    #: What must hold in the database after an allowed request (and not after a refused one).
    done: Callable[[Club], bool] | None = None
    #: Roles the page lets in, whose request the rule refuses with a message on the page
    #: (a redirect back, nothing changed).
    told: frozenset[str] = frozenset()


def _reverse_api(club: Club, request: Any) -> tuple[str, str, Any]:
    return "post", f"{API}/events/{_contribution(club, request)}/reverse", {"reason": "Typo."}


def _reverse_web(club: Club, request: Any) -> tuple[str, str, Any]:
    return "post", f"{WEB}/events/{_contribution(club, request)}/reverse/", {"reason": "Typo."}


def _reversed(club: Club) -> bool:
    return EventReversal.objects.filter(event__club=club).exists()


JOURNAL = "date,type,member,amount,reference\n2026-03-06,contribution,Miha,12.00,matrix-1\n"


def _import_api(club: Club, request: Any) -> tuple[str, str, Any]:
    return "post", f"{API}/journal", {"csv": JOURNAL}


def _import_web(club: Club, request: Any) -> tuple[str, str, Any]:
    upload = SimpleUploadedFile("journal.csv", JOURNAL.encode(), content_type="text/csv")
    return "post", f"{WEB}/journal/", {"file": upload}


def _imported(club: Club) -> bool:
    return ClubEvent.objects.filter(club=club, reference="matrix-1").exists()


def _mentoring_page(club: Club, request: Any) -> tuple[str, str, Any]:
    _funded(club, request)
    return "get", f"{WEB}/mentoring/", {}


def _mentoring_list(club: Club, request: Any) -> tuple[str, str, Any]:
    _funded(club, request)
    return "get", f"{API}/mentoring", {}


def _assign_api(club: Club, request: Any) -> tuple[str, str, Any]:
    _funded(club, request)
    return "post", f"{API}/mentoring", {"enterprise": ENTERPRISE, "mentor": "Sara",
                                        "since": "2026-03-12"}


def _assign_web(club: Club, request: Any) -> tuple[str, str, Any]:
    _funded(club, request)
    enterprise = request.getfixturevalue("enterprise")
    return "post", f"{WEB}/mentoring/", {
        "action": "assign", "assign-enterprise": enterprise.pk,
        "assign-mentor": Member.objects.get(club=club, name="Sara").pk,
        "assign-since": "2026-03-12"}


def _two_mentors(club: Club) -> bool:
    return Mentorship.objects.filter(club=club).count() == 2


def _session_api(club: Club, request: Any) -> tuple[str, str, Any]:
    ship = _funded(club, request)
    return "post", f"{API}/mentoring/{ship.pk}/sessions", {
        "date": "2026-03-20", "minutes": 60, "topic": "Cash flow"}


def _session_web(club: Club, request: Any) -> tuple[str, str, Any]:
    ship = _funded(club, request)
    return "post", f"{WEB}/mentoring/", {
        "action": "session", "session-mentorship": ship.pk, "session-date": "2026-03-20",
        "session-duration": "60", "session-unit": "minutes", "session-topic": "Cash flow", "session-notes": ""}


def _logged(club: Club) -> bool:
    return MentoringSession.objects.filter(mentorship__club=club).exists()


def _stage(club: Club, request: Any) -> tuple[str, str, Any]:
    return "post", f"{WEB}/charter/", {"action": "status", "status": "renewed"}


def _renewed(club: Club) -> bool:
    return Club.objects.get(pk=club.pk).status == Club.Status.RENEWED


def _payments_page(club: Club, request: Any) -> tuple[str, str, Any]:
    _pending_payment(club, request)
    return "get", f"{WEB}/payments/", {}


def _confirm_web(club: Club, request: Any) -> tuple[str, str, Any]:
    pk = _pending_payment(club, request)
    return "post", f"{WEB}/payments/", {"approval": pk, "action": "confirm"}


def _confirmed(club: Club) -> bool:
    return PaymentApproval.objects.filter(
        club=club, status=PaymentApproval.Status.CONFIRMED).exists()


ACTIONS = [
    # Reversing an event is a money action: the treasurer or the manager (and administrators).
    Action("reverse an event (API)", "api", _reverse_api, frozenset(MONEY | {"admin"}),
           done=_reversed),
    Action("reverse an event (site)", "web", _reverse_web, frozenset(MONEY | {"admin"}),
           done=_reversed),
    Action("reverse page", "web",
           lambda club, request: ("get", f"{WEB}/events/{_contribution(club, request)}/reverse/",
                                  {}),
           frozenset(MONEY | {"admin"})),
    # Importing a journal records money: the same people.
    Action("import a journal (API)", "api", _import_api, frozenset(MONEY | {"admin"}),
           done=_imported),
    Action("import a journal (site)", "web", _import_web, frozenset(MONEY | {"admin"}),
           done=_imported),
    # Mentoring: whoever reads the club sees it; officers name mentors; the mentor (Miha,
    # the plain member here) and the officers log sessions.
    Action("mentoring page", "web", _mentoring_page, frozenset(READERS)),
    Action("list mentors (API)", "api", _mentoring_list, frozenset(READERS)),
    Action("name a mentor (API)", "api", _assign_api, frozenset(OFFICERS | {"admin"}),
           done=_two_mentors),
    Action("name a mentor (site)", "web", _assign_web, frozenset(OFFICERS | {"admin"}),
           done=_two_mentors),
    Action("log a session (API)", "api", _session_api,
           frozenset(OFFICERS | {"member", "admin"}), done=_logged),
    Action("log a session (site)", "web", _session_web,
           frozenset(OFFICERS | {"member", "admin"}), done=_logged),
    # The club's stage: the officers move it along (active → renewed); coordinators only read.
    Action("change the stage (site)", "web", _stage, frozenset(OFFICERS | {"admin"}),
           done=_renewed),
    # Payments waiting for a second officer: the officers see them; four eyes: the manager
    # (the treasurer asked) confirms, never an administrator.
    Action("payments page", "web", _payments_page, frozenset(OFFICERS | {"admin"})),
    Action("confirm a payment (site)", "web", _confirm_web, frozenset({"manager"}),
           done=_confirmed, told=frozenset({"secretary", "treasurer", "admin"})),
]

#: Rows where the code disagrees with the documented rule (reported in issue 10).
DISAGREES: dict[tuple[str, str], str] = {}


def expected(action: Action, role: str) -> set[int]:
    if role == "anonymous":
        return {401} if action.kind == "api" else {404}
    if role in action.hidden:
        return {404}
    if role in action.allowed:
        return {200, 201} if action.kind == "api" else {200, 302}
    if role in action.told:
        return {302}
    return {403}


def send(client: Client, method: str, path: str, body: Any, kind: str) -> Any:
    if method == "get":
        return client.get(path)
    if kind != "api":
        return client.post(path, body)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def _case(action: Action, role: str) -> Any:
    reason = DISAGREES.get((action.name, role))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(action, role, id=f"{action.name}-{role}", marks=marks)


@pytest.mark.parametrize(("action", "role"), [_case(a, r) for a in ACTIONS for r in ROLES])
def test_club_access(action: Action, role: str, club: Club, request: Any,
                     client: Client) -> None:
    user = person(role, club, request)
    method, path, body = action.prepare(club, request)
    if user is not None:
        client.force_login(user)
    response = send(client, method, path, body, action.kind)
    assert response.status_code in expected(action, role), (
        response.status_code, response.content[:300])
    if response.status_code == 302:
        assert "sign-in" not in response["Location"]
    if action.done is not None:
        assert action.done(club) == (role in action.allowed), role


# The charter while the club is forming -------------------------------------------------------


@pytest.fixture
def forming(manager: Any, treasurer: Any, secretary: Any, member: Any) -> Club:
    """A club still forming: its founding manager sets its charter; nobody else does."""
    from microfuture.clubs.services import member_add

    club = club_found(founder=manager, founder_name="Maja", name="Zadruga Srce",
                      region="SI041", start_date=date(2026, 1, 5),
                      monthly_pledge=Decimal("20.00"), quorum_percent=50)
    for user, name, role in [(treasurer, "Tine", "treasurer"), (secretary, "Sara", "secretary"),
                             (member, "Miha", "member")]:
        member_add(club=club, name=name, on=date(2026, 1, 5), role=role, user=user,
                   actor=manager)
    assert club.status == Club.Status.FORMING
    return club


FORMING_ROLES = [r for r in ROLES if r != "former"]  # nobody has left a club still forming


@pytest.mark.parametrize("role", FORMING_ROLES)
def test_only_the_founding_manager_sets_the_charter_while_forming(
    role: str, forming: Club, request: Any, client: Client
) -> None:
    user = person(role, forming, request)
    if user is not None:
        client.force_login(user)
    response = client.patch(f"{API}/charter", json.dumps({"quorum_percent": 75}),
                            content_type="application/json")
    forming.refresh_from_db()
    if role == "manager":
        assert response.status_code == 200, response.content
        assert forming.quorum_percent == 75
        return
    assert forming.quorum_percent == 50
    if role == "anonymous":
        assert response.status_code == 401
    elif role in STRANGERS:
        assert response.status_code == 404
    else:
        # The other officers and administrators propose a change instead; members, the
        # coordinator: no right at all.
        assert response.status_code == 403, response.content


@pytest.mark.parametrize("role", FORMING_ROLES)
def test_the_charter_page_while_forming(role: str, forming: Club, request: Any,
                                       client: Client) -> None:
    user = person(role, forming, request)
    if user is not None:
        client.force_login(user)
    response = client.post(f"{WEB}/charter/", {
        "action": "rules", **_rules_form(forming, quorum_percent=75)})
    forming.refresh_from_db()
    assert forming.quorum_percent == (75 if role == "manager" else 50)
    if role == "manager":
        assert response.status_code == 302
        assert response["Location"].endswith(f"/clubs/{SLUG}/charter/")
    elif role in {"secretary", "treasurer", "admin"}:
        # Officers may propose the change to the members: a proposal, not the charter.
        assert response.status_code == 302
        assert "/proposals/" in response["Location"]
    elif role in STRANGERS or role == "anonymous":
        assert response.status_code == 404
    else:
        assert response.status_code == 403


def _rules_form(club: Club, **changes: Any) -> dict[str, Any]:
    from microfuture.clubs.forms_charter import CharterRulesForm

    form = CharterRulesForm(initial=CharterRulesForm.initial_for(club))
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if value is not None:
            data[name] = value
    data.update(changes)
    return data


# A dissolved club: no money action for anyone ------------------------------------------------


def dissolve(club: Club, treasurer: Any) -> Club:
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 3, 5), type="contribution", member="Miha", amount=Decimal("40")),
        Event(date=date(2026, 3, 10), type="dissolve"),
    ])
    club.refresh_from_db()
    assert club.status == Club.Status.DISSOLVED
    return club


def _first_contribution(club: Club) -> int:
    return int(ClubEvent.objects.get(club=club, type="contribution", member="Miha").seq)


MONEY_ACTIONS: list[tuple[str, str, Callable[[Club], tuple[str, Any]]]] = [
    ("record (API)", "api", lambda club: (f"{API}/events", {
        "date": "2026-03-12", "type": "contribution", "member": "Miha", "amount": "5.00"})),
    ("record (site)", "web", lambda club: (f"{WEB}/record/contribution/", {
        "date": "2026-03-12", "member": "Miha", "amount": "5.00"})),
    ("record an expense (API)", "api", lambda club: (f"{API}/events", {
        "date": "2026-03-12", "type": "expense", "amount": "1.00", "note": "fee"})),
    ("import (API)", "api", lambda club: (f"{API}/journal", {
        "csv": "date,type,member,amount\n2026-03-12,contribution,Miha,5.00\n"})),
    ("import (site)", "web", lambda club: (f"{WEB}/journal/", {"file": SimpleUploadedFile(
        "j.csv", b"date,type,member,amount\n2026-03-12,contribution,Miha,5.00\n")})),
    ("reverse a contribution (API)", "api", lambda club: (
        f"{API}/events/{_first_contribution(club)}/reverse", {"reason": "Late."})),
    ("reverse a contribution (site)", "web", lambda club: (
        f"{WEB}/events/{_first_contribution(club)}/reverse/", {"reason": "Late."})),
]


@pytest.mark.parametrize(("name", "kind", "make"), MONEY_ACTIONS,
                         ids=[name for name, _, _ in MONEY_ACTIONS])
@pytest.mark.parametrize("role", ROLES)
def test_a_dissolved_club_takes_no_money_from_anyone(
    name: str, kind: str, make: Callable[[Club], tuple[str, Any]], role: str,
    club: Club, treasurer: Any, request: Any, client: Client,
) -> None:
    user = person(role, club, request)  # before: a former member left before the end
    dissolved = dissolve(club, treasurer)
    events = list(ClubEvent.objects.filter(club=dissolved).values_list("seq", flat=True))
    path, body = make(dissolved)
    if user is not None:
        client.force_login(user)
    response = send(client, "post", path, body, kind)
    # Refused (a form shown again with its reason is a 200 on the site), never recorded.
    assert response.status_code in ({200, 400, 403, 404} if kind == "web"
                                    else {400, 401, 403, 404}), response.content[:300]
    assert list(ClubEvent.objects.filter(club=dissolved).values_list("seq", flat=True)) == events
    assert not EventReversal.objects.filter(event__club=dissolved).exists()


# The regional overview, the requests inbox ---------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_regional_overview(role: str, club: Club, request: Any, client: Client) -> None:
    """Coordinators (and administrators, who see every region): their regions' clubs only."""
    user = person(role, club, request)
    if user is not None:
        client.force_login(user)
    page = client.get("/clubs/region/")
    api = client.get("/api/v1/clubs/region-overview")
    if role == "anonymous":
        assert page.status_code == 302 and "sign-in" in page["Location"]
        assert api.status_code == 401
        return
    if role not in {"coordinator", "coordinator_elsewhere", "admin"}:
        assert (page.status_code, api.status_code) == (403, 403)
        return
    assert (page.status_code, api.status_code) == (200, 200)
    sees = role != "coordinator_elsewhere"
    assert ("Zadruga Srce" in page.content.decode()) == sees
    assert ([row["slug"] for row in api.json()["items"]] == [SLUG]) == sees


@pytest.fixture
def waiting_request(club: Club, outsider: Any) -> InterestRequest:
    return interest_join_club(actor=outsider, region="SI041", club=club,
                              message="I bake bread.")


@pytest.mark.parametrize("role", ROLES)
def test_the_requests_inbox(role: str, club: Club, waiting_request: InterestRequest,
                            request: Any, client: Client) -> None:
    """The club's officers and the region's coordinators (administrators too) see a request
    to join the club and mark it handled; to anyone else it does not exist."""
    user = person(role, club, request)
    if user is not None:
        client.force_login(user)
    allowed = role in OFFICERS | {"coordinator", "admin"}
    page = client.get("/clubs/interest/inbox/")
    handled = client.post(f"/clubs/interest/{waiting_request.pk}/handled/")
    missing = client.post(f"/clubs/interest/{waiting_request.pk + 1000}/handled/")
    waiting_request.refresh_from_db()
    if role == "anonymous":
        assert page.status_code == 302 and "sign-in" in page["Location"]
        assert handled.status_code == 302 and "sign-in" in handled["Location"]
        assert waiting_request.handled_at is None
        return
    assert page.status_code == 200
    assert ("I bake bread." in page.content.decode()) == allowed
    assert (waiting_request.handled_at is not None) == allowed
    if allowed:
        assert handled.status_code == 302
    else:
        # Not an oracle: the same 404 as a request that does not exist.
        assert (handled.status_code, missing.status_code) == (404, 404)
        assert _blank_csrf(handled.content).replace(
            f"/{waiting_request.pk}/".encode(), f"/{waiting_request.pk + 1000}/".encode()
        ) == _blank_csrf(missing.content)


# The enterprise's pages ----------------------------------------------------------------------


def _applied(club: Club, request: Any) -> None:
    """The enterprise sent the club a proposal: the club's readers may read its page."""
    from microfuture.clubs.tests.test_access_matrix import _proposal

    _proposal(club, request)


ENTERPRISE_READERS = READERS | {"entrepreneur"}


@pytest.mark.parametrize("role", ROLES)
def test_the_enterprise_page_is_no_oracle(role: str, club: Club, request: Any,
                                          client: Client) -> None:
    """The representative, and the members and coordinators of a club the enterprise works
    with, read its page; to everyone else it answers exactly like an enterprise that does not
    exist."""
    _applied(club, request)
    user = person(role, club, request)
    if user is not None:
        client.force_login(user)
    real = client.get(f"/clubs/enterprise/{ENTERPRISE}/")
    missing = client.get("/clubs/enterprise/no-such-enterprise/")
    if role == "anonymous":
        assert real.status_code == missing.status_code == 302
        assert real["Location"].replace(ENTERPRISE, "X") == missing["Location"].replace(
            "no-such-enterprise", "X")
        return
    assert missing.status_code == 404
    if role in ENTERPRISE_READERS:
        assert real.status_code == 200
        return
    assert real.status_code == 404
    assert _blank_csrf(real.content).replace(
        ENTERPRISE.encode(), b"no-such-enterprise") == _blank_csrf(missing.content)


@pytest.mark.parametrize("role", ROLES)
def test_the_enterprise_writes(role: str, club: Club, request: Any, client: Client) -> None:
    """Only its representatives act for an enterprise (details, news); a club member who
    reads its page is refused (403), anyone else gets the 404 of a missing enterprise."""
    _applied(club, request)
    user = person(role, club, request)
    if user is not None:
        client.force_login(user)
    form = client.post(f"/clubs/enterprise/{ENTERPRISE}/", {
        "action": "details", "details-legal_form": "doo",
        "details-description": "Bread.", "details-share_capital": "7500",
        "details-contact_email": ""})
    news = client.post(f"/api/v1/clubs/enterprises/{ENTERPRISE}/updates",
                       json.dumps({"date": "2026-02-01", "jobs": 3}),
                       content_type="application/json")
    loans = client.get(f"/api/v1/clubs/enterprises/{ENTERPRISE}/loans")
    news_missing = client.post("/api/v1/clubs/enterprises/no-such-enterprise/updates",
                               json.dumps({"date": "2026-02-01", "jobs": 3}),
                               content_type="application/json")
    loans_missing = client.get("/api/v1/clubs/enterprises/no-such-enterprise/loans")
    from microfuture.clubs.models import Enterprise

    ent = Enterprise.objects.get(slug=ENTERPRISE)
    assert (ent.legal_form == "doo") == (role == "entrepreneur")
    assert ent.updates.exists() == (role == "entrepreneur")
    if role == "anonymous":
        assert form.status_code == 302 and "sign-in" in form["Location"]
        assert (news.status_code, loans.status_code) == (401, 401)
        return
    if role == "entrepreneur":
        assert (form.status_code, news.status_code, loans.status_code) == (302, 201, 200)
        return
    assert form.status_code == (403 if role in ENTERPRISE_READERS else 404)
    assert (news.status_code, loans.status_code) == (404, 404)
    assert news.content == news_missing.content
    assert loans.content == loans_missing.content


def _blank_csrf(content: bytes) -> bytes:
    import re

    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
