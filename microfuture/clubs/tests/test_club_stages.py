"""A statement tells the club's stage on its date, from the history of its stages (issue 9).

The issue's example: a club dissolved in June 2023 showed `management` on its statement for
December 2022, a stage it never went through.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from decimal import Decimal
from importlib import import_module
from io import StringIO
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.test import Client

from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, ClubEvent, ClubStage
from microfuture.clubs.selectors import club_statement
from microfuture.clubs.services import (
    ClubError,
    club_create,
    club_record_events,
    club_reverse_event,
    club_set_status,
)
from microfuture.clubs.services.audit import audit

pytestmark = pytest.mark.django_db


def stages(club: Club) -> list[tuple[str, date]]:
    return [(s.status, s.since) for s in ClubStage.objects.filter(club=club).order_by("since", "id")]


@pytest.fixture
def dissolved_club(admin: Any) -> Club:
    """Active from January 2020, dissolved on 15 June 2023."""
    club = club_create(name="Klub Lipa", region="SI041", start_date=date(2020, 1, 15),
                       status=Club.Status.ACTIVE, created_by=admin)
    club_record_events(club=club, recorded_by=admin, events=[
        Event(date=date(2020, 1, 15), type="join", member="Ana"),
        Event(date=date(2020, 2, 1), type="contribution", member="Ana", amount=Decimal("100")),
        Event(date=date(2023, 6, 15), type="dissolve"),
    ])
    club.refresh_from_db()
    return club


def test_the_issue_example_every_way_a_statement_is_read(dissolved_club: Club, admin: Any
                                                          ) -> None:
    club = dissolved_club
    assert club.status == Club.Status.DISSOLVED
    assert stages(club) == [("active", date(2020, 1, 15)), ("dissolved", date(2023, 6, 15))]

    assert club_statement(club, as_of=date(2022, 12, 31))["status"] == "active"
    assert club_statement(club, as_of=date(2023, 6, 14))["status"] == "active"
    assert club_statement(club, as_of=date(2023, 6, 30))["status"] == "dissolved"

    client = Client()
    client.force_login(admin)
    api = client.get(f"/api/v1/clubs/{club.slug}/statement?date=2022-12-31")
    assert api.status_code == 200
    assert api.json()["status"] == "active"

    page = client.get(f"/clubs/{club.slug}/statement/?date=2022-12-31")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Stage of the club on this date: <strong>Active</strong>" in text
    assert "In management" not in text

    as_json = client.get(f"/clubs/{club.slug}/statement/json/?date=2022-12-31")
    assert json.loads(as_json.content)["status"] == "active"

    pdf = client.get(f"/clubs/{club.slug}/statement/pdf/?date=2022-12-31")
    assert pdf.status_code == 200
    words = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf.content,
                           capture_output=True, check=True).stdout.decode()
    assert "Status: Active" in words
    assert "management" not in words.lower()

    out = StringIO()
    call_command("club_statement", "--club", club.name, "--date", "2022-12-31", stdout=out)
    assert json.loads(out.getvalue())["status"] == "active"


def test_a_status_change_is_in_force_from_its_date(admin: Any) -> None:
    club = club_create(name="Klub Bor", region="SI041", start_date=date(2021, 3, 1),
                       status=Club.Status.ACTIVE, created_by=admin)
    club_set_status(club=club, status=Club.Status.MANAGEMENT, actor=admin, on=date(2024, 3, 1))
    assert stages(club) == [("active", date(2021, 3, 1)), ("management", date(2024, 3, 1))]
    assert club_statement(club, as_of=date(2024, 2, 29))["status"] == "active"
    assert club_statement(club, as_of=date(2024, 3, 1))["status"] == "management"
    club.refresh_from_db()
    assert club.status == Club.Status.MANAGEMENT
    assert club.audit_log.filter(action="club.status").get().detail["since"] == "2024-03-01"


def test_a_stage_cannot_begin_before_the_current_one_or_in_the_future(admin: Any) -> None:
    club = club_create(name="Klub Jelka", region="SI041", start_date=date(2021, 3, 1),
                       status=Club.Status.ACTIVE, created_by=admin)
    with pytest.raises(ClubError, match="before the current one"):
        club_set_status(club=club, status=Club.Status.RENEWED, actor=admin, on=date(2021, 1, 1))
    with pytest.raises(ClubError, match="in the future"):
        club_set_status(club=club, status=Club.Status.RENEWED, actor=admin, on=date(2999, 1, 1))
    assert stages(club) == [("active", date(2021, 3, 1))]
    club.refresh_from_db()
    assert club.status == Club.Status.ACTIVE


def test_a_club_founded_for_a_later_start_is_forming_from_today(admin: Any) -> None:
    from django.utils import timezone

    club = club_create(name="Klub Hrast", region="SI041", start_date=date(2999, 1, 1),
                       created_by=admin)
    assert stages(club) == [("forming", timezone.localdate())]
    assert club_statement(club)["status"] == "forming"


def test_reversing_the_dissolution_puts_back_the_stage_before_it(dissolved_club: Club,
                                                                   admin: Any) -> None:
    club = dissolved_club
    dissolve = ClubEvent.objects.get(club=club, type="dissolve")
    club_reverse_event(club=club, event=dissolve, reason="Recorded by mistake", reversed_by=admin)
    club.refresh_from_db()
    assert club.status == Club.Status.ACTIVE
    assert stages(club) == [("active", date(2020, 1, 15)), ("dissolved", date(2023, 6, 15)),
                            ("active", date(2023, 6, 15))]
    assert club_statement(club, as_of=date(2023, 6, 30))["status"] == "active"


def _backfill() -> None:
    migration = import_module("microfuture.clubs.migrations.0003_backfill_club_stages")
    migration.backfill(django_apps, None)


def test_the_backfill_rebuilds_stages_from_the_audit_log_and_the_dissolution(
        dissolved_club: Club, admin: Any) -> None:
    from django.utils import timezone

    bor = club_create(name="Klub Bor", region="SI041", start_date=date(2021, 3, 1),
                      status=Club.Status.ACTIVE, created_by=admin)
    club_set_status(club=bor, status=Club.Status.MANAGEMENT, actor=admin)
    ClubStage.objects.all().delete()  # as before the history was kept

    _backfill()

    today = timezone.localdate()
    assert stages(dissolved_club) == [("active", date(2020, 1, 15)),
                                      ("dissolved", date(2023, 6, 15))]
    assert stages(bor) == [("active", date(2021, 3, 1)), ("management", today)]
    assert club_statement(dissolved_club, as_of=date(2022, 12, 31))["status"] == "active"
    _backfill()  # a club that has a history is left alone
    assert ClubStage.objects.count() == 4


def test_the_backfill_reads_the_first_stage_from_the_first_change(admin: Any) -> None:
    club = club_create(name="Klub Javor", region="SI041", start_date=date(2022, 5, 1),
                       created_by=admin)
    ClubStage.objects.all().delete()
    club.status = Club.Status.ACTIVE
    club.save()
    audit(club=club, actor=admin, action="club.status", old="forming", new="active")
    _backfill()
    from django.utils import timezone

    assert stages(club) == [("forming", date(2022, 5, 1)), ("active", timezone.localdate())]


def test_the_demo_clubs_have_a_true_history() -> None:
    from microfuture.clubs.demo import CLUBS, add_months, seed_clubs

    seed_clubs(today=date(2026, 11, 30))
    for spec in CLUBS:
        club = Club.objects.get(name=spec["name"])
        expected = [("active", spec["start"])]
        if spec.get("management_after"):
            expected.append(("management", add_months(spec["start"], spec["management_after"])))
        assert stages(club) == expected
        assert club.status == expected[-1][0]
