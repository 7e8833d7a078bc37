"""Search over the good-practice library (spec §4; search.py).

The same assertions run on SQLite (FTS5) and on PostgreSQL (tsvector): run this file once
plainly and once with DATABASE_URL pointing at PostgreSQL.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection

from microfuture.conftest import make_user
from microfuture.practices import search as search_module
from microfuture.practices.models import Indicator, Practice, PracticeFactor, SuccessFactor
from microfuture.practices.search import parse_query, reindex_all, search

pytestmark = pytest.mark.django_db

APPROVED = Practice.Status.APPROVED


def make(slug: str, **fields: Any) -> Practice:
    fields.setdefault("country", "SI")
    fields.setdefault("status", APPROVED)
    if not fields.get("title_en") and not fields.get("title_sl"):
        fields["title_en"] = slug
    return Practice.objects.create(slug=slug, **fields)


@pytest.fixture
def author(db: Any) -> Any:
    return make_user("author", full_name="Ana Avtorica")


@pytest.fixture
def expert(db: Any) -> Any:
    from microfuture.accounts.models import RoleGrant

    user = make_user("expert", full_name="Eva Ekspertka")
    RoleGrant.objects.create(user=user, role=RoleGrant.Role.EXPERT)
    return user


@pytest.fixture
def library(author: Any) -> dict[str, Practice]:
    return build_library(author)


def build_library(author: Any) -> dict[str, Practice]:
    """Eight practices in two languages, two factors and an indicator (shared with the API
    tests)."""
    trust = SuccessFactor.objects.create(key="trust", name_sl="Zaupanje v skupnosti",
                                         name_en="Community trust", category="social")
    law = SuccessFactor.objects.create(key="law", name_sl="Zakon o zadrugah",
                                       name_en="Cooperative law", category="legal")
    p = {
        "title": make("microcredit-clubs", country="FR",
                      title_en="Microcredit clubs for young farmers",
                      title_sl="Mikrokrediti za mlade kmete",
                      summary_en="Small loans from neighbours.",
                      summary_sl="Majhna posojila sosedov.",
                      description_en="Farmers lend to each other.",
                      mechanism_kinds=["microloan", "savings_club"], target_groups=["youth"]),
        "body": make("neighbourhood-savings", country="FR",
                     title_en="Neighbourhood savings", title_sl="Sosedsko varčevanje",
                     description_en="A fund that also gives a microcredit now and then.",
                     description_sl="Sklad, ki občasno da tudi kakšen mikrokredit.",
                     mechanism_kinds=["savings_club"], target_groups=["women"]),
        "coop": make("posocje-coop", title_sl="Zadružništvo v Posočju",
                     title_en="Cooperatives of the Soča valley",
                     summary_sl="Zadruga za kmete in rokodelce.",
                     description_sl="Podeljujejo mikrokreditov več vrst.",
                     mechanism_kinds=["grant"], target_groups=["youth", "farmers"],
                     ended_on=date(2020, 12, 31)),
        "bees": make("bees", country="IT", status=Practice.Status.VALIDATED,
                     title_sl="Čebelarstvo kot dodatni dohodek", title_en="Beekeeping income",
                     evidence_sl="Panji so se podvojili.", mechanism_kinds=["grant"]),
        "ascii": make("ascii-written", title_en="Cebelarstvo notes",
                      description_sl="Zapisano brez strešic: zadruznistvo in cebelarstvo."),
        "html": make("html-record", country="IT",
                     title_en='<script>alert("x")</script> Bee <b>club</b> & friends',
                     summary_en="<img src=x onerror=alert(1)> clubs for bees \ue000sneaky\ue001",
                     description_en="<iframe>bee</iframe> everywhere"),
        "draft": make("secret-draft", status=Practice.Status.DRAFT, author=author,
                      title_en="Secret microcredit draft"),
        "submitted": make("submitted-one", status=Practice.Status.SUBMITTED,
                          title_en="Submitted microcredit idea"),
    }
    PracticeFactor.objects.create(practice=p["title"], factor=trust, weight=3)
    PracticeFactor.objects.create(practice=p["coop"], factor=law, weight=2)
    Indicator.objects.create(practice=p["bees"], name_en="Hives kept", name_sl="Število panjev",
                             value="120")
    return p


def slugs(result: Any) -> list[str]:
    return [h.practice.slug for h in result.results]


def anon() -> Any:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


# --- the index is the vendor's own ------------------------------------------------------


def test_index_structures_exist_for_this_database(library: dict[str, Practice]) -> None:
    table = "practices_search_fts" if connection.vendor == "sqlite" else "practices_search_doc"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - a constant name
        assert cursor.fetchone()[0] == Practice.objects.count()
    assert connection.vendor in ("sqlite", "postgresql")


# --- relevance, inflections, diacritics, plurals ---------------------------------------


def test_title_match_outranks_description_match(library: dict[str, Practice]) -> None:
    result = search(user=anon(), q="microcredit")
    assert slugs(result)[:2] == ["microcredit-clubs", "neighbourhood-savings"]
    assert result.results[0].rank > result.results[1].rank


def test_the_second_tier_is_ordered_the_same_with_or_without_filters(
        library: dict[str, Practice]) -> None:
    # "microcredit" is in one title; the others match in their texts only and are ranked by
    # the database's score, which a filter must not change.
    for extra in range(6):
        make(f"body-{extra}", country="FR" if extra % 2 else "IT",
             mechanism_kinds=["grant"] if extra % 3 else ["loan"],
             description_en="microcredit " * (extra + 1) + "and other words " * extra)
    everything = slugs(search(user=anon(), q="microcredit", per_page=100))
    assert everything[0] == "microcredit-clubs" and len(everything) == 8
    by_slug = {p.slug: p for p in Practice.objects.all()}
    for filters in ({"country": "FR"}, {"kind": "grant"}, {"country": "IT", "kind": "grant"},
                    {"running": True}):
        kept = [s for s in everything if all(
            (f == "country" and by_slug[s].country == v)
            or (f == "kind" and v in by_slug[s].mechanism_kinds)
            or (f == "running" and by_slug[s].ended_on is None) for f, v in filters.items())]
        for page_size in (1, 2, 100):
            found = [s for page in range(1, 12) for s in slugs(
                search(user=anon(), q="microcredit", per_page=page_size, page=page, **filters))]
            assert found == kept, (filters, page_size)


def test_facet_tokens_are_not_words(library: dict[str, Practice]) -> None:
    token = search_module.facet_token("country", "FR")
    assert search(user=anon(), q=token).count == 0
    assert search(user=anon(), q=token[:3]).count == 0
    # A one-letter query matches words, not the facet tokens that start with the same letter.
    from microfuture.practices.search_text import words

    def has_a_c_word(p: Practice) -> bool:
        texts = [getattr(p, f"{field}_{lang}") for lang in ("sl", "en") for field in
                 ("title", "summary", "description", "evidence")]
        texts += [i.name_sl + " " + i.name_en for i in p.indicators.all()]
        texts += [f.factor.name_sl + " " + f.factor.name_en for f in p.practice_factors.all()]
        return any(w.startswith("c") for text in texts for w in words(text))

    expected = {p.slug for p in Practice.objects.filter(status__in=Practice.PUBLIC)
                if has_a_c_word(p)}
    assert "neighbourhood-savings" not in expected and "microcredit-clubs" in expected
    assert set(slugs(search(user=anon(), q="c", per_page=100))) == expected


def test_slovenian_inflections(library: dict[str, Practice]) -> None:
    assert "microcredit-clubs" in slugs(search(user=anon(), q="mikrokredit"))
    found = slugs(search(user=anon(), q="mikrokrediti"))
    # "mikrokrediti" (title), "mikrokredit" (description), "mikrokreditov" (description)
    assert {"microcredit-clubs", "neighbourhood-savings", "posocje-coop"} <= set(found)
    assert "posocje-coop" in slugs(search(user=anon(), q="zadrugami"))
    assert "posocje-coop" in slugs(search(user=anon(), q="zadruga"))


def test_diacritics_both_ways(library: dict[str, Practice]) -> None:
    assert set(slugs(search(user=anon(), q="zadruznistvo"))) == {"posocje-coop", "ascii-written"}
    assert set(slugs(search(user=anon(), q="zadružništvo"))) == {"posocje-coop", "ascii-written"}
    assert set(slugs(search(user=anon(), q="cebelarstvo"))) == {"bees", "ascii-written"}
    assert set(slugs(search(user=anon(), q="ČEBELARSTVO"))) == {"bees", "ascii-written"}


def test_english_plurals_and_prefixes(library: dict[str, Practice]) -> None:
    assert "microcredit-clubs" in slugs(search(user=anon(), q="club"))
    assert "microcredit-clubs" in slugs(search(user=anon(), q="clubs"))
    assert "microcredit-clubs" in slugs(search(user=anon(), q="farmer"))
    assert slugs(search(user=anon(), q="micro"))[0] == "microcredit-clubs"


def test_words_are_anded(library: dict[str, Practice]) -> None:
    assert slugs(search(user=anon(), q="microcredit young")) == ["microcredit-clubs"]
    assert slugs(search(user=anon(), q="microcredit Soča")) == []


def test_factors_and_evidence_and_indicators_are_searched(library: dict[str, Practice]) -> None:
    assert slugs(search(user=anon(), q="community trust")) == ["microcredit-clubs"]
    assert slugs(search(user=anon(), q="zaupanje")) == ["microcredit-clubs"]
    assert slugs(search(user=anon(), q="panji")) == ["bees"]
    assert slugs(search(user=anon(), q="hives")) == ["bees"]


def test_parse_query() -> None:
    assert parse_query("Mikrokrediti, zadrugami!") == ["mikrokredit", "zadrug"]
    assert parse_query("club clubs") == ["club"]
    assert parse_query('"NEAR(a b)" AND *') == ["near", "a", "b", "and"]
    assert parse_query("...") == []
    assert len(parse_query("word " * 1000)) == 1
    assert len(parse_query(" ".join(f"w{i}" for i in range(100)))) == 12


# --- highlighting and escaping ----------------------------------------------------------


def test_matches_are_marked(library: dict[str, Practice]) -> None:
    hit = search(user=anon(), q="microcredit").results[0]
    assert hit.title_html == "<mark>Microcredit</mark> clubs for young farmers"
    hit_sl = search(user=anon(), q="mikrokredit", lang="sl").results[0]
    assert hit_sl.title_html == "<mark>Mikrokrediti</mark> za mlade kmete"
    assert hit_sl.summary_html == "Majhna posojila sosedov."
    body_hit = next(h for h in search(user=anon(), q="microcredit").results
                    if h.practice.slug == "neighbourhood-savings")
    assert "<mark>microcredit</mark>" in body_hit.snippet_html
    coop = search(user=anon(), q="zadruznistvo", lang="sl").results
    coop_hit = next(h for h in coop if h.practice.slug == "posocje-coop")
    assert coop_hit.title_html == "<mark>Zadružništvo</mark> v Posočju"


def test_record_html_is_escaped(library: dict[str, Practice]) -> None:
    hit = next(h for h in search(user=anon(), q="bee").results
               if h.practice.slug == "html-record")
    assert "<script>" not in hit.title_html and "<b>" not in hit.title_html
    assert "&lt;script&gt;" in hit.title_html
    assert "<mark>Bee</mark>" in hit.title_html
    assert "&amp; friends" in hit.title_html
    assert "<img" not in hit.summary_html and "&lt;img" in hit.summary_html
    assert "<mark>sneaky</mark>" not in hit.summary_html
    assert "<iframe>" not in hit.snippet_html
    plain = next(h for h in search(user=anon()).results if h.practice.slug == "html-record")
    assert "<script>" not in plain.title_html and "&lt;script&gt;" in plain.title_html
    assert "<mark>" not in plain.title_html


# --- filters and facets -----------------------------------------------------------------


def test_facet_counts_over_visible_set(library: dict[str, Practice]) -> None:
    result = search(user=anon())
    assert result.count == 6
    assert result.facets["country"] == {"FR": 2, "IT": 2, "SI": 2}
    assert result.facets["kind"] == {"grant": 2, "savings_club": 2, "microloan": 1}
    assert result.facets["target_group"] == {"youth": 2, "farmers": 1, "women": 1}
    assert result.facets["status"] == {"approved": 5, "validated": 1}
    assert result.facets["running"] == {"running": 5, "ended": 1}


def test_facets_follow_the_query(library: dict[str, Practice]) -> None:
    result = search(user=anon(), q="microcredit")
    assert result.count == 2
    assert result.facets["country"] == {"FR": 2}
    assert result.facets["kind"] == {"savings_club": 2, "microloan": 1}
    assert result.facets["running"] == {"running": 2, "ended": 0}


def test_each_facet_ignores_its_own_selection(library: dict[str, Practice]) -> None:
    result = search(user=anon(), country="FR", kind="savings_club")
    assert result.count == 2
    # other countries' counts for savings clubs, other kinds' counts in France
    assert result.facets["country"] == {"FR": 2}
    assert result.facets["kind"] == {"savings_club": 2, "microloan": 1}
    result = search(user=anon(), kind="grant")
    assert set(slugs(result)) == {"posocje-coop", "bees"}
    assert result.facets["kind"] == {"grant": 2, "savings_club": 2, "microloan": 1}
    assert result.facets["country"] == {"IT": 1, "SI": 1}


def test_filters_and_together(library: dict[str, Practice]) -> None:
    assert set(slugs(search(user=anon(), country="fr"))) == {"microcredit-clubs",
                                                            "neighbourhood-savings"}
    assert slugs(search(user=anon(), target_group="youth", running=True)) == ["microcredit-clubs"]
    assert slugs(search(user=anon(), target_group="youth", running=False)) == ["posocje-coop"]
    assert slugs(search(user=anon(), status="validated")) == ["bees"]
    assert slugs(search(user=anon(), kind="grant", country="IT")) == ["bees"]
    assert slugs(search(user=anon(), kind="nothing-like-this")) == []
    assert slugs(search(user=anon(), q="microcredit", kind="microloan")) == ["microcredit-clubs"]


def test_without_query_sorted_by_title_in_language(library: dict[str, Practice]) -> None:
    en = [h.practice.slug for h in search(user=anon(), lang="en").results]
    assert en[0] == "html-record"  # "<script>…" sorts before letters
    assert en.index("bees") < en.index("ascii-written") < en.index("posocje-coop")
    sl = [h.practice.slug for h in search(user=anon(), lang="sl").results]
    assert sl.index("posocje-coop") > sl.index("microcredit-clubs")


# --- visibility -------------------------------------------------------------------------


def test_anonymous_sees_only_public(library: dict[str, Practice]) -> None:
    found = set(slugs(search(user=anon(), q="microcredit")))
    assert found == {"microcredit-clubs", "neighbourhood-savings"}


def test_author_sees_own_draft(library: dict[str, Practice], author: Any) -> None:
    found = set(slugs(search(user=author, q="microcredit")))
    assert found == {"microcredit-clubs", "neighbourhood-savings", "secret-draft"}
    assert search(user=author, q="microcredit").facets["status"] == {"approved": 2, "draft": 1}


def test_outsider_does_not_see_others_drafts(library: dict[str, Practice], outsider: Any) -> None:
    assert "secret-draft" not in slugs(search(user=outsider, q="microcredit"))


def test_curator_sees_everything(library: dict[str, Practice], curator: Any) -> None:
    found = set(slugs(search(user=curator, q="microcredit")))
    assert found == {"microcredit-clubs", "neighbourhood-savings", "secret-draft",
                     "submitted-one"}


def test_expert_sees_all_but_others_drafts(library: dict[str, Practice], expert: Any) -> None:
    found = set(slugs(search(user=expert, q="microcredit")))
    assert found == {"microcredit-clubs", "neighbourhood-savings", "submitted-one"}


# --- odd queries, pagination ------------------------------------------------------------

ODD = ["", "   ", '"', '""', "'", "*", "**", ":*", "&", "|", "!", "(", ")", "()", "^", "-",
       "NEAR", "NEAR(a b)", "NEAR/2", "AND", "OR", "NOT", "a AND", "AND OR NOT", "a OR b",
       "title_en:club", "{title_sl}: x", "club*", "'club':*", "club & !farm | x", "<->",
       "\\", "%", "%%", "_", "\x00", "\ue000", "🙂", "中文", "x" * 5000, "word " * 2000,
       "ß", "ǆ", "İ", "½", "e\u0301", "1e5", "12:30", "a-b-c", "http://x.y/z?q=1", "-1",
       "co-op", "don't", "\u2029", ";DROP TABLE practices_practice;--"]


@pytest.mark.parametrize("q", ODD)
def test_odd_queries_never_error(library: dict[str, Practice], q: str) -> None:
    result = search(user=anon(), q=q)
    assert result.count >= 0
    assert set(result.facets) == {"country", "kind", "target_group", "status", "running"}


def test_punctuation_only_is_no_query(library: dict[str, Practice]) -> None:
    assert search(user=anon(), q='"*:()').count == 6


def test_pagination(library: dict[str, Practice]) -> None:
    seen: list[str] = []
    for page in (1, 2, 3):
        result = search(user=anon(), page=page, per_page=2)
        assert result.count == 6
        assert len(result.results) == 2
        seen += slugs(result)
    assert len(set(seen)) == 6
    assert search(user=anon(), page=4, per_page=2).results == []
    ranked = [slugs(search(user=anon(), q="microcredit", page=n, per_page=1)) for n in (1, 2, 3)]
    assert ranked == [["microcredit-clubs"], ["neighbourhood-savings"], []]
    assert len(search(user=anon(), per_page=1000).results) == 6
    assert len(search(user=anon(), page=0, per_page=0).results) == 1


# --- keeping the index fresh ------------------------------------------------------------


def test_saving_a_practice_reindexes(library: dict[str, Practice]) -> None:
    p = library["body"]
    p.title_en = "Rotating savings and credit association"
    p.mechanism_kinds = ["rosca"]
    p.save()
    assert slugs(search(user=anon(), q="rotating")) == ["neighbourhood-savings"]
    assert slugs(search(user=anon(), kind="rosca")) == ["neighbourhood-savings"]
    assert "savings_club" in search(user=anon()).facets["kind"]
    assert search(user=anon()).facets["kind"]["savings_club"] == 1


def test_status_change_reindexes_visibility(library: dict[str, Practice]) -> None:
    draft = library["draft"]
    draft.status = APPROVED
    draft.save()
    assert "secret-draft" in slugs(search(user=anon(), q="secret"))


def test_factor_and_indicator_changes_reindex(library: dict[str, Practice]) -> None:
    trust = SuccessFactor.objects.get(key="trust")
    trust.name_en = "Mutual confidence"
    trust.save()
    assert slugs(search(user=anon(), q="confidence")) == ["microcredit-clubs"]
    assert slugs(search(user=anon(), q="community")) == []
    PracticeFactor.objects.create(practice=library["bees"], factor=trust, weight=1)
    assert set(slugs(search(user=anon(), q="confidence"))) == {"microcredit-clubs", "bees"}
    PracticeFactor.objects.filter(practice=library["bees"]).delete()
    assert slugs(search(user=anon(), q="confidence")) == ["microcredit-clubs"]
    indicator = Indicator.objects.create(practice=library["body"], name_en="Members enrolled",
                                         value="40")
    assert slugs(search(user=anon(), q="enrolled")) == ["neighbourhood-savings"]
    indicator.delete()
    assert slugs(search(user=anon(), q="enrolled")) == []


def test_deleting_a_practice_removes_it(library: dict[str, Practice]) -> None:
    library["bees"].delete()
    assert search(user=anon(), q="cebelarstvo").count == 1
    assert search(user=anon()).facets["kind"]["grant"] == 1
    assert search_module.index_size() == Practice.objects.count()


def test_reindex_all_after_bulk_update(library: dict[str, Practice]) -> None:
    Practice.objects.filter(slug="bees").update(title_en="Honey money")
    assert slugs(search(user=anon(), q="honey")) == []
    assert reindex_all() == Practice.objects.count()
    assert slugs(search(user=anon(), q="honey")) == ["bees"]
