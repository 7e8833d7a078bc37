"""Searching the guides with the library's engine (`../shared/specs/guides.md` §3; docs/guides.md
"Finder links and search").

- `search(q, lang) -> GuideSearch`: the published guides whose text in `lang` holds every word
  of `q` (as a prefix, diacritics folded, the library's crude stemming), title matches first,
  then summary, then body, with highlighted titles, summaries and snippets; and the glossary
  terms whose name, abbreviation or definition in `lang` holds every word.
- `reindex_text(text_or_id)`, `reindex_guide(guide_or_id)`, `remove_text(text_id)`,
  `reindex_all() -> int`: keep the index in step (signals.py calls them on every change).

The index (migration 0002) is the library's engine: an FTS5 table on SQLite, a weighted
`tsvector` table in the library's `practices_unaccent` configuration on PostgreSQL, one row per
guide text (a guide in one language). The query is `practices.search_text.parse_query`, and
highlighting is `practices.search_text.match_spans` in Python, identical on both databases.
"""

# Raw SQL (no ORM API for FTS5/tsvector): only constant table, column and configuration names
# are put into the statements; every value is a parameter.
# ruff: noqa: S608

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, router, transaction

from microfuture.guides import selectors
from microfuture.guides import text as markup
from microfuture.guides.models import GlossaryText, Guide, GuideText
from microfuture.kernel.collation import slovenian_key
from microfuture.practices.search_text import (
    START,
    STOP,
    insert_marks,
    marks_to_html,
    match_spans,
    parse_query,
)

__all__ = [
    "GlossaryHit",
    "GuideHit",
    "GuideSearch",
    "index_ids",
    "reindex_all",
    "reindex_guide",
    "reindex_text",
    "remove_text",
    "search",
]

PG_CONFIG = "practices_unaccent"  # the library's configuration (practices/0002)
# bm25 weight per FTS5 column (language, title, summary, body): title 10, summary 4, body 1.
BM25_WEIGHTS = "0.0, 10.0, 4.0, 1.0"
# ts_rank weights {D, C, B, A}: title (A) 1.0, summary (B) 0.4, body (C) 0.2.
TS_RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# Markers put around matches before escaping; only then do they become <mark>…</mark>, so no
# text of a guide ever reaches the page unescaped.
_SANITIZE = str.maketrans({START: " ", STOP: " ", "\x00": " "})
SNIPPET_WORDS = 24
SNIPPET_BEFORE = 8
_CHUNK = re.compile(r"\S+")


# --- indexing ---------------------------------------------------------------------------


def _clean(value: str | None) -> str:
    return (value or "").translate(_SANITIZE)


def _body_plain(text: GuideText) -> str:
    """The body as the reader sees it: plain words, worked examples computed. A directive the
    resolver refuses leaves a gap rather than keeping the text out of the index."""
    blocks = markup.parse(text.body)
    try:
        return markup.to_plain(blocks, text.language, selectors.resolver())
    except (markup.GuideTextError, ValueError, ArithmeticError):
        return markup.to_plain(blocks, text.language, lambda name, numbers, lang: " ")


def _row(text: GuideText) -> tuple[int, str, str, str, str]:
    return (text.pk, text.language, _clean(text.title), _clean(text.summary),
            _clean(_body_plain(text)))


def _alias(using: str | None) -> str:
    return using or router.db_for_write(GuideText)


def _table(vendor: str) -> tuple[str, str]:
    if vendor == "sqlite":
        return "guides_search_fts", "rowid"
    return "guides_search_doc", "text_id"


_READY: set[tuple[str, str]] = set()


def index_ready(using: str | None = None) -> bool:
    """Whether the index's table exists (not before migration 0002, e.g. after migrating the
    app back); remembered once true."""
    alias = _alias(using)
    connection = connections[alias]
    key = (alias, str(connection.settings_dict.get("NAME")))
    if key in _READY:
        return True
    table, _key = _table(connection.vendor)
    if table in connection.introspection.table_names():
        _READY.add(key)
        return True
    return False


def _delete(cursor: Any, vendor: str, ids: Sequence[int] | None) -> None:
    table, key = _table(vendor)
    if ids is None:
        cursor.execute(f"DELETE FROM {table}")
        return
    for pk in ids:
        cursor.execute(f"DELETE FROM {table} WHERE {key} = %s", [pk])


def _insert(cursor: Any, vendor: str, texts: Sequence[GuideText]) -> None:
    rows = [_row(t) for t in texts]
    if not rows:
        return
    if vendor == "sqlite":
        cursor.executemany(
            "INSERT INTO guides_search_fts (rowid, language, title, summary, body)"
            " VALUES (%s, %s, %s, %s, %s)", rows)
    elif vendor == "postgresql":
        cfg = f"'{PG_CONFIG}'"
        cursor.executemany(
            "INSERT INTO guides_search_doc (text_id, language, title, summary, body, document)"
            " VALUES (%s, %s, %s, %s, %s,"
            f" setweight(to_tsvector({cfg}, %s), 'A') || setweight(to_tsvector({cfg}, %s), 'B')"
            f" || setweight(to_tsvector({cfg}, %s), 'C'))",
            [[*row, row[2], row[3], row[4]] for row in rows])
    else:  # pragma: no cover - settings allow only these two
        raise NotImplementedError(f"Search is not implemented for {vendor}.")


def _reindex(alias: str, ids: Sequence[int]) -> None:
    if not ids or not index_ready(alias):
        return
    connection = connections[alias]
    fresh = list(GuideText.objects.using(alias).filter(pk__in=ids).order_by("pk"))
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        _delete(cursor, connection.vendor, ids)
        _insert(cursor, connection.vendor, fresh)


def reindex_text(text: GuideText | int, *, using: str | None = None) -> None:
    """Bring one guide text's entry up to date (removing it when the text is gone)."""
    pk = text if isinstance(text, int) else text.pk
    if pk is not None:
        _reindex(_alias(using), [pk])


def reindex_guide(guide: Guide | int, *, using: str | None = None) -> None:
    """Every text of one guide."""
    alias = _alias(using)
    guide_id = guide if isinstance(guide, int) else guide.pk
    _reindex(alias, list(GuideText.objects.using(alias).filter(guide_id=guide_id)
                         .values_list("pk", flat=True)))


def remove_text(text_id: int, *, using: str | None = None) -> None:
    alias = _alias(using)
    if not index_ready(alias):
        return
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        _delete(cursor, connection.vendor, [text_id])


def reindex_all(*, using: str | None = None) -> int:
    """Rebuild the whole index (after a bulk change that sent no signals); returns how many
    texts it holds."""
    alias = _alias(using)
    if not index_ready(alias):
        return 0
    connection = connections[alias]
    texts = list(GuideText.objects.using(alias).order_by("pk"))
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        _delete(cursor, connection.vendor, None)
        _insert(cursor, connection.vendor, texts)
    return len(texts)


def index_ids(*, using: str | None = None) -> list[int]:
    """The ids of the guide texts the index holds, in order (for the post_migrate check)."""
    connection = connections[_alias(using)]
    table, key = _table(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key} FROM {table} ORDER BY {key}")
        return [int(pk) for (pk,) in cursor.fetchall()]


# --- searching --------------------------------------------------------------------------


@dataclass(frozen=True)
class GuideHit:
    slug: str
    kind: str | None
    url: str
    title_html: str
    summary_html: str
    snippet_html: str  # "" when the body holds no match
    rank: float


@dataclass(frozen=True)
class GlossaryHit:
    slug: str
    url: str
    name_html: str
    abbr: str
    definition_html: str


@dataclass(frozen=True)
class GuideSearch:
    q: str
    terms: list[str]
    guides: list[GuideHit] = field(default_factory=list)
    glossary: list[GlossaryHit] = field(default_factory=list)


def _fts5_query(terms: Sequence[str]) -> str:
    """Every term as a prefix, in the title, summary or body (never the language column)."""
    return "{title summary body} : (" + " AND ".join(f'"{t}"*' for t in terms) + ")"


def _tsquery(terms: Sequence[str]) -> str:
    return " & ".join(f"'{t}':*" for t in terms)


def _matches(alias: str, terms: Sequence[str], lang: str) -> list[tuple[int, float, str, str, str]]:
    """(text id, relevance, title, summary, body) of every indexed text in `lang` holding every
    term; the relevance is larger for a better match."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT rowid, -bm25(guides_search_fts, {BM25_WEIGHTS}), title, summary, body"
                " FROM guides_search_fts WHERE guides_search_fts MATCH %s AND language = %s",
                [_fts5_query(terms), lang])
        else:
            cursor.execute(
                f"SELECT text_id, ts_rank('{TS_RANK_WEIGHTS}', document, query),"
                " title, summary, body"
                f" FROM guides_search_doc, to_tsquery('{PG_CONFIG}'::regconfig, %s) query"
                " WHERE language = %s AND document @@ query",
                [_tsquery(terms), lang])
        return [(int(pk), float(rank), title, summary, body)
                for pk, rank, title, summary, body in cursor.fetchall()]






def highlight(text: str, terms: Sequence[str]) -> str:
    """The whole text, escaped, every word starting with a term in <mark>."""
    text = _clean(text)
    return marks_to_html(insert_marks(text, match_spans(text, terms)))


def snippet(text: str, terms: Sequence[str]) -> str:
    """About SNIPPET_WORDS words around the first match, escaped and marked, "…" where cut;
    "" when the text holds no match."""
    text = _clean(text)
    first = match_spans(text, terms, first_only=True)
    if not first:
        return ""
    chunks = [m.span() for m in _CHUNK.finditer(text)]
    at = next((i for i, (_s, end) in enumerate(chunks) if end > first[0][0]), 0)
    lo = max(0, min(at - SNIPPET_BEFORE, len(chunks) - SNIPPET_WORDS))
    hi = min(len(chunks), lo + SNIPPET_WORDS)
    window = " ".join(text[chunks[lo][0]:chunks[hi - 1][1]].split())
    return ("… " if lo > 0 else "") + highlight(window, terms) + (" …" if hi < len(chunks) else "")


def _held(text: str, terms: Sequence[str]) -> int:
    """How many of the terms the text holds (a word starting with it)."""
    return sum(1 for t in terms if match_spans(text, [t], first_only=True))


def _guides(alias: str, terms: Sequence[str], lang: str) -> list[GuideHit]:
    found = {pk: (rank, title, summary, body)
             for pk, rank, title, summary, body in _matches(alias, terms, lang)}
    if not found:
        return []
    texts = (GuideText.objects.using(alias).filter(pk__in=found, guide__published=True)
             .select_related("guide"))
    scored = []
    for t in texts:
        rank, title, summary, body = found[t.pk]
        # Title words first, then summary words (the same on both databases), then the
        # engine's weighted relevance, then the guides' own order.
        key = (-_held(title, terms), -_held(summary, terms), -rank, t.guide.position,
               t.guide.slug)
        scored.append((key, GuideHit(
            slug=t.guide.slug, kind=t.guide.kind, url=t.guide.get_absolute_url(),
            title_html=highlight(title, terms), summary_html=highlight(summary, terms),
            snippet_html=snippet(body, terms), rank=rank)))
    scored.sort(key=lambda pair: pair[0])
    return [hit for _key, hit in scored]


def _glossary(alias: str, terms: Sequence[str], lang: str) -> list[GlossaryHit]:
    """Terms whose name, abbreviation or definition in `lang` holds every word: those whose
    name holds them first, each group in Slovenian alphabetical order (the glossary is small:
    matched in Python with the same word rule as the index)."""
    hits = []
    for g in GlossaryText.objects.using(alias).filter(language=lang).select_related("term"):
        words = f"{g.name} {g.abbr} {g.definition}"
        if _held(words, terms) < len(terms):
            continue
        in_name = _held(f"{g.name} {g.abbr}", terms)
        hits.append(((-in_name, slovenian_key(g.name)), GlossaryHit(
            slug=g.term.slug, url=g.term.get_absolute_url(), name_html=highlight(g.name, terms),
            abbr=g.abbr, definition_html=highlight(g.definition, terms))))
    hits.sort(key=lambda pair: pair[0])
    return [hit for _key, hit in hits]


def search(q: str, lang: str, *, using: str | None = None) -> GuideSearch:
    """The published guides and the glossary terms in `lang` holding every word of `q`."""
    terms = parse_query(q)
    if not terms:
        return GuideSearch(q=q, terms=[])
    alias = _alias(using)
    return GuideSearch(q=q, terms=terms, guides=_guides(alias, terms, lang),
                       glossary=_glossary(alias, terms, lang))
