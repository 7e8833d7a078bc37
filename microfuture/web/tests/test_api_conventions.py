"""The API's shared conventions (docs/api.md): index, JSON errors in plain words, 401."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from microfuture.api import PATTERN_FALLBACK, plain_message
from microfuture.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_index_links_the_docs_and_the_openapi_document() -> None:
    client = Client()
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["docs"]["href"] == "/api/v1/docs"
    assert body["openapi"]["href"] == "/api/v1/openapi.json"
    assert body["description"]
    assert client.get(body["docs"]["href"]).status_code == 200
    assert client.get(body["openapi"]["href"]).json()["info"]["title"] == body["name"]
    # A browser asking for HTML gets the same JSON.
    assert client.get("/api/v1/", HTTP_ACCEPT="text/html").json() == body


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "head"])
@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/clubs/x/y/z", "/api/v2/",
                                  "/api/"])
def test_unknown_api_paths_answer_json_404(method: str, path: str) -> None:
    response = getattr(Client(), method)(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    if method != "head":
        assert "/api/v1/" in response.json()["detail"]


def test_a_method_a_path_does_not_take_is_a_json_405() -> None:
    response = Client().delete("/api/v1/clubs/loan-schedule")
    assert response.status_code == 405
    assert response.json()["detail"] == (
        "/api/v1/clubs/loan-schedule does not take DELETE; it takes GET.")
    assert response["Allow"] == "GET"


def test_pages_outside_the_api_keep_the_html_404() -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_validation_error_is_plain_words_per_field() -> None:
    response = Client().get("/api/v1/clubs/loan-schedule",
                            {"principal": "1.000,50", "rate": "abc", "term": "x",
                             "method": "balloon"})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == [
        {"field": "principal", "message": "must look like an amount with a decimal point and "
                                          "at most two decimals, e.g. 25 or 25.50"},
        {"field": "rate", "message": "must look like a number with a decimal point, "
                                     "e.g. 5 or 5.25"},
        {"field": "term", "message": "must be a whole number"},
        {"field": "disbursed", "message": "is required"},
        {"field": "method", "message": 'must be one of "annuity", "linear"'},
    ]
    assert body["detail"].startswith("The request was not accepted: principal must look like")
    assert "should match" not in response.content.decode()
    assert "pattern" not in response.content.decode()


def test_body_errors_name_the_field_not_the_python_parameter(client: Client) -> None:
    founder = make_user("founder")
    client.force_login(founder)
    response = client.post("/api/v1/clubs/", {"name": "x" * 151, "region": "SI041",
                                               "start_date": "2026-13-01", "currency": "eur",
                                               "decision_rule": "most"},
                           content_type="application/json")
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {
        "name": "is too long: at most 150 characters",
        "start_date": "must be a date like 2026-01-31",
        "currency": "must look like three capital letters, e.g. EUR",
        "decision_rule": 'must be one of "majority", "two_thirds", "unanimity"',
        "founder_name": "is required",
    }
    from microfuture.clubs.models import Club

    assert not Club.objects.exists()


def test_a_body_that_is_not_json_is_a_plain_400(client: Client) -> None:
    client.force_login(make_user("founder"))
    response = client.post("/api/v1/clubs/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "The request's body is not valid JSON."}


def test_plain_messages_for_the_remaining_kinds() -> None:
    assert plain_message({"type": "greater_than_equal", "ctx": {"ge": 1}}) == "must be 1 or more"
    assert plain_message({"type": "less_than_equal", "ctx": {"le": 100}}) == "must be 100 or less"
    assert plain_message({"type": "string_too_short", "ctx": {"min_length": 1}}) == (
        "must not be empty")
    assert plain_message({"type": "bool_parsing"}) == "must be true or false"
    assert plain_message({"type": "literal_error", "ctx": {"expected": "'', 'loan' or 'equity'"}}
                         ) == 'must be one of "" (empty), "loan", "equity"'
    assert plain_message({"type": "value_error", "msg": "Value error, the date is in the future"}
                         ) == "the date is in the future"


def _patterns(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.add(node["pattern"])
        for value in node.values():
            found |= _patterns(value)
    elif isinstance(node, list):
        for value in node:
            found |= _patterns(value)
    return found


def test_every_pattern_in_the_openapi_document_has_plain_words() -> None:
    document = Client().get("/api/v1/openapi.json").json()
    patterns = _patterns(document)
    assert patterns
    for pattern in patterns:
        words = plain_message({"type": "string_pattern_mismatch", "ctx": {"pattern": pattern}})
        assert words != PATTERN_FALLBACK, pattern


# 401 and 403 --------------------------------------------------------------------------------


def _signed_in_operations() -> list[tuple[str, str]]:
    document = Client().get("/api/v1/openapi.json").json()
    operations = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if operation.get("security"):
                url = re.sub(r"{[^}]+}", "1", path)
                operations.append((method, url))
                assert "401" in operation["responses"], (method, path)
    return operations


def test_every_signed_in_endpoint_answers_401_to_nobody_even_without_a_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    operations = _signed_in_operations()
    assert len(operations) > 20
    for method, url in operations:
        response = getattr(client, method)(url, {}, content_type="application/json")
        assert response.status_code == 401, (method, url, response.content)
        assert response["WWW-Authenticate"] == 'Session realm="Microfuture Hub"'
        assert response.json()["detail"] == "Sign in first."


def test_signed_in_stranger_gets_404_without_a_challenge() -> None:
    from microfuture.clubs import services
    from microfuture.clubs.models import Club

    founder = make_user("founder")
    club = services.club_found(founder=founder, founder_name="Fran", name="Club",
                               region="SI041", start_date=__import__("datetime").date(2026, 1, 1))
    client = Client()
    client.force_login(make_user("stranger"))
    response = client.get(f"/api/v1/clubs/{club.slug}/statement")
    # A stranger may not know the club exists: the 404 of a missing club (docs/security.md).
    assert response.status_code == 404
    assert "WWW-Authenticate" not in response
    assert response.json()["detail"]
    assert Club.objects.count() == 1


def test_signed_in_unsafe_request_still_needs_the_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("founder"))
    response = client.post("/api/v1/clubs/", {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_the_openapi_document_declares_the_422_body() -> None:
    document = Client().get("/api/v1/openapi.json").json()
    assert document["components"]["schemas"]["Invalid"]["properties"]["errors"]
    invalid = {"$ref": "#/components/schemas/Invalid"}
    paths = document["paths"]
    schedule = paths["/api/v1/clubs/loan-schedule"]["get"]["responses"]["422"]
    assert schedule["content"]["application/json"]["schema"] == invalid
    events = paths["/api/v1/clubs/{slug}/events"]["post"]["responses"]["422"]
    assert events["content"]["application/json"]["schema"] == invalid
    # The finder's own 422 (a profile it cannot read) keeps its shape.
    match = paths["/api/v1/finder/match"]["post"]["responses"]["422"]
    assert match["content"]["application/json"]["schema"] != invalid
    for methods in paths.values():
        for operation in methods.values():
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in operation["responses"], operation["operationId"]
