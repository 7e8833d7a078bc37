"""Full-text search with facets over the good-practice library (spec §4).

Public API:

- `search(user=..., q=..., country=..., kind=..., target_group=..., status=..., running=...,
  page=..., per_page=..., lang=...) -> SearchResult` — the visible, filtered, ranked page with
  highlighted titles/summaries/snippets and facet counts.
- `reindex_practice(practice_or_id)` / `reindex_all()` — keep the index in step with the
  records (signals.py calls `reindex_practice` on every relevant save/delete).
- `parse_query(q) -> list[str]` — the prefix terms a query becomes (diacritics removed,
  crude Slovenian/English stemming).

The index (migration 0002, design in docs/practices-search.md) is raw SQL: an FTS5 virtual
table on SQLite, a weighted `tsvector` table with a GIN index on PostgreSQL, and on both a
`practices_search_facet (practice_id, facet, value)` table for kinds and target groups.
"""

# Raw SQL throughout (no ORM API for FTS5/tsvector): only constant table/column/config names,
# "%s" placeholders and Django-compiled subqueries are interpolated; every value is a parameter.
# ruff: noqa: S608, S611

from __future__ import annotations

import functools
import html
import importlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, router, transaction
from django.db.models import BooleanField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Lower, NullIf

from microfuture.practices.models import Practice

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

FACETS = ("country", "kind", "target_group", "status", "running")
LANGS = ("sl", "en")
TEXT_COLUMNS = ("title_sl", "title_en", "summary_sl", "summary_en", "factors_sl", "factors_en",
                "body_sl", "body_en")
PG_CONFIG = "practices_unaccent"
# bm25 weight per FTS5 column (TEXT_COLUMNS): title 10, summary and factors 4, body 1.
BM25_WEIGHTS = "10.0, 10.0, 4.0, 4.0, 4.0, 4.0, 1.0, 1.0"
# ts_rank weights {D, C, B, A}: title (A) 1.0, summary and factors (B) 0.4, body (C) 0.2.
TS_RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# Markers the database puts around matches; the text is escaped afterwards and only then are
# they turned into <mark>…</mark>, so nothing from a record reaches the page unescaped.
START, STOP = "\ue000", "\ue001"
MAX_QUERY_CHARS = 500
MAX_TERMS = 12
MAX_TERM_CHARS = 60
STEM_MIN_LETTERS = 5
# Longest first: the stem drops one ending (Slovenian cases, English plural/gerund).
ENDINGS = ("ami", "ing", "ov", "om", "ih", "ah", "es", "i", "a", "e", "u", "o", "s")
_TERM = re.compile(r"[^\W_]+")
_SANITIZE = str.maketrans({START: " ", STOP: " ", "\x00": " "})
# Letters without a Unicode decomposition that both FTS5 and unaccent fold.
_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})


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


def _fts5_query(terms: Sequence[str]) -> str:
    return " AND ".join(f'"{t}"*' for t in terms)


def _tsquery(terms: Sequence[str]) -> str:
    return " & ".join(f"'{t}':*" for t in terms)


# --- visibility -------------------------------------------------------------------------


def _visible_q(user: Any) -> Q:
    """Public records for everyone; a person's own records; curators everything; experts
    everything except other people's drafts."""
    public = Q(status__in=Practice.PUBLIC)
    if user is None or not getattr(user, "is_authenticated", False):
        return public
    from microfuture.accounts.models import RoleGrant
    from microfuture.accounts.permissions import is_curator

    if is_curator(user):
        return Q()
    if RoleGrant.objects.filter(user=user, role=RoleGrant.Role.EXPERT).exists():
        return ~Q(status=Practice.Status.DRAFT) | Q(author=user)
    return public | Q(author=user)


def _visible(user: Any) -> QuerySet[Practice]:
    """The shared rule (selectors.visible_practices) once it exists, else `_visible_q`."""
    try:
        selectors = importlib.import_module("microfuture.practices.selectors")
    except ImportError:
        selectors = None
    visible_practices = getattr(selectors, "visible_practices", None)
    if visible_practices is not None:
        qs: QuerySet[Practice] = visible_practices(user)
        return qs
    return Practice.objects.filter(_visible_q(user))


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


def _facet_rows(p: Practice) -> list[tuple[int, str, str]]:
    rows: set[tuple[int, str, str]] = set()
    for facet, values in (("kind", p.mechanism_kinds), ("target_group", p.target_groups)):
        for value in values if isinstance(values, list) else []:
            if isinstance(value, str) and value.strip():
                rows.add((p.pk, facet, value.strip()[:120]))
    return sorted(rows)


def _alias(using: str | None) -> str:
    return using or router.db_for_write(Practice)


def _delete_rows(cursor: Any, vendor: str, ids: Sequence[int] | None) -> None:
    doc_table = "practices_search_fts" if vendor == "sqlite" else "practices_search_doc"
    doc_key = "rowid" if vendor == "sqlite" else "practice_id"
    if ids is None:
        cursor.execute(f"DELETE FROM {doc_table}")
        cursor.execute("DELETE FROM practices_search_facet")
        return
    for pk in ids:
        cursor.execute(f"DELETE FROM {doc_table} WHERE {doc_key} = %s", [pk])
        cursor.execute("DELETE FROM practices_search_facet WHERE practice_id = %s", [pk])


def _insert_rows(cursor: Any, vendor: str, practices: Sequence[Practice]) -> None:
    docs = [(p.pk, _document(p)) for p in practices]
    if vendor == "sqlite":
        cursor.executemany(
            f"INSERT INTO practices_search_fts (rowid, {', '.join(TEXT_COLUMNS)}) "
            f"VALUES (%s, {', '.join(['%s'] * len(TEXT_COLUMNS))})",
            [[pk, *(d[c] for c in TEXT_COLUMNS)] for pk, d in docs],
        )
    elif vendor == "postgresql":
        cfg = f"'{PG_CONFIG}'"
        cursor.executemany(
            f"INSERT INTO practices_search_doc (practice_id, {', '.join(TEXT_COLUMNS)}, document, "
            f"title_document) VALUES (%s, {', '.join(['%s'] * len(TEXT_COLUMNS))}, "
            f"setweight(to_tsvector({cfg}, %s), 'A') || setweight(to_tsvector({cfg}, %s), 'B')"
            f" || setweight(to_tsvector({cfg}, %s), 'C'), to_tsvector({cfg}, %s))",
            [
                [pk, *(d[c] for c in TEXT_COLUMNS),
                 _join([d["title_sl"], d["title_en"]]),
                 _join([d["summary_sl"], d["summary_en"], d["factors_sl"], d["factors_en"]]),
                 _join([d["body_sl"], d["body_en"]]),
                 _join([d["title_sl"], d["title_en"]])]
                for pk, d in docs
            ],
        )
    else:  # pragma: no cover - settings allow only these two
        raise NotImplementedError(f"Search is not implemented for {vendor}.")
    facet_rows = [row for p in practices for row in _facet_rows(p)]
    if facet_rows:
        cursor.executemany(
            "INSERT INTO practices_search_facet (practice_id, facet, value) VALUES (%s, %s, %s)",
            facet_rows,
        )


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


def remove_from_index(practice_id: int, *, using: str | None = None) -> None:
    alias = _alias(using)
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        _delete_rows(cursor, connection.vendor, [practice_id])


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


def _ids_sql(qs: QuerySet[Practice]) -> tuple[str, tuple[Any, ...]]:
    sql, params = qs.order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)


def _match_filter(vendor: str, terms: Sequence[str]) -> RawSQL:
    if vendor == "sqlite":
        return RawSQL(
            "SELECT rowid FROM practices_search_fts WHERE practices_search_fts MATCH %s",
            (_fts5_query(terms),),
        )
    return RawSQL(
        f"SELECT practice_id FROM practices_search_doc "
        f"WHERE document @@ to_tsquery('{PG_CONFIG}', %s)",
        (_tsquery(terms),),
    )


def _pg_match_ids(alias: str, terms: Sequence[str]) -> list[int]:
    """The ids of the documents matching `terms`, read once per search from the GIN index.

    `document @@ <constant tsquery>` without weights is answered by the index exactly (no
    recheck), so the bitmap heap scan never de-TOASTs a document (~6 ms for 10,000 matches).
    The planner cannot see that cost (it estimates 200 rows and prices `@@` like `=`), and on
    a broad query it picks a sequential scan that de-TOASTs every document (~30-45 ms): so
    sequential scans are switched off for this one statement (set_config(..., true) is
    transaction-local; the previous value is put back at once).
    """
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), "
                       "set_config('enable_seqscan', 'off', true)")
        row = cursor.fetchone()
        previous = str(row[0]) if row else "on"
        cursor.execute(
            f"SELECT practice_id FROM practices_search_doc "
            f"WHERE document @@ to_tsquery('{PG_CONFIG}'::regconfig, %s)",
            (_tsquery(terms),),
        )
        ids = [int(pk) for (pk,) in cursor.fetchall()]
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", (previous,))
    return ids


def _in_ids(ids: Sequence[int]) -> RawSQL:
    """`practices_practice.id = ANY(<one array parameter>)`, a filter condition: the planner
    sees the array's length and hashes it (one placeholder per id, or `IN (SELECT unnest(…))`
    estimated at 200 rows, make it look ids up one by one in the primary key)."""
    return RawSQL('"practices_practice"."id" = ANY(%s::bigint[])', (list(ids),),
                  output_field=BooleanField())


def _facet_filter(facet: str, value: str) -> RawSQL:
    return RawSQL(
        "SELECT practice_id FROM practices_search_facet WHERE facet = %s AND value = %s",
        (facet, value),
    )


def _filtered(base: QuerySet[Practice], selected: dict[str, Any],
              skip: str | None = None) -> QuerySet[Practice]:
    qs = base
    for facet, value in selected.items():
        if facet == skip or value in ("", None):
            continue
        if facet == "country":
            qs = qs.filter(country=value)
        elif facet == "status":
            qs = qs.filter(status=value)
        elif facet == "running":
            qs = qs.filter(ended_on__isnull=bool(value))
        else:
            qs = qs.filter(pk__in=_facet_filter(facet, value))
    return qs


def _sorted(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _count_and_facets(base: QuerySet[Practice], selected: dict[str, Any],
                      alias: str) -> tuple[int, dict[str, dict[str, int]]]:
    """The number of matches and every facet's counts, in ONE query.

    Each facet is counted over the matching visible set with the OTHER facets' selections
    applied (so a chosen country still shows how many match in the other countries). The
    visible, matching records are read once (`pm`: id, country, status, running and one flag
    per selected kind / target group); each facet is a branch of a UNION ALL over `pm` (or
    over the facet table joined to it) filtered by the other facets' flags, and one GROUP BY
    counts them all. Country, status and running come from the practices table itself.
    """
    connection = connections[alias]
    base_sql, base_params = base.order_by().values("pk", "country", "status", "ended_on") \
        .query.sql_with_params()
    cols = ["b.pk AS id", "b.country AS country", "b.status AS status",
            "b.ended_on IS NULL AS run"]
    col_params: list[Any] = []
    cond: dict[str, tuple[str, list[Any]]] = {}
    for facet in FACETS:
        value = selected.get(facet)
        if value in ("", None):
            continue
        if facet in ("country", "status"):
            cond[facet] = (f"pm.{facet} = %s", [value])
        elif facet == "running":
            cond[facet] = ("pm.run" if value else "NOT pm.run", [])
        else:
            cols.append(f"EXISTS (SELECT 1 FROM practices_search_facet s WHERE "
                        f"s.practice_id = b.pk AND s.facet = %s AND s.value = %s) AS ok_{facet}")
            col_params += [facet, value]
            cond[facet] = (f"pm.ok_{facet}", [])

    def where(facet: str) -> tuple[str, list[Any]]:
        parts = [c for f, c in cond.items() if f != facet]
        if not parts:
            return "", []
        return (" WHERE " + " AND ".join(sql for sql, _ in parts),
                [p for _, params in parts for p in params])

    branches: list[str] = []
    params: list[Any] = []
    # With neither kind nor target group selected, both facet-table branches have the same
    # filter: one scan of the facet table and one join serve both.
    merged = "kind" not in cond and "target_group" not in cond
    for facet in FACETS:
        if merged and facet == "target_group":
            continue
        clause, clause_params = where(facet)
        if facet in ("country", "status"):
            branches.append(f"SELECT '{facet}' AS facet, pm.{facet} AS value FROM pm{clause}")
        elif facet == "running":
            branches.append("SELECT 'running' AS facet, CASE WHEN pm.run THEN 'running' "
                            f"ELSE 'ended' END AS value FROM pm{clause}")
        else:
            extra = f" AND {clause[len(' WHERE '):]}" if clause else ""
            which = "IN ('kind', 'target_group')" if merged else f"= '{facet}'"
            branches.append(
                f"SELECT f.facet AS facet, f.value AS value FROM practices_search_facet f "
                f"JOIN pm ON f.practice_id = pm.id WHERE f.facet {which}{extra}"
            )
        params += clause_params
    materialized = "MATERIALIZED " if connection.vendor in ("sqlite", "postgresql") else ""
    sql = (f"WITH pm AS {materialized}(SELECT {', '.join(cols)} FROM ({base_sql}) b) "
           f"SELECT facet, value, COUNT(*) FROM ({' UNION ALL '.join(branches)}) x "
           "GROUP BY facet, value")
    out: dict[str, dict[str, int]] = {f: {} for f in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, (*col_params, *base_params, *params))
        for facet, value, n in cursor.fetchall():
            out[str(facet)][str(value)] = int(n)
    running = out.pop("running")
    running_value = selected.get("running")
    if running_value in ("", None):
        count = sum(running.values())
    else:
        count = running.get("running" if running_value else "ended", 0)
    facets = {f: _sorted(c) for f, c in out.items()}
    facets["running"] = {"running": running.get("running", 0), "ended": running.get("ended", 0)}
    return count, {f: facets[f] for f in FACETS}


def _mark(text: str) -> str:
    """Escape a text holding START/STOP markers; the markers become <mark>…</mark>."""
    escaped = html.escape(text, quote=True)
    # A cut-off snippet may hold an unmatched marker; keep the tags balanced.
    out: list[str] = []
    inside = False
    for ch in escaped:
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
        title_html=_mark(_pick(lang, {x: texts[x][0] for x in LANGS}, prefer_match=False)),
        summary_html=_mark(_pick(lang, {x: texts[x][1] for x in LANGS}, prefer_match=False)),
        snippet_html=_mark(_pick(lang, {x: texts[x][2] for x in LANGS}, prefer_match=False)),
        rank=0.0,
    )


def _document_lite(p: Practice, lang: str) -> tuple[str, str, str]:
    return (_clean(getattr(p, f"title_{lang}")), _clean(getattr(p, f"summary_{lang}")),
            _lead(getattr(p, f"description_{lang}")))


# A word as the tokenizers see it: letters and digits (plus combining marks, so a decomposed
# "z\u030c" stays one word); whitespace-separated chunks are the snippet's "words".
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_CHUNK = re.compile(r"\S+")
SNIPPET_WORDS = 24
SNIPPET_BEFORE = 8


@functools.lru_cache(maxsize=65536)
def _folded_parts(word: str) -> tuple[str, ...]:
    """The folded forms of one word token (folding may split it, e.g. "½" -> "1", "2")."""
    return tuple(_TERM.findall(fold(word)))


def _match_spans(text: str, terms: Sequence[str], *, first_only: bool = False
                 ) -> list[tuple[int, int]]:
    """(start, end) in `text` of every word whose folded form starts with one of `terms`."""
    spans: list[tuple[int, int]] = []
    prefixes = tuple(terms)
    for m in _WORD.finditer(text):
        if any(part.startswith(prefixes) for part in _folded_parts(m.group())):
            spans.append(m.span())
            if first_only:
                break
    return spans


def _insert_marks(text: str, spans: Sequence[tuple[int, int]], offset: int = 0) -> str:
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


def _marked(text: str, terms: Sequence[str]) -> str:
    """The whole text with every matching word between START and STOP."""
    return _insert_marks(text, _match_spans(text, terms))


def _snippet(text: str, terms: Sequence[str]) -> str:
    """About SNIPPET_WORDS words around the first match (the text's start when none), marked,
    with "…" where the text is cut."""
    first = _match_spans(text, terms, first_only=True)
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


def _highlights(alias: str, terms: Sequence[str],
                ids: Sequence[int]) -> dict[int, dict[str, dict[str, str]]]:
    """{practice_id: {"title"|"summary"|"snippet": {lang: marked text}}} for one page.

    The texts are read from the index table (exactly what `_document` indexed) and marked here
    in Python, the same way on both databases: only the page's rows are touched, and the
    prefix match runs once per word instead of once per row in the database.
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
    out: dict[int, dict[str, dict[str, str]]] = {}
    for pk, t_sl, t_en, s_sl, s_en, b_sl, b_en in rows:
        out[int(pk)] = {
            "title": {"sl": _marked(t_sl or "", terms), "en": _marked(t_en or "", terms)},
            "summary": {"sl": _marked(s_sl or "", terms), "en": _marked(s_en or "", terms)},
            "snippet": {"sl": _snippet(b_sl or "", terms), "en": _snippet(b_en or "", terms)},
        }
    return out


def _ranked_page(alias: str, terms: Sequence[str], qs: QuerySet[Practice],
                 offset: int, limit: int, matched: Sequence[int] | None = None
                 ) -> list[tuple[int, float]]:
    connection = connections[alias]
    sql, params = _ids_sql(qs)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                # Materialized first: with `rowid IN (…)` beside MATCH, SQLite re-runs the
                # full-text query per candidate row (seconds on 10,000 records).
                "WITH m AS MATERIALIZED (SELECT rowid AS id, "
                f"-bm25(practices_search_fts, {BM25_WEIGHTS}) AS score FROM practices_search_fts "
                "WHERE practices_search_fts MATCH %s) "
                f"SELECT id, score FROM m WHERE id IN ({sql}) "
                "ORDER BY score DESC, id LIMIT %s OFFSET %s",
                (_fts5_query(terms), *params, limit, offset),
            )
        else:
            return _pg_ranked_page(cursor, terms, matched or [], sql, params, offset, limit)
        return [(int(pk), float(score)) for pk, score in cursor.fetchall()]


def _tsquery_title(terms: Sequence[str]) -> str:
    """Any of the terms (in `title_document`, i.e. in a title: weight A of `document`)."""
    return " | ".join(f"'{t}':*" for t in terms)


def _pg_ranked_page(cursor: Any, terms: Sequence[str], matched: Sequence[int], ids_sql: str,
                    ids_params: Sequence[Any], offset: int, limit: int
                    ) -> list[tuple[int, float]]:
    """Title matches first, then body-only matches; each by ts_rank, then by id.

    `matched` holds the ids of the documents matching the query (`_pg_match_ids`, read once
    per search), so the match is not run again here. The title tier is
    `title_document @@ any-term` (the same rows as `document @@ 'term':*A | …`, from its own
    GIN index without rechecks); ts_rank is computed only over it as long as it fills the
    page; the body-only tier is ranked only when the title tier runs out before
    `offset + limit`, so a broad query does not rank every matching document.
    """
    rank = f"ts_rank('{TS_RANK_WEIGHTS}', document, to_tsquery('{PG_CONFIG}'::regconfig, %s))"
    head = (f"SELECT practice_id, {rank} AS score FROM practices_search_doc "
            f"WHERE practice_id = ANY(%s::bigint[]) AND practice_id IN ({ids_sql}) AND ")
    title = f"title_document @@ to_tsquery('{PG_CONFIG}'::regconfig, %s)"
    tail = " ORDER BY score DESC, practice_id LIMIT %s OFFSET %s"
    args = (_tsquery(terms), list(matched), *ids_params, _tsquery_title(terms))
    cursor.execute(head + title + tail, (*args, offset + limit, 0))
    titled = [(int(pk), float(score)) for pk, score in cursor.fetchall()]
    if len(titled) >= offset + limit:
        return titled[offset:]
    page = titled[offset:]
    cursor.execute(head + f"NOT {title}" + tail,
                   (*args, limit - len(page), max(0, offset - len(titled))))
    return page + [(int(pk), float(score)) for pk, score in cursor.fetchall()]


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

    Most relevant first when `q` holds a word, else by title in `lang`. Facet counts: see
    `_facets` (each facet ignores its own selection). Never raises on odd queries: a query
    with no word in it is no query.
    """
    lang = lang if lang in LANGS else "en"
    page = max(1, int(page))
    per_page = min(100, max(1, int(per_page)))
    offset = (page - 1) * per_page
    alias = router.db_for_read(Practice)
    vendor = connections[alias].vendor
    terms = parse_query(q)

    base = _visible(user)
    matched: list[int] | None = None
    if terms and vendor == "postgresql":
        # The match runs once; the count/facet and ranking queries get its ids as an array.
        matched = _pg_match_ids(alias, terms)
        base = base.filter(_in_ids(matched))
    elif terms:
        base = base.filter(pk__in=_match_filter(vendor, terms))
    selected: dict[str, Any] = {
        "country": (country or "").strip().upper(),
        "kind": (kind or "").strip(),
        "target_group": (target_group or "").strip(),
        "status": (status or "").strip(),
        "running": running,
    }
    matching = _filtered(base, selected)
    count, facets = _count_and_facets(base, selected, alias)

    hits: list[Hit] = []
    if terms:
        unranked = _filtered(_visible(user), selected)
        page_ids = _ranked_page(alias, terms, unranked, offset, per_page, matched)
        records = Practice.objects.using(alias).in_bulk([pk for pk, _ in page_ids])
        marks = _highlights(alias, terms, [pk for pk, _ in page_ids])
        for pk, score in page_ids:
            practice = records.get(pk)
            if practice is None:
                continue
            m = marks.get(pk)
            if m is None:
                hits.append(_plain_hit(practice, lang))
                continue
            snippet = _pick(lang, m["snippet"], prefer_match=True)
            hits.append(Hit(
                practice=practice,
                title_html=_mark(_pick(lang, m["title"], prefer_match=False)),
                summary_html=_mark(_pick(lang, m["summary"], prefer_match=False)),
                snippet_html=_mark(snippet.replace("\n", " ")),
                rank=score,
            ))
    else:
        other = "sl" if lang == "en" else "en"
        title = Lower(Coalesce(NullIf(f"title_{lang}", Value("")), f"title_{other}"))
        # Ids first: sorting whole rows (long texts) costs far more than sorting ids.
        ids = list(matching.order_by(title, "pk").values_list("pk", flat=True)
                   [offset:offset + per_page])
        records = Practice.objects.using(alias).in_bulk(ids)
        hits = [_plain_hit(records[pk], lang) for pk in ids if pk in records]
    return SearchResult(count=count, results=hits, facets=facets, page=page, per_page=per_page)
