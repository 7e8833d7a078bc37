"""The finder's result PDF fits its A4 page in both languages (long names and web addresses
wrap instead of running off the page), with its four group headings and its date the reader's
way."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone, translation

from microfuture.web.tests.pdf_text import fit_problems, layout_text

pytestmark = pytest.mark.django_db

GROUPS = ["You can apply", "You might be able to apply", "Almost: one thing is missing",
          "Would fit, but the call is closed now"]


@pytest.mark.parametrize("language", ["sl", "en"])
def test_the_result_pdf_fits_its_page(catalogue, language):
    client = Client()
    client.cookies["django_language"] = language
    response = client.get("/finder/results/pdf/", {
        "country": "SI", "entity_type": "individual", "target_groups": "unemployed",
        "amount": "25000"})
    assert response.status_code == 200
    with translation.override(language):
        headings = [translation.gettext(g) for g in GROUPS]
        today = timezone.localdate()
        day = (f"{today.day}. {today.month}. {today.year}" if language == "sl"
               else f"{today.day} {today:%B} {today.year}")
    assert fit_problems(response.content, headings) == []
    assert day in " ".join(layout_text(response.content).split())
