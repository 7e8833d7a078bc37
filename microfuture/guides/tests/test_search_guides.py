"""Searching the guides with the library's engine (guides spec §3): what is found, in which
order, highlighted how, and kept fresh on every change. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from microfuture.guides import search
from microfuture.guides.models import GlossaryTerm, GlossaryText, Guide, GuideText

pytestmark = pytest.mark.django_db


def make_guide(slug: str, texts: dict[str, tuple[str, str, str]], *, published: bool = True,
               position: int = 100) -> Guide:
    guide = Guide.objects.create(slug=slug, checked_on=timezone.localdate(),
                                 published=published, position=position)
    for lang, (title, summary, body) in texts.items():
        GuideText.objects.create(guide=guide, language=lang, title=title, summary=summary,
                                 body=body)
    return guide


@pytest.fixture
def three() -> dict[str, Guide]:
    return {
        "body": make_guide("t-body", {
            "en": ("Saving money", "How to put money aside.",
                   "## Steps\n\nFirst you count. Then you ask the zlatokljun bird for advice."),
            "sl": ("Varčevanje", "Kako prihraniti.", "Vprašajte ptico."),
        }, position=1),
        "summary": make_guide("t-summary", {
            "en": ("Borrowing", "Borrowing with a zlatokljun beside you.", "Nothing here."),
            "sl": ("Izposoja", "Izposoja.", "Nič."),
        }, position=2),
        "title": make_guide("t-title", {
            "en": ("The zlatokljun guide", "A bird.", "Birds sing."),
            "sl": ("Vodnik o ptici", "Ptica.", "Ptice pojejo."),
        }, position=3),
    }


def slugs(found: search.GuideSearch) -> list[str]:
    return [hit.slug for hit in found.guides]


def test_title_before_summary_before_body(three: Any) -> None:
    found = search.search("zlatokljun", "en")
    assert slugs(found) == ["t-title", "t-summary", "t-body"]
    title, summary, body = found.guides
    assert title.title_html == "The <mark>zlatokljun</mark> guide"
    assert title.url == "/guides/t-title/"
    assert summary.summary_html == "Borrowing with a <mark>zlatokljun</mark> beside you."
    assert summary.snippet_html == ""
    # The body's snippet is the plain words (no markup), the match marked.
    assert body.snippet_html == ("Steps. First you count. Then you ask the "
                                 "<mark>zlatokljun</mark> bird for advice.")


def test_only_the_readers_language(three: Any) -> None:
    assert search.search("zlatokljun", "sl").guides == []
    assert slugs(search.search("ptic", "sl")) == ["t-title", "t-body"]
    assert search.search("ptica", "en").guides == []


def test_every_word_as_a_prefix_diacritics_folded_stemmed() -> None:
    make_guide("t-club", {"en": ("Clubs", "Members.", "Body."),
                          "sl": ("Zadružništvo in klubi", "Člani skupaj varčujejo.", "Kapibara pomaga.")})
    found = search.search("zadruznistvo clan", "sl")
    assert slugs(found) == ["t-club"]
    # Marked in the original text, diacritics kept.
    assert found.guides[0].title_html == "<mark>Zadružništvo</mark> in klubi"
    assert found.guides[0].summary_html == "<mark>Člani</mark> skupaj varčujejo."
    assert slugs(search.search("kapibarami", "sl")) == ["t-club"]  # the stem as a prefix
    assert search.search("zadruznistvo pingvin", "sl").guides == []  # every word must match


def test_unpublished_guides_are_not_found() -> None:
    make_guide("t-draft", {"en": ("Quokkaguide", "Draft.", "Draft."),
                           "sl": ("Quokkavodnik", "Osnutek.", "Osnutek.")}, published=False)
    assert search.search("quokka", "en").guides == []


def test_texts_are_escaped_and_operators_are_words() -> None:
    make_guide("t-odd", {"en": ("Kiwi <b>&amp; friends</b>", "Kiwi & co.", "NEAR kiwi"),
                         "sl": ("Kivi", "Kivi.", "Kivi.")})
    found = search.search('kiwi "NEAR(" * : -', "en")
    assert slugs(found) == ["t-odd"]
    assert found.guides[0].title_html == ("<mark>Kiwi</mark> &lt;b&gt;&amp;amp; friends&lt;/b&gt;")
    assert search.search("", "en").guides == []
    assert search.search('"*:()', "en").terms == []


def test_worked_examples_are_indexed_as_the_reader_sees_them() -> None:
    make_guide("t-example", {
        "en": ("Wombat loan", "A loan.", "It costs {{ loan.payment 10000 5 60 }} a month."),
        "sl": ("Vombat", "Posojilo.", "Stane {{ loan.payment 10000 5 60 }} na mesec."),
    })
    found = search.search("wombat", "en")
    hit = next(h for h in search.search("costs month", "en").guides if h.slug == "t-example")
    assert "EUR" in hit.snippet_html and "{{" not in hit.snippet_html
    assert slugs(found) == ["t-example"]


def test_the_index_follows_every_change() -> None:
    guide = make_guide("t-change", {"en": ("Platypus", "P.", "P."), "sl": ("Kljunaš", "K.", "K.")})
    text = guide.texts.get(language="en")
    text.title = "Echidna"
    text.save()
    assert search.search("platypus", "en").guides == []
    assert slugs(search.search("echidna", "en")) == ["t-change"]
    text.delete()
    assert search.search("echidna", "en").guides == []
    assert search.index_ids() == sorted(GuideText.objects.values_list("pk", flat=True))
    guide.delete()
    assert slugs(search.search("kljunas", "sl")) == []
    assert search.index_ids() == sorted(GuideText.objects.values_list("pk", flat=True))


def test_reindex_all_after_a_bulk_change() -> None:
    guide = make_guide("t-bulk", {"en": ("Axolotl", "A.", "A."), "sl": ("Močeril", "M.", "M.")})
    GuideText.objects.filter(guide=guide, language="en").update(title="Narwhal")  # no signal
    assert search.search("narwhal", "en").guides == []
    assert search.reindex_all() == GuideText.objects.count()
    assert slugs(search.search("narwhal", "en")) == ["t-bulk"]
    assert search.search("axolotl", "en").guides == []


def test_the_seeded_guides_are_indexed() -> None:
    # The guides seeded from the repository's files after migrate were saved one by one, so
    # the signals indexed them all.
    assert search.index_ids() == sorted(GuideText.objects.values_list("pk", flat=True))


def test_glossary_terms_whose_name_or_definition_matches() -> None:
    term = GlossaryTerm.objects.create(slug="t-dugong")
    GlossaryText.objects.create(term=term, language="en", name="Dugong rate", abbr="DR",
                                definition="How fast a dugong swims.")
    GlossaryText.objects.create(term=term, language="sl", name="Stopnja morske krave",
                                definition="Kako hitro plava.")
    other = GlossaryTerm.objects.create(slug="t-manatee")
    GlossaryText.objects.create(term=other, language="en", name="Manatee",
                                definition="A cousin of the dugong.")
    found = search.search("dugong", "en")
    assert [t.slug for t in found.glossary] == ["t-dugong", "t-manatee"]  # name match first
    assert found.glossary[0].url == "/glossary/#t-dugong"
    assert found.glossary[0].name_html == "<mark>Dugong</mark> rate"
    assert found.glossary[1].definition_html == "A cousin of the <mark>dugong</mark>."
    assert search.search("dugong", "sl").glossary == []
    assert [t.slug for t in search.search("plava", "sl").glossary] == ["t-dugong"]


@pytest.mark.django_db(transaction=True)
def test_the_seeded_guides_are_found_after_a_flush_and_reseed() -> None:
    # A transactional test's database is flushed and seeded again after migrate's signal: the
    # index is rebuilt then, so it holds exactly the texts there are, and they are found.
    assert search.index_ids() == sorted(GuideText.objects.values_list("pk", flat=True))
    assert "microloan" in slugs(search.search("microloan", "en"))
    assert "microloan" in slugs(search.search("mikrokredit", "sl"))
