"""Highlighting (search_text.py): the fast path (flatten to ASCII, one regular expression) finds
exactly the words the definition finds (fold each word, compare prefixes), on any text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from microfuture.practices.search import _snippet
from microfuture.practices.search_text import (
    match_spans,
    match_spans_by_word,
    parse_query,
    words,
)

ALPHABET = ("abcdeklmorstuvzCKMZ019 .,;:-_'\"()\n\t\u00a0" "čšžČŠŽćđĐéüöÄßİıﬁ½²€–“”"
            "\u030c\u0301дαΣ中ǅ")
texts = st.text(alphabet=ALPHABET, max_size=80)
queries = st.text(alphabet="abcdeklmorstuvz čšžéßıдα12", min_size=1, max_size=20)


@settings(max_examples=1500, deadline=None)
@given(text=texts, q=queries, first_only=st.booleans())
@example(text="Zadružništvo in čebelarstvo", q="zadruznistvo cebelar", first_only=False)
@example(text="Ligature ﬁnance", q="fin", first_only=False)
@example(text="c\u030cebele", q="cebele", first_only=False)
@example(text="İstanbul ıslak", q="islak istanbul", first_only=False)
def test_fast_highlighting_finds_what_the_definition_finds(text: str, q: str,
                                                          first_only: bool) -> None:
    terms = parse_query(q)
    assert match_spans(text, terms, first_only=first_only) == \
        match_spans_by_word(text, terms, first_only=first_only)


@settings(max_examples=1000, deadline=None)
@given(text=texts)
@example(text="Zadružništvo, ČEBELARSTVO in ﬁnance ½ čebele")
def test_words_are_the_words_highlighting_compares(text: str) -> None:
    from microfuture.practices.search_text import _WORD, _folded_parts

    assert words(text) == [p for m in _WORD.finditer(text) for p in _folded_parts(m.group())]


def test_diacritics_are_marked_in_the_original_text() -> None:
    text = "Sklad za Zadružništvo in ČEBELARSTVO (2024)."
    spans = match_spans(text, parse_query("zadruznistvo cebelarstvo"))
    assert [text[a:b] for a, b in spans] == ["Zadružništvo", "ČEBELARSTVO"]
    assert _snippet(text, parse_query("cebel")).count("\ue000") == 1
