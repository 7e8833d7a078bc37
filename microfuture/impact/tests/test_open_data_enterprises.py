"""Enterprises in open data: named only when they agreed (`listed_in_open_data`), with their
region and how they were backed, never an amount."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from microfuture.clubs.models import Enterprise
from microfuture.impact.tests.open_data_world import ON, build_world

pytestmark = pytest.mark.django_db


def get(path: str) -> Any:
    return Client().get(path)


def test_only_the_enterprises_that_agreed_are_named() -> None:
    build_world()
    answer = get(f"/api/v1/open-data/enterprises?date={ON}")
    assert answer.status_code == 200
    assert answer.json() == {"date": "2026-03-31", "licence": "CC BY 4.0", "enterprises": [
        {"name": "Pekarna Zlato Zrno", "region": "SI041", "instruments": ["loan"]}]}
    assert "Mizarstvo Skrito" not in answer.content.decode()


def test_an_enterprise_that_agrees_is_named_from_then_on() -> None:
    build_world()
    Enterprise.objects.filter(name="Mizarstvo Skrito").update(listed_in_open_data=True)
    names = [e["name"] for e in
             get(f"/api/v1/open-data/enterprises?date={ON}").json()["enterprises"]]
    assert names == ["Mizarstvo Skrito", "Pekarna Zlato Zrno"]


def test_an_enterprise_not_yet_backed_on_the_date_is_not_listed() -> None:
    build_world()
    before = get("/api/v1/open-data/enterprises?date=2026-02-05").json()
    assert before["enterprises"] == []


def test_a_listed_enterprise_no_club_backs_is_not_listed() -> None:
    build_world()
    Enterprise.objects.create(name="Nobody's Bakery", slug="nobodys-bakery",
                              legal_form="doo", listed_in_open_data=True)
    names = [e["name"] for e in
             get(f"/api/v1/open-data/enterprises?date={ON}").json()["enterprises"]]
    assert names == ["Pekarna Zlato Zrno"]


def test_the_page_lists_the_named_enterprise_and_hides_the_other() -> None:
    build_world()
    html = get(f"/open-data/?date={ON}").content.decode()
    assert "Pekarna Zlato Zrno (Osrednjeslovenska): a loan" in html
    assert "Mizarstvo Skrito" not in html
    assert "the clubs had backed 2 enterprises" in html


def test_a_bad_date_is_a_plain_400() -> None:
    answer = get("/api/v1/open-data/enterprises?date=2026-02-30")
    assert answer.status_code == 400
    assert "is not a date" in answer.json()["detail"]
    assert get(f"/api/v1/open-data/enterprises?date={date(2999, 1, 1)}").status_code == 400
