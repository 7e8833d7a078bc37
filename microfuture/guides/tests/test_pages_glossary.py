"""The glossary page: every term in the reader's language in Slovenian alphabetical order, with
`<dfn>` and `<abbr>`, its example, a letter index and the published guides that use it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microfuture.guides.models import GlossaryTerm, GlossaryText, Guide, GuideText

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_ours(db: Any) -> None:
    Guide.objects.all().delete()
    GlossaryTerm.objects.all().delete()


def term(slug: str, sl: tuple[str, str, list[str]], en: tuple[str, str, list[str]]) -> None:
    t = GlossaryTerm.objects.create(slug=slug)
    for lang, (name, abbr, forms) in (("sl", sl), ("en", en)):
        GlossaryText.objects.create(term=t, language=lang, name=name, abbr=abbr, forms=forms,
                                    definition=f"{name}: definition.",
                                    example=f"{name}: example.")


def guide(slug: str, body_sl: str, body_en: str, *, published: bool = True) -> None:
    g = Guide.objects.create(slug=slug, published=published, checked_on=timezone.localdate())
    GuideText.objects.create(guide=g, language="sl", title=f"{slug} SL", summary="Povzetek.",
                             body=body_sl)
    GuideText.objects.create(guide=g, language="en", title=f"{slug} EN", summary="Summary.",
                             body=body_en)


@pytest.fixture
def glossary() -> None:
    term("interest", ("obresti", "", ["obresti", "obrestmi"]), ("interest", "", ["interest"]))
    term("guarantee", ("garancija", "", ["garancija", "garancijo"]),
         ("guarantee", "", ["guarantee", "guarantees"]))
    term("cash-flow", ("denarni tok", "", ["denarni tok"]), ("cash flow", "", ["cash flow"]))
    term("sef", ("Slovenski podjetniški sklad", "SPS", []),
         ("Slovene Enterprise Fund", "SEF", []))
    term("cekin", ("čekovni račun", "", ["čekovni račun"]), ("cheque account", "", []))
    guide("microloan", "Plačate obresti in dobite garancijo.", "You pay interest to the SEF.")
    guide("draft", "Denarni tok.", "Cash flow.", published=False)


def test_slovenian_order_and_marks(client: Client, glossary: None) -> None:
    html = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    order = [html.index(f'<dfn id="{slug}">') for slug in
             ("cekin", "cash-flow", "guarantee", "interest", "sef")]
    # c < č < d < g < o < s (čekovni before denarni: Slovenian č follows c)
    assert order == sorted(order)
    assert '<dfn id="sef">Slovenski podjetniški sklad</dfn> (<abbr title="Slovenski podjetniški sklad">SPS</abbr>)' in html
    assert "obresti: definition." in html and "obresti: example." in html
    assert 'href="#letter-Č"' in html and 'id="letter-Č"' in html


def test_each_term_lists_the_published_guides_using_it(client: Client, glossary: None) -> None:
    html = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    interest = html[html.index('<dfn id="interest">'):]
    interest = interest[:interest.index("</dd>")]
    assert 'href="/guides/microloan/"' in interest and "microloan SL" in interest
    guarantee = html[html.index('<dfn id="guarantee">'):]
    assert 'href="/guides/microloan/"' in guarantee[:guarantee.index("</dd>")]
    cash = html[html.index('<dfn id="cash-flow">'):]
    assert "/guides/" not in cash[:cash.index("</dd>")]  # only an unpublished guide uses it
    en = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    sef = en[en.index('<dfn id="sef">'):]
    assert "microloan EN" in sef[:sef.index("</dd>")]  # by its abbreviation
    guarantee_en = en[en.index('<dfn id="guarantee">'):]
    assert "/guides/" not in guarantee_en[:guarantee_en.index("</dd>")]  # not in English


def test_an_empty_glossary(client: Client) -> None:
    response = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "The glossary is empty." in response.content.decode()
