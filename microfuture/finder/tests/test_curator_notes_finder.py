"""Curators' notes on a mechanism (the catalogue's `uncertain`) are never shown to visitors:
they read plain words instead. Curators see the notes on the result page and in the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from microfuture.finder.models import Mechanism
from microfuture.finder.services import seed_catalogue

pytestmark = pytest.mark.django_db

# What curators write for themselves; none of it may reach a visitor.
MARKERS = ("naše sklepanje", "our reading", "[INFERRED", "[UNCERTAIN", "Not researched",
           "INFERRED", "UNCERTAIN")
PLAIN = {"en": "confirm them with the provider before applying",
         "sl": "preverite jih pri ponudniku, preden oddate vlogo"}
# Profiles that between them show every mechanism of the seed catalogue.
PROFILES: list[dict[str, str]] = [
    {},
    {"country": "SI"},
    {"country": "FR"},
    {"country": "SI", "entity_type": "individual"},
    {"country": "FR", "entity_type": "individual"},
]


def _pages(client: Client, lang: str) -> str:
    html = ""
    for profile in PROFILES:
        response = client.get("/finder/results/", profile, HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200, (profile, response.status_code)
        html += response.content.decode()
    return html


@pytest.mark.parametrize("lang", ["sl", "en"])
def test_no_curators_note_on_the_public_result_page(lang: str) -> None:
    seed_catalogue()
    # Hidden entries (active: false) are shown to nobody, so only the finder's own count.
    noted = [m for m in Mechanism.objects.filter(active=True) if m.uncertain_sl or m.uncertain_en]
    assert len(noted) >= 10
    html = _pages(Client(), lang)
    for m in noted:
        assert (m.name_sl if lang == "sl" else m.name_en) in html, m.slug
        for text in (m.uncertain_sl, m.uncertain_en):
            assert text[:60] not in html, m.slug
    for marker in MARKERS:
        assert marker not in html, marker
    assert PLAIN[lang] in html


def test_a_curator_sees_the_notes(curator: Any) -> None:
    seed_catalogue()
    client = Client()
    client.force_login(curator)
    html = _pages(client, "en")
    assert "Curators&#x27; notes (not shown to visitors)" in html or \
        "Curators' notes (not shown to visitors)" in html
    assert "is our reading" in html
