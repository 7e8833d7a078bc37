"""The guides' search page (guides spec §3): the form alone without words; with words, the
guides and glossary terms in the reader's language, highlighted, and the same words offered to
the good-practice library's search. No JavaScript, one query to the index per search."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microfuture.guides.models import GlossaryTerm, GlossaryText, Guide, GuideText

pytestmark = pytest.mark.django_db


@pytest.fixture
def okapi() -> Guide:
    guide = Guide.objects.create(slug="t-okapi", checked_on=timezone.localdate(), published=True)
    GuideText.objects.create(guide=guide, language="en", title="Okapi savings",
                             summary="Saving like an okapi.", body="The okapi <saves> slowly.")
    GuideText.objects.create(guide=guide, language="sl", title="Varčevanje okapija",
                             summary="Varčujte kot okapi.", body="Okapi varčuje počasi.")
    term = GlossaryTerm.objects.create(slug="t-okapi-rate")
    GlossaryText.objects.create(term=term, language="en", name="Okapi rate",
                                definition="How much an okapi saves.")
    return guide


def english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_without_words_only_the_form() -> None:
    for q in ("", "   "):
        response = english().get("/guides/search/", {"q": q})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'role="search"' in html and 'name="q"' in html
        assert 'id="found-guides"' not in html and "/practices/?q=" not in html


def test_guides_and_terms_found_highlighted_with_the_library_offered(okapi: Any) -> None:
    response = english().get("/guides/search/", {"q": "okapi"})
    html = response.content.decode()
    assert '<h2 id="found-guides">1 guide</h2>' in html
    assert '<a href="/guides/t-okapi/"><mark>Okapi</mark> savings</a>' in html
    assert "The <mark>okapi</mark> &lt;saves&gt; slowly." in html  # escaped, marked
    assert '<a href="/glossary/#t-okapi-rate"><mark>Okapi</mark> rate</a>' in html
    assert ('<a href="/practices/?q=okapi">Search the good-practice library for “okapi”</a>'
            in html)
    assert 'value="okapi"' in html


def test_in_the_readers_language(okapi: Any) -> None:
    client = Client()
    client.cookies["django_language"] = "sl"
    html = client.get("/guides/search/", {"q": "varcuje"}).content.decode()
    assert '<a href="/guides/t-okapi/">Varčevanje okapija</a>' in html
    assert "<mark>varčuje</mark>" in html
    assert "/glossary/#t-okapi-rate" not in html  # the term has no Slovenian text
    assert "/practices/?q=varcuje" in html
    assert "Okapi savings" not in english().get("/guides/search/", {"q": "varcuje"}).content.decode()


def test_nothing_found_and_odd_input_are_no_errors(okapi: Any) -> None:
    for q in ("quagga", '"*:(NEAR', "x" * 5000, "<script>alert(1)</script>"):
        response = english().get("/guides/search/", {"q": q})
        assert response.status_code == 200, q
        assert "<script>alert" not in response.content.decode()
    assert "No guide holds all of these words" in english().get(
        "/guides/search/", {"q": "quagga"}).content.decode()


def test_a_search_asks_the_index_once(okapi: Any, django_assert_max_num_queries: Any) -> None:
    client = english()
    client.get("/guides/search/", {"q": "okapi"})
    # The match, the matched texts with their guides, the glossary (plus the session's).
    with django_assert_max_num_queries(6):
        assert client.get("/guides/search/", {"q": "okapi savings"}).status_code == 200
