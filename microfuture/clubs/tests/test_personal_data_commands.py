"""The operator's `export_person` and `erase_person` across every app (GDPR Art. 15, 17, 20).

The person, Miha Zupančič (`mihazup`), is "Miha Z." in Zadruga Srce's books with savings,
has asked to join a club, represents an enterprise, was invited by address, authored a
practice, agreed to the notice, holds a role, failed a sign-in and is signed in.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models
from django.db.models.functions import Cast
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microfuture.accounts.models import Consent, PendingSignUp, RoleGrant, SessionRecord, User
from microfuture.clubs.core import Event
from microfuture.clubs.models import Invitation, Member
from microfuture.clubs.selectors import club_problems, club_statement
from microfuture.clubs.services import club_record_events, member_add
from microfuture.clubs.services.interest import interest_join_club
from microfuture.conftest import PASSWORD, make_user
from microfuture.practices.models import Practice

pytestmark = pytest.mark.django_db

FULL_NAME = "Miha Zupančič"
EMAIL = "mihazup@example.org"
IN_BOOKS = "Miha Z."


@pytest.fixture
def person(club: Any, manager: Any, treasurer: Any, enterprise: Any) -> Any:
    user = make_user("mihazup", full_name=FULL_NAME)
    member_add(club=club, name=IN_BOOKS, on=date(2026, 1, 5), role="member", user=user,
               actor=manager)
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member=IN_BOOKS,
              amount=Decimal("42.17"), reference="feb"),
        Event(date=date(2026, 2, 1), type="contribution", member="Miha",
              amount=Decimal("20.00"), reference="feb-miha"),
    ])
    Consent.objects.create(user=user, document="privacy_notice", version="2026-12-01",
                           given_at=timezone.now())
    RoleGrant.objects.create(user=user, role="expert")
    interest_join_club(actor=user, region="SI041", message="Pokličite me, Miha Zupančič.")
    enterprise.representatives.add(user)
    Invitation.objects.create(club=club, email=EMAIL.upper(), name=IN_BOOKS, token="t" * 64,
                              invited_by=manager, expires_at=timezone.now() + timedelta(days=9))
    PendingSignUp.objects.create(email=EMAIL, full_name=FULL_NAME, password="x",
                                 privacy_notice_version="2026-12-01")
    Practice.objects.create(slug="mihas-practice", title_en="Savings circle", country="SI",
                            author=user)
    client = Client()
    client.post(reverse("accounts:login"), {"username": "mihazup", "password": "wrong"})
    assert client.post(reverse("accounts:login"),
                       {"username": "mihazup", "password": PASSWORD}).status_code == 302
    AccessAttempt.objects.create(username="mihazup", ip_address="192.0.2.1", user_agent="x",
                                 get_data="", post_data="", http_accept="", path_info="/",
                                 failures_since_start=1, attempt_time=timezone.now())
    return user


def traces(needle: str) -> set[str]:
    """Every model field, in every app, whose text contains `needle` (any case)."""
    found = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                continue
            rows = model._default_manager.annotate(
                _text=Cast(field.name, models.TextField())
            ).filter(_text__icontains=needle)
            if rows.exists():
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_export_lists_every_app_s_data_about_the_person(person, tmp_path):
    out = tmp_path / "miha.json"
    call_command("export_person", EMAIL.upper(), "--output", str(out), stderr=StringIO())
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["account"]["email"] == EMAIL and data["account"]["full_name"] == FULL_NAME
    assert [r["role"] for r in data["roles"]] == ["expert"]
    assert [c["version"] for c in data["consents"]] == ["2026-12-01"]
    assert len(data["sessions"]) == 1
    [membership] = data["club_memberships"]
    assert membership["name_in_books"] == IN_BOOKS
    assert [(e["type"], e["amount"]) for e in membership["events"]] == [
        ("join", None), ("contribution", "42.17")]  # never another member's
    assert data["requests"][0]["message"] == "Pokličite me, Miha Zupančič."
    assert [e["name"] for e in data["enterprises_represented"]] == ["Pekarna Zlato Zrno"]
    assert [p["slug"] for p in data["practices_authored"]] == ["mihas-practice"]
    stdout = StringIO()
    call_command("export_person", "mihazup", stdout=stdout)
    assert json.loads(stdout.getvalue())["account"]["username"] == "mihazup"


def test_erase_replaces_the_name_everywhere_and_the_books_still_balance(person, club):
    before = club_statement(club, as_of=date(2026, 3, 1))
    assert traces(FULL_NAME) and traces(EMAIL)
    assert {"clubs.Member.name", "clubs.ClubEvent.member", "clubs.AuditLog.detail",
            "clubs.Invitation.name", "ledger.JournalEntry.memo",
            "ledger.Account.code"} <= traces(IN_BOOKS)

    with pytest.raises(CommandError, match="--yes"):
        call_command("erase_person", "mihazup")
    assert User.objects.get(pk=person.pk).username == "mihazup"

    member_id = Member.objects.get(club=club, name=IN_BOOKS).pk
    out = StringIO()
    call_command("erase_person", "--email", EMAIL.upper(), stdout=out)  # spec §7's form
    assert f"the name is now 'erased person #{member_id}'" in out.getvalue()
    assert "still hold" in out.getvalue()

    assert traces(FULL_NAME) == set()
    assert traces(EMAIL) == set()
    assert traces("mihazup") == set()
    assert traces(IN_BOOKS) == set()  # not even in the club's books
    erased = User.objects.get(pk=person.pk)
    assert not erased.is_active and not erased.has_usable_password()
    for model in (Consent, RoleGrant, SessionRecord):
        assert not model.objects.filter(user=erased).exists()
    assert not PendingSignUp.objects.filter(email__iexact=EMAIL).exists()
    assert not AccessAttempt.objects.exists()
    invitation = Invitation.objects.get(name=f"erased person #{member_id}")
    assert invitation.email == "" and invitation.cancelled_at is not None
    assert Member.objects.get(pk=member_id).user is None
    assert Practice.objects.get(slug="mihas-practice").author_id == erased.pk  # a shell now
    assert club_problems(club) == []
    after = club_statement(club, as_of=date(2026, 3, 1))
    renamed = json.loads(json.dumps(before, default=str).replace(
        IN_BOOKS, f"erased person #{member_id}"))
    assert json.loads(json.dumps(after, default=str)) == renamed
    verify = StringIO()
    call_command("verify_audit", stdout=verify)
    assert "Every chain holds" in verify.getvalue()


def test_an_unknown_person_is_refused(person):
    for who in ("nobody@example.org", "nobody"):
        with pytest.raises(CommandError, match="No single account"):
            call_command("export_person", who)
        with pytest.raises(CommandError, match="No single account"):
            call_command("erase_person", who, "--yes")


def test_the_last_administrator_is_not_erased(admin):
    with pytest.raises(CommandError, match="last active administrator"):
        call_command("erase_person", "admin", "--yes")
    assert User.objects.get(pk=admin.pk).is_active
