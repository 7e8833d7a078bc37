"""Full-text search with facets over the good-practice library (spec §4).

Public API:

- `search(user=..., q=..., country=..., kind=..., target_group=..., status=..., running=...,
  page=..., per_page=..., lang=...) -> SearchResult` — the visible, filtered, ranked page with
  highlighted titles/summaries/snippets and facet counts.
- `reindex_practice(practice_or_id)` / `reindex_all()` — keep the index in step with the
  records (signals.py calls `reindex_practice` on every relevant save/delete).
- `parse_query(q) -> list[str]` — the prefix terms a query becomes (diacritics removed,
  crude Slovenian/English stemming).

The index (migrations 0002 and 0003, design in docs/practices-search.md) is raw SQL: an FTS5
virtual table on SQLite, a weighted `tsvector` table with a GIN index on PostgreSQL. A search
runs one full-text match there; visibility, facet filters and counts and the ranking's title
tier are made in memory (search_facets.py), from a copy reloaded when `SearchState`'s token
(changed here with every index change) differs.
"""

# Raw SQL throughout (no ORM API for FTS5/tsvector): only constant table/column/config names
# and "%s" placeholders are interpolated; every value is a parameter.
# ruff: noqa: S608

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, router, transaction
from django.db.models import QuerySet

from microfuture.practices import search_facets
from microfuture.practices.models import Practice, SearchState
from microfuture.practices.search_text import (
    START,
    STOP,
    insert_marks,
    marks_to_html,
    match_spans,
    parse_query,
)
from microfuture.practices.selectors import visibility, visible_practices

__all__ = [
    "FACETS",
    "Hit",
    "SearchResult",
    "parse_query",
    "reindex_all",
    "reindex_practice",
    "remove_from_index",
    "search",
]

FACETS = search_facets.FACETS
LANGS = search_facets.LANGS
TEXT_COLUMNS = ("title_sl", "title_en", "summary_sl", "summary_en", "factors_sl", "factors_en",
                "body_sl", "body_en")
PG_CONFIG = "practices_unaccent"
# bm25 weight per FTS5 column (TEXT_COLUMNS, then `facets`): title 10, summary and factors 4,
# body 1, facet tokens 0.
BM25_WEIGHTS = "10.0, 10.0, 4.0, 4.0, 4.0, 4.0, 1.0, 1.0, 0.0"
# ts_rank weights {D, C, B, A}: title (A) 1.0, summary and factors (B) 0.4, body (C) 0.2.
TS_RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# Markers the database puts around matches; the text is escaped afterwards and only then are
# they turned into <mark>…</mark>, so nothing from a record reaches the page unescaped.
_SANITIZE = str.maketrans({START: " ", STOP: " ", "\x00": " "})


@dataclass
class Hit:
    practice: Practice
    title_html: str
    summary_html: str
    snippet_html: str
    rank: float


@dataclass
class SearchResult:
    count: int
    results: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20


# --- query parsing ----------------------------------------------------------------------


def _fts5_query(terms: Sequence[str]) -> str:
    """Every term as a prefix, in any column but `facets` (whose tokens are no words)."""
    return "- {facets} : (" + " AND ".join(f'"{t}"*' for t in terms) + ")"


def facet_token(facet: str, value: str) -> str:
    """One facet value as a single FTS5 token (letters and digits, no collisions between
    facets): the facet's initial and a hash of the value."""
    digest = hashlib.blake2s(value.encode("utf-8"), digest_size=8).hexdigest()
    return f"{facet[0]}{digest}"


def _facet_tokens(p: Practice) -> str:
    values = [("country", p.country), ("status", p.status),
              ("running", "running" if p.ended_on is None else "ended")]
    for facet, listed in (("kind", p.mechanism_kinds), ("target_group", p.target_groups)):
        values += [(facet, v) for v in search_facets.clean_values(listed)]
    return " ".join(facet_token(facet, value) for facet, value in values)


def _fts5_facet_filter(selected: dict[str, Any]) -> str:
    """The FTS5 condition that a document has every selected facet value ("" for none)."""
    tokens = []
    for facet, value in selected.items():
        if value in ("", None):
            continue
        if facet == "running":
            value = "running" if value else "ended"
        tokens.append(facet_token(facet, str(value)))
    return " AND {facets} : (" + " AND ".join(tokens) + ")" if tokens else ""


def _tsquery(terms: Sequence[str]) -> str:
    return " & ".join(f"'{t}':*" for t in terms)


# --- indexing ---------------------------------------------------------------------------


def _clean(text: str | None) -> str:
    return (text or "").translate(_SANITIZE)


def _join(parts: Iterable[str | None], sep: str = "\n") -> str:
    return sep.join(p for p in (_clean(x).strip() for x in parts) if p)


def _document(p: Practice) -> dict[str, str]:
    factors = [pf.factor for pf in p.practice_factors.all()]
    indicators = list(p.indicators.all())
    doc: dict[str, str] = {}
    for lang in LANGS:
        doc[f"title_{lang}"] = _clean(getattr(p, f"title_{lang}"))
        doc[f"summary_{lang}"] = _clean(getattr(p, f"summary_{lang}"))
        doc[f"factors_{lang}"] = _join(getattr(f, f"name_{lang}") for f in factors)
        doc[f"body_{lang}"] = _join(
            [getattr(p, f"description_{lang}"), getattr(p, f"evidence_{lang}"),
             _join(getattr(i, f"name_{lang}") for i in indicators)],
            sep="\n\n",
        )
    return doc


def _alias(using: str | None) -> str:
    return using or router.db_for_write(Practice)


def _delete_rows(cursor: Any, vendor: str, ids: Sequence[int] | None) -> None:
    table = "practices_search_fts" if vendor == "sqlite" else "practices_search_doc"
    key = "rowid" if vendor == "sqlite" else "practice_id"
    if ids is None:
        cursor.execute(f"DELETE FROM {table}")
        return
    for pk in ids:
        cursor.execute(f"DELETE FROM {table} WHERE {key} = %s", [pk])


def _changed(alias: str) -> None:
    """A new token: every process reloads its facet data (search_facets) at its next search."""
    SearchState.objects.using(alias).update_or_create(
        pk=SearchState.ONLY, defaults={"token": search_facets.new_token()}
    )


def _insert_rows(cursor: Any, vendor: str, practices: Sequence[Practice]) -> None:
    docs = [(p.pk, _document(p)) for p in practices]
    if vendor == "sqlite":
        cursor.executemany(
            f"INSERT INTO practices_search_fts (rowid, {', '.join(TEXT_COLUMNS)}, facets) "
            f"VALUES (%s, {', '.join(['%s'] * len(TEXT_COLUMNS))}, %s)",
            [[p.pk, *(d[c] for c in TEXT_COLUMNS), _facet_tokens(p)]
             for p, (_, d) in zip(practices, docs, strict=True)],
        )
    elif vendor == "postgresql":
        cfg = f"'{PG_CONFIG}'"
        cursor.executemany(
            f"INSERT INTO practices_search_doc (practice_id, {', '.join(TEXT_COLUMNS)}, document)"
            f" VALUES (%s, {', '.join(['%s'] * len(TEXT_COLUMNS))}, "
            f"setweight(to_tsvector({cfg}, %s), 'A') || setweight(to_tsvector({cfg}, %s), 'B')"
            f" || setweight(to_tsvector({cfg}, %s), 'C'))",
            [
                [pk, *(d[c] for c in TEXT_COLUMNS),
                 _join([d["title_sl"], d["title_en"]]),
                 _join([d["summary_sl"], d["summary_en"], d["factors_sl"], d["factors_en"]]),
                 _join([d["body_sl"], d["body_en"]])]
                for pk, d in docs
            ],
        )
    else:  # pragma: no cover - settings allow only these two
        raise NotImplementedError(f"Search is not implemented for {vendor}.")


def _with_texts(qs: QuerySet[Practice]) -> QuerySet[Practice]:
    return qs.prefetch_related("practice_factors__factor", "indicators")


def reindex_practice(practice: Practice | int, *, using: str | None = None) -> None:
    """Bring one practice's index entry up to date (removing it if the record is gone)."""
    pk = practice if isinstance(practice, int) else practice.pk
    if pk is None:
        return
    alias = _alias(using)
    connection = connections[alias]
    fresh = list(_with_texts(Practice.objects.using(alias).filter(pk=pk)))
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        _delete_rows(cursor, connection.vendor, [pk])
        if fresh:
            _insert_rows(cursor, connection.vendor, fresh)
        _changed(alias)


def remove_from_index(practice_id: int, *, using: str | None = None) -> None:
    alias = _alias(using)
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        _delete_rows(cursor, connection.vendor, [practice_id])
        _changed(alias)


def reindex_all(*, using: str | None = None, chunk: int = 500) -> int:
    """Rebuild the whole index; returns the number of practices indexed."""
    alias = _alias(using)
    connection = connections[alias]
    total = 0
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        _delete_rows(cursor, connection.vendor, None)
        ids = list(Practice.objects.using(alias).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), chunk):
            batch = list(_with_texts(
                Practice.objects.using(alias).filter(pk__in=ids[start:start + chunk])
            ))
            _insert_rows(cursor, connection.vendor, batch)
            total += len(batch)
        _changed(alias)
    return total


def index_size(*, using: str | None = None) -> int:
    """How many practices the index holds (for the post_migrate consistency check)."""
    connection = connections[_alias(using)]
    table = "practices_search_fts" if connection.vendor == "sqlite" else "practices_search_doc"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


# --- searching --------------------------------------------------------------------------


def _match_ids(alias: str, terms: Sequence[str]) -> list[int]:
    """The ids of the documents holding every term (as a prefix), in any field and language."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid FROM practices_search_fts WHERE practices_search_fts MATCH %s",
                (_fts5_query(terms),),
            )
        else:
            # practices_search_match (migration 0003): the GIN index's answer, with sequential
            # scans off for that one statement (the planner, pricing `@@` like `=`, would
            # de-TOAST every document). The tsquery is made here, once; the ids come back as
            # one array, not thousands of rows.
            cursor.execute(
                "SELECT array_agg(m) FROM practices_search_match("
                f"to_tsquery('{PG_CONFIG}'::regconfig, %s)) m",
                (_tsquery(terms),),
            )
            row = cursor.fetchone()
            return [int(pk) for pk in (row[0] if row and row[0] else [])]
        return [int(pk) for (pk,) in cursor.fetchall()]




def _pick(lang: str, values: dict[str, str], *, prefer_match: bool) -> str:
    """The text in `lang`, else in the other language; with prefer_match, first whichever
    holds a match."""
    order = [lang, *[x for x in LANGS if x != lang]]
    if prefer_match:
        for x in order:
            if START in values.get(x, ""):
                return values[x]
    for x in order:
        if values.get(x, "").strip():
            return values[x]
    return ""


def _lead(text: str, words: int = 30) -> str:
    parts = _clean(text).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _plain_hit(p: Practice, lang: str) -> Hit:
    texts = {x: _document_lite(p, x) for x in LANGS}
    return Hit(
        practice=p,
        title_html=marks_to_html(
            _pick(lang, {x: texts[x][0] for x in LANGS}, prefer_match=False)),
        summary_html=marks_to_html(
            _pick(lang, {x: texts[x][1] for x in LANGS}, prefer_match=False)),
        snippet_html=marks_to_html(
            _pick(lang, {x: texts[x][2] for x in LANGS}, prefer_match=False)),
        rank=0.0,
    )


def _document_lite(p: Practice, lang: str) -> tuple[str, str, str]:
    return (_clean(getattr(p, f"title_{lang}")), _clean(getattr(p, f"summary_{lang}")),
            _lead(getattr(p, f"description_{lang}")))


_CHUNK = re.compile(r"\S+")
SNIPPET_WORDS = 24
SNIPPET_BEFORE = 8




def _marked(text: str, terms: Sequence[str]) -> str:
    """The whole text with every matching word between START and STOP."""
    return insert_marks(text, match_spans(text, terms))


def _snippet(text: str, terms: Sequence[str]) -> str:
    """About SNIPPET_WORDS words around the first match (the text's start when none), marked,
    with "…" where the text is cut."""
    first = match_spans(text, terms, first_only=True)
    chunks = [m.span() for m in _CHUNK.finditer(text)]
    if not chunks:
        return ""
    at = 0
    if first:
        at = next((i for i, (_, end) in enumerate(chunks) if end > first[0][0]), 0)
    lo = max(0, min(at - SNIPPET_BEFORE, len(chunks) - SNIPPET_WORDS))
    hi = min(len(chunks), lo + SNIPPET_WORDS)
    begin, finish = chunks[lo][0], chunks[hi - 1][1]
    window = text[begin:finish]
    marked = " ".join(_marked(window, terms).split())
    return ("… " if lo > 0 else "") + marked + (" …" if hi < len(chunks) else "")


def _highlights(alias: str, terms: Sequence[str], ids: Sequence[int],
                lang: str) -> dict[int, tuple[str, str, str]]:
    """{practice_id: (title, summary, snippet)} for one page, marked, in the language shown.

    The texts are read from the index table (exactly what `_document` indexed) and marked here
    in Python, the same way on both databases: only the page's rows and only the texts shown
    are touched (title and summary in `lang`, else the other language; the snippet from the
    first of those whose body holds a match).
    """
    if not ids:
        return {}
    connection = connections[alias]
    table, key = (("practices_search_fts", "rowid") if connection.vendor == "sqlite"
                  else ("practices_search_doc", "practice_id"))
    id_marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key}, title_sl, title_en, summary_sl, summary_en, body_sl, body_en "
            f"FROM {table} WHERE {key} IN ({id_marks})",
            tuple(ids),
        )
        rows = cursor.fetchall()
    out: dict[int, tuple[str, str, str]] = {}
    for pk, t_sl, t_en, s_sl, s_en, b_sl, b_en in rows:
        title = _pick(lang, {"sl": t_sl or "", "en": t_en or ""}, prefer_match=False)
        summary = _pick(lang, {"sl": s_sl or "", "en": s_en or ""}, prefer_match=False)
        bodies = {"sl": b_sl or "", "en": b_en or ""}
        order = [lang, *[x for x in LANGS if x != lang]]
        body = next((bodies[x] for x in order if match_spans(bodies[x], terms, first_only=True)),
                    _pick(lang, bodies, prefer_match=False))
        out[int(pk)] = (_marked(title, terms), _marked(summary, terms), _snippet(body, terms))
    return out


def _document_scores(alias: str, terms: Sequence[str], ids: Sequence[int],
                     selected: dict[str, Any]) -> list[tuple[int, float]]:
    """(id, score) of the documents `ids` (all matching `terms` and the `selected` facet
    values) by their whole text (SQLite bm25 with the weights title 10 / summary and factors
    4 / body 1; PostgreSQL ts_rank with the weights A 1.0 / B 0.4 / C 0.2), higher is better."""
    if not ids:
        return []
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # FTS5 scores inside its own MATCH only (a rowid list beside MATCH re-runs the
            # query per row), so the selected facets join the MATCH as tokens of the `facets`
            # column: only the documents that can be asked for are scored.
            wanted = set(ids)
            cursor.execute(
                f"SELECT rowid, -bm25(practices_search_fts, {BM25_WEIGHTS}) "
                "FROM practices_search_fts WHERE practices_search_fts MATCH %s",
                (_fts5_query(terms) + _fts5_facet_filter(selected),),
            )
            return [(int(pk), float(score)) for pk, score in cursor.fetchall() if pk in wanted]
        cursor.execute(
            f"SELECT practice_id, ts_rank('{TS_RANK_WEIGHTS}', document, "
            f"to_tsquery('{PG_CONFIG}'::regconfig, %s)) FROM practices_search_doc "
            "WHERE practice_id = ANY(%s::bigint[])",
            (_tsquery(terms), list(ids)),
        )
        return [(int(pk), float(score)) for pk, score in cursor.fetchall()]


def _best(scored: Iterable[tuple[int, float]]) -> list[tuple[int, float]]:
    return sorted(scored, key=lambda hit: (-hit[1], hit[0]))


def _ranked_page(lib: search_facets.Library, alias: str, terms: Sequence[str],
                 selected: dict[str, Any], allowed: int, offset: int, limit: int
                 ) -> list[tuple[int, float]]:
    """One page of the allowed matches, most relevant first: (id, rank).

    Two tiers (spec §4: a match in the title outranks one in the description). First the
    records with a query word in a title (`search_facets.title_tier`: more of the words, then
    shorter titles), the same on both databases; then the others, by the relevance of their
    whole text (SQLite bm25, PostgreSQL ts_rank), computed only when the page reaches past
    the title tier. Ties by id. `rank` is in [1, 2) in the title tier and in [0, 1) after it.
    """
    term_masks = search_facets.title_masks(lib, terms)
    in_titles = 0
    for mask in term_masks:
        in_titles |= mask
    titled, size = search_facets.title_tier(lib, term_masks, allowed, offset, limit)
    page = [(pk, 1.0 + _unit(score)) for pk, score in titled]
    if size >= offset + limit:
        return page
    rest = [lib.ids[i] for i in search_facets.positions(lib, allowed & ~in_titles)]
    start = max(0, offset - size)
    scores = dict(_document_scores(alias, terms, rest, selected))
    # A record the database did not score (an index out of step) comes last, never vanishes.
    ranked = _best((pk, scores.get(pk, 0.0)) for pk in rest)[start:start + limit - len(page)]
    return page + [(pk, _unit(score)) for pk, score in ranked]


def _unit(score: float) -> float:
    """A score >= 0 squeezed into [0, 1), keeping its order."""
    score = max(0.0, score)
    return score / (1.0 + score)


def search(
    *,
    user: Any,
    q: str = "",
    country: str = "",
    kind: str = "",
    target_group: str = "",
    status: str = "",
    running: bool | None = None,
    page: int = 1,
    per_page: int = 20,
    lang: str = "en",
) -> SearchResult:
    """One page of the practices `user` may see that match `q` and every given filter.

    Most relevant first when `q` holds a word (see `_ranked_page`), else by title in `lang`.
    Facet counts: see `search_facets.counts` (each facet ignores its own selection). Never
    raises on odd queries: a query with no word in it is no query.
    """
    lang = lang if lang in LANGS else "en"
    page = max(1, int(page))
    per_page = min(100, max(1, int(per_page)))
    offset = (page - 1) * per_page
    alias = router.db_for_read(Practice)
    terms = parse_query(q)

    lib = search_facets.library(alias)
    base = search_facets.visible_mask(lib, visibility(user))
    if terms:
        base &= search_facets.mask_of(lib, _match_ids(alias, terms))
    selected: dict[str, Any] = {
        "country": (country or "").strip().upper(),
        "kind": (kind or "").strip(),
        "target_group": (target_group or "").strip(),
        "status": (status or "").strip(),
        "running": running,
    }
    chosen = search_facets.selection(lib, selected)
    count, facets = search_facets.counts(lib, base, chosen)
    allowed = base
    for mask in chosen.values():
        allowed &= mask

    if terms:
        ranked = _ranked_page(lib, alias, terms, selected, allowed, offset, per_page)
    else:
        ranked = [(pk, 0.0) for pk in search_facets.title_page(lib, allowed, lang, offset,
                                                                per_page)]
    # The page's records are read through the visibility rule again: the in-memory copy is
    # only as fresh as its token, and a record must never show to someone who may not see it.
    records = visible_practices(user).using(alias).in_bulk([pk for pk, _ in ranked])
    marks = _highlights(alias, terms, [pk for pk, _ in ranked], lang) if terms else {}
    hits: list[Hit] = []
    for pk, score in ranked:
        practice = records.get(pk)
        if practice is None:
            continue
        marked = marks.get(pk)
        if marked is None:
            hits.append(_plain_hit(practice, lang))
            continue
        title, summary, snippet = marked
        hits.append(Hit(practice=practice, title_html=marks_to_html(title),
                        summary_html=marks_to_html(summary),
                        snippet_html=marks_to_html(snippet.replace("\n", " ")), rank=score))
    return SearchResult(count=count, results=hits, facets=facets, page=page, per_page=per_page)
