"""Erasing a member's name from a club's books: the one rewrite the database lets through.

`member_pseudonymise` replaces the name by `erased person #<id>` in one transaction, re-seals the hash
chains and re-proves the books; outside that block every UPDATE of the books is refused as
before, and a refusal changes nothing.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, ClubEvent, Meeting, Member
from microfuture.clubs.selectors import club_statement
from microfuture.clubs.services import club_record_events, member_add
from microfuture.clubs.services.erasure import member_pseudonymise
from microfuture.clubs.services.money import ClubError
from microfuture.ledger.models import Account, JournalEntry
from microfuture.ledger.protection import rewrite_allowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def books(club: Any, treasurer: Any) -> Any:
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha",
              amount=Decimal("30.00"), note="Miha paid for February and for Mihaela"),
        Event(date=date(2026, 2, 1), type="contribution", member="Nina",
              amount=Decimal("20.00")),
        Event(date=date(2026, 3, 1), type="exit", member="Miha"),
    ])
    Meeting.objects.create(club=club, title="Miha's idea", minutes="Miha says so.",
                           starts_at=timezone.now())
    return club


def verify(command: str) -> str:
    out = io.StringIO()
    call_command(command, stdout=out, stderr=out)
    return out.getvalue()


def test_the_name_goes_everywhere_in_the_club_and_the_figures_stay(books, manager):
    miha = Member.objects.get(club=books, name="Miha")
    before = club_statement(books, as_of=date(2026, 3, 31))

    assert member_pseudonymise(member=miha, actor=manager) == f"erased person #{miha.pk}"

    new = f"erased person #{miha.pk}"
    assert not ClubEvent.objects.filter(club=books, member="Miha").exists()
    assert ClubEvent.objects.filter(club=books, member=new).count() == 3
    # Whole words only: "Mihaela" is someone else.
    assert ClubEvent.objects.get(club=books, type="contribution", member=new).note == (
        f"{new} paid for February and for Mihaela")
    assert not JournalEntry.objects.filter(ledger=books.ledger, memo__contains="Miha ").exists()
    assert Account.objects.filter(ledger=books.ledger, code__endswith=f":{new}").exists()
    assert not Account.objects.filter(ledger=books.ledger, code__endswith=":Miha").exists()
    meeting = Meeting.objects.get(club=books)
    assert (meeting.title, meeting.minutes) == (f"{new}'s idea", f"{new} says so.")
    assert not AuditLog.objects.filter(club=books, detail__icontains='"Miha"').exists()
    assert AuditLog.objects.filter(club=books, action="member.name_erased").exists()
    after = club_statement(books, as_of=date(2026, 3, 31))
    assert str(after).replace(new, "Miha") == str(before)
    assert "Every chain holds" in verify("verify_audit")
    assert "problem" not in verify("verify_ledger").lower()


def test_a_refusal_changes_nothing(books, manager, monkeypatch):
    miha = Member.objects.get(club=books, name="Miha")
    events = list(ClubEvent.objects.filter(club=books).values_list("member", "hash"))
    monkeypatch.setattr("microfuture.clubs.selectors.club_problems",
                        lambda club: ["a cent moved"])
    with pytest.raises(ClubError, match="a cent moved"):
        member_pseudonymise(member=miha, actor=manager)
    assert list(ClubEvent.objects.filter(club=books).values_list("member", "hash")) == events
    assert Member.objects.filter(pk=miha.pk, name="Miha").exists()


def test_outside_the_block_the_books_stay_closed_to_updates(books):
    with transaction.atomic():
        with rewrite_allowed(connection):
            ClubEvent.objects.filter(club=books, member="Nina").update(note="x")
        with pytest.raises(DatabaseError), transaction.atomic():
            ClubEvent.objects.filter(club=books, member="Nina").update(note="y")
        transaction.set_rollback(True)
    with pytest.raises(DatabaseError), transaction.atomic():
        ClubEvent.objects.filter(club=books, member="Nina").update(note="z")
    with pytest.raises(DatabaseError), transaction.atomic():
        with rewrite_allowed(connection):
            ClubEvent.objects.filter(club=books, member="Nina").delete()  # never a delete


def test_a_new_member_cannot_take_a_pseudonym(club, manager):
    with pytest.raises(ClubError, match="erased person #12"):
        member_add(club=club, name="erased person #12", on=date(2026, 2, 1), role="member",
                   user=None, actor=manager)
    member_add(club=club, name="#12", on=date(2026, 2, 1), role="member", user=None,
               actor=manager)  # only the whole pseudonym is kept back


def test_pages_word_the_pseudonym_in_the_reader_s_language(books, manager, treasurer):
    miha = Member.objects.get(club=books, name="Miha")
    member_pseudonymise(member=miha, actor=manager)
    client = Client()
    client.force_login(treasurer)
    for lang, words in (("en", f"erased person #{miha.pk}"),
                        ("sl", f"izbrisana oseba #{miha.pk}")):
        html = client.get(reverse("clubs:events", args=[books.slug]),
                          HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert words in html
