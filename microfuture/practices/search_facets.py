"""Facet filters and counts of the library search, and its title tier, in memory
(docs/practices-search.md).

Counting five facets in SQL over the thousands of records a broad query matches took 20–70 ms
a search. Instead every process keeps a compact copy of what filtering and counting need: for
each practice its country, status, running/ended, mechanism kinds, target groups, author and
titles, held as bitsets (a Python int whose bit i stands for the i-th practice by id). A
search turns its matching ids into one bitset, and every facet count is an AND of bitsets and
`int.bit_count()`: microseconds per facet value, whatever the number of matches. The folded
words of the titles are kept as a sorted word list with each word's records, so the records
with a title word starting with a query term are found by bisection, without the database.

The copy follows the database: every change to the search index (search.py) writes a new
random token into `SearchState` in the same transaction; each search reads the token (one
small query) and reloads the copy when it differs. A random token, not a counter, so that a
copy built inside a transaction that was then rolled back can never be taken for current.
"""

from __future__ import annotations

import bisect
import heapq
import uuid
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from microfuture.kernel.collation import name_key
from microfuture.practices.models import Practice, SearchState
from microfuture.practices.search_text import words
from microfuture.practices.selectors import Visibility

__all__ = [
    "FACETS",
    "Library",
    "Members",
    "clean_values",
    "counts",
    "from_rows",
    "library",
    "mask_of",
    "new_token",
    "positions",
    "selection",
    "title_masks",
    "title_page",
    "title_tier",
    "visible_mask",
]

FACETS = ("country", "kind", "target_group", "status", "running")
LANGS = ("sl", "en")
VALUE_MAX = 120


@dataclass(frozen=True)
class Library:
    """The practices of one database as bitsets; `token` is the SearchState it was read at."""

    token: str | None
    ids: tuple[int, ...]  # ascending; bit i of every mask stands for ids[i]
    positions: dict[int, int]  # id -> i
    values: dict[str, dict[str, int]]  # facet -> value -> mask
    authors: dict[int, int]  # author id -> mask
    title_order: dict[str, tuple[int, ...]]  # lang -> positions, by title in that language
    title_rank: dict[str, array[int]]  # lang -> per position, its place in title_order
    title_words: tuple[str, ...]  # every folded word of the titles (both languages), sorted
    title_postings: tuple[array[int], ...]  # per word: the positions whose titles hold it
    title_lengths: array[int]  # per position: the number of words in its titles
    by_title_length: tuple[int, ...]  # positions, by the number of words in their titles

    @property
    def everything(self) -> int:
        return (1 << len(self.ids)) - 1


class Members:
    """Fast `id in mask` for one mask (a bytes copy instead of shifting a big int)."""

    def __init__(self, lib: Library, mask: int) -> None:
        self._positions = lib.positions
        self._bits = mask.to_bytes((len(lib.ids) + 7) // 8 or 1, "little")

    def __contains__(self, pk: object) -> bool:
        i = self._positions.get(pk)  # type: ignore[call-overload]
        return i is not None and bool(self._bits[i >> 3] >> (i & 7) & 1)


_cache: dict[str, Library] = {}


def new_token() -> str:
    return uuid.uuid4().hex


def library(alias: str) -> Library:
    """The current copy for database `alias`, reloaded when the library changed."""
    token = _token(alias)
    if token is None:  # a new or flushed database: start a token
        SearchState.objects.using(alias).bulk_create(
            [SearchState(pk=SearchState.ONLY, token=new_token())], ignore_conflicts=True
        )
        token = _token(alias)
    cached = _cache.get(alias)
    if cached is not None and token is not None and cached.token == token:
        return cached
    # The token is read before the records: a change committed in between makes the copy
    # newer than its token, and the next search, seeing the new token, reloads it.
    fresh = _load(alias, token)
    if token is not None:
        _cache[alias] = fresh
    return fresh


def _token(alias: str) -> str | None:
    return (SearchState.objects.using(alias).filter(pk=SearchState.ONLY)
            .values_list("token", flat=True).first())


def clean_values(values: Any) -> set[str]:
    """A record's mechanism kinds or target groups as facet values: strings, stripped, at
    most 120 characters."""
    if not isinstance(values, list):
        return set()
    return {v.strip()[:VALUE_MAX] for v in values if isinstance(v, str) and v.strip()}


def _title_key(lang: str, title: str) -> tuple[object, ...]:
    return name_key(title, lang)


def _load(alias: str, token: str | None) -> Library:
    rows = Practice.objects.using(alias).order_by("pk").values_list(
        "pk", "country", "status", "ended_on", "author_id", "title_sl", "title_en",
        "mechanism_kinds", "target_groups",
    )
    return from_rows(token, list(rows))


def from_rows(token: str | None, rows: Sequence[tuple[Any, ...]]) -> Library:
    """The copy of `rows` (pk, country, status, ended_on, author_id, title_sl, title_en,
    mechanism_kinds, target_groups), in ascending pk order."""
    members: dict[tuple[str, str], list[int]] = {}
    by_author: dict[int, list[int]] = {}
    titles: dict[str, list[tuple[tuple[object, ...], int, int]]] = {lang: [] for lang in LANGS}
    postings: dict[str, array[int]] = {}
    lengths: list[tuple[int, int]] = []
    for i, (pk, country, status, ended_on, author_id, title_sl, title_en, kinds,
            groups) in enumerate(rows):
        keys = [("country", country), ("status", status),
                ("running", "running" if ended_on is None else "ended")]
        keys += [("kind", v) for v in clean_values(kinds)]
        keys += [("target_group", v) for v in clean_values(groups)]
        for key in keys:
            members.setdefault(key, []).append(i)
        if author_id is not None:
            by_author.setdefault(author_id, []).append(i)
        title_sl, title_en = title_sl or "", title_en or ""
        titles["sl"].append((_title_key("sl", title_sl or title_en), pk, i))
        titles["en"].append((_title_key("en", title_en or title_sl), pk, i))
        found = words(title_sl) + words(title_en)
        for word in set(found):
            postings.setdefault(word, array("I")).append(i)
        lengths.append((len(found), i))

    order = {lang: tuple(i for _, _, i in sorted(keys)) for lang, keys in titles.items()}
    values: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for (facet, value), at in members.items():
        values[facet][value] = _mask(len(rows), at)
    return Library(
        token=token,
        ids=tuple(row[0] for row in rows),
        positions={row[0]: i for i, row in enumerate(rows)},
        values=values,
        authors={author: _mask(len(rows), at) for author, at in by_author.items()},
        title_order=order,
        title_rank={lang: _ranks(positions_in_order) for lang, positions_in_order in order.items()},
        title_words=tuple(sorted(postings)),
        title_postings=tuple(postings[word] for word in sorted(postings)),
        title_lengths=array("I", (n for n, _ in lengths)),
        by_title_length=tuple(i for _, i in sorted(lengths)),
    )


_BITS = tuple(tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256))


def positions(lib: Library, mask: int) -> list[int]:
    """The positions of `mask`'s records, ascending (a pass over its bytes, not its bits)."""
    out: list[int] = []
    for at, byte in enumerate(mask.to_bytes((len(lib.ids) + 7) // 8 or 1, "little")):
        if byte:
            base = at * 8
            out.extend(base + bit for bit in _BITS[byte])
    return out


def _sparse(lib: Library, count: int) -> bool:
    """Few enough records to sort them, rather than walk a whole precomputed order."""
    return count * 8 < len(lib.ids)


def _ranks(order: Sequence[int]) -> array[int]:
    ranks = array("I", bytes(4 * len(order)))
    for place, i in enumerate(order):
        ranks[i] = place
    return ranks


def _mask(size: int, at: Iterable[int]) -> int:
    """The bitset of the positions `at` among `size` records."""
    bits = bytearray((size + 7) // 8 or 1)
    for i in at:
        bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


def mask_of(lib: Library, ids: Iterable[int]) -> int:
    """The bitset of `ids` (ids the copy does not know are left out)."""
    get = lib.positions.get
    return _mask(len(lib.ids), (i for i in map(get, ids) if i is not None))


def visible_mask(lib: Library, rule: Visibility) -> int:
    """The records `rule` (selectors.visibility) lets a person see."""
    if rule.everything:
        return lib.everything
    mask = 0
    for status in rule.statuses:
        mask |= lib.values["status"].get(status, 0)
    if rule.author_id is not None:
        mask |= lib.authors.get(rule.author_id, 0)
    return mask


def selection(lib: Library, selected: Mapping[str, Any]) -> dict[str, int]:
    """facet -> the mask of its selected value, for every facet with a selection. `running`
    is True (running), False (ended) or None; an unknown value selects nothing."""
    chosen: dict[str, int] = {}
    for facet in FACETS:
        value = selected.get(facet)
        if value in ("", None):
            continue
        if facet == "running":
            value = "running" if value else "ended"
        chosen[facet] = lib.values[facet].get(str(value), 0)
    return chosen


def _and(base: int, masks: Iterable[int]) -> int:
    for mask in masks:
        base &= mask
    return base


def counts(lib: Library, base: int, chosen: Mapping[str, int]
           ) -> tuple[int, dict[str, dict[str, int]]]:
    """(number of results, facet counts) for the records in `base` (visible and matching).

    Each facet is counted with every OTHER facet's selection applied but not its own, so a
    chosen country still shows how many match in the other countries. Values with no record
    are left out, largest count first; `running` always has both keys.
    """
    total = _and(base, chosen.values()).bit_count()
    facets: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        scope = _and(base, (m for f, m in chosen.items() if f != facet))
        found = {value: (scope & mask).bit_count() for value, mask in lib.values[facet].items()}
        if facet == "running":
            facets[facet] = {"running": found.get("running", 0), "ended": found.get("ended", 0)}
        else:
            facets[facet] = dict(sorted(((v, n) for v, n in found.items() if n),
                                        key=lambda vn: (-vn[1], vn[0])))
    return total, facets


def title_page(lib: Library, mask: int, lang: str, offset: int, limit: int) -> list[int]:
    """Ids of `mask`'s records `offset` … `offset + limit` in title order (in `lang`, else the
    other language; Slovenian alphabet for sl), ties by id."""
    order = lib.title_order[lang if lang in LANGS else "en"]
    if _sparse(lib, mask.bit_count()):
        rank = lib.title_rank[lang if lang in LANGS else "en"]
        chosen = heapq.nsmallest(offset + limit, positions(lib, mask), key=rank.__getitem__)
        return [lib.ids[i] for i in chosen[offset:]]
    members = Members(lib, mask)
    out: list[int] = []
    skipped = 0
    for i in order:
        pk = lib.ids[i]
        if pk not in members:
            continue
        if skipped < offset:
            skipped += 1
            continue
        out.append(pk)
        if len(out) >= limit:
            break
    return out


def title_masks(lib: Library, terms: Sequence[str]) -> list[int]:
    """Per term, the records with a title word starting with it (the words highlighting marks)."""
    size = (len(lib.ids) + 7) // 8 or 1
    masks = []
    for term in terms:
        bits = bytearray(size)
        at = bisect.bisect_left(lib.title_words, term)
        while at < len(lib.title_words) and lib.title_words[at].startswith(term):
            for i in lib.title_postings[at]:
                bits[i >> 3] |= 1 << (i & 7)
            at += 1
        masks.append(int.from_bytes(bits, "little"))
    return masks


def title_tier(lib: Library, term_masks: Sequence[int], allowed: int, offset: int, limit: int
               ) -> tuple[list[tuple[int, float]], int]:
    """(page, size) of the ranking's title tier: the `allowed` records with a query word in a
    title, those holding more of the query's words first, then those with shorter titles
    (both languages' words counted), then by id. The score of a record holding c of the words
    with titles of n words is c + 1 / (n + 1), so it orders exactly as the page does."""
    n = len(term_masks)
    # at_least[c]: the allowed records whose titles hold c or more of the words.
    at_least = [allowed] + [0] * n
    for mask in term_masks:
        for c in range(n, 0, -1):
            at_least[c] |= at_least[c - 1] & mask
    size = at_least[1].bit_count() if n else 0
    page: list[tuple[int, float]] = []
    skip = offset
    for c in range(n, 0, -1):
        if len(page) >= limit:
            break
        group = at_least[c] & ~(at_least[c + 1] if c < n else 0)
        count = group.bit_count()
        if skip >= count:
            skip -= count
            continue
        wanted = skip + limit - len(page)
        if _sparse(lib, count):
            lengths = lib.title_lengths
            chosen = heapq.nsmallest(wanted, positions(lib, group),
                                     key=lambda i: (lengths[i], i))
        else:
            members = Members(lib, group)
            chosen = []
            for i in lib.by_title_length:
                if lib.ids[i] in members:
                    chosen.append(i)
                    if len(chosen) >= wanted:
                        break
        page += [(lib.ids[i], c + 1 / (1 + lib.title_lengths[i])) for i in chosen[skip:]]
        skip = 0
    return page, size
