"""The repository's guides and glossary (guides/data/), judged as the spec asks
(`../shared/specs/guides.md` §1-§2): every kind has a guide, the task guides exist, both
languages, sources and a checked day, plain language, computed examples, links that lead
somewhere, a complete glossary and no unexplained abbreviation.

The files are read by the seed's own loader (`guides.seed.load_files`); when they are missing
or wrong, these tests fail and say what is missing."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache
from typing import Any

import pytest
from django.test import Client

from microfuture.finder.mechanism import KINDS
from microfuture.guides import examples, seed, text

TASK_GUIDES = ("business-plan", "starting-a-club", "club-member", "social-enterprise",
               "over-indebtedness", "self-employment")
LANGUAGES = ("sl", "en")
NAMED_TERMS = (
    "interest", "annual percentage rate", "instalment", "grace period", "collateral",
    "guarantee", "de minimis aid", "equity", "share", "dividend", "crowdfunding", "default",
    "arrears", "over-indebtedness", "credit rating", "business plan", "cash flow", "unit",
    "unit value", "net asset value", "pledge", "share-out", "PAR30", "quorum", "mandate",
)
#: Abbreviations every reader knows.
KNOWN_ABBREVIATIONS = {"EU", "EUR"}
#: The grades of the credit rating (SB1 best … SB10 worst), explained with it (S.BON).
RATING_GRADE = re.compile(r"^SB(?:[1-9]|10)$")
#: A token of 2+ capital letters (digits and dots allowed: PAR30, S.BON) or a dotted
#: abbreviation (d.o.o., s.p., so.p.).
ABBREVIATION = re.compile(
    r"(?<![\w.])(?:[A-ZČŠŽ][A-ZČŠŽ0-9]*(?:\.[A-ZČŠŽ0-9]+)*[A-ZČŠŽ][A-ZČŠŽ0-9]*"
    r"|[A-ZČŠŽ]\.[A-ZČŠŽ]{2,}|[a-zčšž]{1,2}\.[a-zčšž]{1,2}\.(?:[a-zčšž]\.)?)(?![\w])")


@cache
def files() -> Any:
    try:
        loaded = seed.load_files()
    except seed.SeedError as exc:
        pytest.fail(f"the guides' files cannot be loaded:\n{exc}")
    if not loaded.guides or not loaded.terms:
        pytest.fail("no guides or no glossary in microfuture/guides/data/ yet")
    return loaded


def guides() -> dict[str, Any]:
    return {g.slug: g for g in files().guides}


def plain(guide: Any, lang: str) -> str:
    t = guide.texts[lang]
    body = text.to_plain(text.parse(t.body), lang, examples.resolve)
    return "\n\n".join([t.title, t.summary, body])


def test_every_finder_kind_has_its_guide() -> None:
    missing = [kind for kind in KINDS if kind not in guides()]
    assert not missing, f"no guide for the finder kinds {missing}"
    wrong = [k for k in KINDS if guides()[k].kind != k]
    assert not wrong, f"the guides {wrong} must have kind = their slug"


def test_the_task_guides_exist() -> None:
    missing = [slug for slug in TASK_GUIDES if slug not in guides()]
    assert not missing, f"missing task guides: {missing}"


def test_every_guide_has_both_languages_sources_and_a_checked_day() -> None:
    bad = []
    for slug, g in guides().items():
        for lang in LANGUAGES:
            t = g.texts.get(lang)
            if t is None or not t.title.strip() or not t.summary.strip() or not t.body.strip():
                bad.append(f"{slug}: no {lang} title, summary or body")
        if not g.sources:
            bad.append(f"{slug}: no sources")
        # A web address; http:// is let through (some sources exist only there).
        bad += [f"{slug}: source {s.get('url')!r} is not a web address" for s in g.sources
                if not re.match(r"^https?://[^\s/]+\.[^\s]+$", str(s.get("url", "")))]
        if not g.checked_on:
            bad.append(f"{slug}: no checked_on")
    assert not bad, "\n".join(bad)


def test_plain_language_in_both_languages() -> None:
    bad = []
    for slug, g in guides().items():
        for lang in LANGUAGES:
            found = text.sentences(plain(g, lang))
            counts = [text.words(s) for s in found]
            worst = max(range(len(found)), key=lambda n: counts[n])
            average = sum(counts) / len(counts)
            if counts[worst] > 25:
                bad.append(f"{slug} ({lang}): {counts[worst]} words: {found[worst]!r}")
            if average > 15:
                bad.append(f"{slug} ({lang}): {average:.1f} words a sentence on average")
    assert not bad, "\n".join(bad)


def test_every_directive_and_link_resolves() -> None:
    bad = [f"{slug} ({lang}): {problem}"
           for slug, g in guides().items() for lang, t in g.texts.items()
           for problem in examples.problems("\n\n".join([t.title, t.summary, t.body]))]
    assert not bad, "\n".join(bad)


def _annuity_by_hand(amount: Decimal, rate: Decimal, months: int) -> tuple[Decimal, Decimal]:
    """The level payment and the total interest, from the formula, independently of the
    platform: payment = P·i / (1 − (1 + i)^−n), rounded to the cent; each month's interest is
    the outstanding principal × rate / 1200, rounded; the last payment clears the rest."""
    cent = Decimal("0.01")
    i = rate / Decimal(1200)
    payment = (amount * i / (1 - (1 + i) ** -months)).quantize(cent, ROUND_HALF_EVEN)
    owed, interest_total = amount, Decimal(0)
    for _month in range(months):
        interest = (owed * rate / Decimal(1200)).quantize(cent, ROUND_HALF_EVEN)
        interest_total += interest
        owed -= payment - interest
    return payment, interest_total


@pytest.mark.django_db
def test_the_microloan_worked_example_is_the_loan_schedules() -> None:
    payment, interest = _annuity_by_hand(Decimal(10000), Decimal(5), 60)
    assert (payment, interest) == (Decimal("188.71"), Decimal("1322.74"))
    g = guides().get("microloan")
    assert g is not None, "no microloan guide"
    shown = {"sl": ("188,71 EUR", "1.322,74 EUR"), "en": ("188.71 EUR", "1,322.74 EUR")}
    for lang in LANGUAGES:
        assert "{{ loan.payment 10000 5 60 }}" in g.texts[lang].body, (
            f"the {lang} microloan guide has no worked example of 10,000 EUR, 5 %, 60 months")
        page = plain(g, lang)
        assert shown[lang][0] in page and shown[lang][1] in page
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/guides/microloan/")
    if response.status_code == 200:  # once the guide's page is there, it shows the same
        html = response.content.decode()
        assert "188.71" in html and "1,322.74" in html


def test_the_glossary_is_complete() -> None:
    terms = files().terms
    assert len(terms) >= 40, f"only {len(terms)} glossary terms (the spec asks for 40)"
    bad = []
    names = set()
    for t in terms:
        names.add(t.slug)
        for lang in LANGUAGES:
            tt = t.texts.get(lang)
            if tt is None:
                bad.append(f"{t.slug}: no {lang}")
                continue
            if lang == "en":
                names.add(tt.name.lower())
                if tt.abbr:
                    names.add(tt.abbr)
            one = text.sentences(tt.definition)
            if len(one) != 1 or text.words(tt.definition) > 25:
                bad.append(f"{t.slug} ({lang}): the definition must be one sentence of at most"
                           f" 25 words: {tt.definition!r}")
            if not tt.example.strip():
                bad.append(f"{t.slug} ({lang}): no example")
    missing = [n for n in NAMED_TERMS if n not in names and n.replace(" ", "-").lower()
               not in names]
    assert not missing, f"the spec's terms missing from the glossary: {missing}"
    assert not bad, "\n".join(bad)


def test_no_unexplained_abbreviation() -> None:
    explained = {lang: {tt.abbr for t in files().terms for l2, tt in t.texts.items()
                        if l2 == lang and tt.abbr} for lang in LANGUAGES}
    bad = []
    for slug, g in guides().items():
        for lang in LANGUAGES:
            for found in sorted(set(ABBREVIATION.findall(plain(g, lang)))):
                if (found not in KNOWN_ABBREVIATIONS and found not in explained[lang]
                        and not RATING_GRADE.match(found)):
                    bad.append(f"{slug} ({lang}): {found}")
    assert not bad, ("abbreviations without a glossary entry (its abbr) in that language:\n"
                     + "\n".join(bad))
