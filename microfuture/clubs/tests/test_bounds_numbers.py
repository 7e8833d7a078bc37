"""Every number is bounded at the edge: amounts, rates, terms and grace periods too large, too
small or too precise are a 4xx or a line-numbered journal error, never a 500 (an amount of
2^63 cents overflowed the database; rates of 1e48 % or 1e-57 % broke the decimal arithmetic).
The loan core computes in the project's own decimal context, whatever the thread's is.
"""

from __future__ import annotations

import decimal
import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from microfuture.clubs.core import loan_schedule, parse_journal
from microfuture.clubs.models import Club, ClubEvent

pytestmark = pytest.mark.django_db

AMOUNT_WORDS = ("must look like an amount with a decimal point and at most two decimals, "
                "e.g. 25 or 25.50")
RATE_WORDS = "must look like a number with a decimal point, e.g. 5 or 5.25"


def _found(client: Client, **fields: str) -> object:
    body = {"name": "Zadruga Velika", "region": "SI041", "start_date": "2026-01-05",
            "founder_name": "Maja", **fields}
    return client.post("/api/v1/clubs/", json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("field", ["monthly_pledge", "initial_unit_value"])
@pytest.mark.parametrize("amount", ["92233720368547758.08", "9" * 40, "1000000000000"])
def test_founding_a_club_with_an_amount_beyond_the_limit_is_refused(manager, field, amount):
    client = Client(raise_request_exception=False)
    client.force_login(manager)
    response = _found(client, **{field: amount})
    assert response.status_code == 422, response.content  # type: ignore[attr-defined]
    assert response.json()["errors"] == [  # type: ignore[attr-defined]
        {"field": field, "message": AMOUNT_WORDS}]
    assert not Club.objects.exists()


def test_the_largest_amount_is_accepted(manager):
    client = Client(raise_request_exception=False)
    client.force_login(manager)
    response = _found(client, monthly_pledge="999999999999.99")
    assert response.status_code == 201, response.content  # type: ignore[attr-defined]


SCHEDULE = "/api/v1/clubs/loan-schedule?principal=1000&term=12&disbursed=2026-01-01"


@pytest.mark.parametrize("rate", ["1" + "0" * 48, "0." + "0" * 56 + "1", "5.12345", "1e3",
                                  "1000"])
def test_an_absurd_rate_is_refused_by_the_schedule_endpoint(db, rate):
    response = Client(raise_request_exception=False).get(f"{SCHEDULE}&rate={rate}")
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == [{"field": "rate", "message": RATE_WORDS}]


def test_a_rate_above_100_percent_is_refused_with_the_limit(db):
    response = Client(raise_request_exception=False).get(f"{SCHEDULE}&rate=100.5")
    assert response.status_code == 400, response.content
    assert response.json() == {"detail": "the loan rate of 100.5 % is more than 100 % a year"}
    assert Client().get(f"{SCHEDULE}&rate=100").status_code == 200


def test_a_grace_period_beyond_any_term_is_refused(db):
    response = Client(raise_request_exception=False).get(
        f"{SCHEDULE}&rate=5&grace={2**64}")
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == [{"field": "grace", "message": "must be 599 or less"}]


@pytest.mark.parametrize(("rate", "words"), [
    ("1" + "0" * 48, "the loan rate of 1" + "0" * 48 + " % is more than 100 % a year"),
    ("0." + "0" * 56 + "1", "has more than 4 decimals"),
    ("4.12345", "the loan rate 4.12345 has more than 4 decimals"),
])
def test_a_journal_investment_at_an_absurd_rate_is_a_line_error(rate, words):
    text = ("date,type,member,enterprise,instrument,amount,rate,term\n"
            "2026-01-05,join,Ana,,,,,\n"
            "2026-01-06,contribution,Ana,,,500,,\n"
            f"2026-01-07,investment,,Pekarna,loan,100,{rate},12\n")
    result = parse_journal(text)
    assert [(e.line, words in e.message) for e in result.errors] == [(4, True)], result.errors


def test_the_loan_core_ignores_the_threads_decimal_context():
    def schedule() -> list[object]:
        return list(loan_schedule(principal=Decimal("123456789.01"), rate=Decimal("7.3456"),
                                  term=360, grace=6, disbursed=date(2026, 1, 31)))

    expected = schedule()
    with decimal.localcontext() as ctx:
        ctx.prec = 5
        ctx.rounding = decimal.ROUND_DOWN
        assert schedule() == expected
    assert sum(i.principal for i in expected) == Decimal("123456789.01")  # type: ignore[attr-defined]


def test_an_api_event_with_an_amount_beyond_the_limit_stores_nothing(club, treasurer):
    client = Client(raise_request_exception=False)
    client.force_login(treasurer)
    before = ClubEvent.objects.filter(club=club).count()
    body = {"date": "2026-02-01", "type": "contribution", "member": "Miha",
            "amount": "92233720368547758.08"}
    response = client.post("/api/v1/clubs/zadruga-srce/events", json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == [{"field": "amount", "message": AMOUNT_WORDS}]
    assert ClubEvent.objects.filter(club=club).count() == before


def test_a_schedule_running_past_the_year_9999_is_refused(db):
    # Found by the fuzzer (test_bounds_fuzz.py, long mode): it was a 500.
    response = Client(raise_request_exception=False).get(
        "/api/v1/clubs/loan-schedule?principal=1&rate=0&term=1&disbursed=9999-12-01")
    assert response.status_code == 400, response.content
    assert response.json() == {
        "detail": "the loan's last instalment would fall after the year 9999"}
    assert Client().get("/api/v1/clubs/loan-schedule?principal=1&rate=0&term=1"
                        "&disbursed=9999-11-30").status_code == 200
