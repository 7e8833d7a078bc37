"""Facet filters and counts in memory (search_facets.py) and how the copy follows the database.

The counting rule is checked against a plain re-computation on generated libraries
(Hypothesis); the visibility rule against `selectors.visible_practices`; and the copy's
freshness (a change, a rolled-back change, a flushed token table, a bulk update behind the
signals' back) through `search()` on the database under test.
"""

from __future__ import annotations

import contextlib
import random
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from microfuture.conftest import make_user
from microfuture.practices import search_facets
from microfuture.practices.models import Practice, SearchState
from microfuture.practices.search import search
from microfuture.practices.selectors import Visibility, visibility, visible_practices

ANON = AnonymousUser()
STATUSES = ["draft", "submitted", "approved", "validated"]
COUNTRIES = ["SI", "FR", "IT"]
KINDS = ["grant", "loan", "microloan"]
GROUPS = ["youth", "women"]

# --- the counting rule, against a plain re-computation -----------------------------------

values = st.lists(st.sampled_from([*KINDS, " grant ", "", 5, None]), max_size=3)
rows = st.lists(
    st.tuples(
        st.sampled_from(COUNTRIES), st.sampled_from(STATUSES), st.booleans(),
        st.sampled_from([None, 1, 2]), st.sampled_from(["", "Zadruga", "čebele", "Ana", "ana"]),
        st.sampled_from(["", "Bees", "apple", "Zoo"]), values,
        st.lists(st.sampled_from(GROUPS), max_size=2),
    ),
    max_size=25,
)
selections = st.fixed_dictionaries({
    "country": st.sampled_from(["", *COUNTRIES, "DE"]),
    "kind": st.sampled_from(["", *KINDS]),
    "target_group": st.sampled_from(["", *GROUPS]),
    "status": st.sampled_from(["", *STATUSES]),
    "running": st.sampled_from([None, True, False]),
})
rules = st.builds(Visibility, everything=st.booleans(),
                  statuses=st.frozensets(st.sampled_from(STATUSES)),
                  author_id=st.sampled_from([None, 1, 2]))


def facet_values(row: tuple[Any, ...]) -> dict[str, set[str]]:
    _, country, status, ended_on, _, _, _, kinds, groups = row
    return {
        "country": {country},
        "status": {status},
        "running": {"running" if ended_on is None else "ended"},
        "kind": {k.strip() for k in kinds if isinstance(k, str) and k.strip()},
        "target_group": {g.strip() for g in groups if isinstance(g, str) and g.strip()},
    }


def plain_counts(records: list[tuple[Any, ...]], selected: dict[str, Any]
                 ) -> tuple[int, dict[str, dict[str, int]]]:
    chosen = {f: ("running" if v else "ended") if f == "running" else v
              for f, v in selected.items() if v not in ("", None)}

    def passes(row: tuple[Any, ...], skip: str | None) -> bool:
        have = facet_values(row)
        return all(v in have[f] for f, v in chosen.items() if f != skip)

    total = sum(1 for r in records if passes(r, None))
    facets: dict[str, dict[str, int]] = {}
    for facet in search_facets.FACETS:
        found: dict[str, int] = {}
        for r in records:
            if passes(r, facet):
                for v in facet_values(r)[facet]:
                    found[v] = found.get(v, 0) + 1
        if facet == "running":
            facets[facet] = {"running": found.get("running", 0), "ended": found.get("ended", 0)}
        else:
            facets[facet] = dict(sorted(found.items(), key=lambda vn: (-vn[1], vn[0])))
    return total, facets


@settings(max_examples=300, deadline=None)
@given(rows=rows, selected=selections, rule=rules, seed=st.integers(0, 10_000))
def test_counts_equal_a_plain_recount(rows: list[tuple[Any, ...]], selected: dict[str, Any],
                                      rule: Visibility, seed: int) -> None:
    rng = random.Random(seed)
    ids = sorted(rng.sample(range(1, 1000), len(rows)))
    records = [(pk, c, s, date(2020, 1, 1) if ended else None, a, t_sl, t_en, k, g)
               for pk, (c, s, ended, a, t_sl, t_en, k, g) in zip(ids, rows, strict=True)]
    matched = {pk for pk in ids if rng.random() < 0.7} | {4242}  # 4242: unknown to the copy
    lib = search_facets.from_rows("t", records)

    base = search_facets.visible_mask(lib, rule) & search_facets.mask_of(lib, matched)
    got = search_facets.counts(lib, base, search_facets.selection(lib, selected))

    def visible(r: tuple[Any, ...]) -> bool:
        return rule.everything or r[2] in rule.statuses or (
            rule.author_id is not None and r[4] == rule.author_id)

    seen = [r for r in records if visible(r) and r[0] in matched]
    assert got == plain_counts(seen, selected)


@settings(max_examples=200, deadline=None)
@given(rows=rows, lang=st.sampled_from(["sl", "en", "xx"]), offset=st.integers(0, 30),
       limit=st.integers(1, 30))
def test_title_page_is_a_slice_of_the_title_order(rows: list[tuple[Any, ...]], lang: str,
                                                  offset: int, limit: int) -> None:
    records = [(pk, c, s, None, a, t_sl, t_en, k, g)
               for pk, (c, s, _, a, t_sl, t_en, k, g) in enumerate(rows, start=1)]
    lib = search_facets.from_rows("t", records)
    keep = {r[0] for r in records if r[0] % 3}
    got = search_facets.title_page(lib, search_facets.mask_of(lib, keep), lang, offset, limit)

    from microfuture.kernel.collation import slovenian_key

    def key(r: tuple[Any, ...]) -> tuple[object, ...]:
        here, other = (r[5], r[6]) if lang == "sl" else (r[6], r[5])
        title = here or other
        return (*(slovenian_key(title) if lang == "sl" else (title.casefold(), title)), r[0])

    expected = [r[0] for r in sorted(records, key=key) if r[0] in keep]
    assert got == expected[offset:offset + limit]


def test_slovenian_titles_follow_the_slovenian_alphabet() -> None:
    titles = ["Zadruga", "Čebele", "Cvetje", "Šola", "Sadje", "Žito"]
    records: list[tuple[Any, ...]] = [(i, "SI", "approved", None, None, t, "", [], []) for i, t in
               enumerate(titles, start=1)]
    lib = search_facets.from_rows("t", records)
    page = search_facets.title_page(lib, lib.everything, "sl", 0, 10)
    assert [titles[pk - 1] for pk in page] == ["Cvetje", "Čebele", "Sadje", "Šola", "Zadruga",
                                               "Žito"]


# --- the visibility rule is the selectors' one ------------------------------------------


def make(slug: str, **fields: Any) -> Practice:
    fields.setdefault("country", "SI")
    fields.setdefault("status", Practice.Status.APPROVED)
    fields.setdefault("title_en", slug.replace("-", " "))
    return Practice.objects.create(slug=slug, **fields)


@pytest.mark.django_db
def test_visible_mask_is_visible_practices(curator: Any, outsider: Any) -> None:
    from microfuture.accounts.models import RoleGrant

    author = make_user("author")
    expert = make_user("expert")
    RoleGrant.objects.create(user=expert, role=RoleGrant.Role.EXPERT)
    for status in STATUSES:
        make(f"{status}-by-author", status=status, author=author)
        make(f"{status}-by-expert", status=status, author=expert)
        make(f"{status}-by-nobody", status=status)
    lib = search_facets.library("default")
    for user in (AnonymousUser(), author, expert, outsider, curator):
        mask = search_facets.visible_mask(lib, visibility(user))
        members = search_facets.Members(lib, mask)
        expected = set(visible_practices(user).values_list("pk", flat=True))
        assert {pk for pk in lib.ids if pk in members} == expected, user
        assert search(user=user, per_page=100).count == len(expected)


# --- the copy follows the database ------------------------------------------------------


@pytest.mark.django_db
def test_every_change_is_seen_by_the_next_search() -> None:
    first = make("first", mechanism_kinds=["grant"])
    assert search(user=ANON).facets["kind"] == {"grant": 1}
    token = SearchState.objects.get().token
    first.mechanism_kinds = ["loan"]
    first.save()
    assert SearchState.objects.get().token != token
    assert search(user=ANON).facets["kind"] == {"loan": 1}
    first.delete()
    assert search(user=ANON).count == 0


@pytest.mark.django_db
def test_a_rolled_back_change_is_not_kept() -> None:
    make("kept")
    with contextlib.suppress(RuntimeError), transaction.atomic():
        make("rolled-back", country="FR")
        assert search(user=ANON).facets["country"] == {"FR": 1, "SI": 1}
        raise RuntimeError
    assert search(user=ANON).facets["country"] == {"SI": 1}
    assert [h.practice.slug for h in search(user=ANON).results] == ["kept"]


@pytest.mark.django_db
def test_a_flushed_token_table_starts_a_new_token() -> None:
    make("one")
    assert search(user=ANON).count == 1
    SearchState.objects.all().delete()  # what a test database's flush does
    Practice.objects.bulk_create([Practice(slug="two", title_en="two", country="SI",
                                           status=Practice.Status.APPROVED)])
    assert search(user=ANON).count == 2
    assert SearchState.objects.count() == 1


@pytest.mark.django_db
def test_a_stale_copy_never_shows_a_record_that_is_no_longer_visible() -> None:
    make("open-record")
    make("closing-record")
    assert search(user=ANON).count == 2
    # A bulk update sends no signal, so the copy is stale until the next re-index; the page's
    # records are still read through the visibility rule.
    Practice.objects.filter(slug="closing-record").update(status=Practice.Status.DRAFT)
    assert [h.practice.slug for h in search(user=ANON).results] == ["open-record"]


# --- the ranking's title tier -----------------------------------------------------------

title_texts = st.text(alphabet="abc čšž ABČ-", max_size=12)


@settings(max_examples=300, deadline=None)
@given(titles=st.lists(st.tuples(title_texts, title_texts), max_size=20),
       q=st.text(alphabet="abcčš ", max_size=6), seed=st.integers(0, 1000),
       offset=st.integers(0, 12), limit=st.integers(1, 12))
def test_title_tier_orders_by_words_held_then_title_length(
        titles: list[tuple[str, str]], q: str, seed: int, offset: int, limit: int) -> None:
    from microfuture.practices.search_text import parse_query, words

    terms = parse_query(q)
    rows: list[tuple[Any, ...]] = [(pk, "SI", "approved", None, None, t_sl, t_en, [], [])
            for pk, (t_sl, t_en) in enumerate(titles, start=1)]
    lib = search_facets.from_rows("t", rows)
    rng = random.Random(seed)
    allowed_ids = {pk for pk in lib.ids if rng.random() < 0.8}
    page, size = search_facets.title_tier(lib, search_facets.title_masks(lib, terms),
                                          search_facets.mask_of(lib, allowed_ids), offset, limit)

    plain = []
    for pk, _, _, _, _, t_sl, t_en, _, _ in rows:
        found = words(t_sl) + words(t_en)
        held = sum(1 for t in terms if any(w.startswith(t) for w in found))
        if pk in allowed_ids and held:
            plain.append((-held, len(found), pk))
    plain.sort()
    assert size == len(plain)
    assert [pk for pk, _ in page] == [pk for _, _, pk in plain][offset:offset + limit]
    scores = [score for _, score in page]
    assert scores == sorted(scores, reverse=True)
