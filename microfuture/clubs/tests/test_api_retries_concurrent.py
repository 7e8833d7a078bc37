"""Concurrency, proven against a live server: contributions posted to one club at once, some
retried with the same `Idempotency-Key` while the first is still running, are each recorded
exactly once, and the books stay sound. Each request runs in the live server's own thread with
its own database connection (on PostgreSQL a real concurrent transaction)."""

from __future__ import annotations

import json
import secrets
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import Client

from microfuture.clubs.models import ClubEvent
from microfuture.clubs.selectors import club_problems, club_statement

pytestmark = pytest.mark.django_db(transaction=True)

MEMBERS = {"Miha": "20.00", "Nina": "25.00", "Sara": "10.50", "Tine": "30.00", "Maja": "7.25"}
SENT_PER_KEY = 3


def _post(url: str, cookies: str, token: str, body: dict[str, Any], key: str) -> int:
    request = urllib.request.Request(  # noqa: S310 (the live server's http URL)
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "Cookie": cookies, "X-CSRFToken": token,
                 "Idempotency-Key": key},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.skipif(connection.vendor == "sqlite",
                    reason="SQLite's in-memory test database is one connection shared by the "
                           "live server's threads: it cannot show concurrent transactions")
def test_concurrent_contributions_and_retries_are_recorded_exactly_once(
    live_server: Any, club: Any, treasurer: Any
) -> None:
    browser = Client()
    browser.force_login(treasurer)
    token = secrets.token_hex(16)  # an unmasked CSRF secret of 32 characters
    cookies = f"sessionid={browser.cookies['sessionid'].value}; csrftoken={token}"
    url = f"{live_server.url}/api/v1/clubs/{club.slug}/events"
    jobs = [
        ({"date": "2026-02-01", "type": "contribution", "member": name, "amount": amount},
         f"feb-{name}")
        for name, amount in MEMBERS.items()
    ] * SENT_PER_KEY
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda job: _post(url, cookies, token, *job), jobs))

    assert statuses == [201] * len(jobs)
    rows = ClubEvent.objects.filter(club=club, type="contribution")
    assert sorted((r.member, r.amount_cents) for r in rows) == sorted(
        (name, round(float(amount) * 100)) for name, amount in MEMBERS.items())
    assert sorted(r.seq for r in ClubEvent.objects.filter(club=club)) == list(
        range(1, ClubEvent.objects.filter(club=club).count() + 1))
    assert club_statement(club, as_of=None)["cash"] == "92.75"
    assert club_problems(club) == []
    out = StringIO()
    call_command("verify_ledger", stdout=out)
    assert "All invariants hold" in out.getvalue()


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="needs a second connection holding an open transaction (PostgreSQL)")
def test_a_retry_while_the_first_request_is_still_running_is_a_409(
    club: Any, treasurer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first request's key row is inserted but not committed (its transaction is still
    running, held open here by another thread): the retry waits a moment, then 409."""
    from microfuture.kernel import idempotency
    from microfuture.kernel.models import IdempotencyKey

    monkeypatch.setattr(idempotency, "IN_FLIGHT_WAIT_MS", 300)  # instead of 5 s
    inserted, release = threading.Event(), threading.Event()

    def first_request() -> None:
        try:
            with transaction.atomic():
                IdempotencyKey.objects.create(user=treasurer, key="slow", request_hash="x")
                inserted.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=first_request)
    holder.start()
    try:
        assert inserted.wait(10)
        browser = Client()
        browser.force_login(treasurer)
        response = browser.post(
            f"/api/v1/clubs/{club.slug}/events",
            json.dumps({"date": "2026-02-01", "type": "contribution", "member": "Miha",
                        "amount": "20.00"}),
            content_type="application/json", headers={"Idempotency-Key": "slow"})
    finally:
        release.set()
        holder.join()
    assert response.status_code == 409
    assert "still being answered" in response.json()["detail"]
    assert not ClubEvent.objects.filter(club=club, type="contribution").exists()
