"""Who reads what of a club (docs/privacy.md): every club read, page and API, for every role.

The club: Zadruga Srce (SI041) with its officers, Miha and Nina as plain members, and Petra,
who has left. Nina paid in a sum nobody else has (437.19), so a response that shows her
figures cannot hide it. Roles are set up once per test by `reader()`.
"""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from microfuture.accounts.models import RoleGrant
from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, Club, Member, PaymentApproval
from microfuture.clubs.services import club_found, club_record_events, member_add
from microfuture.conftest import make_user

pytestmark = pytest.mark.django_db

NINA_PAID = "437.19"
MIHA_PAID = "123.45"


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def private_club(club: Any, treasurer: Any, manager: Any) -> Any:
    """The club with savings, a loan, and a former member (Petra, who has an account)."""
    petra = make_user("former", full_name="Petra Bivša")
    member_add(club=club, name="Petra", on=date(2026, 1, 5), role="member", user=petra,
               actor=manager)
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha",
              amount=Decimal(MIHA_PAID), reference="feb-Miha"),
        Event(date=date(2026, 2, 1), type="contribution", member="Nina",
              amount=Decimal(NINA_PAID), reference="feb-Nina"),
        Event(date=date(2026, 2, 1), type="contribution", member="Petra",
              amount=Decimal("50.00")),
        Event(date=date(2026, 2, 10), type="investment", enterprise="Kmetija Breg",
              instrument="loan", amount=Decimal("100"), rate=Decimal("5"), term=12),
        Event(date=date(2026, 3, 1), type="exit", member="Petra"),
    ])
    club.refresh_from_db()
    return club


def reader(role: str, club: Club, request: Any) -> Any:
    """The account that reads as `role` (None: anonymous), setting up what the role needs."""
    if role == "anonymous":
        return None
    if role in {"member", "secretary", "treasurer", "manager", "admin"}:
        return request.getfixturevalue(role)
    if role == "member_open_books":
        Club.objects.filter(pk=club.pk).update(open_books=True)
        return request.getfixturevalue("member")
    if role == "former":
        return Member.objects.get(club=club, name="Petra").user
    if role == "other_club":
        other = make_user("elsewhere", full_name="Drago Drugje")
        club_found(founder=other, founder_name="Drago", name="Drugi klub", region="SI041",
                   start_date=date(2026, 1, 1))
        return other
    if role in {"coordinator", "coordinator_consent"}:
        if role == "coordinator_consent":
            Member.objects.filter(club=club, name="Nina").update(coordinator_may_read=True)
        return request.getfixturevalue("coordinator")
    if role == "coordinator_elsewhere":
        user = make_user("coordinator2", full_name="Gorazd Gorenjski")
        RoleGrant.objects.create(user=user, role=RoleGrant.Role.COORDINATOR, region="SI042")
        return user
    raise AssertionError(role)


ROLES = [
    "anonymous", "former", "other_club", "member", "member_open_books", "secretary",
    "treasurer", "manager", "coordinator", "coordinator_consent", "coordinator_elsewhere",
    "admin",
]
CLUB_READERS = {
    "member", "member_open_books", "secretary", "treasurer", "manager", "coordinator",
    "coordinator_consent", "admin",
}
SEE_EVERYONE = {"member_open_books", "secretary", "treasurer", "manager"}
#: Who opens Nina's personal statement (the administrator in the logged audit role).
READS_NINA = SEE_EVERYONE | {"coordinator_consent", "admin"}
#: Who reads every member's figures at once (the journal file, everyone's pledges): those who
#: see everyone, and the administrator in the logged audit role.
ALL_FIGURES = SEE_EVERYONE | {"admin"}

SLUG = "zadruga-srce"
API = f"/api/v1/clubs/{SLUG}"


def nina_pk() -> int:
    return Member.objects.get(club__slug=SLUG, name="Nina").pk


#: Every club read: (name, path, who may read it, whether it lists members' figures).
ENDPOINTS: list[tuple[str, Any, set[str], bool]] = [
    ("overview", lambda: reverse("clubs:detail", args=[SLUG]), CLUB_READERS, False),
    ("charter", lambda: reverse("clubs:charter", args=[SLUG]), CLUB_READERS, False),
    ("members page", lambda: reverse("clubs:members", args=[SLUG]), CLUB_READERS, True),
    ("statement", lambda: reverse("clubs:statement", args=[SLUG]), CLUB_READERS, True),
    ("statement PDF", lambda: reverse("clubs:statement_pdf", args=[SLUG]), CLUB_READERS, True),
    ("statement JSON", lambda: reverse("clubs:statement_json", args=[SLUG]), CLUB_READERS,
     True),
    ("events", lambda: reverse("clubs:events", args=[SLUG]), CLUB_READERS, True),
    ("audit log", lambda: reverse("clubs:audit", args=[SLUG]), CLUB_READERS, True),
    ("journal CSV", lambda: reverse("clubs:journal_export", args=[SLUG]), ALL_FIGURES, True),
    # (The pledges page lists only those behind, and Nina is not.)
    ("pledges", lambda: reverse("clubs:pledges", args=[SLUG]), ALL_FIGURES, False),
    ("Nina's statement",
     lambda: reverse("clubs:member_statement", args=[SLUG, nina_pk()]), READS_NINA, True),
    ("Nina's statement PDF",
     lambda: reverse("clubs:member_statement_pdf", args=[SLUG, nina_pk()]), READS_NINA, True),
    ("meetings", lambda: reverse("clubs:meetings", args=[SLUG]), CLUB_READERS, False),
    ("proposals", lambda: reverse("clubs:proposals", args=[SLUG]), CLUB_READERS, False),
    ("API club", lambda: API, CLUB_READERS, False),
    ("API statement", lambda: f"{API}/statement", CLUB_READERS, True),
    ("API Nina's statement", lambda: f"{API}/members/{nina_pk()}/statement", READS_NINA, True),
    ("API events", lambda: f"{API}/events", CLUB_READERS, True),
    ("API journal", lambda: f"{API}/journal", ALL_FIGURES, True),
    ("API pledges", lambda: f"{API}/pledges", ALL_FIGURES, True),
]


def body_text(response: Any) -> str:
    if response["Content-Type"] == "application/pdf":
        return pdf_text(response.content)
    return str(response.content.decode())


@pytest.mark.parametrize("role", ROLES)
def test_every_club_read_for_every_role(client, private_club, request, role):
    user = reader(role, private_club, request)
    if user is not None:
        client.force_login(user)
    sees_everyone = role in SEE_EVERYONE
    for name, path, allowed, lists_figures in ENDPOINTS:
        response = client.get(path())
        if role not in allowed:
            # 404 for those who may not know the club exists (docs/security.md, "Oracles")
            assert response.status_code in (401, 403, 404), (name, response.status_code)
            continue
        assert response.status_code == 200, (name, response.status_code)
        if not lists_figures:
            continue
        text = body_text(response)
        # The coordinator with Nina's consent sees her lines wherever members are listed; the
        # administrator only where they read for an audit (her statement, the journal file,
        # everyone's pledges).
        shows_nina = sees_everyone or role == "coordinator_consent" or (
            role == "admin" and ("Nina's" in name or name.lower().endswith(("journal", "csv",
                                                                             "pledges")))
        )
        assert (NINA_PAID in text) == shows_nina, (name, role)
        if name != "members page" and not shows_nina:
            # Neither her amount nor her name: the reader does not learn who paid what.
            assert "Nina" not in text, (name, role)


@pytest.mark.parametrize("role", ROLES)
def test_one_s_own_statement_for_every_role(client, private_club, request, role):
    """Everyone who has a membership reads their own statement, also after leaving."""
    user = reader(role, private_club, request)
    own = Member.objects.filter(club=private_club, user=user).first() if user else None
    if own is None:
        return
    client.force_login(user)
    for path in (
        reverse("clubs:member_statement", args=[SLUG, own.pk]),
        reverse("clubs:member_statement_pdf", args=[SLUG, own.pk]),
        f"{API}/members/{own.pk}/statement",
        reverse("clubs:me", args=[SLUG]),
    ):
        assert client.get(path).status_code == 200, path


def test_a_former_member_reads_only_their_own_statement_and_history(client, private_club):
    petra = Member.objects.get(club=private_club, name="Petra")
    client.force_login(petra.user)
    page = client.get(reverse("clubs:member_statement", args=[SLUG, petra.pk]))
    text = page.content.decode()
    assert "€50.00" in text  # what she paid in, and her exit in the history
    assert [e.type for e in page.context["events"]] == ["join", "contribution", "exit"]
    # The club's pages are not linked from hers, and none of them opens.
    assert f'href="{reverse("clubs:statement", args=[SLUG])}"' not in text
    assert f'href="{reverse("clubs:audit", args=[SLUG])}"' not in text
    api = client.get(f"{API}/members/{petra.pk}/statement").json()
    assert api["member"]["contributed"] == "50.00" and api["member"]["status"] == "exited"
    me = client.get(reverse("clubs:me", args=[SLUG])).content.decode()
    assert "You left the club on" in me and "Open votes" not in me
    assert client.get("/api/v1/clubs/").json() == {"items": [], "count": 0}
    listing = client.get(reverse("clubs:list")).content.decode()
    assert reverse("clubs:me", args=[SLUG]) in listing
    assert f'href="{reverse("clubs:detail", args=[SLUG])}"' not in listing


def test_a_plain_member_sees_the_totals_and_their_own_line(client, private_club, member):
    client.force_login(member)
    page = client.get(reverse("clubs:statement", args=[SLUG]))
    stmt = page.context["stmt"]
    assert [m["name"] for m in stmt["members"]] == ["Miha"]
    # The totals still count everyone: 123.45 + 437.19 + 50.00 paid in.
    assert stmt["total_contributions"] == "610.64"
    assert page.context["private_members"] == 5
    text = page.content.decode()
    assert "The figures of 5 other members are private" in text
    events = client.get(reverse("clubs:events", args=[SLUG]))
    listed = [(e.type, e.member) for e in events.context["page"].object_list]
    assert ("investment", "") in listed and ("contribution", "Miha") in listed
    assert all(m in {"", "Miha"} for _t, m in listed)
    assert reverse("clubs:journal_export", args=[SLUG]) not in events.content.decode()


def test_the_administrator_reads_a_personal_statement_only_in_the_audit_role(
    client, private_club, admin
):
    nina = Member.objects.get(club=private_club, name="Nina")
    client.force_login(admin)
    assert not AuditLog.objects.filter(action="figures.read_for_audit").exists()
    page = client.get(reverse("clubs:member_statement", args=[SLUG, nina.pk]))
    assert "platform administrator, for an audit" in page.content.decode()
    client.get(f"{API}/members/{nina.pk}/statement")
    client.get(reverse("clubs:journal_export", args=[SLUG]))
    rows = AuditLog.objects.filter(club=private_club, action="figures.read_for_audit")
    assert sorted((r.actor, r.detail["what"], r.detail["member"]) for r in rows) == [
        (admin, "journal_file", ""),
        (admin, "member_statement", "Nina"),
        (admin, "member_statement", "Nina"),
    ]
    # The club sees that the statements were read; a plain member does not see whose.
    client.force_login(Member.objects.get(club=private_club, name="Miha").user)
    audit = client.get(reverse("clubs:audit", args=[SLUG]))
    reads = [e for e in audit.context["entries"] if e.action == "figures.read_for_audit"]
    assert len(reads) == 3 and all(e.detail.get("member") != "Nina" for e in reads)


def test_an_officer_s_read_writes_no_audit_row(client, private_club, treasurer):
    client.force_login(treasurer)
    nina = Member.objects.get(club=private_club, name="Nina")
    assert client.get(reverse("clubs:member_statement", args=[SLUG, nina.pk])).status_code == 200
    for name in ("clubs:pledges", "clubs:collection", "clubs:journal_export"):
        assert client.get(reverse(name, args=[SLUG])).status_code == 200
    assert not AuditLog.objects.filter(action="figures.read_for_audit").exists()


def test_the_administrator_s_collection_sheet_and_pledges_are_audit_reads(
    client, private_club, admin
):
    client.force_login(admin)
    for name in ("clubs:pledges", "clubs:collection"):
        assert client.get(reverse(name, args=[SLUG])).status_code == 200
    assert client.get(f"{API}/pledges").status_code == 200
    rows = AuditLog.objects.filter(club=private_club, action="figures.read_for_audit")
    assert sorted(r.detail["what"] for r in rows) == ["collection_sheet", "pledges", "pledges"]
    assert {r.actor for r in rows} == {admin}


def test_the_audit_log_hides_another_member_s_money(client, private_club, member):
    client.force_login(member)
    entries = client.get(reverse("clubs:audit", args=[SLUG])).context["entries"]
    about_money = [e for e in entries if e.action == "event.contribution"]
    assert len(about_money) == 3
    shown = sorted(str(e.detail.get("member")) for e in about_money)
    assert shown == ["Miha", "another member", "another member"]
    hidden = [e for e in about_money if e.detail["member"] != "Miha"]
    assert all("amount" not in e.detail and "reference" not in e.detail for e in hidden)
    # Nothing was changed in the stored log.
    stored = AuditLog.objects.filter(club=private_club, action="event.contribution")
    assert {r.detail["amount"] for r in stored} == {MIHA_PAID, NINA_PAID, "50.00"}


def test_the_filtered_reads_take_as_many_queries_whatever_the_club_s_size(
    client, private_club, member, manager, treasurer
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = [reverse(name, args=[SLUG]) for name in
             ("clubs:statement", "clubs:events", "clubs:audit", "clubs:members")]
    client.force_login(member)

    def counts() -> list[int]:
        result = []
        for path in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    for n in range(8):
        member_add(club=private_club, name=f"Novi {n}", on=date(2026, 3, 1), role="member",
                   user=make_user(f"novi{n}"), actor=manager)
    club_record_events(club=private_club, recorded_by=treasurer, events=[
        Event(date=date(2026, 3, 2), type="contribution", member=f"Novi {n}",
              amount=Decimal("10")) for n in range(8)
    ])
    assert counts() == before


def test_the_audit_log_hides_another_member_s_payout_waiting_for_a_second_officer(
    client, private_club, treasurer, manager, member
):
    """An exit payout above the charter's threshold: asked for by the treasurer, confirmed by
    the manager. The confirming row names no member, only the payment; it is hidden too."""
    from microfuture.clubs.services.payments import club_record_exit, payment_confirm

    Club.objects.filter(pk=private_club.pk).update(second_officer_above_cents=10000)
    private_club.refresh_from_db()
    approval = club_record_exit(
        club=private_club, event=Event(date=date(2026, 3, 5), type="exit", member="Nina"),
        actor=treasurer,
    )
    assert isinstance(approval, PaymentApproval)
    payment_confirm(approval=approval, actor=manager)
    client.force_login(member)
    rows = [e for e in client.get(reverse("clubs:audit", args=[SLUG])).context["entries"]
            if e.action.startswith(("payment.", "event.exit"))]
    assert {e.action for e in rows} >= {"payment.requested", "payment.confirmed"}
    for row in rows:
        assert "amount" not in row.detail, row.action
        assert row.detail.get("member") != "Nina", row.action
    client.force_login(treasurer)
    rows = [e for e in client.get(reverse("clubs:audit", args=[SLUG])).context["entries"]
            if e.action == "payment.confirmed"]
    assert rows[0].detail["amount"] == NINA_PAID
