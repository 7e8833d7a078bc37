"""The finder's list of a region's clubs is kept until the clubs change (`clubs/kept.py`), and
a change is seen by the very next page: a manager who withdraws their consent to show their
name is no longer named, a club that closes itself to projects is no longer offered.

These tests commit (`transaction=True`): nothing is kept from inside a transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microfuture.clubs import kept as clubs_kept
from microfuture.clubs.models import Club, Member
from microfuture.clubs.services import club_found
from microfuture.clubs.services.charter import club_update_charter
from microfuture.clubs.services.privacy import member_set_consents
from microfuture.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

FITS = {"entity_type": "individual", "country": "SI", "region": "SI041",
        "purpose": "investment", "amount": "8000"}


def _page() -> str:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/finder/results/", FITS)
    assert response.status_code == 200
    return response.content.decode()


def test_the_clubs_are_kept_and_a_withdrawn_consent_or_a_closed_club_is_seen(
        transactional_db: Any) -> None:
    mojca = make_user("mojca", full_name="Mojca Novak")
    club = club_found(founder=mojca, founder_name="Mojca Novak", name="Klub Bežigrad",
                      region="SI041", start_date=date(2026, 1, 5),
                      contact_email="bezigrad@example.org")
    manager = Member.objects.get(club=club)
    member_set_consents(member=manager, actor=mojca, name_public=True,
                        coordinator_may_read=False)
    assert "manager Mojca Novak" in _page()
    assert ("finder-clubs", "SI041", timezone.localdate()) in [
        key for key, _mark in clubs_kept._kept]
    assert "manager Mojca Novak" in _page()  # read from what was kept

    member_set_consents(member=manager, actor=mojca, name_public=False,
                        coordinator_may_read=False)
    html = _page()
    assert "Mojca Novak" not in html and "Klub Bežigrad" in html

    club_update_charter(club=Club.objects.get(pk=club.pk), actor=mojca,
                        open_to_projects=False)
    assert "Klub Bežigrad" not in _page()
