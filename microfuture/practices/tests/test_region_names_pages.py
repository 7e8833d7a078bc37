"""Region names on the library's pages: translated where they are countries ("Slovenija"),
proper names for NUTS regions, in sentences that need no case ending ("Območje:
Slovenija"), and never a bare code (SI041, FR101)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from microfuture.practices import services

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b(SI0\d\d|FR1\d\d|SE1\d\d|RO3\d\d)\b")


def visible(url: str, lang: str) -> str:
    response = Client().get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200, url
    main = response.content.decode().split("<main", 1)[1].split("</main>")[0]
    main = re.sub(r'<(option|a|form|input)\b[^>]*>', "", main)  # values and links keep codes
    return re.sub(r"<[^>]+>", " ", main)


def test_transferability_in_slovenian_names_the_region_without_inflection() -> None:
    services.seed_library()
    text = visible("/practices/cigales-clubs/transferability/?region=SI", "sl")
    assert "Prenosljivost (območje: Slovenija)" in text
    assert "na območju" not in text.lower()
    assert "Slovenia)" not in text and "Slovenia." not in text  # not the stored English name
    assert not CODE.search(text)


@pytest.mark.parametrize("lang", ["sl", "en"])
def test_no_bare_region_code_on_library_pages(lang: str) -> None:
    services.seed_library()
    for url in ("/practices/cigales-clubs/", "/practices/seine-saint-denis-adie-rsa/",
                "/practices/regions/", "/practices/regions/SI041/",
                "/practices/cigales-clubs/transferability/?region=SI041",
                "/practices/compare/?p=cigales-clubs&p=coompanion-mikrofonden"):
        text = visible(url, lang)
        assert not CODE.search(text), (url, CODE.search(text))
    assert "Paris" in visible("/practices/cigales-clubs/", lang)


def test_region_notes_in_the_readers_language() -> None:
    services.seed_library()
    sl = visible("/practices/cigales-clubs/transferability/?region=SI", "sl")
    assert "V Sloveniji nobeno združenje ne usposablja ali potrjuje investicijskih klubov" in sl
    assert "No association trains or approves citizen investment clubs" not in sl
    en = visible("/practices/cigales-clubs/transferability/?region=SI", "en")
    assert "No association trains or approves citizen investment clubs in Slovenia" in en
    assert "V Sloveniji nobeno združenje" not in en
    assert "Zakon o socialnem podjetništvu" in visible("/practices/regions/SI/", "sl")
    body = Client().get("/api/v1/practices/cigales-clubs/transferability?region=SI&lang=sl")
    notes = " ".join(f["note"] for f in body.json()["factors"])
    assert "V Sloveniji nobeno združenje ne usposablja" in notes
    exported = services.region_profiles_export()
    assert "Slovensko pravo pozna oblike" in exported
    assert services.region_profiles_import(text=exported).unchanged == 3


def test_an_editor_writes_the_note_in_both_languages(curator: Any) -> None:
    services.seed_library()
    client = Client()
    client.force_login(curator)
    html = client.get("/practices/regions/SI/", HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert 'lang="sl"' in html and "(slovensko)</label>" in html and "(angleško)</label>" in html
    from microfuture.practices.models import FactorAnswer

    row = FactorAnswer.objects.get(region__code="SI", factor__key="club-association")
    services.region_answer_set(region="SI", factor="club-association", answer="absent",
                               note=row.note, note_sl="Klubov ni.")
    row.refresh_from_db()
    assert row.note_sl == "Klubov ni." and row.note.startswith("No association trains")
