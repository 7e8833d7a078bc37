"""The questionnaire and result page through plain HTTP (no JavaScript at all)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_steps_carry_the_answers_and_end_on_the_results(catalogue):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get("/finder/")
    assert page.status_code == 200
    assert "Step 1 of 3" in page.content.decode()
    step2 = client.get("/finder/", {"step": "1", "go": "next", "entity_type": "individual",
                                    "country": "SI", "region": "SI041"})
    html = step2.content.decode()
    assert "Step 2 of 3" in html
    assert 'name="entity_type" value="individual"' in html  # carried as a hidden field
    step3 = client.get("/finder/", {"step": "2", "go": "next", "entity_type": "individual",
                                    "country": "SI", "region": "SI041",
                                    "target_groups": ["unemployed"]})
    assert "Step 3 of 3" in step3.content.decode()
    done = client.get("/finder/", {"step": "3", "go": "next", "entity_type": "individual",
                                   "country": "SI", "region": "SI041",
                                   "target_groups": ["unemployed"], "amount": "5000"})
    assert done.status_code == 302
    assert done["Location"].startswith("/finder/results/?")
    result = client.get(done["Location"]).content.decode()
    assert "Support environment" in result
    assert "You can apply" in result


def test_results_in_slovenian(catalogue):
    client = Client(HTTP_ACCEPT_LANGUAGE="sl")
    html = client.get("/finder/results/", {"country": "SI", "entity_type": "individual",
                                           "target_groups": "unemployed"}).content.decode()
    assert '<html lang="sl">' in html
    assert "Podporno okolje" in html


def test_a_bad_answer_in_an_edited_link_shows_the_question_again(catalogue):
    response = Client().get("/finder/results/", {"employees": "many", "country": "SI"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_results_as_pdf(catalogue):
    response = Client().get("/finder/results/pdf/", {"country": "SI",
                                                     "entity_type": "individual"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
