"""A dashboard runs a constant number of queries whatever the length of the club's history
(docs/CONVENTIONS: one load per request): more snapshots and more events cost no more."""

# ruff: noqa: F811  (the fixtures imported from dashboards_fixtures are named as parameters)
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from microfuture.clubs.core import Event
from microfuture.clubs.models import Member
from microfuture.clubs.services import club_record_events
from microfuture.impact.services_snapshots import portfolio_snapshot
from microfuture.impact.tests.dashboards_fixtures import srce, srce_member  # noqa: F401

pytestmark = pytest.mark.django_db

PERIOD = "date=2026-06-15&from=2026-01-01&to=2026-06-30"


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["club", "public"])
def test_a_longer_history_costs_no_more_queries(page: str, srce: Any, srce_member: Any) -> None:
    client = Client()
    client.force_login(srce_member)
    url = f"/impact/clubs/{srce.slug}/?{PERIOD}" if page == "club" else f"/impact/?{PERIOD}"
    before = _queries(client, url)
    manager = Member.objects.get(club=srce, role=Member.Role.MANAGER)
    names = list(Member.objects.filter(club=srce).values_list("name", flat=True))
    club_record_events(club=srce, events=[
        Event(date=date(2026, month, 1), type="contribution", member=name, amount=Decimal("5"))
        for month in (4, 5, 6) for name in names], recorded_by=manager.user)
    portfolio_snapshot(on=date(2026, 6, 30), since=date(2026, 4, 1))  # 91 more days
    # Fewer once the page's date has a current snapshot (read in place of a replay).
    assert _queries(client, url) <= before
