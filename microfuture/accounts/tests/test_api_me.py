"""The signed-in person through the JSON API: 401 for visitors, roles for members."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_with_a_plain_reason():
    response = Client().get("/api/v1/accounts/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in first."}


def test_coordinator_sees_own_roles(coordinator):
    client = Client()
    client.force_login(coordinator)
    body = client.get("/api/v1/accounts/me").json()
    assert body["username"] == "coordinator"
    assert body["roles"] == [
        {"role": "coordinator", "label": "Regional coordinator", "scope": "Osrednjeslovenska"}
    ]


def test_openapi_document_and_docs_are_served(db):
    client = Client()
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    assert "/api/v1/accounts/me" in schema.json()["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
