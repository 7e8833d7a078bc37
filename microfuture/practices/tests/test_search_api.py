"""GET /api/v1/practices (spec §4): the list API over search(); api_search.router."""

from __future__ import annotations

from typing import Any

import pytest
from ninja.testing import TestClient

from microfuture.conftest import make_user
from microfuture.practices.api_search import router
from microfuture.practices.models import Practice
from microfuture.practices.tests.test_search_library import build_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db: Any) -> Any:
    return make_user("author", full_name="Ana Avtorica")


@pytest.fixture
def library(author: Any) -> dict[str, Practice]:
    return build_library(author)


@pytest.fixture
def client() -> TestClient:
    return TestClient(router)


def test_list_shape(client: TestClient, library: dict[str, Practice]) -> None:
    response = client.get("/?q=microcredit")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "results", "facets"}
    assert data["count"] == 2
    first = data["results"][0]
    assert set(first) == {"slug", "title", "summary", "country", "kinds", "target_groups",
                          "status", "highlight"}
    assert first["slug"] == "microcredit-clubs"
    assert first["title"] == "Microcredit clubs for young farmers"
    assert first["summary"] == "Small loans from neighbours."
    assert first["country"] == "FR"
    assert first["kinds"] == ["microloan", "savings_club"]
    assert first["target_groups"] == ["youth"]
    assert first["status"] == "approved"
    assert first["highlight"] == {"title": "<mark>Microcredit</mark> clubs for young farmers",
                                  "summary": "Small loans from neighbours."}
    assert set(data["facets"]) == {"country", "kind", "target_group", "status", "running"}
    assert data["facets"]["country"] == {"FR": 2}
    assert data["facets"]["running"] == {"running": 2, "ended": 0}


def test_language_parameter(client: TestClient, library: dict[str, Practice]) -> None:
    data = client.get("/?q=mikrokredit&lang=sl").json()
    first = data["results"][0]
    assert first["title"] == "Mikrokrediti za mlade kmete"
    assert first["highlight"]["title"] == "<mark>Mikrokrediti</mark> za mlade kmete"
    # falls back to the other language when a text is missing
    coop = client.get("/?q=zadruga&lang=en").json()["results"][0]
    assert coop["title"] == "Cooperatives of the Soča valley"
    assert coop["summary"] == "Zadruga za kmete in rokodelce."


def test_filters_and_pagination(client: TestClient, library: dict[str, Practice]) -> None:
    data = client.get("/?country=fr&kind=savings_club&target_group=women").json()
    assert [r["slug"] for r in data["results"]] == ["neighbourhood-savings"]
    assert client.get("/?running=false").json()["count"] == 1
    assert client.get("/?running=true&status=validated").json()["count"] == 1
    page = client.get("/?per_page=4&page=2").json()
    assert page["count"] == 6 and len(page["results"]) == 2


def test_anonymous_sees_only_public(client: TestClient, library: dict[str, Practice]) -> None:
    data = client.get("/?q=secret").json()
    assert data == {"count": 0, "results": [], "facets": data["facets"]}
    assert set(client.get("/").json()["facets"]["status"]) == {"approved", "validated"}


def test_signed_in_author_sees_own_draft(client: TestClient, library: dict[str, Practice],
                                         author: Any) -> None:
    data = client.get("/?q=secret", user=author).json()
    assert [r["slug"] for r in data["results"]] == ["secret-draft"]
    assert data["results"][0]["status"] == "draft"


@pytest.mark.parametrize("query", [
    "page=0", "page=-1", "page=abc", "page=1.5", "per_page=0", "per_page=101",
    "per_page=x", "running=maybe", "lang=de", "country=FRA", "country=1", "status=lost",
    "kind=" + "k" * 200, "page=99999999999999999999",
])
def test_bad_parameters_are_422_with_plain_detail(client: TestClient,
                                                  library: dict[str, Practice],
                                                  query: str) -> None:
    response = client.get(f"/?{query}")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail


@pytest.mark.parametrize("q", ['"', "NEAR(a b)", "*", "AND", "x" * 3000, "%", "'club':*"])
def test_odd_queries_are_200(client: TestClient, library: dict[str, Practice], q: str) -> None:
    from urllib.parse import quote

    assert client.get(f"/?q={quote(q)}").status_code == 200


def test_escaped_highlight(client: TestClient, library: dict[str, Practice]) -> None:
    results = client.get("/?q=bee").json()["results"]
    hit = next(r for r in results if r["slug"] == "html-record")
    assert hit["title"].startswith("<script>")  # plain text, as stored
    assert "<script>" not in hit["highlight"]["title"]
    assert "<mark>Bee</mark>" in hit["highlight"]["title"]
