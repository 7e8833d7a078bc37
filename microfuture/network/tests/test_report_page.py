"""The period report's page, CSV and JSON: who may see it, the period chosen, the exports."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from microfuture.network.models import Meeting
from microfuture.network.selectors_report import last_full_half_year

pytestmark = pytest.mark.django_db
LJ = ZoneInfo("Europe/Ljubljana")


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def july_2024(meeting: Any) -> Any:
    """The Ljubljana meeting of 24 July 2024 (two organisations came, one decision), and a
    study visit on 2 December 2024."""
    Meeting.objects.create(kind="study_visit", title_en="Visit",
                           starts_at=datetime(2024, 12, 2, 9, 0, tzinfo=LJ),
                           ends_at=datetime(2024, 12, 2, 17, 0, tzinfo=LJ))
    return meeting


def test_anonymous_is_sent_to_sign_in_and_others_are_refused(
        client: Client, outsider: Any, curator: Any) -> None:
    page = client.get("/network/report/")
    assert page.status_code == 302 and "/accounts/" in page["Location"]
    assert client.get("/network/report/?format=csv").status_code == 302
    assert signed_in(outsider).get("/network/report/").status_code == 403
    assert signed_in(curator).get("/network/report/?format=csv").status_code == 403


def test_the_default_is_the_last_full_half_year(coordinator: Any) -> None:
    period = last_full_half_year(timezone.localdate())
    page = signed_in(coordinator).get("/network/report/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert page.context["report"].period == period
    text = page.content.decode()
    assert "This is the last full half-year" in text
    for heading in ["Stakeholder involvement", "Good practices identified",
                    "Activities and events", "Follow-up of the action plan"]:
        assert heading in text


def test_a_half_year_and_two_dates_typed_the_slovenian_way(admin: Any, july_2024: Any) -> None:
    client = signed_in(admin)
    half = client.get("/network/report/?period=2024-2", HTTP_ACCEPT_LANGUAGE="sl")
    report = half.context["report"]
    assert report.period.start == date(2024, 7, 1) and report.period.end == date(2024, 12, 31)
    assert report.value("meetings_held") == 2 and report.value("organisations_engaged") == 2
    text = half.content.decode()
    assert "1. 7. 2024" in text and "31. 12. 2024" in text  # the reader's date format

    typed = client.get("/network/report/", {"from": "1. 7. 2024", "to": "30.11.2024"},
                       HTTP_ACCEPT_LANGUAGE="sl")
    assert typed.status_code == 200
    report = typed.context["report"]
    assert (report.period.start, report.period.end) == (date(2024, 7, 1), date(2024, 11, 30))
    assert report.value("meetings_held") == 1 and report.value("decisions_taken") == 1
    assert 'value="1. 7. 2024"' in typed.content.decode()


@pytest.mark.parametrize("query", [
    {"from": "31. 12. 2024", "to": "1. 7. 2024"},
    {"from": "32. 1. 2024", "to": "1. 7. 2024"},
    {"from": "1. 7. 2024"},
    {"period": "2019-1"},
    {"period": "2024-3"},
])
def test_a_period_that_cannot_be_read_is_explained(admin: Any, query: dict[str, str]) -> None:
    page = signed_in(admin).get("/network/report/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert page.context["report"] is None
    assert "Please correct the following" in page.content.decode()


def test_the_csv_has_one_row_per_figure(admin: Any, july_2024: Any) -> None:
    answer = signed_in(admin).get(
        "/network/report/", {"from": "2024-07-01", "to": "2024-12-31", "format": "csv"},
        HTTP_ACCEPT_LANGUAGE="en")
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert "network-report-2024-07-01-2024-12-31.csv" in answer["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0] == ["indicator", "label", "value", "period_from", "period_to"]
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["meetings_held"] == ["meetings_held", "Meetings held", "2",
                                        "2024-07-01", "2024-12-31"]
    assert by_code["meetings_held.study_visit"][1:3] == ["Meetings held: Study visit", "1"]
    assert by_code["organisations_engaged.policymaker"][2] == "1"
    assert by_code["decisions_taken"][2] == "1"
    assert len(rows) == 1 + 27
    assert all(row[3:] == ["2024-07-01", "2024-12-31"] for row in rows[1:])


def test_the_report_names_nobody(admin: Any, july_2024: Any, listed_person: Any,
                                 unlisted_person: Any) -> None:
    from microfuture.network.models import Participant

    Participant.objects.create(meeting=july_2024, person=listed_person, attended=True)
    Participant.objects.create(meeting=july_2024, person=unlisted_person, attended=True)
    client = signed_in(admin)
    page = client.get("/network/report/?period=2024-2").content.decode()
    exported = client.get("/network/report/?period=2024-2&format=csv").content.decode()
    api = client.get("/api/v1/network/report?from=2024-07-01&to=2024-12-31").content.decode()
    for text in (page, exported, api):
        for private in ("Petra", "Urban", "petra@example.org", "urban@example.org"):
            assert private not in text


def test_the_api_gives_the_same_figures(admin: Any, july_2024: Any) -> None:
    answer = signed_in(admin).get("/api/v1/network/report?from=2024-07-01&to=2024-12-31",
                                  HTTP_ACCEPT_LANGUAGE="sl")
    assert answer.status_code == 200
    body = answer.json()
    assert body["from"] == "2024-07-01" and body["to"] == "2024-12-31"
    assert [s["code"] for s in body["sections"]] == [
        "stakeholder_involvement", "good_practices", "activities", "action_plan"]
    values = {i["code"]: i["value"] for i in body["indicators"]}
    assert values["meetings_held"] == 2 and values["organisations_engaged"] == 2
    labels = {i["code"]: i["label"] for i in body["indicators"]}
    assert labels["meetings_held"] == "Meetings held"  # the API speaks English


def test_the_api_defaults_to_the_last_full_half_year(coordinator: Any) -> None:
    body = signed_in(coordinator).get("/api/v1/network/report").json()
    period = last_full_half_year(timezone.localdate())
    assert (body["from"], body["to"]) == (period.start.isoformat(), period.end.isoformat())


@pytest.mark.parametrize(("query", "detail"), [
    ("from=2024-13-01&to=2024-12-31", "'from' must be a date like 2026-01-31."),
    ("from=1. 7. 2024&to=2024-12-31", "'from' must be a date like 2026-01-31."),
    ("from=2024-07-01&to=tomorrow", "'to' must be a date like 2026-01-31."),
    ("from=2024-12-31&to=2024-07-01", "'from' must not be after 'to'."),
    ("from=2024-07-01", "Give both 'from' and 'to', or neither (the last full half-year)."),
])
def test_the_api_refuses_bad_periods_with_a_reason(admin: Any, query: str, detail: str) -> None:
    answer = signed_in(admin).get(f"/api/v1/network/report?{query}")
    assert answer.status_code == 400
    assert answer.json() == {"detail": detail}


def test_the_api_is_for_staff_only(client: Client, outsider: Any) -> None:
    assert client.get("/api/v1/network/report").status_code == 401
    assert signed_in(outsider).get("/api/v1/network/report").status_code == 403


def test_a_cancelled_meeting_is_not_held(admin: Any, july_2024: Any) -> None:
    Meeting.objects.filter(pk=july_2024.pk).update(
        cancelled_at=july_2024.starts_at - timedelta(days=1))
    body = signed_in(admin).get("/api/v1/network/report?from=2024-07-01&to=2024-12-31").json()
    values = {i["code"]: i["value"] for i in body["indicators"]}
    assert values["meetings_held"] == 1 and values["decisions_taken"] == 0
    assert values["organisations_engaged"] == 0


def test_numbers_are_written_the_readers_way(admin: Any) -> None:
    from microfuture.network.models import Registration

    fair = Meeting.objects.create(kind="pitch_event", title_en="Fair", public=True,
                                  starts_at=datetime(2024, 9, 20, 10, 0, tzinfo=LJ),
                                  ends_at=datetime(2024, 9, 20, 18, 0, tzinfo=LJ))
    Registration.objects.bulk_create(
        Registration(meeting=fair, name="N", email=f"n{n}@example.org",
                     consent_at=fair.starts_at, consent_text="yes", token=f"t{n}")
        for n in range(1234))
    client = signed_in(admin)
    sl = client.get("/network/report/?period=2024-2", HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    en = client.get("/network/report/?period=2024-2", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<td class="num">1.234</td>' in sl
    assert '<td class="num">1,234</td>' in en
    exported = client.get("/network/report/?period=2024-2&format=csv",
                          HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert ",1234,2024-07-01,2024-12-31" in exported  # a plain number in the file


def test_the_page_runs_a_constant_number_of_queries(
        admin: Any, july_2024: Any, django_assert_max_num_queries: Any) -> None:
    client = signed_in(admin)
    with django_assert_max_num_queries(30):
        assert client.get("/network/report/?period=2024-2").status_code == 200
