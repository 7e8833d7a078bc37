"""The library's, the finder's and the network's figures beside the clubs' (spec §1, last
paragraph) on the platform's and the ministry's dashboards: counts worked by hand."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from microfuture.impact.selectors_beside import beside


def world(db: Any) -> None:
    from microfuture.finder.models import CriterionFailed, MechanismShown, SearchCount
    from microfuture.network.models import ActionItem, Organisation
    from microfuture.practices.models import Practice

    for slug, country, status in [("a", "FR", "approved"), ("b", "FR", "validated"),
                                  ("c", "IT", "approved"), ("d", "SE", "draft")]:
        Practice.objects.create(slug=slug, title_en=slug.upper(), country=country,
                                status=status)
    today = timezone.localdate()
    day = today - timedelta(days=10)
    old = today - timedelta(days=400)  # outside the default period of 12 months
    SearchCount.objects.create(day=day, applicant_type="sp", target_group="", count=7)
    SearchCount.objects.create(day=day, applicant_type="sp", target_group="unemployed",
                               count=4)  # a part of the 7, not more searches
    SearchCount.objects.create(day=old, applicant_type="sp", target_group="", count=50)
    MechanismShown.objects.create(day=day, mechanism="m", group="eligible", count=12)
    CriterionFailed.objects.create(day=day, criterion="min_employees", count=5)
    CriterionFailed.objects.create(day=day, criterion="countries", count=2)
    org = Organisation.objects.create(name="Agency", kind="support_org")
    for title, status, due in [("open, overdue", "open", today - timedelta(days=1)),
                               ("in progress", "in_progress", today + timedelta(days=5)),
                               ("done late", "done", today - timedelta(days=9)),
                               ("dropped", "dropped", today - timedelta(days=9))]:
        ActionItem.objects.create(title=title, status=status, due_on=due,
                                  owner_organisation=org)


def test_counts_worked_by_hand(db: Any) -> None:
    world(db)
    today = timezone.localdate()
    got = beside(start=today - timedelta(days=365), end=today, on=today)
    assert dict(got.practices_by_status) == {"draft": 1, "submitted": 0, "approved": 2,
                                             "validated": 1}
    assert got.practices_by_country == [("FR", 2), ("IT", 1)]  # published ones only
    assert got.transferability == []  # no Slovenian profile in this database
    assert (got.searches, got.mechanisms_shown) == (7, 12)
    assert [(code, n) for code, _label, n in got.top_not_met] == [
        ("min_employees", 5), ("countries", 2)]
    assert (got.items_open, got.items_done, got.items_overdue) == (2, 1, 1)
    assert beside(start=date(2000, 1, 1), end=date(2000, 12, 31), on=today).searches == 0


def test_the_public_dashboard_shows_them_and_names_nobody(client: Client, db: Any) -> None:
    world(db)
    html = client.get("/impact/").content.decode()
    assert "Beside the clubs" in html
    assert "Action items: 2 open (1 overdue), 1 done." in html
    assert 'href="/network/actions/"' in html and 'href="/impact/signals/"' in html
    assert "open, overdue" not in html  # items are counted, not listed


def test_the_ways_in_to_the_ministrys_and_a_clubs_dashboards(
    client: Client, ministry_reader: Any, outsider: Any,
) -> None:
    """The ministry finds its dashboard from the public one; nobody else is offered it."""
    client.force_login(outsider)
    assert 'href="/impact/ministry/"' not in client.get("/impact/").content.decode()
    client.force_login(ministry_reader)
    assert 'href="/impact/ministry/"' in client.get("/impact/").content.decode()
