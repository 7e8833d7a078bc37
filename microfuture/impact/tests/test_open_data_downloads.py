"""The open-data downloads (/open-data/figures.csv|xlsx|json, regions.*): the same figures as
the API, the licence in each, nothing personal, plain 400s; public."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from microfuture.impact.selectors import figures_on
from microfuture.impact.tests.open_data_world import ON, build_world, secrets

pytestmark = pytest.mark.django_db

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def get(path: str) -> Any:
    return Client().get(path)


def csv_rows(answer: Any) -> list[dict[str, str]]:
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in answer["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8"))))


def workbook_cells(answer: Any) -> dict[str, list[list[Any]]]:
    assert answer.status_code == 200
    assert answer["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(answer.content))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)]
            for ws in book.worksheets}


def test_the_platform_as_csv_has_the_figures_and_the_licence_on_its_row() -> None:
    build_world()
    [row] = csv_rows(get(f"/open-data/figures.csv?date={ON}"))
    figures = figures_on(ON)
    assert row["date"] == "2026-03-31"
    assert row["region"] == ""
    assert row["clubs.total"] == "5"
    assert row["clubs.active"] == "5"
    assert row["members"] == "6"
    assert row["savings_mobilised"] == figures["savings_mobilised"] == "490.00"
    assert row["invested.loan"] == "85.00"
    assert row["enterprises_backed"] == "2"
    assert row["par30"] == "0.000000"
    assert row["suppressed"] == ""
    assert row["licence"] == "CC BY 4.0"
    assert row["licence_url"] == LICENCE_URL


def test_the_regions_as_csv_leave_the_small_regions_money_empty() -> None:
    build_world()
    big, small = csv_rows(get(f"/open-data/regions.csv?date={ON}"))
    assert (big["region"], big["region_name"]) == ("SI041", "Osrednjeslovenska")
    assert big["savings_mobilised"] == "380.00" and big["suppressed"] == ""
    assert (small["region"], small["region_name"]) == ("SI042", "Gorenjska")
    assert small["clubs.total"] == "2" and small["members"] == "2"
    assert small["savings_mobilised"] == "" and small["nav"] == "" and small["par30"] == ""
    assert small["invested.total"] == ""
    assert small["suppressed"].split() == [
        "savings_mobilised", "paid_out", "invested", "nav", "income", "expenses",
        "realised_gains", "unrealised_gains", "principal_outstanding", "par30"]
    assert {big["licence"], small["licence"]} == {"CC BY 4.0"}


def test_one_region_as_csv() -> None:
    build_world()
    [row] = csv_rows(get(f"/open-data/figures.csv?date={ON}&region=SI042"))
    assert row["region"] == "SI042" and row["savings_mobilised"] == ""


def test_the_xlsx_opens_back_with_the_figures_as_numbers_and_a_licence_sheet() -> None:
    build_world()
    sheets = workbook_cells(get(f"/open-data/regions.xlsx?date={ON}"))
    assert list(sheets) == ["regions", "Licence and definitions"]
    header, big, small = sheets["regions"]
    row = dict(zip(header, big, strict=True))
    assert row["region"] == "SI041"
    assert row["clubs.total"] == 3
    assert Decimal(str(row["savings_mobilised"])) == Decimal("380.00")
    assert row["licence"] == "CC BY 4.0" and row["licence_url"] == LICENCE_URL
    small_row = dict(zip(header, small, strict=True))
    assert small_row["savings_mobilised"] is None and small_row["members"] == 2
    about = dict((r[0], r[1]) for r in sheets["Licence and definitions"] if r[0])
    assert about["Licence"] == "CC BY 4.0"
    assert about["Licence text"] == LICENCE_URL
    assert "fewer than 3 clubs" in about["Suppressed figures"]
    assert about["par30"].startswith("Portfolio at risk (30 days): ")


def test_the_platform_as_xlsx() -> None:
    build_world()
    header, row = workbook_cells(get(f"/open-data/figures.xlsx?date={ON}"))["figures"]
    values = dict(zip(header, row, strict=True))
    assert values["region"] is None and values["members"] == 6
    assert Decimal(str(values["invested.total"])) == Decimal("85.00")


def test_the_json_downloads_are_the_api_answers() -> None:
    build_world()
    for download, api in [
        (f"/open-data/figures.json?date={ON}", f"/api/v1/open-data/figures?date={ON}"),
        (f"/open-data/figures.json?date={ON}&region=SI042",
         f"/api/v1/open-data/figures?date={ON}&region=SI042"),
        (f"/open-data/regions.json?date={ON}", f"/api/v1/open-data/regions?date={ON}"),
    ]:
        answer = get(download)
        assert answer.status_code == 200
        assert "attachment" in answer["Content-Disposition"]
        assert answer["Link"] == f'<{LICENCE_URL}>; rel="license"'
        assert answer.json() == get(api).json()
        assert answer.json()["licence"] == "CC BY 4.0"


def test_no_personal_data_in_any_download() -> None:
    build_world()
    texts = []
    for kind in ("figures", "regions"):
        for query in (f"date={ON}", f"date={ON}&region=SI041", f"date={ON}&region=SI042"):
            texts.append(get(f"/open-data/{kind}.csv?{query}").content.decode())
            texts.append(get(f"/open-data/{kind}.json?{query}").content.decode())
            for cells in workbook_cells(get(f"/open-data/{kind}.xlsx?{query}")).values():
                texts.append(" ".join(str(v) for row in cells for v in row if v is not None))
    text = "\n".join(texts)
    for secret in secrets():
        assert secret not in text
    assert "@example.org" not in text


@pytest.mark.parametrize("path", [
    "/open-data/figures.csv?date=2026-02-30",
    "/open-data/figures.xlsx?date=01.03.2026",
    "/open-data/figures.json?date=2026-03-31&region=XX",
    "/open-data/regions.csv?date=tomorrow",
])
def test_a_bad_date_or_region_is_a_plain_400(path: str) -> None:
    answer = get(path)
    assert answer.status_code == 400
    assert answer["Content-Type"] == "text/plain; charset=utf-8"
    assert answer.content.decode().strip()


def test_a_future_date_is_refused_and_no_date_is_today() -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    answer = get(f"/open-data/regions.json?date={tomorrow}")
    assert answer.status_code == 400
    assert "future" in answer.content.decode()
    assert get("/open-data/figures.json").json()["date"] == timezone.localdate().isoformat()
