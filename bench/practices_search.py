"""Benchmark: search with facets over 10,000 generated practices (target: p95 < 50 ms).

    DJANGO_DEBUG=1 .venv/bin/python bench/practices_search.py [--practices 10000] [--runs 200]

Runs on SQLite (a fresh file under var/) and, when DATABASE_URL is set, again on PostgreSQL
(in a throwaway database `test_<name>_practices_bench`, created and dropped here). Each run
generates bilingual practices (bulk insert), indexes them with reindex_all(), then times 200
calls of search() — a mix of queries (inflected, without diacritics, multi-word), filters and
pages, facets always included — and prints median / p95 / max, and what reloading the
in-memory copy of the library costs (the first search after any change pays it).

Two corpora (`--corpus narrow|wide|both`, default both):

- narrow: texts from ~30 nouns per language, so most queries match ~80 % of the records —
  the worst case for ranking and facet counting;
- wide: a realistic vocabulary (the same nouns plus ~600 generated words per language,
  titles built from varied words), where a query matches a few to a few hundred records.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTRIES = ["SI", "SI", "SI", "FR", "IT", "AT", "HR", "DE", "ES", "PT", "BE", "NL"]
KINDS = ["microloan", "loan", "guarantee", "grant", "equity", "savings_club", "crowdfunding",
         "mentoring"]
GROUPS = ["youth", "women", "farmers", "migrants", "seniors", "unemployed", "roma", "artisans"]
STATUSES = ["approved"] * 6 + ["validated"] * 2 + ["draft", "submitted"]
SL_NOUNS = ["mikrokredit", "mikrokrediti", "mikrokreditov", "zadruga", "zadrugami", "zadruge",
            "zadružništvo", "čebelarstvo", "posojilo", "posojila", "sklad", "skupnost",
            "kmetija", "kmetije", "podjetje", "podjetnik", "podjetnice", "varčevanje",
            "poroštvo", "mentorstvo", "obrt", "rokodelci", "turizem", "vinogradništvo",
            "energija", "sončna elektrarna", "občina", "regija", "mladi", "ženske"]
SL_FILL = ["za", "v", "in", "s", "pri", "kot", "ki", "med", "po", "brez", "lokalne", "nove",
           "majhne", "skupne", "podeželske", "zelene", "socialne"]
EN_NOUNS = ["microcredit", "microcredits", "cooperative", "cooperatives", "beekeeping",
            "loan", "loans", "fund", "community", "farm", "farms", "enterprise",
            "entrepreneurs", "savings club", "savings clubs", "guarantee", "mentoring",
            "craft", "artisans", "tourism", "winegrowing", "energy", "solar plant",
            "municipality", "region", "young people", "women"]
EN_FILL = ["for", "in", "and", "with", "by", "as", "that", "among", "after", "without",
           "local", "new", "small", "shared", "rural", "green", "social"]
QUERIES = ["mikrokredit", "mikrokrediti", "zadrugami", "zadruznistvo", "cebelarstvo", "club",
           "savings clubs", "loan", "community fund", "solar", "energija", "podjetnice",
           "rural women", "kmetij", "young", "guarantee", "mentorstvo obrt", "tourism",
           "sončna elektrarna", "vinogradnistvo", "cooperative law", "x", "NEAR(a b)", ""]


def wide_vocabulary(seed: int = 3) -> tuple[list[str], list[str], list[str]]:
    """(sl nouns, en nouns, extra query words): the narrow nouns plus 600 generated words each."""
    rng = random.Random(seed)
    onsets = ["b", "č", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "š", "t", "v", "z",
              "ž", "br", "gr", "kr", "pr", "st", "tr", "sl", "pl"]
    vowels = ["a", "e", "i", "o", "u"]
    codas = ["", "", "n", "r", "l", "s", "k", "t", "m"]

    def words(count: int, suffixes: list[str]) -> list[str]:
        out: set[str] = set()
        while len(out) < count:
            syll = "".join(rng.choice(onsets) + rng.choice(vowels)
                           for _ in range(rng.randint(2, 4)))
            out.add(syll + rng.choice(codas) + rng.choice(suffixes))
        return sorted(out)

    sl = words(600, ["", "a", "e", "ov", "ami", "ih"])
    en = words(600, ["", "s", "ing", "er", "ment", "ity"])
    queries = [rng.choice(sl) for _ in range(12)] + [rng.choice(en) for _ in range(12)]
    queries += [f"{rng.choice(en)} {rng.choice(en)}" for _ in range(4)]
    queries += [w[:4] for w in rng.sample(sl, 4)]  # short prefixes: broad matches
    return SL_NOUNS + sl, EN_NOUNS + en, queries


def sentence(rng: random.Random, nouns: list[str], fill: list[str], words: int) -> str:
    out = [rng.choice(nouns) if i % 2 == 0 else rng.choice(fill) for i in range(words)]
    return (" ".join(out) + ".").capitalize()


def paragraph(rng: random.Random, nouns: list[str], fill: list[str], sentences: int) -> str:
    return " ".join(sentence(rng, nouns, fill, rng.randint(6, 14)) for _ in range(sentences))


def generate(n: int, seed: int = 11, corpus: str = "narrow") -> None:
    from microfuture.practices.models import (
        Indicator,
        Practice,
        PracticeFactor,
        SuccessFactor,
    )

    rng = random.Random(seed)
    sl_nouns, en_nouns = SL_NOUNS, EN_NOUNS
    if corpus == "wide":
        sl_nouns, en_nouns, _ = wide_vocabulary()
    factors = [
        SuccessFactor(key=f"factor-{i}", category="social",
                      name_sl=sentence(rng, sl_nouns, SL_FILL, 3)[:-1],
                      name_en=sentence(rng, en_nouns, EN_FILL, 3)[:-1])
        for i in range(40)
    ]
    SuccessFactor.objects.bulk_create(factors)
    factors = list(SuccessFactor.objects.all())
    practices = []
    for i in range(n):
        practices.append(Practice(
            slug=f"practice-{i:05d}",
            title_sl=sentence(rng, sl_nouns, SL_FILL, rng.randint(3, 7))[:-1],
            title_en=sentence(rng, en_nouns, EN_FILL, rng.randint(3, 7))[:-1],
            summary_sl=sentence(rng, sl_nouns, SL_FILL, 12)[:290],
            summary_en=sentence(rng, en_nouns, EN_FILL, 12)[:290],
            description_sl=paragraph(rng, sl_nouns, SL_FILL, rng.randint(4, 12)),
            description_en=paragraph(rng, en_nouns, EN_FILL, rng.randint(4, 12)),
            evidence_sl=paragraph(rng, sl_nouns, SL_FILL, 2),
            evidence_en=paragraph(rng, en_nouns, EN_FILL, 2),
            country=rng.choice(COUNTRIES),
            status=rng.choice(STATUSES),
            started_on=date(2010 + rng.randint(0, 14), 1, 1),
            ended_on=date(2024, 6, 30) if rng.random() < 0.25 else None,
            mechanism_kinds=rng.sample(KINDS, rng.randint(1, 3)),
            target_groups=rng.sample(GROUPS, rng.randint(0, 3)),
        ))
    Practice.objects.bulk_create(practices, batch_size=500)
    links, indicators = [], []
    for p in Practice.objects.only("pk"):
        for factor in rng.sample(factors, rng.randint(1, 4)):
            links.append(PracticeFactor(practice=p, factor=factor, weight=rng.randint(1, 3)))
        for pos in range(rng.randint(0, 2)):
            indicators.append(Indicator(practice=p, position=pos, value=str(rng.randint(1, 900)),
                                        name_sl=sentence(rng, sl_nouns, SL_FILL, 3)[:-1],
                                        name_en=sentence(rng, en_nouns, EN_FILL, 3)[:-1]))
    PracticeFactor.objects.bulk_create(links, batch_size=1000)
    Indicator.objects.bulk_create(indicators, batch_size=1000)


def measure(runs: int, seed: int = 5, corpus: str = "narrow") -> list[float]:
    from django.contrib.auth.models import AnonymousUser

    from microfuture.practices.search import search

    rng = random.Random(seed)
    user = AnonymousUser()
    queries = QUERIES + wide_vocabulary()[2] if corpus == "wide" else QUERIES
    times = []
    for _ in range(runs):
        kwargs: dict[str, Any] = {"q": rng.choice(queries), "lang": rng.choice(["sl", "en"])}
        if rng.random() < 0.3:
            kwargs["country"] = rng.choice(COUNTRIES)
        if rng.random() < 0.3:
            kwargs["kind"] = rng.choice(KINDS)
        if rng.random() < 0.2:
            kwargs["target_group"] = rng.choice(GROUPS)
        if rng.random() < 0.15:
            kwargs["running"] = rng.random() < 0.5
        if rng.random() < 0.2:
            kwargs["page"] = rng.randint(2, 5)
        start = time.perf_counter()
        result = search(user=user, **kwargs)
        times.append((time.perf_counter() - start) * 1000)
        assert set(result.facets) == {"country", "kind", "target_group", "status", "running"}
    return times


def measure_reload() -> tuple[float, float]:
    """(median ms, MB): what the first search after a change pays to reload the in-memory
    copy of the library (search_facets.library), and the memory the copy holds."""
    import tracemalloc

    from django.db import connection

    from microfuture.practices import search_facets

    times = []
    for _ in range(5):
        search_facets._cache.clear()
        start = time.perf_counter()
        search_facets.library(connection.alias)
        times.append((time.perf_counter() - start) * 1000)
    search_facets._cache.clear()
    tracemalloc.start()
    copy = search_facets.library(connection.alias)
    size, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del copy
    return statistics.median(times), size / 1e6


def run_one(practices: int, runs: int, corpus: str) -> None:
    """In this process: one database (the environment's), from scratch."""
    import django

    django.setup()
    from django.db import connection

    from microfuture.practices.search import reindex_all

    vendor = connection.vendor
    test_name = None
    if vendor == "postgresql":
        test_name = f"test_{connection.settings_dict['NAME']}_practices_bench"
        connection.settings_dict.setdefault("TEST", {})["NAME"] = test_name
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    try:
        t0 = time.perf_counter()
        generate(practices, corpus=corpus)
        t1 = time.perf_counter()
        indexed = reindex_all()
        t2 = time.perf_counter()
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        measure(20, seed=99, corpus=corpus)  # warm-up
        times = sorted(measure(runs, corpus=corpus))
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        reload_ms, copy_mb = measure_reload()
        print(f"{vendor}, {corpus} corpus: {indexed} practices (generated in {t1 - t0:.1f} s, "
              f"indexed in {t2 - t1:.1f} s); {runs} searches with facets: "
              f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
              f"max {times[-1]:.1f} ms; after a change, the in-memory copy reloads in "
              f"{reload_ms:.0f} ms and holds {copy_mb:.1f} MB", flush=True)
    finally:
        if test_name:
            connection.creation.destroy_test_db(test_name, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--corpus", choices=["narrow", "wide", "both"], default="both")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microfuture.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    if args.one:
        run_one(args.practices, args.runs, args.corpus)
        return
    (ROOT / "var").mkdir(exist_ok=True)
    sqlite_file = ROOT / "var" / "bench_practices_search.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    targets = [f"sqlite:///{sqlite_file}"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        targets.append(os.environ["DATABASE_URL"])
    corpora = ["narrow", "wide"] if args.corpus == "both" else [args.corpus]
    for corpus in corpora:
        for url in targets:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
            env = {**os.environ, "DATABASE_URL": url}
            cmd = [sys.executable, __file__, "--one", f"--practices={args.practices}",
                   f"--runs={args.runs}", f"--corpus={corpus}"]
            subprocess.run(cmd, env=env, check=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
