"""Glossary terms marked on first use (guides/glossary.py, the {% glossed %} tag)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from microfuture.guides.glossary import marker
from microfuture.guides.models import GlossaryTerm, GlossaryText

pytestmark = pytest.mark.django_db


def term(slug: str, lang: str, name: str, forms: list[str], abbr: str = "") -> GlossaryText:
    t, _ = GlossaryTerm.objects.get_or_create(slug=slug)
    return GlossaryText.objects.create(term=t, language=lang, name=name, abbr=abbr, forms=forms,
                                       definition="A definition.", example="An example.")


@pytest.fixture
def glossary() -> None:
    GlossaryTerm.objects.all().delete()  # whatever the repository's files seeded
    term("unit", "en", "unit", ["unit", "units"])
    term("unit-value", "en", "unit value", ["unit value", "unit values"])
    term("par30", "en", "portfolio at risk over 30 days", ["portfolio at risk"], abbr="PAR30")
    term("interest", "en", "interest", ["interest"])
    term("interest", "sl", "obresti", ["obresti", "obrestmi"])
    term("cash-flow", "sl", "denarni tok", ["denarni tok", "denarnega toka"])
    term("sole-trader", "sl", "samostojni podjetnik", ["samostojni podjetnik"], abbr="s.p.")
    term("over-indebtedness", "sl", "prezadolženost", ["prezadolženost", "prezadolženosti"])


def test_first_use_is_linked_and_later_uses_are_not(glossary: None) -> None:
    mark = marker("en")
    html = mark("Interest is due. The interest grows.")
    assert html.count('class="term"') == 1
    assert html.startswith('<a class="term" href="/glossary/#interest">Interest</a> is due.')
    # The same marker is the same page: no second link in the next text either.
    assert 'class="term"' not in mark("Pay the interest.")
    assert 'href="/glossary/#interest"' in marker("en")("Pay the interest.")


def test_longest_form_first_and_never_inside_another_match(glossary: None) -> None:
    html = marker("en")("The unit value rose; each unit is worth more.")
    assert '<a class="term" href="/glossary/#unit-value">unit value</a>' in html
    assert '<a class="term" href="/glossary/#unit">unit</a> is worth' in html
    assert 'href="/glossary/#unit">unit</a> value' not in html


def test_whole_words_only(glossary: None) -> None:
    assert 'class="term"' not in marker("en")("Disinterested communities and reunite.")


def test_abbreviations_are_case_sensitive_and_get_an_abbr(glossary: None) -> None:
    html = marker("en")("Watch par30 and then PAR30.")
    assert ('<a class="term" href="/glossary/#par30"><abbr title="portfolio at risk over 30 '
            'days">PAR30</abbr></a>.') in html
    assert "Watch par30 and" in html


def test_slovenian_letters_are_letters_and_cases_are_found(glossary: None) -> None:
    mark = marker("sl")
    html = mark("Brez prezadolženosti, z obrestmi in denarnega toka; s.p. plača.")
    assert '<a class="term" href="/glossary/#over-indebtedness">prezadolženosti</a>' in html
    assert '<a class="term" href="/glossary/#interest">obrestmi</a>' in html
    assert '<a class="term" href="/glossary/#cash-flow">denarnega toka</a>' in html
    assert '<abbr title="samostojni podjetnik">s.p.</abbr>' in html
    # "č", "š", "ž" are letters: no match in the middle of a longer word.
    assert 'class="term"' not in marker("sl")("neprezadolženostjo obrestiš")


def test_text_is_escaped_and_languages_are_apart(glossary: None) -> None:
    html = marker("en")("<script>interest</script> & obresti")
    assert "<script>" not in html and "&amp;" in html
    assert "obresti" in html and "#interest" in html and html.count("<a ") == 1


def test_an_edit_in_the_glossary_shows_on_the_next_marker(glossary: None) -> None:
    assert 'class="term"' not in marker("en")("A guarantee helps.")
    term("guarantee", "en", "guarantee", ["guarantee"])
    assert 'href="/glossary/#guarantee"' in marker("en")("A guarantee helps.")
    GlossaryText.objects.filter(term__slug="guarantee").update(forms=["guarantor"])
    GlossaryText.objects.filter(term__slug="guarantee").update(name="guarantor")
    assert 'class="term"' not in marker("en")("A guarantee helps.")


def test_the_tag_shares_first_use_across_a_page(glossary: None) -> None:
    template = Template("{% load guides_glossary %}<p>{% glossed a %}</p><p>{% glossed b %}</p>")
    request = RequestFactory().get("/")
    with translation.override("en"):
        html = template.render(Context({"request": request, "a": "Interest.",
                                         "b": "Interest <again>."}))
        assert html.count('class="term"') == 1 and "&lt;again&gt;" in html
        # Without a request each call is a fresh page.
        alone = template.render(Context({"a": "Interest.", "b": "Interest."}))
        assert alone.count('class="term"') == 2


def test_one_query_per_page_whatever_the_texts(glossary: None,
                                               django_assert_num_queries: object) -> None:
    mark = marker("en")
    with django_assert_num_queries(1):  # type: ignore[operator]
        mark("interest")
        mark("unit value")
        mark("PAR30")
