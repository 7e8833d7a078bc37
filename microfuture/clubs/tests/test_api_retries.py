"""Retries never book money twice: `Idempotency-Key` on the money endpoints, and a retry with
the same `reference` answered with the original event."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from microfuture.clubs.models import ClubEvent
from microfuture.clubs.selectors import club_problems, club_statement
from microfuture.kernel.models import IdempotencyKey

pytestmark = pytest.mark.django_db

BASE = "/api/v1/clubs/zadruga-srce"
CONTRIBUTION = {"date": "2026-02-01", "type": "contribution", "member": "Miha",
                "amount": "20.00"}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, path: str, body: dict, key: str | None = None):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def contributions() -> int:
    return ClubEvent.objects.filter(type="contribution").count()


def test_a_retry_with_the_same_key_gets_the_original_answer_and_books_nothing(club, treasurer):
    api = client_for(treasurer)
    first = post(api, f"{BASE}/events", CONTRIBUTION, key="a1b2")
    assert first.status_code == 201, first.content
    again = post(api, f"{BASE}/events", CONTRIBUTION, key="a1b2")
    assert again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert contributions() == 1
    assert club_statement(club, as_of=None)["cash"] == "20.00"
    assert club_problems(club) == []
    row = IdempotencyKey.objects.get(key="a1b2")
    assert (row.user, row.status, bytes(row.body)) == (treasurer, 201, first.content)


def test_without_a_key_or_with_a_new_key_each_request_is_recorded(club, treasurer):
    api = client_for(treasurer)
    assert post(api, f"{BASE}/events", CONTRIBUTION).status_code == 201
    assert post(api, f"{BASE}/events", CONTRIBUTION, key="k-2").status_code == 201
    assert contributions() == 2


def test_the_same_key_with_another_body_is_a_409_and_records_nothing(club, treasurer):
    api = client_for(treasurer)
    assert post(api, f"{BASE}/events", CONTRIBUTION, key="k").status_code == 201
    other = post(api, f"{BASE}/events", {**CONTRIBUTION, "amount": "30.00"}, key="k")
    assert other.status_code == 409
    assert "another request" in other.json()["detail"]
    elsewhere = post(api, f"{BASE}/events/collection",
                     {"date": "2026-02-01", "contributions": {"Nina": "5.00"}}, key="k")
    assert elsewhere.status_code == 409
    assert contributions() == 1


def test_keys_belong_to_one_person(club, treasurer, manager):
    assert post(client_for(treasurer), f"{BASE}/events", CONTRIBUTION, key="k").status_code == 201
    assert post(client_for(manager), f"{BASE}/events", CONTRIBUTION, key="k").status_code == 201
    assert contributions() == 2
    assert IdempotencyKey.objects.filter(key="k").count() == 2


def test_a_refusal_is_not_kept_so_the_corrected_request_may_use_the_key(club, treasurer):
    api = client_for(treasurer)
    refused = post(api, f"{BASE}/events", {**CONTRIBUTION, "member": "Ghost"}, key="k")
    assert refused.status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert post(api, f"{BASE}/events", CONTRIBUTION, key="k").status_code == 201
    assert contributions() == 1


def test_a_key_that_is_too_long_is_refused(club, treasurer):
    response = post(client_for(treasurer), f"{BASE}/events", CONTRIBUTION, key="x" * 256)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["detail"]
    assert contributions() == 0


def test_a_collection_and_a_journal_import_retried_are_recorded_once(club, treasurer):
    api = client_for(treasurer)
    body = {"date": "2026-02-01", "contributions": {"Miha": "20.00", "Nina": "25.00"}}
    first = post(api, f"{BASE}/events/collection", body, key="c")
    assert first.status_code == 201
    assert post(api, f"{BASE}/events/collection", body, key="c").content == first.content
    journal = {"csv": "date,type,member,amount\n2026-02-02,contribution,Sara,10\n"}
    first = post(api, f"{BASE}/journal", journal, key="j")
    assert first.status_code == 200, first.content
    assert post(api, f"{BASE}/journal", journal, key="j").content == first.content
    assert contributions() == 3
    assert club_problems(club) == []


def test_a_retry_with_the_same_reference_gets_the_original_event(club, treasurer):
    """Changed behaviour: this retry used to be a 400 ("already recorded")."""
    api = client_for(treasurer)
    body = {**CONTRIBUTION, "reference": "feb-miha"}
    first = post(api, f"{BASE}/events", body)
    assert first.status_code == 201
    again = post(api, f"{BASE}/events", body)
    assert again.status_code == 200
    assert again.json() == first.json()
    other = post(api, f"{BASE}/events", {**body, "amount": "30.00"})
    assert other.status_code == 400
    assert "already recorded" in other.json()["detail"]
    assert contributions() == 1


def test_old_keys_are_purged_by_an_idempotent_command(club, treasurer, capsys):
    api = client_for(treasurer)
    post(api, f"{BASE}/events", CONTRIBUTION, key="old")
    post(api, f"{BASE}/events", CONTRIBUTION, key="new")
    IdempotencyKey.objects.filter(key="old").update(
        created_at=timezone.now() - timedelta(hours=25))
    call_command("purge_idempotency_keys")
    call_command("purge_idempotency_keys")
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    out = capsys.readouterr().out
    assert "Deleted 1 " in out and "Deleted 0 " in out


def test_the_openapi_document_declares_the_header_and_the_409(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, method in [
        ("/api/v1/clubs/{slug}/events", "post"),
        ("/api/v1/clubs/{slug}/events/collection", "post"),
        ("/api/v1/clubs/{slug}/events/{seq}/reverse", "post"),
        ("/api/v1/clubs/{slug}/journal", "post"),
        ("/api/v1/clubs/{slug}/payments/{pk}/confirm", "post"),
        ("/api/v1/clubs/{slug}/payments/{pk}/cancel", "post"),
        ("/api/v1/clubs/{slug}/proposals/{pk}/investment", "post"),
    ]:
        operation = paths[path][method]
        headers = [p["name"] for p in operation["parameters"] if p["in"] == "header"]
        assert headers == ["Idempotency-Key"], path
        in_path = {p["name"] for p in operation["parameters"] if p["in"] == "path"}
        assert in_path == {part[1:-1] for part in path.split("/") if part.startswith("{")}, path
        assert "409" in operation["responses"], path


def test_a_retried_exit_and_its_confirmation_are_recorded_once(club, treasurer, manager):
    """The four-eyes path: an exit above the threshold waits (202), a second officer confirms
    (201); both retried with their keys give the same answers and one payout."""
    treasurer_api, manager_api = client_for(treasurer), client_for(manager)
    assert post(treasurer_api, f"{BASE}/events", {**CONTRIBUTION, "member": "Sara",
                                                  "amount": "2000.00"}).status_code == 201
    exit_body = {"date": "2026-03-01", "type": "exit", "member": "Sara"}
    asked = post(treasurer_api, f"{BASE}/events", exit_body, key="exit-sara")
    assert asked.status_code == 202, asked.content
    assert post(treasurer_api, f"{BASE}/events", exit_body, key="exit-sara").content == (
        asked.content)
    pk = asked.json()["id"]
    confirm = f"{BASE}/payments/{pk}/confirm"
    done = manager_api.post(confirm, headers={"Idempotency-Key": "ok-sara"})
    assert done.status_code == 201, done.content
    again = manager_api.post(confirm, headers={"Idempotency-Key": "ok-sara"})
    assert (again.status_code, again.content) == (201, done.content)
    assert ClubEvent.objects.filter(type="exit", member="Sara").count() == 1
    assert club_problems(club) == []


def test_a_body_too_large_with_a_key_is_still_a_413(club, treasurer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(client_for(treasurer), f"{BASE}/journal", {"csv": "x" * 2000}, key="big")
    assert response.status_code == 413
    assert not IdempotencyKey.objects.exists()
