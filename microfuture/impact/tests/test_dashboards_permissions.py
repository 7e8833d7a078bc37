"""Who opens which dashboard, on the page and in the API (docs/impact.md, "Dashboards"):
anonymous, an outsider, a member of the club, a member of another club, the coordinator of
the club's region, a coordinator of another region, the ministry, an administrator."""

# ruff: noqa: F811  (the fixtures imported from dashboards_fixtures are named as parameters)
from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from microfuture.impact.tests.dashboards_fixtures import (  # noqa: F401
    gorenjska,
    gorenjska_coordinator,
    gorenjska_member,
    ministry,
    srce,
    srce_member,
)

pytestmark = pytest.mark.django_db

READERS = ["anonymous", "outsider", "srce_member", "gorenjska_member", "coordinator",
           "gorenjska_coordinator", "ministry", "admin"]

# Zadruga Srce is in SI041, whose coordinator is `coordinator`. A page sends an anonymous
# reader to sign in (302); the API answers 401. A club the reader may not know answers as a
# missing club does (404, docs/security.md "Oracles").
EXPECTED: dict[str, dict[str, int]] = {
    #                  platform ministry region  club   api-region api-club
    "anonymous":             dict(p=200, m=302, r=302, c=302, ar=401, ac=401),
    "outsider":              dict(p=200, m=403, r=403, c=404, ar=403, ac=404),
    "srce_member":           dict(p=200, m=403, r=403, c=200, ar=403, ac=200),
    "gorenjska_member":      dict(p=200, m=403, r=403, c=404, ar=403, ac=404),
    "coordinator":           dict(p=200, m=403, r=200, c=200, ar=200, ac=200),
    "gorenjska_coordinator": dict(p=200, m=403, r=403, c=404, ar=403, ac=404),
    "ministry":              dict(p=200, m=200, r=200, c=404, ar=200, ac=404),
    "admin":                 dict(p=200, m=200, r=200, c=200, ar=200, ac=200),
}


@pytest.mark.parametrize("reader", READERS)
def test_who_opens_which_dashboard(request: Any, reader: str, srce: Any, gorenjska: Any) -> None:
    client = Client()
    if reader != "anonymous":
        client.force_login(request.getfixturevalue(reader))
    expected = EXPECTED[reader]
    got = {
        "p": client.get("/impact/").status_code,
        "m": client.get("/impact/ministry/").status_code,
        "r": client.get("/impact/regions/SI041/").status_code,
        "c": client.get(f"/impact/clubs/{srce.slug}/").status_code,
        "ar": client.get("/api/v1/impact/regions/SI041/figures").status_code,
        "ac": client.get(f"/api/v1/impact/clubs/{srce.slug}/figures").status_code,
    }
    assert got == expected


def test_a_refused_page_shows_no_figure(srce: Any, gorenjska_coordinator: Any) -> None:
    client = Client()
    client.force_login(gorenjska_coordinator)
    response = client.get("/impact/regions/SI041/?date=2026-03-15")
    assert response.status_code == 403
    assert "111" not in response.content.decode()


def test_an_unknown_region_is_not_found(admin: Any) -> None:
    client = Client()
    client.force_login(admin)
    assert client.get("/impact/regions/XX999/").status_code == 404
    response = client.get("/api/v1/impact/regions/XX999/figures")
    assert response.status_code == 404 and response.json() == {"detail": "There is no such region."}


def test_the_api_refuses_plainly(srce: Any, outsider: Any) -> None:
    client = Client()
    assert client.get("/api/v1/impact/regions/SI041/figures").json() == {
        "detail": "Sign in first."}
    client.force_login(outsider)
    assert client.get("/api/v1/impact/regions/SI041/figures").json() == {
        "detail": "Only the region's coordinators and the ministry can read its figures."}
    assert client.get("/api/v1/impact/regions/SI041/figures?date=soon").status_code == 422


def test_a_charts_csv_is_guarded_like_its_dashboard(srce: Any, outsider: Any,
                                                    gorenjska_coordinator: Any,
                                                    ministry: Any) -> None:
    anonymous = Client()
    assert anonymous.get("/impact/charts/nav.csv").status_code == 200
    assert anonymous.get("/impact/ministry/charts/nav.csv").status_code == 302
    assert anonymous.get(f"/impact/clubs/{srce.slug}/charts/nav.csv").status_code == 302
    client = Client()
    client.force_login(outsider)
    assert client.get(f"/impact/clubs/{srce.slug}/charts/nav.csv").status_code == 404
    assert client.get("/impact/regions/SI041/charts/nav.csv").status_code == 403
    client.force_login(gorenjska_coordinator)
    assert client.get("/impact/regions/SI041/charts/nav.csv").status_code == 403
    client.force_login(ministry)
    assert client.get("/impact/regions/SI041/charts/nav.csv").status_code == 200
    assert client.get(f"/impact/clubs/{srce.slug}/charts/nav.csv").status_code == 404
