"""Seeding the guides and the glossary from the repository's files (`guides/data/`).

The files (docs/guides.md): `guides/<slug>/meta.yaml` (the guide's facts) with one
`<language>.md` per language (`# Title`, then the summary paragraph, then the body in the
guides' markup), and `glossary.yaml` (a list of terms, one mapping per language).

`load_files` reads and judges them all and returns every problem at once, each with its file
and line (beancount's validation is the model): a seed either takes every file or none.
`seed_guides` creates what the database lacks (published guides, their texts, the glossary's
terms), each text with an applied `GuideRevision` made by nobody (the repository); with
`update=True` it also replaces texts and facts that differ from the files. It never deletes:
a curator's guide or term that the files do not name stays.

After every `migrate` (`connect_post_migrate`) the missing guides and terms are seeded, so a
fresh database, the tests' included, always has them and the finder's links to
`/guides/<kind>/` never lead nowhere; a file that cannot be read there is logged and skipped.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from django.conf.locale import LANG_INFO
from django.db import transaction
from django.db.models.signals import post_migrate
from django.utils import timezone

from microfuture.finder.mechanism import KINDS

logger = logging.getLogger(__name__)

#: The repository's files.
DATA = Path(__file__).resolve().parent / "data"
#: The note of every revision written by a seed.
SEED_NOTE = "seeded from the repository's files"
#: The languages every seeded guide and term must have (seeded guides are published).
SEED_LANGUAGES = ("sl", "en")

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- what the files say ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in the files: where (file relative to the data folder, line) and why."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class SeedError(ValueError):
    """The files cannot be seeded; `problems` lists every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the guides' files:\n"
                         + "\n".join(f"  {p}" for p in problems))


@dataclass(frozen=True, slots=True)
class TextFile:
    title: str
    summary: str
    body: str


@dataclass(frozen=True, slots=True)
class GuideFile:
    slug: str
    kind: str | None
    questions: tuple[str, ...]
    position: int
    checked_on: date
    sources: tuple[dict[str, str], ...]
    texts: dict[str, TextFile]


@dataclass(frozen=True, slots=True)
class TermText:
    name: str
    abbr: str
    forms: tuple[str, ...]
    definition: str
    example: str


@dataclass(frozen=True, slots=True)
class TermFile:
    slug: str
    sources: tuple[dict[str, str], ...]
    texts: dict[str, TermText]


@dataclass(frozen=True, slots=True)
class SeedFiles:
    guides: tuple[GuideFile, ...]
    terms: tuple[TermFile, ...]


@dataclass
class _Reading:
    guides: list[GuideFile] = field(default_factory=list)
    terms: list[TermFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def language_known(code: str) -> bool:
    """A language code Django knows (its LANG_INFO), e.g. `sl`, `en`, `uk`, `sr-latn`."""
    return isinstance(code, str) and code in LANG_INFO and "fallback" not in LANG_INFO[code]


def load_files(root: Path | str = DATA) -> SeedFiles:
    """Every guide and glossary term of the files under `root`; raises `SeedError` listing
    every problem (file and line) if any file is wrong."""
    reading = _read(Path(root))
    if reading.problems:
        raise SeedError(reading.problems)
    return SeedFiles(guides=tuple(reading.guides), terms=tuple(reading.terms))


def _read(root: Path, *, judge: bool = True) -> _Reading:
    """Everything the files say, with every problem; `judge=False` leaves the worked examples
    and links unjudged (after migrate: the content's own tests judge them)."""
    reading = _Reading()
    guides_dir = root / "guides"
    if guides_dir.is_dir():
        for folder in sorted(p for p in guides_dir.iterdir() if p.is_dir()):
            guide = _read_guide(root, folder, reading.problems, judge=judge)
            if guide is not None:
                reading.guides.append(guide)
        kinds = [g.kind for g in reading.guides if g.kind]
        for kind in sorted({k for k in kinds if kinds.count(k) > 1}):
            reading.problems.append(Problem("guides", None,
                                            f"more than one guide explains the kind {kind!r}"))
    glossary = root / "glossary.yaml"
    if glossary.is_file():
        reading.terms = _read_glossary(root, glossary, reading.problems)
    return reading


def _yaml(path: Path, name: str, problems: list[Problem]) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """The YAML document and the line of every key and item (by its path of keys/indexes)."""
    try:
        text = path.read_text(encoding="utf-8")
        # One parse gives both the lines (the node tree) and the values (built from it).
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(name, None, f"cannot be read: {error}"))
        return None, {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or error
        problems.append(Problem(name, line, f"is not valid YAML: {reason}"))
        return None, {}
    lines: dict[tuple[Any, ...], int] = {}

    def walk(n: Any, at: tuple[Any, ...]) -> None:
        lines.setdefault(at, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                here = (*at, key.value)
                lines[here] = key.start_mark.line + 1
                walk(value, here)
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                walk(item, (*at, i))

    if node is not None:
        walk(node, ())
    return data, lines


def _sources(value: Any, name: str, line: int | None, problems: list[Problem],
             required: bool) -> tuple[dict[str, str], ...]:
    if value is None and not required:
        return ()
    if not isinstance(value, list) or (required and not value):
        problems.append(Problem(name, line, "sources must be a list of {title, url}"
                                + (" with at least one source" if required else "")))
        return ()
    found = []
    for n, item in enumerate(value, start=1):
        if (not isinstance(item, dict) or not isinstance(item.get("title"), str)
                or not item["title"].strip() or not isinstance(item.get("url"), str)):
            problems.append(Problem(name, line, f"source {n} needs a title and a url"))
            continue
        url = item["url"].strip()
        # The files cite some older pages only reachable over http; curators' edits need https.
        if not url.startswith(("https://", "http://")) or " " in url:
            problems.append(Problem(name, line, f"source {n}: {url!r} is not a web address"))
            continue
        found.append({"title": item["title"].strip(), "url": url})
    return tuple(found)


def _read_guide(root: Path, folder: Path, problems: list[Problem],
                judge: bool = True) -> GuideFile | None:
    before = len(problems)
    meta_path = folder / "meta.yaml"
    meta_name = str(meta_path.relative_to(root))
    if not meta_path.is_file():
        problems.append(Problem(str(folder.relative_to(root)), None, "has no meta.yaml"))
        return None
    meta, lines = _yaml(meta_path, meta_name, problems)
    if len(problems) > before:
        return None
    if not isinstance(meta, dict):
        problems.append(Problem(meta_name, 1, "must be a mapping (slug, kind, questions, "
                                              "position, checked_on, sources)"))
        return None

    def at(key: str) -> int | None:
        return lines.get((key,))

    known = {"slug", "kind", "questions", "position", "checked_on", "sources"}
    for key in meta:
        if key not in known:
            problems.append(Problem(meta_name, at(key), f"unknown key {key!r}"))
    slug = meta.get("slug")
    if slug != folder.name:
        problems.append(Problem(meta_name, at("slug"),
                                f"slug {slug!r} must be the folder's name {folder.name!r}"))
    kind = meta.get("kind")
    if kind is not None and kind not in KINDS:
        problems.append(Problem(meta_name, at("kind"), f"kind {kind!r} is not one of the "
                                f"finder's kinds ({', '.join(KINDS)}) nor null"))
    elif kind is not None and kind != slug:
        problems.append(Problem(meta_name, at("kind"),
                                f"a guide of the kind {kind!r} must have the slug {kind!r}"))
    from microfuture.guides.models import QUESTION_KEYS

    questions = meta.get("questions") or []
    if not isinstance(questions, list) or any(q not in QUESTION_KEYS for q in questions):
        problems.append(Problem(meta_name, at("questions"),
                                f"questions must be a list of {', '.join(QUESTION_KEYS)}"))
        questions = []
    position = meta.get("position", 100)
    if not isinstance(position, int) or isinstance(position, bool) or position < 0:
        problems.append(Problem(meta_name, at("position"), "position must be a whole number"))
        position = 100
    checked_on = meta.get("checked_on")
    if isinstance(checked_on, str):
        with contextlib.suppress(ValueError):
            checked_on = date.fromisoformat(checked_on)
    if not isinstance(checked_on, date):
        problems.append(Problem(meta_name, at("checked_on"),
                                "checked_on must be a day (YYYY-MM-DD)"))
    elif checked_on > timezone.localdate():
        problems.append(Problem(meta_name, at("checked_on"), "checked_on is in the future"))
    sources = _sources(meta.get("sources"), meta_name, at("sources"), problems, required=True)

    texts: dict[str, TextFile] = {}
    for path in sorted(folder.glob("*.md")):
        name = str(path.relative_to(root))
        code = path.stem
        if not language_known(code):
            problems.append(Problem(name, None, f"{code!r} is not a language code Django knows"))
            continue
        text = _read_text(path, name, problems, judge=judge)
        if text is not None:
            texts[code] = text
    for code in SEED_LANGUAGES:
        if not (folder / f"{code}.md").is_file():
            problems.append(Problem(str(folder.relative_to(root)), None, f"has no {code}.md"))
    if len(problems) > before:
        return None
    assert isinstance(slug, str) and isinstance(checked_on, date)
    return GuideFile(slug=slug, kind=kind, questions=tuple(questions), position=position,
                     checked_on=checked_on, sources=sources, texts=texts)


def _read_text(path: Path, name: str, problems: list[Problem],
               judge: bool = True) -> TextFile | None:
    """`# Title`, the summary paragraph, then the body; judged as `propose_text` judges."""
    try:
        lines = path.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(name, None, f"cannot be read: {error}"))
        return None
    n = 0
    while n < len(lines) and not lines[n].strip():
        n += 1
    if n == len(lines) or not lines[n].startswith("# ") or not lines[n][2:].strip():
        problems.append(Problem(name, n + 1 if n < len(lines) else 1,
                                "the first line must be the title: '# Title'"))
        return None
    title = lines[n][2:].strip()
    n += 1
    while n < len(lines) and not lines[n].strip():
        n += 1
    summary_line = n + 1
    summary: list[str] = []
    while n < len(lines) and lines[n].strip():
        summary.append(lines[n].strip())
        n += 1
    body_line = n + 1
    body = "\n".join(lines[n:]).strip()
    found = len(problems)
    if not summary:
        problems.append(Problem(name, summary_line, "the summary paragraph after the title is "
                                                    "missing"))
    elif summary[0].startswith(("#", "- ", "1. ")):
        problems.append(Problem(name, summary_line, "the summary must be a paragraph"))
    if not body:
        problems.append(Problem(name, body_line, "the body after the summary is missing"))
    if len(title) > 200:
        problems.append(Problem(name, 1, "the title is longer than 200 characters"))
    judged = text_problems(" ".join(summary) + "\n\n" + body) if judge else []
    for where, message in judged:
        problems.append(Problem(name, _locate(lines, where) or summary_line, message))
    if len(problems) > found:
        return None
    return TextFile(title=title, summary=" ".join(summary), body=body)


def _locate(lines: list[str], where: str) -> int | None:
    """The line (1-based) holding what a problem quotes: a link's target or a directive."""
    if not where:
        return None
    if where.startswith("{{"):
        name = where[2:].strip().split()[0] if where[2:].strip() else ""
        pattern = re.compile(r"\{\{\s*" + re.escape(name) + r"(?![a-z_.])") if name else None
        for i, text in enumerate(lines):
            if pattern is not None and pattern.search(text):
                return i + 1
        for i, text in enumerate(lines):
            if "{{" in text or "}}" in text:
                return i + 1
        return None
    return next((i + 1 for i, text in enumerate(lines) if where in text), None)


def text_problems(body: str) -> list[tuple[str, str]]:
    """What is wrong in a text's markup: (the piece it concerns, the reason). Links must be
    https:// or an internal path; the worked examples are judged by `guides.examples` when it
    is there (`problems(body)`)."""
    from microfuture.guides import text

    try:
        from microfuture.guides import examples  # the engine; judges directives and links
    except ImportError:  # pragma: no cover - only while the engine is being written
        examples = None  # type: ignore[assignment]
    problems = getattr(examples, "problems", None)
    found: list[tuple[str, str]] = []
    if problems is None:  # pragma: no cover - the same link rule, without the engine
        for target in text.links(body):
            if not (target.startswith("https://")
                    or (target.startswith("/") and not target.startswith("//"))):
                found.append((target, f"the link {target} must start with https:// or /"))
        return found
    targets = text.links(body)
    for message in problems(body):
        quoted = next((t for t in targets if t in message), None)
        if quoted is not None:
            found.append((f"]({quoted}", str(message)))
            continue
        match = re.search(r"\{\{[^}]*", message)
        found.append((match.group(0) if match else "", str(message)))
    return found


def _read_glossary(root: Path, path: Path, problems: list[Problem]) -> list[TermFile]:
    name = str(path.relative_to(root))
    before = len(problems)
    data, lines = _yaml(path, name, problems)
    if len(problems) > before:
        return []
    if not isinstance(data, list):
        problems.append(Problem(name, 1, "must be a list of terms"))
        return []
    terms: list[TermFile] = []
    seen: set[str] = set()
    for i, entry in enumerate(data):
        line = lines.get((i,))
        if not isinstance(entry, dict):
            problems.append(Problem(name, line, "a term must be a mapping (slug, sl, en, …)"))
            continue
        found = len(problems)
        slug = entry.get("slug")
        if not isinstance(slug, str) or not re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", slug):
            problems.append(Problem(name, lines.get((i, "slug"), line),
                                    f"slug {slug!r}: lower-case letters, digits and hyphens"))
        elif slug in seen:
            problems.append(Problem(name, lines.get((i, "slug"), line),
                                    f"the slug {slug!r} is used twice"))
        else:
            seen.add(slug)
        sources = _sources(entry.get("sources"), name, lines.get((i, "sources"), line),
                           problems, required=False)
        texts: dict[str, TermText] = {}
        for code, value in entry.items():
            if code in ("slug", "sources"):
                continue
            here = lines.get((i, code), line)
            if not language_known(str(code)):
                problems.append(Problem(name, here,
                                        f"{code!r} is not a language code Django knows"))
                continue
            text = _term_text(value, name, here, lines, (i, code), problems)
            if text is not None:
                texts[str(code)] = text
        for code in SEED_LANGUAGES:
            if code not in entry:
                problems.append(Problem(name, line, f"the term {slug!r} has no {code!r} text"))
        if len(problems) == found:
            assert isinstance(slug, str)
            terms.append(TermFile(slug=slug, sources=sources, texts=texts))
    return terms


def _term_text(value: Any, name: str, line: int | None, lines: dict[tuple[Any, ...], int],
               at: tuple[Any, ...], problems: list[Problem]) -> TermText | None:
    if not isinstance(value, dict):
        problems.append(Problem(name, line, "a language's text must be a mapping (term, abbr, "
                                            "forms, definition, example)"))
        return None
    found = len(problems)
    for key in value:
        if key not in ("term", "abbr", "forms", "definition", "example"):
            problems.append(Problem(name, lines.get((*at, key), line), f"unknown key {key!r}"))
    for key in ("term", "definition"):
        if not isinstance(value.get(key), str) or not value[key].strip():
            problems.append(Problem(name, lines.get((*at, key), line), f"{key} is missing"))
    abbr = value.get("abbr") or ""
    example = value.get("example") or ""
    if not isinstance(abbr, str) or len(abbr) > 20:
        problems.append(Problem(name, lines.get((*at, "abbr"), line),
                                "abbr must be a short text or null"))
    if not isinstance(example, str):
        problems.append(Problem(name, lines.get((*at, "example"), line),
                                "example must be a text"))
    forms = value.get("forms") or []
    if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
        problems.append(Problem(name, lines.get((*at, "forms"), line),
                                "forms must be a list of words"))
    if len(problems) > found:
        return None
    return TermText(name=value["term"].strip(), abbr=abbr.strip(),
                    forms=tuple(f.strip() for f in forms), definition=value["definition"].strip(),
                    example=example.strip())


# --- into the database -------------------------------------------------------------------


@dataclass
class SeedOutcome:
    guides_created: int = 0
    guides_updated: int = 0
    texts_created: int = 0
    texts_updated: int = 0
    terms_created: int = 0
    terms_updated: int = 0
    skipped: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"guides: {self.guides_created} created, {self.guides_updated} updated "
                f"({self.texts_created} text(s) created, {self.texts_updated} replaced); "
                f"glossary: {self.terms_created} created, {self.terms_updated} updated")


def seed_guides(update: bool = False, *, root: Path | str = DATA) -> SeedOutcome:
    """Create the guides, texts and terms the database lacks (all of the files or nothing);
    with `update`, also replace texts and facts that differ from the files. Never deletes."""
    files = load_files(root)
    return _write(files, update=update)


def _guide_facts(g: GuideFile) -> dict[str, Any]:
    return {"kind": g.kind, "questions": list(g.questions), "position": g.position,
            "checked_on": g.checked_on, "sources": [dict(s) for s in g.sources]}


def _term_values(tt: TermText) -> dict[str, Any]:
    return {"name": tt.name, "abbr": tt.abbr, "forms": list(tt.forms),
            "definition": tt.definition, "example": tt.example}


def _write(files: SeedFiles, *, update: bool, using: str = "default") -> SeedOutcome:
    with transaction.atomic(using=using):
        return _write_locked(files, update=update, using=using)


def _write_locked(files: SeedFiles, *, update: bool, using: str) -> SeedOutcome:
    from microfuture.guides.models import (
        GlossaryTerm,
        GlossaryText,
        Guide,
        GuideRevision,
        GuideText,
    )

    outcome = SeedOutcome()
    now = timezone.now()

    def revision(guide: Guide, lang: str, t: TextFile) -> None:
        GuideRevision.objects.using(using).create(
            guide=guide, language=lang, title=t.title, summary=t.summary, body=t.body,
            checked_on=guide.checked_on, sources=guide.sources, made_by=None, note=SEED_NOTE,
            state=GuideRevision.State.APPLIED, decided_by=None, decided_at=now)

    for g in files.guides:
        facts = _guide_facts(g)
        guide = Guide.objects.using(using).select_for_update().filter(slug=g.slug).first()
        created = guide is None
        facts_changed = False
        if guide is None:
            guide = Guide.objects.using(using).create(slug=g.slug, published=True,
                                                      published_at=now, **facts)
            outcome.guides_created += 1
        elif update and any(getattr(guide, k) != v for k, v in facts.items()):
            for k, v in facts.items():
                setattr(guide, k, v)
            guide.save(using=using)
            facts_changed = True
        live = {t.language: t for t in GuideText.objects.using(using).filter(guide=guide)}
        text_changed = False
        for lang, t in g.texts.items():
            row = live.get(lang)
            if row is None:
                GuideText.objects.using(using).create(guide=guide, language=lang, title=t.title,
                                                      summary=t.summary, body=t.body)
                revision(guide, lang, t)
                if not created:
                    outcome.texts_created += 1
                text_changed = True
            elif update and (row.title, row.summary, row.body) != (t.title, t.summary, t.body):
                row.title, row.summary, row.body = t.title, t.summary, t.body
                row.save(using=using)
                revision(guide, lang, t)
                outcome.texts_updated += 1
                text_changed = True
            elif facts_changed:
                # The facts changed, the words did not: the history still records the facts.
                revision(guide, lang, TextFile(row.title, row.summary, row.body))
        if created:
            outcome.texts_created += len(g.texts)
        elif facts_changed or text_changed:
            outcome.guides_updated += 1

    # The glossary has no signals (nothing indexes it on save): new terms and their texts go
    # in two bulk inserts, which keeps a flushed test database's re-seeding quick.
    terms = {t.slug: t for t in GlossaryTerm.objects.using(using).filter(
        slug__in=[f.slug for f in files.terms]).prefetch_related("texts")}
    new_terms = [f for f in files.terms if f.slug not in terms]
    made = GlossaryTerm.objects.using(using).bulk_create(
        [GlossaryTerm(slug=f.slug, sources=[dict(s) for s in f.sources]) for f in new_terms])
    made_by_slug = {t.slug: t for t in made}
    if any(t.pk is None for t in made):  # a database that returns no ids from a bulk insert
        made_by_slug = {t.slug: t for t in GlossaryTerm.objects.using(using).filter(
            slug__in=[f.slug for f in new_terms])}
    new_texts: list[GlossaryText] = []
    for term_file in files.terms:
        sources = [dict(s) for s in term_file.sources]
        if term_file.slug in made_by_slug:
            term = made_by_slug[term_file.slug]
            new_texts += [GlossaryText(term=term, language=lang, **_term_values(tt))
                          for lang, tt in term_file.texts.items()]
            outcome.terms_created += 1
            continue
        term = terms[term_file.slug]
        changed = False
        if update and term.sources != sources:
            term.sources = sources
            term.save(using=using)
            changed = True
        live_terms = {t.language: t for t in term.texts.all()}
        for lang, tt in term_file.texts.items():
            values = _term_values(tt)
            row_t = live_terms.get(lang)
            if row_t is None:
                new_texts.append(GlossaryText(term=term, language=lang, **values))
                changed = True
            elif update and any(getattr(row_t, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(row_t, k, v)
                row_t.save(using=using)
                changed = True
        if changed:
            outcome.terms_updated += 1
    GlossaryText.objects.using(using).bulk_create(new_texts)
    return outcome


# --- after migrate -----------------------------------------------------------------------


def seed_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """Seed the missing guides and terms (never replacing anything); a file that cannot be
    read is logged and its guide or the term skipped, the rest seeded."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder(connections[using]).applied_migrations()
    if not any(app == "guides" for app, _name in applied):
        return
    try:
        reading = _read(DATA, judge=False)
    except Exception:  # never let a content problem stop a migrate
        logger.exception("guides: the repository's files could not be read; nothing seeded")
        return
    for problem in reading.problems:
        logger.warning("guides: skipped while seeding: %s", problem)
    try:
        if _all_there(reading, using):
            return
        _write(SeedFiles(guides=tuple(reading.guides), terms=tuple(reading.terms)),
               update=False, using=using)
    except Exception:
        logger.exception("guides: seeding after migrate failed; nothing seeded")


def _all_there(reading: _Reading, using: str) -> bool:
    """Whether the database already has every guide's and term's text in every language of
    the files (two queries: a test database is flushed and re-seeded often)."""
    from microfuture.guides.models import GlossaryText, GuideText

    guides = set(GuideText.objects.using(using).values_list("guide__slug", "language"))
    terms = set(GlossaryText.objects.using(using).values_list("term__slug", "language"))
    return ({(g.slug, code) for g in reading.guides for code in g.texts} <= guides
            and {(t.slug, code) for t in reading.terms for code in t.texts} <= terms)


def connect_post_migrate(app_config: Any) -> None:
    """Seed the missing guides and glossary terms after every `migrate` of this app."""
    post_migrate.connect(seed_after_migrate, sender=app_config,
                         dispatch_uid="guides_seed_after_migrate")
