"""GET /api/v1/practices/{slug}: one record, and who sees unpublished ones (spec §2, §4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import Resolver404, path, resolve

from microfuture.accounts.models import RoleGrant
from microfuture.conftest import make_user
from microfuture.practices import services
from microfuture.practices.models import Practice

# The lead mounts the router in microfuture/urls.py; until then the tests mount it on the
# project's API object themselves (with its error handlers) in a URL map of their own.
try:
    resolve("/api/v1/practices/x")
    urlpatterns: list[Any] = []
    MOUNTED = True
except Resolver404:
    MOUNTED = False
    from ninja import NinjaAPI

    from microfuture.api import api
    from microfuture.practices.api import router

    _api = NinjaAPI(urls_namespace="practices-tests")
    _api._exception_handlers.update(api._exception_handlers)
    _api.add_router("/practices/", router)
    urlpatterns = [path("api/v1/", _api.urls)]


@pytest.fixture(autouse=True)
def _api_urls(settings: Any) -> None:
    if not MOUNTED:
        settings.ROOT_URLCONF = __name__


@pytest.fixture
def expert(db: Any) -> Any:
    user = make_user("expert", full_name="Eva Ekspertka")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.EXPERT)
    return user


@pytest.fixture
def author(db: Any) -> Any:
    return make_user("author", full_name="Ana Avtorica")


def draft_of(author: Any, slug: str = "club-draft") -> Practice:
    return services.practice_save(practice=None, actor=author, data={
        "slug": slug, "title": {"sl": "Klub", "en": "Club"}, "country": "FR",
        "summary": "Citizens save together.", "sources": ["https://example.org/clubs"],
        "indicators": [{"name": {"sl": "klubi", "en": "clubs"}, "value": 1100,
                        "unit": "count", "year": 2023}],
        "success_factors": [{"key": "co-ownership", "name": "Co-ownership form",
                             "category": "legal", "weight": 3}],
    })


def get(client: Client, user: Any, url: str) -> Any:
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_record_has_every_field_with_texts_in_both_languages(author: Any, curator: Any) -> None:
    practice = draft_of(author)
    services.practice_submit(practice=practice, actor=author)
    services.practice_approve(practice=practice, actor=curator)
    response = Client().get("/api/v1/practices/club-draft")
    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "club-draft"
    assert body["title"] == {"sl": "Klub", "en": "Club"}
    assert body["summary"] == {"sl": "Citizens save together.", "en": "Citizens save together."}
    assert body["description"] == {"sl": "", "en": ""}
    assert body["status"] == "approved"
    assert body["indicators"] == [{"name": {"sl": "klubi", "en": "clubs"}, "value": "1100",
                                   "unit": "count", "year": 2023}]
    assert body["success_factors"] == [{"key": "co-ownership",
                                        "name": {"sl": "Co-ownership form",
                                                 "en": "Co-ownership form"},
                                        "category": "legal", "weight": 3}]
    assert body["location"] is None and body["ended_on"] is None


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_unpublished_records_by_caller(status: str, author: Any, outsider: Any, curator: Any,
                                       expert: Any) -> None:
    practice = draft_of(author)
    if status == "submitted":
        services.practice_submit(practice=practice, actor=author)
    url = "/api/v1/practices/club-draft"
    seen = {
        "anonymous": get(Client(), None, url).status_code,
        "member": get(Client(), outsider, url).status_code,
        "author": get(Client(), author, url).status_code,
        "editor": get(Client(), curator, url).status_code,
        "expert": get(Client(), expert, url).status_code,
    }
    assert seen == {
        "anonymous": 404, "member": 404, "author": 200, "editor": 200,
        # Experts are asked to judge submitted records, not to read drafts.
        "expert": 200 if status == "submitted" else 404,
    }


def test_published_records_are_seen_by_everyone(author: Any, curator: Any,
                                                 outsider: Any) -> None:
    practice = draft_of(author)
    services.practice_submit(practice=practice, actor=author)
    services.practice_approve(practice=practice, actor=curator)
    assert get(Client(), None, "/api/v1/practices/club-draft").status_code == 200
    assert get(Client(), outsider, "/api/v1/practices/club-draft").status_code == 200


def test_unknown_slug_is_404_with_a_plain_reason(db: Any) -> None:
    response = Client().get("/api/v1/practices/nothing-here")
    assert response.status_code == 404
    assert response.json()["detail"]
