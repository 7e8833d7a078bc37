"""The questionnaire reads numbers the reader's way; the address carries them one way only."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

STEP3 = {"step": "3", "entity_type": "individual", "country": "SI", "region": "SI041"}


def client_in(language: str) -> Client:
    client = Client()
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize(("language", "amount", "employees"), [
    ("sl", "25.000,50", "1,5"), ("sl", "25 000,50", "1,5"), ("en", "25,000.50", "1.5"),
])
def test_typed_numbers_reach_the_results_in_the_plain_form(catalogue, language, amount,
                                                           employees):
    client = client_in(language)
    step3 = client.get("/finder/", {**STEP3, "step": "2", "go": "next", "employees": employees})
    assert step3.status_code == 200
    assert 'name="employees" value="1.5"' in step3.content.decode()  # carried, plain
    done = client.get("/finder/", {**STEP3, "go": "results", "amount": amount,
                                   "employees": "1.5"})
    assert done.status_code == 302
    query = parse_qs(urlsplit(done["Location"]).query)
    assert query["amount"] == ["25000.50"] and query["employees"] == ["1.5"]
    # The share link opens in either language.
    for reader in ("sl", "en"):
        assert client_in(reader).get(done["Location"]).status_code == 200


def test_going_back_shows_the_number_the_reader_s_way(catalogue):
    back = client_in("sl").get("/finder/", {**STEP3, "go": "back", "amount": "25.000,50",
                                            "employees": "1.5"})
    html = back.content.decode()
    assert 'value="1,5"' in html  # employees, now on the visible step 2
    assert 'name="amount" value="25000.50"' in html  # carried, plain


@pytest.mark.parametrize(("language", "amount", "says"), [
    ("sl", "25.50", "napišite 25,50"), ("en", "25,50", "write 25.50"),
    ("en", "1.000,00", "write 1,000.00"),
])
def test_a_number_written_the_other_way_is_asked_again(catalogue, language, amount, says):
    page = client_in(language).get("/finder/", {**STEP3, "go": "results", "amount": amount})
    assert page.status_code == 200
    html = page.content.decode()
    assert "error-summary" in html and says in html


@pytest.mark.parametrize(("language", "closed"), [
    ("sl", "Razpis se je zaprl 31. 12. 2024."), ("en", "The call closed on 31 December 2024."),
])
def test_a_closed_call_gives_its_date_in_the_page_s_format(catalogue, language, closed):
    html = client_in(language).get("/finder/results/", {
        "country": "SI", "social_enterprise_status": "yes"}).content.decode()
    assert closed in html and "2024-12-31" not in html
