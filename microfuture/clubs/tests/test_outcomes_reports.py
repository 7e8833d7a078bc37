"""An enterprise's yearly report, through its pages: entered by its representative or its
mentor with numbers typed the Slovenian way, replaced when the year is entered again, shown
to the enterprise page's readers, refused in plain words, and never entered by an outsider."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, EnterpriseReport, Mentorship
from microfuture.clubs.services import club_record_events

pytestmark = pytest.mark.django_db


def as_user(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def url(enterprise: Any) -> str:
    return f"/clubs/enterprise/{enterprise.slug}/reports/"


def report(**changes: str) -> dict[str, str]:
    body = {"year": "2026", "trading": "yes", "jobs_created": "3", "jobs_kept": "2",
            "jobs_target_groups": "2", "turnover_band": "10k_50k",
            "leverage_bank": "12.500,50", "leverage_fund": "", "leverage_public": "1 000,00",
            "note": "Nova peč."}
    body.update(changes)
    return body


@pytest.fixture
def funded(club: Any, treasurer: Any, enterprise: Any) -> Any:
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("500")),
        Event(date=date(2026, 2, 2), type="investment", enterprise=enterprise.name,
              instrument="equity", amount=Decimal("100")),
    ])
    return enterprise


def test_the_entrepreneur_reports_a_year_in_slovenian_numbers(funded, entrepreneur, club):
    response = as_user(entrepreneur, "sl").post(url(funded), report())
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = EnterpriseReport.objects.get(enterprise=funded, year=2026)
    assert (saved.trading, saved.jobs_created, saved.jobs_kept, saved.jobs_target_groups) == (
        True, 3, 2, 2)
    assert (saved.leverage_bank_cents, saved.leverage_fund_cents,
            saved.leverage_public_cents) == (1_250_050, 0, 100_000)
    assert saved.turnover_band == "10k_50k" and saved.reported_by == entrepreneur
    # One audit row in the club that invested in it.
    row = AuditLog.objects.get(club=club, action="enterprise.report")
    assert row.detail["year"] == 2026 and row.detail["replaced"] is False
    assert row.detail["leverage"] == "13500.50"
    # Shown on the reports page in Slovenian, and on the enterprise's own page.
    page = as_user(entrepreneur, "sl").get(url(funded)).content.decode()
    assert "12.500,50" in page and "1000,00" in page.replace(".", "").replace("\xa0", "")
    detail = as_user(entrepreneur).get(f"/clubs/enterprise/{funded.slug}/").content.decode()
    assert "Yearly reports" in detail and url(funded) in detail


def test_entering_a_year_again_replaces_its_report(funded, entrepreneur, club):
    client = as_user(entrepreneur, "sl")
    client.post(url(funded), report())
    response = client.post(url(funded), report(trading="no", jobs_created="0",
                                                 jobs_target_groups="1", leverage_bank=""))
    assert response.status_code == 302
    assert EnterpriseReport.objects.filter(enterprise=funded).count() == 1
    saved = EnterpriseReport.objects.get(enterprise=funded, year=2026)
    assert (saved.trading, saved.jobs_created, saved.leverage_bank_cents) == (False, 0, 0)
    rows = AuditLog.objects.filter(club=club, action="enterprise.report").order_by("id")
    assert [r.detail["replaced"] for r in rows] == [False, True]
    # The form to correct it comes back filled in, the Slovenian way.
    page = client.get(url(funded) + "?year=2026").content.decode()
    assert 'value="1.000,00"' in page or 'value="1000,00"' in page


def test_the_mentor_reports_too(funded, club, manager, member):
    miha = club.members.get(name="Miha")
    Mentorship.objects.create(club=club, enterprise=funded, mentor=miha, since=date(2026, 2, 5))
    response = as_user(member, "sl").post(url(funded), report(year="2026"))
    assert response.status_code == 302
    assert EnterpriseReport.objects.get(enterprise=funded).reported_by == member


@pytest.mark.parametrize(("changes", "says"), [
    ({"jobs_created": "1", "jobs_kept": "1", "jobs_target_groups": "3"},
     "cannot be more than the jobs created and kept (2)"),
    ({"year": "NEXT"}, "has not begun yet"),
    ({"leverage_bank": "-5.00"}, "An amount cannot be negative."),
    ({"jobs_kept": "-1"}, "Numbers of jobs cannot be negative."),
])
def test_plain_refusals_store_nothing(funded, entrepreneur, changes, says):
    if changes.get("year") == "NEXT":
        changes = {"year": str(timezone.localdate().year + 1)}
    typed = {"leverage_bank": "12,500.50", "leverage_public": "1,000.00", **changes}
    response = as_user(entrepreneur, "en").post(url(funded), report(**typed))
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not EnterpriseReport.objects.exists()


def test_an_outsider_cannot_report_or_read(funded, outsider):
    client = as_user(outsider)
    assert client.get(url(funded)).status_code == 404
    assert client.post(url(funded), report()).status_code == 404
    assert not EnterpriseReport.objects.exists()


def test_a_member_who_is_not_its_mentor_reads_but_cannot_report(funded, member, entrepreneur):
    as_user(entrepreneur, "sl").post(url(funded), report())
    client = as_user(member)
    page = client.get(url(funded))
    assert page.status_code == 200 and "Save the report" not in page.content.decode()
    assert client.post(url(funded), report(jobs_created="9")).status_code == 403
    assert EnterpriseReport.objects.get(enterprise=funded).jobs_created == 3


def test_an_enterprise_no_club_backed_writes_the_platform_s_audit_row(enterprise, entrepreneur):
    response = as_user(entrepreneur, "sl").post(url(enterprise), report(year="2025"))
    assert response.status_code == 302
    assert AuditLog.objects.get(action="enterprise.report").club is None


def test_the_audit_log_words_the_report(funded, entrepreneur, club, manager):
    as_user(entrepreneur, "sl").post(url(funded), report())
    page = as_user(manager, "en").get(f"/clubs/{club.slug}/audit/").content.decode()
    assert "An enterprise reported its year" in page
    assert "2026" in page and "13,500.50" in page
