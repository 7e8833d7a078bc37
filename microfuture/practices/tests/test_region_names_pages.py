"""Region names on the library's pages: translated where they are countries ("Slovenija"),
proper names for NUTS regions, in sentences that need no case ending ("Območje:
Slovenija"), and never a bare code (SI041, FR101)."""

from __future__ import annotations

import re

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
    assert "Območje: Slovenija" in text
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
