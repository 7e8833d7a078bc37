"""A platform's and the regions' figures are kept until the books change (`clubs/kept.py`):
a second reading costs one small query and no replay, and every kind of change (an event, a
reversal, a club's new seat, a stage, an enterprise's report) is seen by the next reading.

These tests commit (`transaction=True`): nothing is kept from inside a transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from microfuture.clubs import kept as clubs_kept
from microfuture.clubs.models import Club, ClubEvent
from microfuture.clubs.permissions import SYSTEM
from microfuture.clubs.services import club_set_status
from microfuture.clubs.services.charter import club_update_charter
from microfuture.clubs.services.money import club_reverse_event
from microfuture.conftest import make_user
from microfuture.impact.selectors_dashboards import platform_on
from microfuture.impact.selectors_open_data import open_data_on
from microfuture.impact.selectors_outcomes import outcomes_as_json, outcomes_in_period
from microfuture.impact.services_snapshots import portfolio_snapshot
from microfuture.impact.tests.history_books import pay_in, record, three_clubs

pytestmark = pytest.mark.django_db(transaction=True)

ON = date(2026, 4, 15)


@pytest.fixture
def clubs(transactional_db: Any) -> tuple[Club, Club, Club]:
    made = three_clubs()
    portfolio_snapshot(on=ON)
    return made


def _figures() -> dict[str, Any]:
    """The ministry's figures (in full), and open data's (small regions suppressed)."""
    platform, regions = platform_on(ON, public=False)
    data = open_data_on(ON)
    return {"platform": platform, **{row.region: row.figures for row in regions},
            "open": [data.platform.figures, *(area.figures for area in data.regions)]}


def test_a_second_reading_is_kept_and_costs_one_small_query(clubs: Any) -> None:
    first = _figures()
    with CaptureQueriesContext(connection) as queries:
        again = _figures()
    assert again == first
    # The journal mark of each of the two readings, and the enterprises that agreed to be
    # named (read every time).
    assert len(queries) == 3
    assert clubs_kept._kept


def test_every_change_of_the_books_is_seen_by_the_next_reading(clubs: Any) -> None:
    lipa, _breza, hrast = clubs
    before = _figures()
    assert before["platform"]["savings_mobilised"] == "7300.00"

    record(lipa, pay_in(date(2026, 4, 1), "Ana", "10.00"))
    paid = _figures()
    assert paid["platform"]["savings_mobilised"] == "7310.00"
    assert paid["SI041"]["savings_mobilised"] == "6510.00"

    admin = make_user("admin", is_staff=True, is_superuser=True, full_name="Ana Admin")
    club_reverse_event(club=lipa, event=ClubEvent.objects.filter(club=lipa).latest("seq"),
                       reason="typed twice", reversed_by=admin)
    assert _figures() == before

    # A club moves its seat: its region's figures move with it.
    club_update_charter(club=hrast, actor=admin, region="SI042")
    moved = _figures()
    assert "SI043" not in moved
    assert moved["SI042"]["savings_mobilised"] == "800.00"

    # A new stage from a date on or before ON.
    club_set_status(club=Club.objects.get(pk=hrast.pk), status=Club.Status.MANAGEMENT,
                    actor=SYSTEM, on=date(2026, 4, 10))
    assert _figures()["platform"]["clubs"]["management"] == 1


def test_the_outcomes_are_kept_and_a_new_report_is_seen(clubs: Any) -> None:
    from microfuture.clubs.services.enterprise import enterprise_register
    from microfuture.clubs.services.outcomes import enterprise_report_save

    start = date(2025, 12, 31)
    assert outcomes_as_json(outcomes_in_period(start, ON))["enterprises_backed"] == 0
    admin = make_user("admin", is_staff=True, is_superuser=True, full_name="Ana Admin")
    enterprise = enterprise_register(actor=admin, name="Pekarna Zrno", region="SI041")
    found = outcomes_as_json(outcomes_in_period(start, ON))
    assert found["enterprises_backed"] == 1 and found["jobs_created"] == 0
    enterprise_report_save(enterprise=enterprise, actor=admin, year=2026, trading=True,
                           jobs_created=2, jobs_kept=2, jobs_target_groups=1)
    assert outcomes_as_json(outcomes_in_period(start, ON))["jobs_created"] == 2


def test_nothing_is_kept_from_inside_a_transaction(clubs: Any) -> None:
    with transaction.atomic():
        _figures()
    assert clubs_kept._kept == {}


def test_the_open_data_answer_is_the_same_kept_or_computed(clubs: Any) -> None:
    url = f"/api/v1/open-data/regions?date={ON.isoformat()}"
    computed = Client().get(url).json()
    kept = Client().get(url).json()
    assert kept == computed
    clubs_kept.forget()
    assert Client().get(url).json() == computed
