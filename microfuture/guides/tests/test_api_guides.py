"""The guides' API (`../shared/specs/guides.md` §4): the published guides, one guide's words as
plain text in both languages, and the glossary; public, no sign-in."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microfuture.guides.examples import resolve
from microfuture.guides.models import GlossaryTerm, GlossaryText, Guide, GuideText

pytestmark = pytest.mark.django_db

LOAN = (Decimal(10000), Decimal(5), Decimal(60))

BODY = {
    "en": """## What it costs

A loan of 10,000 EUR at 5 % over 60 months costs {{ loan.payment 10000 5 60 }} a month.

- [ ] Your **business plan**.
- [ ] [The finder's answer](/finder/).

1. Ask.
2. Wait.""",
    "sl": """## Koliko stane

Posojilo 10.000 EUR po 5 % za 60 mesecev stane {{ loan.payment 10000 5 60 }} na mesec.

- [ ] Vaš **poslovni načrt**.""",
}


@pytest.fixture(autouse=True)
def _only_our_guides(db: Any) -> None:
    Guide.objects.all().delete()
    GlossaryTerm.objects.all().delete()


def make_guide(slug: str, kind: str | None = None, *, published: bool = True) -> Guide:
    guide = Guide.objects.create(
        slug=slug, kind=kind, published=published, checked_on=timezone.localdate(),
        sources=[{"title": "SEF", "url": "https://www.podjetniskisklad.si/"}])
    for lang, body in BODY.items():
        GuideText.objects.create(guide=guide, language=lang, title=f"{slug} {lang}",
                                 summary=f"The {lang} summary. Two sentences.", body=body)
    return guide


def test_the_list_has_the_published_guides_only(client: Client) -> None:
    make_guide("microloan", "microloan")
    make_guide("business-plan")
    make_guide("draft", published=False)
    response = client.get("/api/v1/guides")
    assert response.status_code == 200
    assert response.json() == [
        {"slug": "business-plan", "kind": None,
         "title": {"sl": "business-plan sl", "en": "business-plan en"},
         "url": "/guides/business-plan/"},
        {"slug": "microloan", "kind": "microloan",
         "title": {"sl": "microloan sl", "en": "microloan en"}, "url": "/guides/microloan/"},
    ]


def test_one_guide_as_plain_text(client: Client) -> None:
    guide = make_guide("microloan", "microloan")
    response = client.get("/api/v1/guides/microloan")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"slug", "kind", "title", "text", "checked_on", "sources", "url"}
    assert data["checked_on"] == guide.checked_on.isoformat()
    assert data["sources"] == [{"title": "SEF", "url": "https://www.podjetniskisklad.si/"}]
    assert data["url"] == "/guides/microloan/"
    payment = resolve("loan.payment", LOAN, "en")
    assert data["text"]["en"] == "\n\n".join([
        "The en summary. Two sentences.",
        "What it costs.",  # a heading ends with a full stop: a pause read aloud
        f"A loan of 10,000 EUR at 5 % over 60 months costs {payment} a month.",
        "Your business plan.",
        "The finder's answer.",
        "Ask.",
        "Wait.",
    ])
    for lang in ("sl", "en"):
        text = data["text"][lang]
        assert text.startswith(f"The {lang} summary.")
        assert "microloan sl" not in text and "microloan en" not in text  # no title
        for markup in ("<", "**", "{{", "[ ]", "](", "## "):
            assert markup not in text
    assert resolve("loan.payment", LOAN, "sl") in data["text"]["sl"]


def test_unknown_or_unpublished_is_404_with_a_detail(client: Client) -> None:
    make_guide("draft", published=False)
    for slug in ("draft", "nothing"):
        response = client.get(f"/api/v1/guides/{slug}")
        assert response.status_code == 404
        assert set(response.json()) == {"detail"}


def test_the_glossary(client: Client) -> None:
    term = GlossaryTerm.objects.create(slug="interest")
    GlossaryText.objects.create(term=term, language="sl", name="obresti",
                                forms=["obresti"], definition="Cena za izposojen denar.")
    GlossaryText.objects.create(term=term, language="en", name="interest",
                                forms=["interest"], definition="The price of borrowed money.")
    response = client.get("/api/v1/glossary")
    assert response.status_code == 200
    assert response.json() == [{
        "term": {"sl": "obresti", "en": "interest"},
        "definition": {"sl": "Cena za izposojen denar.", "en": "The price of borrowed money."},
        "url": "/glossary/#interest",
    }]


def test_public_without_a_session_and_in_the_openapi_document(client: Client) -> None:
    make_guide("microloan", "microloan")
    for url in ("/api/v1/guides", "/api/v1/guides/microloan", "/api/v1/glossary"):
        assert client.get(url).status_code == 200
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/guides", "/api/v1/guides/{slug}", "/api/v1/glossary"} <= set(paths)
    assert "security" not in paths["/api/v1/guides"]["get"]
