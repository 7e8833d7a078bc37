"""The club statement as a page, a PDF and JSON; members' own statements and who sees them."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from microfuture.clubs.core import Event
from microfuture.clubs.models import Member
from microfuture.clubs.selectors import club_statement
from microfuture.clubs.services import club_record_events, member_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_club(club: Any, treasurer: Any, manager: Any) -> Any:
    """The club with a member whose name has diacritics, savings, a loan and a valuation."""
    member_add(club=club, name="Špela Žužek", on=date(2026, 1, 20), role="member", user=None,
               actor=manager)
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("300")),
        Event(date=date(2026, 2, 1), type="contribution", member="Špela Žužek",
              amount=Decimal("100")),
        Event(date=date(2026, 2, 10), type="investment", enterprise="Kmetija Breg",
              instrument="loan", amount=Decimal("120"), rate=Decimal("5"), term=12),
        Event(date=date(2026, 2, 10), type="investment", enterprise="Pekarna Zlato Zrno",
              instrument="equity", amount=Decimal("100")),
        Event(date=date(2026, 6, 30), type="valuation", enterprise="Pekarna Zlato Zrno",
              amount=Decimal("140")),
        Event(date=date(2026, 7, 1), type="contribution", member="Nina", amount=Decimal("50")),
    ])
    return club


def pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


def test_statement_page_shows_the_figures(client, busy_club, member):
    client.force_login(member)
    page = client.get(reverse("clubs:statement", args=[busy_club.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    stmt = club_statement(busy_club)
    assert text.count("<h1>") == 1
    assert "Kmetija Breg" in text
    # Another member's line is private (docs/privacy.md); the totals count it.
    assert "Špela Žužek" not in text and "Nina" not in text
    # NAV: 450.00 saved + 40.00 unrealised gain on the bakery's shares.
    assert stmt["nav"] == "490.00" and "€490.00" in text
    assert 'class="table-scroll"' in text and 'scope="col"' in text
    # A plain member may open only their own statement from the table.
    miha = Member.objects.get(club=busy_club, name="Miha")
    nina = Member.objects.get(club=busy_club, name="Nina")
    assert reverse("clubs:member_statement", args=[busy_club.slug, miha.pk]) in text
    assert reverse("clubs:member_statement", args=[busy_club.slug, nina.pk]) not in text


def test_statement_on_a_date(client, busy_club, member):
    client.force_login(member)
    page = client.get(reverse("clubs:statement", args=[busy_club.slug]) + "?date=2026-02-05")
    assert page.status_code == 200
    assert page.context["stmt"]["nav"] == "400.00"
    assert page.context["stmt"]["holdings"] == []
    bad = client.get(reverse("clubs:statement", args=[busy_club.slug]) + "?date=2026-13-01")
    assert bad.status_code == 200
    assert "error-summary" in bad.content.decode()


@pytest.mark.parametrize("day", [None, "2026-02-05", "2026-06-30"])
def test_statement_json_is_the_selector_dict(client, busy_club, treasurer, member, day):
    client.force_login(treasurer)
    url = reverse("clubs:statement_json", args=[busy_club.slug])
    response = client.get(url + (f"?date={day}" if day else ""))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    as_of = date.fromisoformat(day) if day else None
    expected = club_statement(busy_club, as_of=as_of)
    assert json.loads(response.content) == expected
    assert isinstance(json.loads(response.content)["nav"], str)
    # A plain member gets the same totals and only their own member line.
    client.force_login(member)
    own = json.loads(client.get(url + (f"?date={day}" if day else "")).content)
    assert own == {**expected, "members": [m for m in expected["members"] if m["name"] == "Miha"]}


def test_statement_json_with_a_bad_date_is_400(client, busy_club, member):
    client.force_login(member)
    url = reverse("clubs:statement_json", args=[busy_club.slug])
    assert client.get(url + "?date=yesterday").status_code == 400


def test_statement_pdf(client, busy_club, treasurer, coordinator):
    client.force_login(treasurer)
    response = client.get(reverse("clubs:statement_pdf", args=[busy_club.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Zadruga Srce" in text
    assert "Špela Žužek" in text
    assert "Kmetija" in text and "open" in text  # the status column fits on the page
    assert "Page 1 / 1" in text
    # The coordinator reads the club's figures, not its members' (docs/privacy.md).
    client.force_login(coordinator)
    text = pdf_text(client.get(reverse("clubs:statement_pdf", args=[busy_club.slug])).content)
    assert "Kmetija" in text and "Špela Žužek" not in text


def test_member_statement_pdf(client, busy_club, member):
    client.force_login(member)
    miha = Member.objects.get(club=busy_club, name="Miha")
    response = client.get(reverse("clubs:member_statement_pdf", args=[busy_club.slug, miha.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Statement of Miha" in text and "€300.00" in text


def test_member_statement_page(client, busy_club, member):
    client.force_login(member)
    miha = Member.objects.get(club=busy_club, name="Miha")
    page = client.get(reverse("clubs:member_statement", args=[busy_club.slug, miha.pk]))
    assert page.status_code == 200
    mine = page.context["mine"]
    assert mine == next(m for m in club_statement(busy_club)["members"] if m["name"] == "Miha")
    text = page.content.decode()
    assert "€300.00" in text and "30.000000" in text
    assert [e.type for e in page.context["events"]] == ["join", "contribution"]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("member", 403),       # Miha, a plain member, looking at Nina
        ("secretary", 200),    # an officer (docs/privacy.md)
        ("outsider", 404),  # may not know the club exists (docs/security.md, "Oracles")
        ("member2", 200),      # Nina herself
        ("treasurer", 200),
        ("manager", 200),
        ("admin", 200),
        ("coordinator", 403),  # the region's coordinator, without Nina's consent
    ],
)
def test_who_sees_another_member_s_statement(client, busy_club, request, who, status):
    client.force_login(request.getfixturevalue(who))
    nina = Member.objects.get(club=busy_club, name="Nina")
    for name in ("clubs:member_statement", "clubs:member_statement_pdf"):
        assert client.get(reverse(name, args=[busy_club.slug, nina.pk])).status_code == status


def test_anonymous_and_outsiders_see_no_statement(client, busy_club, outsider):
    for name in ("clubs:statement", "clubs:statement_json", "clubs:statement_pdf"):
        assert client.get(reverse(name, args=[busy_club.slug])).status_code in (302, 404)
    client.force_login(outsider)
    for name in ("clubs:statement", "clubs:statement_json", "clubs:statement_pdf"):
        # as if there were no club (docs/security.md, "Oracles")
        assert client.get(reverse(name, args=[busy_club.slug])).status_code == 404


def test_member_of_another_club_is_404(client, busy_club, treasurer, admin):
    from microfuture.clubs.services import club_found

    other = club_found(founder=admin, founder_name="Ana", name="Drugi klub", region="SI041",
                       start_date=date(2026, 1, 1))
    ana = Member.objects.get(club=other, name="Ana")
    client.force_login(treasurer)
    assert client.get(
        reverse("clubs:member_statement", args=[busy_club.slug, ana.pk])
    ).status_code == 404
