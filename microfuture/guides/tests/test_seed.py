"""Seeding the guides and the glossary from files: counts, idempotence, --update writes
revisions, a bad file changes nothing and names its file and line, and after migrate the test
database already holds the repository's guides."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from microfuture.guides import seed
from microfuture.guides.models import (
    GlossaryTerm,
    GlossaryText,
    Guide,
    GuideRevision,
    GuideText,
)
from microfuture.guides.seed import SEED_NOTE, SeedError, load_files, seed_guides

pytestmark = pytest.mark.django_db

META = """slug: {slug}
kind: {kind}
questions: [idea_no_money]
position: 10
checked_on: 2026-11-01
sources:
  - title: "Slovene Enterprise Fund: P7"
    url: https://www.podjetniskisklad.si/p7/
"""

SL = """# Kaj je {what}?

To je {what}. Vrnete ga mesečno.

## Koliko stane

Mesečno plačate {{{{ loan.payment 10000 5 60 }}}}.

- [ ] poslovni načrt
"""

EN = """# What is a {what}?

It is a {what}. You pay it back monthly.

## What it costs

You pay {{{{ loan.payment 10000 5 60 }}}} a month.
"""

GLOSSARY = """# a small glossary
- slug: interest
  sl:
    term: obresti
    abbr: null
    forms: [obresti, obrestmi]
    definition: "Cena izposoje denarja."
    example: "Pri 5 % plačate 50 EUR na 1.000 EUR."
  en:
    term: interest
    abbr: null
    forms: [interest]
    definition: "The price of borrowing money."
    example: "At 5 % you pay 50 EUR on 1,000 EUR."
- slug: de-minimis
  sl:
    term: pomoč de minimis
    forms: [de minimis]
    definition: "Majhna državna pomoč."
  en:
    term: de minimis aid
    forms: [de minimis]
    definition: "Small state aid."
  sources:
    - title: "EUR-Lex"
      url: https://eur-lex.europa.eu/
"""


def write_guide(root: Path, slug: str, kind: str | None, what: str = "microloan",
                extra: dict[str, str] | None = None) -> Path:
    folder = root / "guides" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "meta.yaml").write_text(META.format(slug=slug, kind=kind or "null"), "utf-8")
    (folder / "sl.md").write_text(SL.format(what=what), "utf-8")
    (folder / "en.md").write_text(EN.format(what=what), "utf-8")
    for name, content in (extra or {}).items():
        (folder / name).write_text(content, "utf-8")
    return folder


@pytest.fixture
def files(tmp_path: Path) -> Path:
    write_guide(tmp_path, "microloan", "microloan")
    write_guide(tmp_path, "business-plan", None, what="business plan")
    (tmp_path / "glossary.yaml").write_text(GLOSSARY, "utf-8")
    return tmp_path


@pytest.fixture
def empty_db() -> None:
    """The test database is seeded after migrate; these tests start from none."""
    GuideRevision.objects.all().delete()
    Guide.objects.all().delete()
    GlossaryTerm.objects.all().delete()


def test_the_files_are_read_title_summary_body_and_any_language(files: Path) -> None:
    (files / "guides" / "microloan" / "uk.md").write_text(
        "# Що таке мікропозика?\n\nЦе маленька позика.\n\n## Вартість\n\nТекст.\n", "utf-8")
    read = load_files(files)
    guide = next(g for g in read.guides if g.slug == "microloan")
    assert sorted(guide.texts) == ["en", "sl", "uk"]
    assert guide.texts["sl"].title == "Kaj je microloan?"
    assert guide.texts["sl"].summary == "To je microloan. Vrnete ga mesečno."
    assert guide.texts["sl"].body.startswith("## Koliko stane")
    assert guide.sources == ({"title": "Slovene Enterprise Fund: P7",
                              "url": "https://www.podjetniskisklad.si/p7/"},)
    assert [t.slug for t in read.terms] == ["interest", "de-minimis"]
    assert read.terms[0].texts["sl"].forms == ("obresti", "obrestmi")


def test_seeding_creates_published_guides_texts_revisions_and_terms(files: Path,
                                                                    empty_db: None) -> None:
    outcome = seed_guides(root=files)
    assert (outcome.guides_created, outcome.guides_updated) == (2, 0)
    assert (outcome.terms_created, outcome.terms_updated) == (2, 0)
    assert set(Guide.objects.values_list("slug", "kind", "published")) == {
        ("microloan", "microloan", True), ("business-plan", None, True)}
    assert GuideText.objects.count() == 4
    revisions = GuideRevision.objects.all()
    assert revisions.count() == 4
    assert {(r.state, r.made_by_id, r.note) for r in revisions} == {
        ("applied", None, SEED_NOTE)}
    assert GlossaryText.objects.get(term__slug="interest", language="sl").name == "obresti"
    assert GlossaryTerm.objects.get(slug="de-minimis").sources[0]["url"].startswith("https://")


def test_a_second_run_changes_nothing(files: Path, empty_db: None) -> None:
    seed_guides(root=files)
    before = (GuideText.objects.count(), GuideRevision.objects.count(),
              GlossaryText.objects.count())
    again = seed_guides(root=files)
    assert (again.guides_created, again.guides_updated, again.texts_created,
            again.texts_updated, again.terms_created, again.terms_updated) == (0, 0, 0, 0, 0, 0)
    assert (GuideText.objects.count(), GuideRevision.objects.count(),
            GlossaryText.objects.count()) == before
    again = seed_guides(update=True, root=files)
    assert (again.guides_updated, again.texts_updated, again.terms_updated) == (0, 0, 0)
    assert GuideRevision.objects.count() == before[1]


def test_without_update_a_changed_file_does_not_replace_the_text(files: Path,
                                                                 empty_db: None) -> None:
    seed_guides(root=files)
    (files / "guides" / "microloan" / "en.md").write_text(
        EN.format(what="microloan").replace("monthly", "every month"), "utf-8")
    outcome = seed_guides(root=files)
    assert outcome.texts_updated == 0
    assert "monthly" in GuideText.objects.get(guide__slug="microloan", language="en").summary


def test_update_replaces_changed_texts_and_writes_an_applied_revision(files: Path,
                                                                      empty_db: None) -> None:
    seed_guides(root=files)
    (files / "guides" / "microloan" / "en.md").write_text(
        EN.format(what="microloan").replace("monthly", "every month"), "utf-8")
    glossary = (files / "glossary.yaml").read_text("utf-8")
    (files / "glossary.yaml").write_text(glossary.replace("Small state aid.",
                                                          "A small amount of state aid."), "utf-8")
    out = StringIO()
    call_command("seed_guides", "--update", "--root", str(files), stdout=out)
    assert "guides: 0 created, 1 updated" in out.getvalue()
    assert "glossary: 0 created, 1 updated" in out.getvalue()
    live = GuideText.objects.get(guide__slug="microloan", language="en")
    assert live.summary == "It is a microloan. You pay it back every month."
    newest = GuideRevision.objects.filter(guide__slug="microloan", language="en").order_by(
        "-made_at", "-pk").first()
    assert newest is not None
    assert (newest.state, newest.summary, newest.note) == ("applied", live.summary, SEED_NOTE)
    assert GuideRevision.objects.filter(guide__slug="microloan", language="sl").count() == 1
    assert GlossaryText.objects.get(term__slug="de-minimis", language="en").definition == (
        "A small amount of state aid.")


def test_seeding_never_deletes(files: Path, empty_db: None) -> None:
    seed_guides(root=files)
    Guide.objects.create(slug="curators-own", checked_on="2026-11-01",
                         sources=[{"title": "x", "url": "https://x.example/"}])
    GlossaryTerm.objects.create(slug="curators-term")
    seed_guides(update=True, root=files)
    assert Guide.objects.filter(slug="curators-own").exists()
    assert GlossaryTerm.objects.filter(slug="curators-term").exists()


def test_a_missing_language_is_added_to_an_existing_guide(files: Path, empty_db: None) -> None:
    seed_guides(root=files)
    (files / "guides" / "microloan" / "de.md").write_text(
        "# Was ist ein Mikrokredit?\n\nEin kleiner Kredit.\n\n## Kosten\n\nText.\n", "utf-8")
    outcome = seed_guides(root=files)
    assert (outcome.texts_created, outcome.guides_updated) == (1, 1)
    assert GuideText.objects.filter(guide__slug="microloan", language="de").exists()


def test_every_problem_is_named_with_its_file_and_line_and_nothing_changes(
        files: Path, empty_db: None) -> None:
    seed_guides(root=files)
    before = (Guide.objects.count(), GuideText.objects.count(), GuideRevision.objects.count(),
              GlossaryTerm.objects.count())
    write_guide(files, "grant", "grant", what="grant")
    meta = files / "guides" / "grant" / "meta.yaml"
    meta.write_text(meta.read_text("utf-8").replace("kind: grant", "kind: gift"), "utf-8")
    (files / "guides" / "grant" / "xx.md").write_text("# T\n\nS.\n\nB.\n", "utf-8")
    (files / "guides" / "microloan" / "en.md").write_text(
        "What is it?\n\nNo title line.\n", "utf-8")
    (files / "guides" / "business-plan" / "sl.md").write_text(
        "# Naslov\n\nPovzetek.\n\nPlačate {{ loan.payment 10000 }} na mesec.\n", "utf-8")
    glossary = (files / "glossary.yaml").read_text("utf-8")
    (files / "glossary.yaml").write_text(glossary.replace('    definition: "Small state aid."\n',
                                                          ""), "utf-8")
    with pytest.raises(SeedError) as caught:
        seed_guides(update=True, root=files)
    places = {(p.file, p.line) for p in caught.value.problems}
    assert ("guides/grant/meta.yaml", 2) in places
    assert ("guides/grant/xx.md", None) in places
    assert ("guides/microloan/en.md", 1) in places
    assert ("guides/business-plan/sl.md", 5) in places
    assert any(p.file == "glossary.yaml" and p.line == 20 and "definition" in p.message
               for p in caught.value.problems)
    message = str(caught.value)
    assert "guides/grant/meta.yaml:2: kind 'gift'" in message
    assert "xx" in message
    assert (Guide.objects.count(), GuideText.objects.count(), GuideRevision.objects.count(),
            GlossaryTerm.objects.count()) == before
    assert GuideText.objects.get(guide__slug="microloan", language="en").title == (
        "What is a microloan?")


def test_the_command_reports_problems_and_seeds_nothing(files: Path, empty_db: None) -> None:
    (files / "guides" / "microloan" / "sl.md").unlink()
    with pytest.raises(CommandError, match=r"guides/microloan: has no sl\.md"):
        call_command("seed_guides", "--root", str(files), stdout=StringIO())
    assert not Guide.objects.exists()


def test_the_command_prints_what_it_did(files: Path, empty_db: None) -> None:
    out = StringIO()
    call_command("seed_guides", "--root", str(files), stdout=out)
    assert out.getvalue().startswith("guides: 2 created, 0 updated")
    assert "glossary: 2 created, 0 updated" in out.getvalue()


def test_after_migrate_the_repository_guides_and_terms_are_in_the_database() -> None:
    # The test database was migrated: post_migrate seeded every guide and term whose files
    # read cleanly (incomplete ones are logged and skipped, never fail the migrate).
    reading = seed._read(seed.DATA)
    assert reading.guides, "the repository has guide files"
    for g in reading.guides:
        guide = Guide.objects.get(slug=g.slug)
        assert guide.kind == g.kind
        assert set(guide.texts.values_list("language", flat=True)) >= set(g.texts)
    for t in reading.terms:
        assert GlossaryTerm.objects.filter(slug=t.slug).exists()


def test_after_migrate_incomplete_files_are_skipped_and_the_rest_seeded(
        files: Path, empty_db: None, monkeypatch: Any) -> None:
    (files / "guides" / "business-plan" / "en.md").unlink()
    monkeypatch.setattr(seed, "DATA", files)
    seed.seed_after_migrate(sender=None)
    assert list(Guide.objects.values_list("slug", flat=True)) == ["microloan"]
    assert GlossaryTerm.objects.count() == 2
