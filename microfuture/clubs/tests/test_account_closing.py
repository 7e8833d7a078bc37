"""A person closes their account: what they gave us goes, the club's books stay whole."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from microfuture.accounts.models import Consent, SessionRecord, User
from microfuture.clubs.models import AuditLog, ClubEvent, InterestRequest, Member
from microfuture.clubs.services.interest import interest_join_club
from microfuture.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(username: str) -> Client:
    client = Client()
    assert client.post(
        reverse("accounts:login"), {"username": username, "password": PASSWORD}
    ).status_code == 302
    return client


def test_closing_erases_the_person_and_keeps_the_club_s_books(club, member, enterprise, entrepreneur):
    Consent.objects.create(user=member, document="privacy_notice", version="2026-12-01",
                           given_at="2026-12-01T10:00:00Z")
    interest_join_club(actor=member, region="SI035", message="Moj naslov je Ulica 1.")
    enterprise.representatives.add(member)
    phone, laptop = signed_in("member"), signed_in("member")
    joins = ClubEvent.objects.filter(club=club, type="join").count()
    miha = Member.objects.get(club=club, name="Miha")

    response = laptop.post(reverse("accounts:close"), {"password": PASSWORD})
    assert response["Location"] == reverse("web:home")
    closed = User.objects.get(pk=member.pk)
    assert (closed.username, closed.email, closed.full_name, closed.is_active) == (
        f"closed-{member.pk}", f"closed-{member.pk}@invalid.invalid", "", False)
    assert not closed.has_usable_password()
    assert not Consent.objects.filter(user=closed).exists()
    assert not InterestRequest.objects.filter(user=closed).exists()
    assert not SessionRecord.objects.filter(user=closed).exists()
    assert list(enterprise.representatives.all()) == [entrepreneur]
    miha.refresh_from_db()
    assert miha.user is None and miha.is_active  # still in the books, no longer linked
    assert miha.name == f"erased person #{miha.pk}"  # under a pseudonym, everywhere in the club's books
    assert ClubEvent.objects.filter(club=club, member=miha.name).exists()
    assert not ClubEvent.objects.filter(club=club, member="Miha").exists()
    assert ClubEvent.objects.filter(club=club, type="join").count() == joins
    assert AuditLog.objects.filter(club=club, action="member.account_closed").exists()
    for client in (phone, laptop):
        assert client.get(reverse("accounts:me")).status_code == 302
    assert Client().post(reverse("accounts:login"), {
        "username": "member", "password": PASSWORD}).status_code == 200


def test_a_wrong_password_closes_nothing(member):
    client = signed_in("member")
    response = client.post(reverse("accounts:close"), {"password": "not mine"})
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    member.refresh_from_db()
    assert member.is_active and member.username == "member"


def test_an_administrator_is_closed_by_another(admin: Any):
    client = Client()
    client.force_login(admin)
    response = client.post(reverse("accounts:close"), {"password": PASSWORD})
    assert response.status_code == 200
    admin.refresh_from_db()
    assert admin.is_active and admin.username == "admin"
