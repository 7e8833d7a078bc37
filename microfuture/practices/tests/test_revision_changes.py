"""A revision page shows what changed since the revision before, field by field, labelled in
the reader's language (not the stored JSON with English field names); the notes of the
workflow are worded in the reader's language too."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from microfuture.practices import services
from microfuture.practices.models import Practice

pytestmark = pytest.mark.django_db

LONG = "Varčevalci vlagajo skupaj. " * 80


@pytest.fixture
def practice(outsider: Any) -> Practice:
    created = services.practice_save(practice=None, actor=outsider, data={
        "slug": "clubs", "title": {"sl": "Klubi", "en": "Clubs"}, "country": "FR",
        "city": "Lyon", "mechanism_kinds": ["microloan"], "sources": ["https://example.org/a"],
        "indicators": [{"name": {"sl": "klubi", "en": "clubs"}, "value": 1100,
                        "unit": "count", "year": 2023}]})
    services.practice_save(practice=created, actor=outsider, data={
        "title": {"sl": "Klubi vlagateljev", "en": "Clubs"}, "city": "Pariz",
        "description": {"sl": LONG, "en": ""}, "started_on": "2020-03-01",
        "indicators": [{"name": {"sl": "klubi", "en": "clubs"}, "value": 1200,
                        "unit": "count", "year": 2024}]})
    services.practice_submit(practice=created, actor=outsider)
    return created


def page(user: Any, url: str, lang: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def test_only_the_changed_fields_labelled_in_slovenian(practice: Practice, curator: Any) -> None:
    html = page(curator, "/practices/clubs/revisions/2/", "sl")
    assert "Kaj se je spremenilo od različice 1" in html
    assert "Naslov (slovensko)" in html and "Naslov (angleško)" not in html
    assert "Klubi vlagateljev" in html
    assert "Kraj" in html and "Lyon" in html and "Pariz" in html
    assert "Začetek" in html and "2020" in html and "2020-03-01" not in html
    assert "klubi: 1.100 število (2023)" in html and "klubi: 1.200 število (2024)" in html
    # Unchanged fields are not repeated; no JSON and no file field names.
    assert "Vrste mehanizma" not in html and "https://example.org/a" not in html
    for raw in ('"sl":', "mechanism_kinds", "started_on", "{", "evidence_of_success"):
        assert raw not in html.split("<main", 1)[1], raw


def test_in_english_and_a_workflow_step_shows_only_the_status(practice: Practice,
                                                                   curator: Any) -> None:
    html = page(curator, "/practices/clubs/revisions/2/", "en")
    assert "Title (in Slovenian)" in html and "City" in html
    html = page(curator, "/practices/clubs/revisions/3/", "en")
    main = html.split("<main", 1)[1]
    assert main.count('class="revision-change"') == 1
    assert "<h3" in main and ">Status</h3>" in main
    assert ">Draft</p>" in main and ">Submitted</p>" in main
    listing = page(curator, "/practices/clubs/revisions/", "sl")
    assert "oddano" in listing or "oddana" in listing
    assert ">submitted<" not in listing


def test_the_first_revision_shows_what_it_holds(practice: Practice, curator: Any) -> None:
    html = page(curator, "/practices/clubs/revisions/1/", "en")
    assert "What this first revision holds" in html
    assert "Lyon" in html and "Microloan" in html
    assert Practice.objects.get(pk=practice.pk).revisions.count() == 3
