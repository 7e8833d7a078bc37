"""Adding members by invitation: an e-mail with a single-use link the person accepts with
their account; the officer learns nothing about which addresses have accounts."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, ClubEvent, Invitation, Member
from microfuture.clubs.services import club_record_event
from microfuture.conftest import make_user

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def invite(client: Client, club: Any, name: str, email: str) -> Any:
    return client.post(reverse("clubs:invitations", args=[club.slug]), {
        "invite": "1", "invite-name": name, "invite-email": email,
    }, follow=True)


def link_in(message: Any) -> str:
    found = re.search(r"https?://[^/\s]+(/clubs/invitation/\S+)", message.body)
    assert found, message.body
    return found.group(1)


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(
    club, manager, outsider, django_capture_on_commit_callbacks
):
    officer = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        known = invite(officer, club, "Oto", outsider.email)
        unknown = invite(officer, club, "Petra", "petra@example.org")
    assert [str(m) for m in known.context["messages"]] == ["The invitation is sent."]
    assert [str(m) for m in unknown.context["messages"]] == ["The invitation is sent."]
    assert sorted(m.to[0] for m in mail.outbox) == ["outsider@example.org", "petra@example.org"]
    # Nobody is linked or added until the person accepts.
    assert not Member.objects.filter(club=club, name__in=["Oto", "Petra"]).exists()
    assert not Member.objects.filter(club=club, user=outsider).exists()
    # Only a hash of the token is kept.
    token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(token=token).exists()
    assert Invitation.objects.filter(club=club).count() == 2
    page = officer.get(reverse("clubs:invitations", args=[club.slug])).content.decode()
    assert "petra@example.org" in page and "Cancel the invitation of Petra" in page


def test_accepting_joins_as_a_member_with_the_account(
    club, manager, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_for(manager), club, "Oto", "oto.home@example.org")
    link = link_in(mail.outbox[0])
    # Anyone with the link sees the invitation; a GET changes nothing.
    anonymous = Client().get(link)
    assert "Zadruga Srce" in anonymous.content.decode()
    assert reverse("accounts:sign_up") in anonymous.content.decode()
    # Accepting needs an account.
    response = Client().post(link)
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")

    person = client_for(outsider)
    response = person.post(link)
    assert response["Location"] == reverse("clubs:me", args=[club.slug])
    member = Member.objects.get(club=club, user=outsider)
    assert member.name == "Oto" and member.role == Member.Role.MEMBER and member.is_active
    join = ClubEvent.objects.get(club=club, type="join", member="Oto")
    assert join.recorded_by == manager  # on behalf of the officer who invited
    invitation = Invitation.objects.get(club=club, name="Oto")
    assert invitation.accepted_by == outsider and invitation.accepted_at is not None
    actions = list(AuditLog.objects.filter(club=club).values_list("action", flat=True))
    assert "invitation.sent" in actions and "invitation.accepted" in actions

    # Single use.
    again = client_for(make_user("someone"))
    again.post(link)
    assert Member.objects.filter(club=club, name="Oto").count() == 1
    assert not Member.objects.filter(club=club, user__username="someone").exists()


def test_expired_and_cancelled_invitations_cannot_be_accepted(
    club, manager, outsider, django_capture_on_commit_callbacks
):
    officer = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        invite(officer, club, "Oto", "oto@example.org")
        invite(officer, club, "Petra", "petra@example.org")
    expired = Invitation.objects.get(name="Oto")
    expired.expires_at = timezone.now() - timedelta(minutes=1)
    expired.save()
    cancelled = Invitation.objects.get(name="Petra")
    response = officer.post(
        reverse("clubs:invitation_cancel", args=[club.slug, cancelled.pk]), follow=True
    )
    assert "The invitation is cancelled." in response.content.decode()
    cancelled.refresh_from_db()
    assert cancelled.cancelled_at is not None
    assert AuditLog.objects.filter(club=club, action="invitation.cancelled").exists()
    for message in mail.outbox:
        client_for(outsider).post(link_in(message))
    assert not Member.objects.filter(club=club, user=outsider).exists()
    assert "has been used, cancelled or has expired" in Client().get(
        link_in(mail.outbox[0])
    ).content.decode()


def test_only_officers_invite(club, member, django_capture_on_commit_callbacks):
    plain = client_for(member)
    assert plain.get(reverse("clubs:invitations", args=[club.slug])).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = plain.post(reverse("clubs:invitations", args=[club.slug]), {
            "invite": "1", "invite-name": "X", "invite-email": "x@example.org",
        })
    assert response.status_code == 403
    assert not Invitation.objects.exists() and mail.outbox == []


def test_a_member_without_an_account_and_later_their_invitation(
    club, manager, outsider, django_capture_on_commit_callbacks
):
    officer = client_for(manager)
    response = officer.post(reverse("clubs:invitations", args=[club.slug]), {
        "paper": "1", "paper-name": "Stara Mama", "paper-date": "2026-02-01",
    }, follow=True)
    assert "The member has joined." in response.content.decode()
    paper = Member.objects.get(club=club, name="Stara Mama")
    assert paper.user is None and paper.role == Member.Role.MEMBER
    joins = ClubEvent.objects.filter(club=club, type="join").count()

    with django_capture_on_commit_callbacks(execute=True):
        invite(officer, club, "Stara Mama", "mama@example.org")
    client_for(outsider).post(link_in(mail.outbox[0]))
    paper.refresh_from_db()
    assert paper.user == outsider
    assert ClubEvent.objects.filter(club=club, type="join").count() == joins  # no second join


def test_the_members_page_no_longer_links_accounts_by_name(club, manager, outsider):
    officer = client_for(manager)
    page = officer.get(reverse("clubs:members", args=[club.slug])).content.decode()
    assert "Platform account" not in page
    assert reverse("clubs:invitations", args=[club.slug]) in page
    officer.post(reverse("clubs:members", args=[club.slug]), {
        "add-name": "Oto", "add-date": "2026-02-01", "add-role": "member",
        "add-account": "outsider",
    })
    assert not Member.objects.filter(club=club, user=outsider).exists()
    assert not Member.objects.filter(club=club, name="Oto").exists()


def test_a_member_s_data_export_holds_their_own_events_only(club, manager, member):
    for name in ("Miha", "Nina"):
        club_record_event(club=club, event=Event(
            date=date(2026, 2, 1), type="contribution", member=name, amount=Decimal("20.00"),
        ), recorded_by=manager)
    data = json.loads(client_for(member).get(reverse("web:my_data")).content)
    (membership,) = data["club_memberships"]
    assert membership["club"] == "Zadruga Srce" and membership["name_in_books"] == "Miha"
    assert [(e["type"], e["amount"]) for e in membership["events"]] == [
        ("join", None), ("contribution", "20.00")]
