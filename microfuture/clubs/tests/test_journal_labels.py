"""The journal shows an investment's instrument by its label in the reader's language
("Naložba (Posojilo)"), never by its code ("Naložba (loan)")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from microfuture.clubs.core import Event
from microfuture.clubs.models import ClubEvent
from microfuture.clubs.services import club_record_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def lent(club, treasurer, enterprise):
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha",
              amount=Decimal("1500")),
        Event(date=date(2026, 2, 2), type="investment", enterprise=enterprise.name,
              instrument="loan", amount=Decimal("600"), rate=Decimal("3.50"), term=12,
              method="linear", first_due=date(2026, 3, 31)),
    ])
    return ClubEvent.objects.get(club=club, type="investment")


@pytest.mark.parametrize(("lang", "shown"), [("sl", "Naložba (Posojilo)"),
                                             ("en", "Investment (Loan)")])
def test_the_journal_and_the_reversal_page_name_the_instrument(club, treasurer, lent, lang,
                                                               shown) -> None:
    client = Client()
    client.force_login(treasurer)
    for url in (f"/clubs/{club.slug}/events/",
                f"/clubs/{club.slug}/events/{lent.seq}/reverse/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert shown in html, url
        assert "(loan)" not in html, url
