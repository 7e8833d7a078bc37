"""The open-data API (spec §4): public, the spec's keys exactly, small regions' money
suppressed, the platform never, plain 400s."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microfuture.impact.selectors import figures_on
from microfuture.impact.tests.open_data_world import ON, build_world, secrets

pytestmark = pytest.mark.django_db

FIGURE_KEYS = {
    "clubs", "members", "savings_mobilised", "paid_out", "invested", "enterprises_backed",
    "nav", "income", "expenses", "realised_gains", "unrealised_gains",
    "principal_outstanding", "par30",
}
MONEY = ["savings_mobilised", "paid_out", "invested", "nav", "income", "expenses",
         "realised_gains", "unrealised_gains", "principal_outstanding", "par30"]


def get(path: str) -> Any:
    return Client().get(path)  # nobody signed in


def test_the_platform_is_public_with_the_specs_keys_and_its_figures_are_figures_on() -> None:
    build_world()
    answer = get(f"/api/v1/open-data/figures?date={ON}")
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"date", "region", "licence", "figures", "suppressed"}
    assert body["date"] == "2026-03-31"
    assert body["region"] is None
    assert body["licence"] == "CC BY 4.0"
    assert set(body["figures"]) == FIGURE_KEYS
    assert body["figures"] == figures_on(ON)
    assert body["suppressed"] == []
    assert answer["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    figures = body["figures"]
    assert figures["clubs"]["total"] == 5
    assert figures["clubs"]["active"] == 5
    assert figures["members"] == 6
    assert figures["savings_mobilised"] == "490.00"
    assert figures["invested"] == {"equity": "0.00", "loan": "85.00", "advance": "0.00",
                                   "participatory": "0.00", "total": "85.00"}
    assert figures["enterprises_backed"] == 2
    assert figures["principal_outstanding"] == "85.00"
    assert figures["par30"] == "0.000000"


def test_a_region_of_three_clubs_shows_its_money() -> None:
    build_world()
    body = get(f"/api/v1/open-data/figures?date={ON}&region=SI041").json()
    assert body["region"] == "SI041"
    assert body["suppressed"] == []
    assert body["figures"] == figures_on(ON, region="SI041")
    assert body["figures"]["savings_mobilised"] == "380.00"
    assert body["figures"]["members"] == 4


def test_a_region_of_two_clubs_shows_counts_only() -> None:
    build_world()
    body = get(f"/api/v1/open-data/figures?date={ON}&region=SI042").json()
    assert set(body["figures"]) == FIGURE_KEYS
    assert body["suppressed"] == MONEY
    for key in MONEY:
        assert body["figures"][key] is None
    assert body["figures"]["clubs"]["total"] == 2
    assert body["figures"]["members"] == 2
    assert body["figures"]["enterprises_backed"] == 1


def test_the_platform_is_never_suppressed_even_with_two_clubs() -> None:
    build_world(only="SI042")
    platform = get(f"/api/v1/open-data/figures?date={ON}").json()
    assert platform["suppressed"] == []
    assert platform["figures"]["clubs"]["total"] == 2
    assert platform["figures"]["savings_mobilised"] == "110.00"
    assert platform["figures"] == figures_on(ON)


def test_a_region_without_clubs_is_answered_with_zero_counts_and_no_money() -> None:
    build_world()
    body = get(f"/api/v1/open-data/figures?date={ON}&region=SI031").json()
    assert body["figures"]["clubs"]["total"] == 0
    assert body["figures"]["members"] == 0
    assert body["suppressed"] == MONEY


def test_regions_lists_every_region_with_a_club_and_suppresses_the_small_one() -> None:
    build_world()
    answer = get(f"/api/v1/open-data/regions?date={ON}")
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"date", "licence", "regions"}
    assert body["licence"] == "CC BY 4.0"
    assert [r["region"] for r in body["regions"]] == ["SI041", "SI042"]
    for row in body["regions"]:
        assert set(row) == {"region", "figures", "suppressed"}
        assert set(row["figures"]) == FIGURE_KEYS
    big, small = body["regions"]
    assert big["suppressed"] == [] and big["figures"] == figures_on(ON, region="SI041")
    assert small["suppressed"] == MONEY and small["figures"]["savings_mobilised"] is None


def test_before_the_clubs_were_founded_there_are_no_regions() -> None:
    build_world()
    assert get("/api/v1/open-data/regions?date=2025-12-31").json()["regions"] == []
    before = get("/api/v1/open-data/figures?date=2025-12-31").json()
    assert before["figures"]["clubs"]["total"] == 0
    assert before["suppressed"] == []


def test_no_personal_data_in_any_answer() -> None:
    build_world()
    text = "".join(
        get(path).content.decode() for path in (
            f"/api/v1/open-data/figures?date={ON}",
            f"/api/v1/open-data/figures?date={ON}&region=SI041",
            f"/api/v1/open-data/figures?date={ON}&region=SI042",
            f"/api/v1/open-data/regions?date={ON}",
        ))
    for secret in secrets():
        assert secret not in text
    assert "@" not in text


def test_the_date_defaults_to_today() -> None:
    body = get("/api/v1/open-data/figures").json()
    assert body["date"] == timezone.localdate().isoformat()
    assert get("/api/v1/open-data/regions").json()["date"] == body["date"]


@pytest.mark.parametrize(("query", "reason"), [
    ("date=2026-13-01", "is not a date"),
    ("date=yesterday", "is not a date"),
    ("date=31.3.2026", "is not a date"),
    ("date=2026-03-31&region=XX999", "There is no region"),
    ("date=2026-03-31&region=Gorenjska", "There is no region"),
])
def test_bad_input_is_a_plain_400(query: str, reason: str) -> None:
    answer = get(f"/api/v1/open-data/figures?{query}")
    assert answer.status_code == 400
    assert reason in answer.json()["detail"]


def test_a_future_date_is_a_plain_400_on_both_endpoints() -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for path in ("figures", "regions"):
        answer = get(f"/api/v1/open-data/{path}?date={tomorrow}")
        assert answer.status_code == 400
        assert answer.json() == {"detail": "There are no figures for a date in the future."}
    assert get("/api/v1/open-data/regions?date=2026-02-30").status_code == 400


def test_the_openapi_document_names_the_open_data_schemas() -> None:
    schemas = json.loads(get("/api/v1/openapi.json").content)["components"]["schemas"]
    assert "OpenDataFiguresOut" in schemas and "OpenDataRegionsOut" in schemas
