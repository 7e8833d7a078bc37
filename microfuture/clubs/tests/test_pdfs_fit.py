"""Every club PDF fits its A4 page in both languages: each column heading of each table can be
read back with `pdftotext -layout`, and no word lies past the right margin (the Slovenian club
statement lost its days-past-due and status columns off the page's edge)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from microfuture.clubs.core import Event
from microfuture.clubs.models import Member
from microfuture.clubs.services import club_record_events
from microfuture.web.tests.pdf_text import fit_problems, layout_text

pytestmark = pytest.mark.django_db

HOLDINGS = ["Enterprise", "Instrument", "Cost", "Carrying value", "Principal outstanding",
            "Arrears", "Days past due", "Status"]
MEMBERS = ["Member", "Status", "Contributed", "Paid out", "Units", "Share", "Value"]
EVENTS = ["Date", "What", "Amount", "Reference"]


def headings(language: str, english: list[str]) -> list[str]:
    with translation.override(language):
        return [translation.gettext(h) for h in english]


@pytest.fixture
def busy(club, treasurer):
    """Savings, a late loan to an enterprise with a long name, and shares in another."""
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 1, 10), type="contribution", member=name, amount=Decimal(amount),
              reference=f"c-{name}")
        for name, amount in [("Maja", "120000"), ("Tine", "99999.99"), ("Sara", "1555.39"),
                             ("Miha", "20"), ("Nina", "12345.67")]
    ] + [
        Event(date=date(2026, 1, 15), type="investment",
              enterprise="Socialno podjetje Prepih za medgeneracijsko sodelovanje",
              instrument="loan", amount=Decimal("150000"), rate=Decimal("5.5"), term=36,
              grace=0, reference="loan-prepih"),
        Event(date=date(2026, 1, 16), type="investment", enterprise="Eko kmetija Zavrh",
              instrument="equity", amount=Decimal("25000"), reference="eq-zavrh"),
    ], history=True)  # recorded as the club's past: no second officer (docs/governance.md)
    return club


def pdf(user: Any, language: str, path: str) -> bytes:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


@pytest.mark.parametrize("language", ["sl", "en"])
def test_the_club_statement_fits_its_page(busy, treasurer, language):
    content = pdf(treasurer, language, f"/clubs/{busy.slug}/statement/pdf/?date=2026-12-01")
    assert fit_problems(content, headings(language, HOLDINGS + MEMBERS)) == []
    text = layout_text(content)
    # Figures the reader's way, days past due on the page (the last columns are not lost).
    assert ("150.000,00 €" if language == "sl" else "€150,000.00") in text
    assert ("12.000,000000" if language == "sl" else "12,000.000000") in text  # Maja's units


@pytest.mark.parametrize("language", ["sl", "en"])
def test_a_member_statement_fits_its_page(busy, treasurer, language):
    maja = Member.objects.get(club=busy, name="Maja").pk
    content = pdf(treasurer, language,
                  f"/clubs/{busy.slug}/statement/member/{maja}/pdf/?date=2026-12-01")
    assert fit_problems(content, headings(language, EVENTS)) == []
    text = layout_text(content)
    assert ("10. 1. 2026" if language == "sl" else "10 January 2026") in text
