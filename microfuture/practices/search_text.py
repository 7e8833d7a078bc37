"""Words as the library search sees them (spec §4; docs/practices-search.md): folding
(lower case, no diacritics), the crude stemming, a user's query as prefix terms, and where a
text holds words starting with those terms (for highlighting and the ranking's title tier).

Pure functions, no database.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Sequence

__all__ = ["START", "STOP", "fold", "insert_marks", "marks_to_html", "match_spans",
           "match_spans_by_word", "parse_query", "stem", "words"]

MAX_QUERY_CHARS = 500
MAX_TERMS = 12
MAX_TERM_CHARS = 60
STEM_MIN_LETTERS = 5
# Longest first: the stem drops one ending (Slovenian cases, English plural/gerund).
ENDINGS = ("ami", "ing", "ov", "om", "ih", "ah", "es", "i", "a", "e", "u", "o", "s")
_TERM = re.compile(r"[^\W_]+")
# Letters without a Unicode decomposition that both FTS5 and unaccent fold.
_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})


def fold(text: str) -> str:
    """Lower-case and without diacritics ("Zadružništvo" -> "zadruznistvo")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def stem(word: str) -> str:
    """The word minus one common ending, for words of five letters or more."""
    if len(word) < STEM_MIN_LETTERS or word.isdigit():
        return word
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def parse_query(q: str) -> list[str]:
    """The prefix terms (AND-ed) a user's query becomes; [] when it holds no word at all.

    Punctuation, quotes and operators (NEAR, AND, *, :, &, |, !) are never passed through as
    syntax: every term is letters and digits only, quoted in the engine's own syntax.
    """
    terms: list[str] = []
    for word in _TERM.findall(fold(str(q or "")[:MAX_QUERY_CHARS])):
        term = stem(word[:MAX_TERM_CHARS])
        if term not in terms:
            terms.append(term)
        if len(terms) >= MAX_TERMS:
            break
    return terms


# A word as the tokenizers see it: letters and digits (plus combining marks, so a decomposed
# "z\u030c" stays one word); whitespace-separated chunks are the snippet's "words".
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


@functools.lru_cache(maxsize=65536)
def _folded_parts(word: str) -> tuple[str, ...]:
    """The folded forms of one word token (folding may split it, e.g. "½" -> "1", "2")."""
    return tuple(_TERM.findall(fold(word)))


def _flat_table() -> dict[int, str]:
    """A `str.translate` table that turns most European texts into lower-case ASCII of the
    same length: a letter or digit whose folded form is one ASCII letter or digit becomes that
    ("Č" -> "c"); any other non-ASCII character that is not a letter, digit or combining mark
    separates words, as in `_WORD`, and becomes a space. Covers U+0080-U+24FF (Latin,
    punctuation, currency, symbols); a text with other characters stays non-ASCII and takes
    the word-by-word path."""
    table: dict[int, str] = {}
    for code in range(0x80, 0x2500):
        char = chr(code)
        if char.isalnum():
            folded = fold(char)
            if len(folded) == 1 and folded.isascii() and folded.isalnum():
                table[code] = folded
        elif not 0x300 <= code <= 0x36F:
            table[code] = " "
    return table


_FLAT = _flat_table()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _flat_char(match: re.Match[str]) -> str:
    char = match.group()
    return _FLAT.get(ord(char), char)


def _flat(text: str) -> str:
    """`text` through `_flat_table`, lower-cased (only the non-ASCII characters are looked up:
    four times faster than `str.translate` on European text)."""
    return (text if text.isascii() else _NON_ASCII.sub(_flat_char, text)).lower()


@functools.lru_cache(maxsize=256)
def _prefix_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """Words (in flattened text) that start with one of the ASCII `terms`."""
    ascii_terms = sorted({t for t in terms if t.isascii()}, key=len, reverse=True)
    if not ascii_terms:
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, ascii_terms)) + ")[a-z0-9]*")


def match_spans(text: str, terms: Sequence[str], *, first_only: bool = False
                 ) -> list[tuple[int, int]]:
    """(start, end) in `text` of every word whose folded form starts with one of `terms`.

    Most texts flatten to lower-case ASCII of the same length (`_flat_table`), where one
    regular expression finds the words; the others are folded word by word
    (`match_spans_by_word`, the definition).
    """
    flat = _flat(text)
    if not flat.isascii():
        return match_spans_by_word(text, terms, first_only=first_only)
    pattern = _prefix_pattern(tuple(terms))
    if pattern is None:
        return []
    if first_only:
        found = pattern.search(flat)
        return [found.span()] if found else []
    return [m.span() for m in pattern.finditer(flat)]


def match_spans_by_word(text: str, terms: Sequence[str], *, first_only: bool = False
                         ) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    prefixes = tuple(terms)
    for m in _WORD.finditer(text):
        if any(part.startswith(prefixes) for part in _folded_parts(m.group())):
            spans.append(m.span())
            if first_only:
                break
    return spans


def words(text: str) -> list[str]:
    """The folded words of `text`: what `match_spans` compares the terms with."""
    flat = _flat(text)
    if flat.isascii():
        return _ASCII_WORD.findall(flat)
    return [part for m in _WORD.finditer(text) for part in _folded_parts(m.group())]


_ASCII_WORD = re.compile(r"[a-z0-9]+")


# --- highlighting: matches between START and STOP, then escaped with <mark> ------------------

#: Private-use characters that bracket a match until the text is escaped (`marks_to_html`).
START, STOP = "\ue000", "\ue001"


def insert_marks(text: str, spans: Sequence[tuple[int, int]], offset: int = 0) -> str:
    """The text with each span (shifted by `offset`) between START and STOP; spans that overlap
    an earlier one or fall outside the text are left out."""
    out: list[str] = []
    pos = 0
    for start, end in spans:
        start, end = start - offset, end - offset
        if start < pos or end > len(text):
            continue
        out += [text[pos:start], START, text[start:end], STOP]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def marks_to_html(marked: str) -> str:
    """Escape a text holding START/STOP markers; the markers become <mark>…</mark>, kept
    balanced (a cut-off snippet may hold an unmatched one)."""
    out: list[str] = []
    inside = False
    for ch in html.escape(marked, quote=True):
        if ch == START:
            if not inside:
                out.append("<mark>")
                inside = True
        elif ch == STOP:
            if inside:
                out.append("</mark>")
                inside = False
        else:
            out.append(ch)
    if inside:
        out.append("</mark>")
    return "".join(out)
