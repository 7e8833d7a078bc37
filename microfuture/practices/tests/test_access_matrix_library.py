"""Who may do what in the good-practice library (issue 10's access matrix): review, edit and
publish pages × the 13 roles of `clubs/tests/test_access_matrix.py`, plus the record's author.

The expected outcomes follow docs/practices.md and `practices/permissions.py`'s documented
rules, not what the code answers:

- a draft or submitted record does not exist for whoever may not see it (404, as for a
  missing record); experts see submitted ones, editors (curators, administrators) and the
  author see their records at every stage;
- someone who sees the record but lacks the right: 403; the right: 200, or a redirect to the
  record after a workflow step (whose effect is checked in the database);
- the editing pages need a person: an anonymous visitor is sent to sign in.
Club roles carry no right in the library: a treasurer is a visitor there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from microfuture.clubs.tests.conftest import (  # noqa: F401 (fixtures of the club roles)
    club,
    enterprise,
    entrepreneur,
    manager,
    member,
    member2,
    secretary,
    treasurer,
)
from microfuture.clubs.tests.test_access_matrix import ROLES, person
from microfuture.conftest import make_user
from microfuture.practices import services
from microfuture.practices.models import Practice, RegionProfile

pytestmark = pytest.mark.django_db

LIBRARY_ROLES = [*ROLES, "author"]
EDITORS = {"curator", "admin"}


@pytest.fixture
def author(db: Any) -> Any:
    return make_user("author", full_name="Andrej Avtor")


def _record(author: Any, title: str) -> Practice:
    return services.practice_save(practice=None, actor=author, data={
        "title": {"sl": title, "en": title}, "country": "FR", "summary": "First words.",
        "sources": ["https://example.org/clubs"]})


@pytest.fixture
def records(author: Any, curator: Any) -> dict[str, Practice]:
    """A draft, a record submitted for review and an approved (public) one, all by `author`."""
    draft = _record(author, "Osnutek")
    submitted = _record(author, "Oddano")
    services.practice_submit(practice=submitted, actor=author)
    approved = _record(author, "Odobreno")
    services.practice_submit(practice=approved, actor=author)
    services.practice_approve(practice=approved, actor=curator)
    RegionProfile.objects.create(code="SI041", name="Osrednjeslovenska")
    return {"draft": draft, "submitted": submitted, "approved": approved}


def _status(slug: str) -> str:
    return str(Practice.objects.get(slug=slug).status)


@dataclass(frozen=True)
class Action:
    name: str
    method: str
    path: str  # {draft}, {submitted}, {approved}: the records' slugs
    body: dict[str, Any]
    allowed: frozenset[str]
    #: Those who see the record but lack the right (403); everyone else gets 404.
    known: frozenset[str]
    sign_in: bool = False  # the page needs a person: anonymous visitors go to sign in
    done: Callable[[dict[str, str]], bool] | None = None
    #: What an allowed request answers, when not the usual (200 for a page, 302 for a step).
    ok: frozenset[int] = frozenset()


#: Who sees each record (docs/practices.md).
SEE_DRAFT = frozenset(EDITORS | {"author"})
SEE_SUBMITTED = frozenset(SEE_DRAFT | {"expert"})
EVERYONE = frozenset(LIBRARY_ROLES)
SIGNED_IN = frozenset(EVERYONE - {"anonymous"})

ACTIONS = [
    Action("read a submitted record", "get", "/practices/{submitted}/", {},
           SEE_SUBMITTED, frozenset()),
    Action("read a submitted record (API)", "api", "/api/v1/practices/{submitted}", {},
           SEE_SUBMITTED, frozenset()),
    Action("read a draft", "get", "/practices/{draft}/", {}, SEE_DRAFT, frozenset()),
    Action("new record page", "get", "/practices/new/", {}, SIGNED_IN, frozenset(),
           sign_in=True),
    # The author edits a draft; editors edit at every stage.
    Action("edit a draft (page)", "get", "/practices/{draft}/edit/", {}, SEE_DRAFT,
           frozenset(), sign_in=True),
    Action("edit a submitted record (page)", "get", "/practices/{submitted}/edit/", {},
           frozenset(EDITORS), frozenset({"author", "expert"}), sign_in=True),
    Action("edit a public record (page)", "get", "/practices/{approved}/edit/", {},
           frozenset(EDITORS), frozenset(SIGNED_IN - EDITORS), sign_in=True),
    Action("submit a draft", "post", "/practices/{draft}/submit/", {}, SEE_DRAFT, frozenset(),
           done=lambda s: _status(s["draft"]) == "submitted"),
    # Publishing: an editor who did not write it approves; four eyes.
    Action("approve (publish)", "post", "/practices/{submitted}/approve/", {},
           frozenset(EDITORS), frozenset({"author", "expert"}),
           done=lambda s: _status(s["submitted"]) == "approved"),
    Action("send back", "post", "/practices/{submitted}/send-back/",
           {"comment": "Add the figures."}, frozenset(EDITORS), frozenset({"author", "expert"}),
           done=lambda s: _status(s["submitted"]) == "draft"),
    # Validation: an expert (administrators count) who did not write it.
    Action("validate", "post", "/practices/{approved}/validate/",
           {"opinion_en": "Sound.", "opinion_sl": "Dobro."}, frozenset({"expert", "admin"}),
           frozenset(EVERYONE - {"expert", "admin"}),
           done=lambda s: _status(s["approved"]) == "validated"),
    # Revisions: who may edit the record, and editors.
    Action("revisions of a submitted record", "get", "/practices/{submitted}/revisions/", {},
           frozenset(EDITORS), frozenset({"author", "expert"})),
    Action("restore a revision", "post", "/practices/{submitted}/revisions/1/restore/", {},
           frozenset(EDITORS), frozenset({"author", "expert"})),
    # Interviews about a public record: editors and its author.
    Action("new interview page", "get", "/practices/{approved}/interviews/new/", {},
           frozenset(EDITORS | {"author"}), frozenset(SIGNED_IN - EDITORS - {"author"}),
           sign_in=True),
    # The regions' answers are public; editors change them.
    Action("edit a region's answers", "post", "/practices/regions/SI041/", {},
           frozenset(EDITORS), frozenset(EVERYONE - EDITORS), ok=frozenset({200, 302})),
]


def expected(action: Action, role: str) -> set[int]:
    if role in action.allowed:
        return set(action.ok) or ({302} if action.method == "post" else {200})
    if role == "anonymous" and action.sign_in:
        return {302}
    if role in action.known:
        return {403}
    return {404}


def _persona(role: str, request: Any) -> Any:
    if role == "author":
        return request.getfixturevalue("author")
    return person(role, request.getfixturevalue("club"), request)


@pytest.mark.parametrize(("action", "role"), [
    pytest.param(a, r, id=f"{a.name}-{r}") for a in ACTIONS for r in LIBRARY_ROLES
])
def test_library_access(action: Action, role: str, records: dict[str, Practice],
                        request: Any, client: Client) -> None:
    user = _persona(role, request)
    if user is not None:
        client.force_login(user)
    slugs = {name: practice.slug for name, practice in records.items()}
    path = action.path.format(**slugs)
    response = client.post(path, action.body) if action.method == "post" else client.get(path)
    assert response.status_code in expected(action, role), (
        response.status_code, response.content[:300])
    if response.status_code == 302:
        signs_in = "sign-in" in response["Location"]
        assert signs_in == (role == "anonymous" and role not in action.allowed)
    if action.method == "api" and response.status_code == 404:
        assert json.loads(response.content) == json.loads(
            client.get("/api/v1/practices/no-such-practice").content)
    if action.done is not None:
        assert action.done(slugs) == (role in action.allowed), role
