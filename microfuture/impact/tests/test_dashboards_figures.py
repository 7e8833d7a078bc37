"""A dashboard's figures are the statement's figures of the same date (a club) and
`figures_on` (a region, the platform); its trend tables and CSV files are the snapshots; the
public dashboard shows regions as open data does (money hidden below 3 clubs)."""

# ruff: noqa: F811  (the fixtures imported from dashboards_fixtures are named as parameters)
from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any
from xml.etree import ElementTree  # our own SVG, not untrusted input

import pytest
from django.test import Client
from django.utils import translation

from microfuture.clubs.selectors import club_statement
from microfuture.impact.selectors import figures_on
from microfuture.impact.tests.dashboards_fixtures import (  # noqa: F401
    gorenjska,
    gorenjska_coordinator,
    gorenjska_member,
    ministry,
    srce,
    srce_member,
)
from microfuture.web.templatetags.money import format_money

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 15)
PERIOD = "date=2026-03-15&from=2026-01-01&to=2026-03-31"


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _figure(page: str, key: str) -> str:
    row = re.search(rf'<tr id="figure-{key}">(.*?)</tr>', page, re.S)
    assert row is not None, key
    cell = re.search(r'<td class="num">(.*?)</td>', row.group(1), re.S)
    assert cell is not None
    return cell.group(1).strip()


def _in_english(amount: str) -> str:
    with translation.override("en"):
        return format_money(amount)


def test_a_clubs_dashboard_shows_its_statement_of_the_same_date(srce: Any,
                                                                srce_member: Any) -> None:
    page = _client(srce_member).get(f"/impact/clubs/{srce.slug}/?{PERIOD}").content.decode()
    statement = club_statement(srce, as_of=ON)
    assert statement["total_contributions"] == "111.00"
    assert _figure(page, "savings_mobilised") == _in_english(statement["total_contributions"])
    assert _figure(page, "nav") == _in_english(statement["nav"])
    assert _figure(page, "members") == "2"
    assert "Dashboard of Zadruga Srce" in page


def test_a_regions_dashboard_shows_figures_on(srce: Any, gorenjska: Any,
                                              coordinator: Any) -> None:
    page = _client(coordinator).get(f"/impact/regions/SI041/?{PERIOD}").content.decode()
    figures = figures_on(ON, region="SI041")
    assert _figure(page, "savings_mobilised") == _in_english(figures["savings_mobilised"])
    assert _figure(page, "nav") == _in_english(figures["nav"]) == "€111.00"
    assert _figure(page, "clubs") == "1"


def test_the_trend_tables_are_the_snapshots_and_the_charts_hold_the_same_numbers(
        srce: Any, srce_member: Any) -> None:
    page = _client(srce_member).get(f"/impact/clubs/{srce.slug}/?{PERIOD}").content.decode()
    table = re.search(r'<table id="table-savings">(.*?)</table>', page, re.S)
    assert table is not None
    cells = re.findall(r"<td class=\"num\">(.*?)</td>", table.group(1))
    assert cells == ["€0.00", "€40.00", "€111.00"]  # 31 January, 28 February, 31 March
    svg = re.search(r'<svg [^>]*id="chart-savings".*?</svg>', page, re.S)
    assert svg is not None
    root = ElementTree.fromstring(svg.group(0))  # noqa: S314
    titles = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert titles[0].startswith("Savings mobilised over time")
    assert [t.split(": ")[1] for t in titles[1:]] == cells


def test_a_charts_table_downloads_as_csv(srce: Any, srce_member: Any) -> None:
    response = _client(srce_member).get(
        f"/impact/clubs/{srce.slug}/charts/savings.csv?{PERIOD}")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["date", "savings"], ["2026-01-31", "0.00"], ["2026-02-28", "40.00"],
                    ["2026-03-31", "111.00"]]
    par = list(csv.reader(io.StringIO(_client(srce_member).get(
        f"/impact/clubs/{srce.slug}/charts/par30.csv?{PERIOD}").content.decode())))
    assert par[1:] == [["2026-01-31", ""], ["2026-02-28", ""], ["2026-03-31", ""]]  # no loan
    assert _client(srce_member).get(
        f"/impact/clubs/{srce.slug}/charts/nothing.csv?{PERIOD}").status_code == 404


def test_the_period_filters_the_trends(srce: Any, srce_member: Any) -> None:
    response = _client(srce_member).get(
        f"/impact/clubs/{srce.slug}/charts/nav.csv?date=2026-03-15&from=2026-02-01"
        "&to=2026-02-28")
    assert list(csv.reader(io.StringIO(response.content.decode())))[1:] == [
        ["2026-02-28", "40.00"]]


def test_a_date_that_cannot_be_read_is_said_and_the_default_shown(srce: Any,
                                                                 srce_member: Any) -> None:
    response = _client(srce_member).get(f"/impact/clubs/{srce.slug}/?date=15.3.2026")
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()


def test_the_public_dashboard_hides_the_money_of_small_regions(srce: Any,
                                                               gorenjska: Any) -> None:
    page = _client().get(f"/impact/?{PERIOD}").content.decode()
    platform = figures_on(ON)
    assert platform["savings_mobilised"] == "155.50"
    assert _figure(page, "savings_mobilised") == "€155.50"  # the platform: never hidden
    assert _figure(page, "par30") == "–"  # no open loan: no ratio (not "not shown")
    assert "€111.00" not in page and "€44.50" not in page  # one club per region
    assert "Osrednjeslovenska" in page and "not shown" in page
    assert "Zadruga Srce" not in page and "Miha" not in page
    rows = list(csv.reader(io.StringIO(_client().get(
        f"/impact/charts/regions.csv?{PERIOD}").content.decode())))
    assert rows == [["region", "region_name", "savings_mobilised"],
                    ["SI041", "Osrednjeslovenska", ""], ["SI042", "Gorenjska", ""]]


def test_the_ministry_reads_every_region_in_full_without_names(srce: Any, gorenjska: Any,
                                                               ministry: Any) -> None:
    page = _client(ministry).get(f"/impact/ministry/?{PERIOD}").content.decode()
    assert "€111.00" in page and "€44.50" in page and "€155.50" in page
    for name in ("Zadruga Srce", "Klub Gorenjska", "Miha", "Maja", "Gaja", "Gregor"):
        assert name not in page
    assert 'href="/impact/regions/SI041/?' in page


def test_the_dashboard_in_slovenian_writes_numbers_and_dates_the_slovenian_way(
        srce: Any, srce_member: Any) -> None:
    client = _client(srce_member)
    client.cookies["django_language"] = "sl"
    page = client.get(f"/impact/clubs/{srce.slug}/?{PERIOD}",
                      HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert _figure(page, "savings_mobilised") == "111,00 €"
    assert "31. 3. 2026" in page


def test_the_api_gives_the_same_figures(srce: Any, srce_member: Any, coordinator: Any) -> None:
    body = _client(srce_member).get(
        f"/api/v1/impact/clubs/{srce.slug}/figures?date=2026-03-15").json()
    assert body == {"date": "2026-03-15", "club": srce.slug, "currency": "EUR",
                    "figures": figures_on(ON, club=srce)}
    assert body["figures"]["savings_mobilised"] == club_statement(
        srce, as_of=ON)["total_contributions"]
    region = _client(coordinator).get("/api/v1/impact/regions/SI041/figures?date=2026-03-15")
    assert region.json() == {"date": "2026-03-15", "region": "SI041",
                             "figures": figures_on(ON, region="SI041")}


def test_the_outcomes_are_those_of_the_period(srce: Any, srce_member: Any) -> None:
    from microfuture.clubs.models import Member, VolunteerTime
    from microfuture.impact.selectors_outcomes import outcomes_in_period

    miha = Member.objects.get(club=srce, user=srce_member)
    VolunteerTime.objects.create(club=srce, member=miha, date=date(2026, 2, 10), minutes=90,
                                 activity="Bookkeeping")
    VolunteerTime.objects.create(club=srce, member=miha, date=date(2025, 6, 10), minutes=600,
                                 activity="Before the period")
    page = _client(srce_member).get(f"/impact/clubs/{srce.slug}/?{PERIOD}").content.decode()
    expected = outcomes_in_period(date(2026, 1, 1), date(2026, 3, 31), club=srce)
    assert expected.volunteer_hours == "1.50"
    row = re.search(r'<tr id="outcome-volunteer_hours">.*?<td class="num">(.*?)</td>', page,
                    re.S)
    assert row is not None and row.group(1) == "1.50"
    jobs = re.search(r'<tr id="outcome-jobs_created">.*?<td class="num">(.*?)</td>', page, re.S)
    assert jobs is not None and jobs.group(1) == str(expected.jobs_created)
