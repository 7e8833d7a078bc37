"""Writes of the good-practice library: the only code that changes practices, the shared
success factors, region profiles and practitioners' insights.

Every write runs in one transaction and checks who may do it (`permissions`); a refusal or a
bad value raises `PracticeError` with a plain message (`PracticeForbidden` when the person may
not do it), which the pages and the API turn into a message. Editing a record and every step
of its workflow need a signed-in person as `actor` (never `None`); they lock the row first,
then check the state and the person's rights under the lock, then write. For the vocabulary,
region profiles and imports, `actor=None` means the system (a management command or the
seed).

Every change of a practice, its workflow steps included, writes a `Revision`: the record's
snapshot in the shape of the practices file, with author, time and a note. The notes the
services write are stored in English ("submitted", "sent back: …") and worded in the
reader's language when shown (`revision_text.revision_note`). A revision is
restored by saving its snapshot again, which writes a new revision. After each change the
search index is told, if the search module has `reindex_practice`.

Imports are all or nothing: the file is read and checked in full first (`practice_file`
returns every problem with its place); only a file without problems is stored, in one
transaction, each practice upserted by its slug.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from microfuture.datafile import cleared_fields, load, record_lines
from microfuture.finder.mechanism import Text
from microfuture.practices import permissions, selectors
from microfuture.practices.models import (
    FactorAnswer,
    Indicator,
    Interview,
    InterviewAnswer,
    Practice,
    PracticeFactor,
    Question,
    QuestionSet,
    RegionProfile,
    Revision,
    SuccessFactor,
)
from microfuture.practices.practice_file import (
    FACTOR_KEY_MAX,
    FACTOR_KEY_RE,
    NAME_MAX,
    REGION_CODE_MAX,
    REGION_CODE_RE,
    REGION_NAME_MAX,
    TEXT_FIELDS,
    Factor,
    FileError,
    PracticeData,
    RegionData,
    canonical,
    read_factors,
    read_practice,
    read_practices,
    read_region_profiles,
    write_practices,
    write_region_profiles,
)
from microfuture.practices.transfer import ANSWERS, CATEGORIES
from microfuture.practices.transfer import KINDS as FACTOR_KINDS
from microfuture.practices.transfer import PRECONDITION as FACTOR_PRECONDITION

if TYPE_CHECKING:
    from microfuture.practices.permissions import Actor

logger = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"
SEED_FACTORS = DATA / "factors.yaml"
SEED_PRACTICES = DATA / "practices.yaml"
SEED_REGIONS = DATA / "region_profiles.yaml"
SEED_QUESTION_SETS = DATA / "question_sets.yaml"
# The seeded guides' titles are kept in English and worded in the reader's language on pages.
GUIDE_TITLES = (gettext_noop("Practitioner interview"), gettext_noop("CIGALES interview guide"))

REVISION_NOTE_MAX = 300


class PracticeError(Exception):
    """A change the library refuses, with a plain message for the person who asked."""

    def __init__(self, message: str, errors: Sequence[FileError] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.errors = list(errors)


class PracticeForbidden(PracticeError):
    """The person may not do this (the edge answers 403)."""


class LibrarySeedError(Exception):
    """The seed files shipped with the app have problems."""

    def __init__(self, errors: Sequence[FileError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = list(errors)


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[FileError] = field(default_factory=list)
    # "slug: field" for each value an import blanked because it was told it may
    cleared: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class SeedOutcome:
    factors: ImportOutcome
    practices: ImportOutcome
    regions: ImportOutcome
    guides: int = 0  # interview guides created (question_sets.yaml)


# Helpers ---------------------------------------------------------------------------------


def _allow(allowed: bool, message: str) -> None:
    if not allowed:
        raise PracticeForbidden(message)


def _signed_in(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False))


def _reindex(practice: Practice) -> None:
    # search.py belongs to the search work; until it has reindex_practice there is no index.
    try:
        search = importlib.import_module("microfuture.practices.search")
    except ModuleNotFoundError as exc:
        if exc.name != "microfuture.practices.search":
            raise
        return
    reindex = getattr(search, "reindex_practice", None)
    if reindex is not None:
        reindex(practice)


def _write_revision(practice: Practice, actor: Any, note: str) -> Revision:
    last = Revision.objects.filter(practice=practice).aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        practice=practice,
        number=last + 1,
        data=selectors.snapshot(practice),
        author=actor if _signed_in(actor) else None,
        note=note[:REVISION_NOTE_MAX],
    )


def _changed(practice: Practice, actor: Any, note: str) -> Revision:
    revision = _write_revision(practice, actor, note)
    _reindex(practice)
    return revision


def _locked(practice: Practice) -> Practice:
    # Lock the row so two changes at once cannot both take the next revision number, and
    # work on the caller's object, refreshed, so that it shows the change afterwards.
    list(Practice.objects.select_for_update().filter(pk=practice.pk).values_list("pk", flat=True))
    practice.refresh_from_db()
    return practice


def _refuse_errors(errors: Sequence[FileError]) -> None:
    if errors:
        raise PracticeError("; ".join(str(e) for e in errors), errors)


# Practice records ------------------------------------------------------------------------

_FLAT_TEXT = {stem: name for name, stem in TEXT_FIELDS.items()}


def _file_shape(data: Mapping[str, Any]) -> dict[str, Any]:
    """The data as a practices file's object; also takes the model's and forms' flat names
    (`title_sl`, `evidence_en`, `latitude`, `factors`, indicators with `name_sl`)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        stem, _sep, lang = key.rpartition("_")
        if lang in ("sl", "en") and stem in _FLAT_TEXT:
            name = _FLAT_TEXT[stem]
            current = out.get(name)
            text = dict(current) if isinstance(current, Mapping) else {}
            text[lang] = value or ""
            out[name] = text
        elif key in ("latitude", "longitude"):
            continue
        elif key == "factors":
            out["success_factors"] = value
        elif key == "indicators" and isinstance(value, list):
            out[key] = [_indicator_shape(row) for row in value]
        else:
            out[key] = value
    if "latitude" in data or "longitude" in data:
        lat, lon = data.get("latitude"), data.get("longitude")
        out["location"] = None if lat is None and lon is None else {"lat": lat, "lon": lon}
    for name in ("started_on", "ended_on"):
        if isinstance(out.get(name), date):
            out[name] = out[name].isoformat()
    return out


def _indicator_shape(row: Any) -> Any:
    if not isinstance(row, Mapping) or "name" in row:
        return row
    shaped = {k: v for k, v in row.items() if k not in ("name_sl", "name_en")}
    shaped["name"] = {"sl": row.get("name_sl") or "", "en": row.get("name_en") or ""}
    if shaped.get("year") is None:
        shaped.pop("year", None)
    return shaped


def _factor_rows(uses: Iterable[Factor], *, update: bool) -> dict[str, SuccessFactor]:
    """The factors by key; missing ones are created, and with `update` renamed as given."""
    rows: dict[str, SuccessFactor] = {}
    for factor in uses:
        row = SuccessFactor.objects.filter(key=factor.key).first()
        if row is None:
            row = SuccessFactor.objects.create(
                key=factor.key, name_sl=factor.name.sl, name_en=factor.name.en,
                category=factor.category)
        elif update and (row.name_sl, row.name_en, row.category) != (
                factor.name.sl, factor.name.en, factor.category):
            row.name_sl, row.name_en, row.category = (
                factor.name.sl, factor.name.en, factor.category)
            row.save()
        rows[factor.key] = row
    return rows


def _apply(practice: Practice, data: PracticeData, *, update_factors: bool) -> None:
    """Set the record, its indicators and its factors from the values, and save them."""
    p = practice
    p.slug = data.slug
    for name, stem in TEXT_FIELDS.items():
        text: Text = getattr(data, name)
        setattr(p, f"{stem}_sl", text.sl)
        setattr(p, f"{stem}_en", text.en)
    p.original_language = data.original_language
    p.original_text = data.original_text
    p.country = data.country
    p.region = data.region
    p.city = data.city
    p.latitude = data.latitude
    p.longitude = data.longitude
    p.main_institution = data.main_institution
    p.started_on = data.started_on
    p.ended_on = data.ended_on
    p.mechanism_kinds = list(data.mechanism_kinds)
    p.target_groups = list(data.target_groups)
    p.sources = list(data.sources)
    p.contacts = list(data.contacts)
    p.status = data.status
    p.presented = data.presented
    p.save()
    Indicator.objects.filter(practice=p).delete()
    Indicator.objects.bulk_create([
        Indicator(practice=p, name_sl=i.name.sl, name_en=i.name.en, value=i.value,
                  unit=i.unit, year=i.year, position=position)
        for position, i in enumerate(data.indicators)
    ])
    rows = _factor_rows((u.factor for u in data.success_factors), update=update_factors)
    PracticeFactor.objects.filter(practice=p).delete()
    PracticeFactor.objects.bulk_create([
        PracticeFactor(practice=p, factor=rows[u.factor.key], weight=u.weight)
        for u in data.success_factors
    ])


def _read_one(shape: Mapping[str, Any]) -> PracticeData:
    data, errors = read_practice(shape)
    _refuse_errors(errors)
    assert data is not None
    return data


def _slug_free(slug: str, practice: Practice | None) -> None:
    others = Practice.objects.filter(slug=slug)
    if practice is not None:
        others = others.exclude(pk=practice.pk)
    if others.exists():
        raise PracticeError(_("Another practice already uses the short name %(slug)s.")
                            % {"slug": slug})


def practice_save(*, practice: Practice | None, data: Mapping[str, Any], actor: Actor,
                  note: str = "") -> Practice:
    """Create a practice (a draft of `actor`), or change one; writes a revision.

    `data` is a practice as in a practices file (texts as strings or {sl, en}); the model's
    flat names (`title_sl`, `latitude`, ...) are taken too. On a change, fields not given
    keep their values. The status and the expert opinion are not changed here (the workflow
    does that). Factors not yet in the vocabulary are added with the name given; known ones
    keep their names (the vocabulary is edited with `factor_upsert`).
    """
    shape = _file_shape(data)
    if practice is None:
        _allow(_signed_in(actor) and permissions.can_create(actor),
               _("Sign in to propose a practice."))
        if not shape.get("slug"):
            title = shape.get("title")
            if isinstance(title, Mapping):
                title = title.get("en") or title.get("sl")
            shape["slug"] = slugify(str(title or ""))[:120]
        shape["status"] = Practice.Status.DRAFT
        shape.pop("expert_opinion", None)
        if not permissions.is_editor(actor):
            shape.pop("presented", None)  # only editors confirm a record as presented
        values = _read_one(shape)
        with transaction.atomic():
            _slug_free(values.slug, None)
            practice = Practice(author_id=actor.pk)
            _apply(practice, values, update_factors=False)
            _changed(practice, actor, note or "created")
        logger.info("Practice %r created by %s.", practice.slug, actor)
        return practice

    _person(actor)
    with transaction.atomic():
        practice = _locked(practice)
        _allow(permissions.can_edit(actor, practice),
               _("Only the author (while it is a draft) or an editor may change this practice."))
        merged = {**selectors.snapshot(practice), **shape}
        merged["status"] = practice.status
        if not permissions.is_editor(actor):
            merged["presented"] = practice.presented  # only editors change the mark
        merged["expert_opinion"] = {"sl": practice.expert_opinion_sl,
                                    "en": practice.expert_opinion_en}
        values = _read_one(merged)
        _slug_free(values.slug, practice)
        _apply(practice, values, update_factors=False)
        _changed(practice, actor, note or "changed")
    logger.info("Practice %r changed by %s.", practice.slug, actor)
    return practice


def _transition(practice: Practice, actor: Actor, *, to: str, note: str,
                check: Callable[[Practice], None], **fields: str) -> Practice:
    """One workflow step: lock the row, then check the state and the person's rights on
    the locked, fresh row, then write. Checking before the lock would let two steps at once
    (an approval and a send-back) both pass their checks and the later write win, so that a
    record sent back could still end up public."""
    with transaction.atomic():
        practice = _locked(practice)
        check(practice)
        practice.status = to
        for name, value in fields.items():
            setattr(practice, name, value)
        practice.save()
        _changed(practice, actor, note)
    logger.info("Practice %r is now %s (%s).", practice.slug, to, actor)
    return practice


def _status_is(practice: Practice, *allowed: str) -> None:
    if practice.status not in allowed:
        raise PracticeError(_("This cannot be done while the practice is %(status)s.")
                            % {"status": practice.get_status_display()})


def _person(actor: Any) -> None:
    # The acting user is required: None ("the system") and anonymous visitors never move a
    # record through the workflow.
    _allow(_signed_in(actor), _("Sign in first."))


def practice_submit(*, practice: Practice, actor: Actor) -> Practice:
    """The author (or an editor) hands a draft in for review: draft → submitted."""
    _person(actor)

    def check(locked: Practice) -> None:
        _status_is(locked, Practice.Status.DRAFT)
        _allow(permissions.can_submit(actor, locked),
               _("Only the author or an editor may submit this practice."))

    return _transition(practice, actor, to=Practice.Status.SUBMITTED, note="submitted",
                       check=check)


def practice_approve(*, practice: Practice, actor: Actor) -> Practice:
    """An editor publishes a submitted record: submitted → approved. Four eyes: not the
    person who created it or wrote the submitted content, and only with sources."""
    _person(actor)

    def check(locked: Practice) -> None:
        _status_is(locked, Practice.Status.SUBMITTED)
        _allow(permissions.is_editor(actor),
               _("Only an editor of the library may approve a practice."))
        _allow(not permissions.wrote_it(actor, locked),
               _("Another editor must approve this practice: you created it or wrote the "
                 "submitted text."))
        if not permissions.has_sources(locked):
            raise PracticeError(_("A practice without sources cannot be approved. Add the "
                                  "sources first."))
        _allow(permissions.can_approve(actor, locked),
               _("Only an editor of the library may approve a practice."))

    return _transition(practice, actor, to=Practice.Status.APPROVED, note="approved",
                       check=check, review_comment="")


def practice_send_back(*, practice: Practice, actor: Actor, comment: str) -> Practice:
    """An editor sends a record back to its author as a draft, saying what to change."""
    _person(actor)
    comment = (comment or "").strip()
    if not comment:
        raise PracticeError(_("Say what should be changed."))

    def check(locked: Practice) -> None:
        _status_is(locked, Practice.Status.SUBMITTED, Practice.Status.APPROVED,
                   Practice.Status.VALIDATED)
        _allow(permissions.can_send_back(actor, locked),
               _("Only an editor of the library may send a practice back."))

    return _transition(practice, actor, to=Practice.Status.DRAFT,
                       note=f"sent back: {comment}",
                       check=check, review_comment=comment)


def practice_validate(*, practice: Practice, actor: Actor, opinion_sl: str = "",
                      opinion_en: str = "") -> Practice:
    """An expert adds an opinion to an approved record: approved → validated. Four eyes:
    not the person who created it or wrote its content."""
    _person(actor)
    opinion_sl, opinion_en = (opinion_sl or "").strip(), (opinion_en or "").strip()

    def check(locked: Practice) -> None:
        _status_is(locked, Practice.Status.APPROVED)
        _allow(permissions.is_expert(actor), _("Only an expert may validate a practice."))
        _allow(not permissions.wrote_it(actor, locked),
               _("Another expert must validate this practice: you created it or wrote its "
                 "text."))
        _allow(permissions.can_validate(actor, locked),
               _("Only an expert may validate a practice."))
        if not (opinion_sl or opinion_en):
            raise PracticeError(_("Write the expert opinion in at least one language."))

    return _transition(practice, actor, to=Practice.Status.VALIDATED, note="validated",
                       check=check, expert_opinion_sl=opinion_sl,
                       expert_opinion_en=opinion_en)


def practice_restore(*, practice: Practice, revision: Revision, actor: Actor) -> Practice:
    """Bring back the content of an earlier revision; this writes a new revision.

    The status, the expert opinion, the editor's comment and the "presented" mark stay as
    they are now: restoring is about the content, not the workflow.
    """
    if revision.practice_id != practice.pk:
        raise PracticeError(_("This revision belongs to another practice."))
    _person(actor)
    with transaction.atomic():
        practice = _locked(practice)
        _allow(permissions.can_restore(actor, practice),
               _("Only an editor, or the author while it is a draft, may restore a revision."))
        restored = dict(revision.data)
        restored["status"] = practice.status
        restored["presented"] = practice.presented  # an editor's mark, not content
        restored["expert_opinion"] = {"sl": practice.expert_opinion_sl,
                                      "en": practice.expert_opinion_en}
        values = _read_one(restored)
        _slug_free(values.slug, practice)
        _apply(practice, values, update_factors=False)
        _changed(practice, actor,
                 f"restored revision {revision.number}")
    logger.info("Practice %r: revision %s restored by %s.", practice.slug, revision.number,
                actor)
    return practice


# The shared vocabulary of success factors -------------------------------------------------


def factor_upsert(*, key: str, category: str, name_sl: str = "", name_en: str = "",
                  kind: str = FACTOR_PRECONDITION, actor: Any = None) -> SuccessFactor:
    """Add a success factor to the vocabulary, or rename / recategorise it (editors). `kind`
    says whether it is a precondition or a thing a pilot builds (transfer.py)."""
    if actor is not None:
        _allow(permissions.is_editor(actor),
               _("Only an editor of the library may change the success factors."))
    key = (key or "").strip()
    if not key or len(key) > FACTOR_KEY_MAX or not FACTOR_KEY_RE.match(key):
        raise PracticeError(_("A factor key has small letters, digits, - and _ only."))
    if category not in CATEGORIES:
        raise PracticeError(_("The category must be one of %(list)s.")
                            % {"list": ", ".join(CATEGORIES)})
    name_sl, name_en = (name_sl or "").strip(), (name_en or "").strip()
    if not (name_sl or name_en):
        raise PracticeError(_("Name the factor in at least one language."))
    if max(len(name_sl), len(name_en)) > NAME_MAX:
        raise PracticeError(_("A factor's name is at most %(n)s characters.") % {"n": NAME_MAX})
    if kind not in FACTOR_KINDS:
        raise PracticeError(_("A factor is a precondition or a thing a pilot builds."))
    with transaction.atomic():
        row, _created = SuccessFactor.objects.update_or_create(
            key=key, defaults={"name_sl": name_sl, "name_en": name_en, "category": category,
                               "kind": kind})
    return row


def factors_import(*, text: str | bytes, filename: str = "") -> ImportOutcome:
    """Upsert the vocabulary file's factors by key, or nothing if it has errors."""
    result = read_factors(text, filename=filename)
    if result.errors:
        return ImportOutcome(errors=list(result.errors))
    outcome = ImportOutcome()
    with transaction.atomic():
        for factor in result.factors:
            row = SuccessFactor.objects.filter(key=factor.key).first()
            values = (factor.name.sl, factor.name.en, factor.category, factor.kind)
            if row is None:
                outcome.created += 1
            elif (row.name_sl, row.name_en, row.category, row.kind) != values:
                outcome.updated += 1
            else:
                outcome.unchanged += 1
                continue
            SuccessFactor.objects.update_or_create(
                key=factor.key, defaults={"name_sl": values[0], "name_en": values[1],
                                          "category": values[2], "kind": values[3]})
    return outcome


# Region profiles -------------------------------------------------------------------------


def _answer_parts(value: Any) -> tuple[Any, Any, Any, Any]:
    """(answer, note, curator's note, note in Slovenian) from any accepted shape."""
    if isinstance(value, Mapping):
        return (value.get("answer"), value.get("note", ""), value.get("curator_note", ""),
                value.get("note_sl", ""))
    if isinstance(value, (tuple, list)) and len(value) in (2, 3, 4):
        padded = [*value, "", ""]
        return padded[0], padded[1], padded[2], padded[3]
    return value, "", "", ""


def region_profile_save(*, code: str, name: str, answers: Mapping[str, Any],
                        actor: Any = None) -> RegionProfile:
    """Create or change a region profile with all its answers (editors).

    `answers` maps factor keys to {"answer", "note", "note_sl", "curator_note"} (or
    (answer, note[, curator_note[, note_sl]]), or the answer alone). `note` is in English,
    `note_sl` in Slovenian. It replaces the region's answers:
    a factor left out is unknown from now on.
    """
    if actor is not None:
        _allow(permissions.can_edit_regions(actor),
               _("Only an editor of the library may change region profiles."))
    code, name = (code or "").strip(), (name or "").strip()
    problems: list[str] = []
    if not code or len(code) > REGION_CODE_MAX or not REGION_CODE_RE.match(code):
        problems.append(_("The code must be a country or NUTS code in capitals (e.g. SI, "
                          "SI041)."))
    if not name or len(name) > REGION_NAME_MAX:
        problems.append(_("Give the region a name of at most %(n)s characters.")
                        % {"n": REGION_NAME_MAX})
    factors = {f.key: f for f in SuccessFactor.objects.filter(key__in=list(answers))}
    cleaned: dict[str, tuple[str, str, str, str]] = {}
    for key, value in answers.items():
        answer, note, curator_note, note_sl = _answer_parts(value)
        if key not in factors:
            problems.append(_("%(key)s is not a success factor of the library.") % {"key": key})
        elif answer not in ANSWERS:
            problems.append(_("%(key)s: the answer must be one of %(list)s.")
                            % {"key": key, "list": ", ".join(ANSWERS)})
        else:
            cleaned[key] = (str(answer), str(note or "").strip(),
                            str(curator_note or "").strip(), str(note_sl or "").strip())
    if problems:
        raise PracticeError(" ".join(problems))
    with transaction.atomic():
        region, _created = RegionProfile.objects.update_or_create(
            code=code, defaults={"name": name})
        FactorAnswer.objects.filter(region=region).exclude(factor__key__in=list(cleaned)) \
            .delete()
        for key, (answer, note, curator_note, note_sl) in cleaned.items():
            FactorAnswer.objects.update_or_create(
                region=region, factor=factors[key],
                defaults={"answer": answer, "note": note, "curator_note": curator_note,
                          "note_sl": note_sl})
        region.save()  # its updated_at says when the answers last changed
    logger.info("Region profile %s saved by %s.", code, actor)
    return region


def region_profile_create(*, code: str, name: str, actor: Actor) -> RegionProfile:
    """A new region profile with no answers yet (editors): until it has its own, a region
    inherits its country's answers. A code that already has a profile is refused."""
    _allow(permissions.can_edit_regions(actor),
           _("Only an editor of the library may create region profiles."))
    code = (code or "").strip().upper()
    with transaction.atomic():
        if RegionProfile.objects.filter(code=code).exists():
            raise PracticeError(_("There is already a region profile with the code %(code)s.")
                                % {"code": code})
        region = region_profile_save(code=code, name=name, answers={}, actor=actor)
    logger.info("Region profile %s created by %s.", code, actor)
    return region


def region_answer_set(*, region: RegionProfile | str, factor: SuccessFactor | str, answer: str,
                      note: str = "", curator_note: str | None = None,
                      note_sl: str | None = None, actor: Any = None) -> FactorAnswer:
    """Set one answer of a region (editors); `unknown` is kept as an answer with its note
    (`note` in English, `note_sl` in Slovenian). The curator's note and the Slovenian note
    are kept as they are unless given."""
    if actor is not None:
        _allow(permissions.can_edit_regions(actor),
               _("Only an editor of the library may change region profiles."))
    if answer not in ANSWERS:
        raise PracticeError(_("The answer must be one of %(list)s.")
                            % {"list": ", ".join(ANSWERS)})
    region_row = region if isinstance(region, RegionProfile) else \
        RegionProfile.objects.filter(code=region).first()
    factor_row = factor if isinstance(factor, SuccessFactor) else \
        SuccessFactor.objects.filter(key=factor).first()
    if region_row is None:
        raise PracticeError(_("There is no such region profile."))
    if factor_row is None:
        raise PracticeError(_("There is no such success factor."))
    with transaction.atomic():
        values = {"answer": answer, "note": (note or "").strip()}
        if curator_note is not None:
            values["curator_note"] = curator_note.strip()
        if note_sl is not None:
            values["note_sl"] = note_sl.strip()
        row, _created = FactorAnswer.objects.update_or_create(
            region=region_row, factor=factor_row, defaults=values)
        region_row.save()
    return row


def region_profiles_import(*, text: str | bytes, filename: str = "",
                           actor: Any = None, allow_clear: bool = False) -> ImportOutcome:
    """Upsert the file's region profiles by code (each region's answers replaced), or store
    nothing if the file has errors. Answers must name factors of the vocabulary. An answer
    or note the region has and the file leaves out is an error unless `allow_clear`."""
    known = set(SuccessFactor.objects.values_list("key", flat=True))
    result = read_region_profiles(text, filename=filename, known_factors=known)
    if result.errors:
        return ImportOutcome(errors=list(result.errors))
    outcome = ImportOutcome()
    lines = record_lines(text, filename)
    with transaction.atomic():
        changes: list[RegionData] = []
        for index, region in enumerate(result.regions):
            row = RegionProfile.objects.filter(code=region.code).first()
            if row is None:
                outcome.created += 1
            else:
                current = selectors.region_data(row)
                if current == region:
                    outcome.unchanged += 1
                    continue
                outcome.updated += 1
                cleared = cleared_fields(current, region)
                if allow_clear:
                    outcome.cleared += [f"{region.code}: {name}" for name in cleared]
                else:
                    outcome.errors += _clear_errors("regions", index, region.code, cleared,
                                                    lines)
            changes.append(region)
        if outcome.errors:
            return ImportOutcome(errors=outcome.errors)
        for region in changes:
            region_profile_save(
                code=region.code, name=region.name,
                answers={k: (a.answer, a.note, a.curator_note, a.note_sl)
                         for k, a in region.answers.items()})
    logger.info("Region profiles %s imported by %s: %s new, %s updated.",
                filename or "(text)", actor or "a command", outcome.created, outcome.updated)
    return outcome


def region_profiles_export(*, fmt: Literal["yaml", "json"] = "yaml") -> str:
    regions: list[RegionData] = [selectors.region_data(r) for r in
                                 RegionProfile.objects.order_by("code")]
    return write_region_profiles(regions, fmt=fmt)


# Import and export of practices ------------------------------------------------------------


def _clear_errors(top: str, index: int, name: str, cleared: Sequence[str],
                  lines: Mapping[tuple[str, int], int]) -> list[FileError]:
    """An import never erases what the file does not say: one error per value it would
    blank, unless the import was told it may (`allow_clear`)."""
    return [FileError(f"{top}[{index}] ({name}).{field_name}",
                      "has a value that this file would clear; give the value, or import "
                      "with --allow-clear to clear it", lines.get((top, index)))
            for field_name in cleared]


def practices_import(*, text: str | bytes, filename: str = "",
                     actor: Any = None, allow_clear: bool = False) -> ImportOutcome:
    """Upsert the file's practices by slug, or store nothing if the file has any error.

    The file gives each record's fields, and its status is taken as it is (an import is an
    editor's act); a field that has a value and that the file leaves out or gives empty is
    an error unless `allow_clear` (then it is cleared, and named in `cleared`): a file cut
    short must not empty its last record. Factors the file names are added to the
    vocabulary or renamed as the file says. Each practice that changes gets a revision.
    """
    if actor is not None:
        _allow(permissions.is_editor(actor),
               _("Only an editor of the library may import practices."))
    result = read_practices(text, filename=filename)
    if result.errors:
        return ImportOutcome(errors=list(result.errors))
    outcome = ImportOutcome()
    note = _("imported from %(file)s") % {"file": filename or _("a file")}
    lines = record_lines(text, filename)
    with transaction.atomic():
        existing = {p.slug: p for p in Practice.objects.select_for_update().filter(
            slug__in=[p.slug for p in result.practices])}
        changes: list[tuple[Practice, PracticeData]] = []
        for index, values in enumerate(result.practices):
            row = existing.get(values.slug)
            if row is None:
                changes.append((Practice(), values))
                outcome.created += 1
                continue
            current = selectors.practice_data(row)
            if current == canonical(values):
                outcome.unchanged += 1
                continue
            outcome.updated += 1
            cleared = cleared_fields(current, canonical(values))
            if allow_clear:
                outcome.cleared += [f"{values.slug}: {name}" for name in cleared]
            else:
                outcome.errors += _clear_errors("practices", index, values.slug, cleared, lines)
            changes.append((row, values))
        if outcome.errors:
            return ImportOutcome(errors=outcome.errors)
        _factor_rows(result.factors, update=True)
        for row, values in changes:
            _apply(row, values, update_factors=False)
            _changed(row, actor, note)
    logger.info("Practices %s imported by %s: %s new, %s updated, %s unchanged.",
                filename or "(text)", actor or "a command", outcome.created, outcome.updated,
                outcome.unchanged)
    return outcome


def practices_export(*, fmt: Literal["yaml", "json"] = "yaml") -> str:
    """Every practice (whatever its status) as a file that `practices_import` reads back."""
    practices = [selectors.practice_data(p) for p in Practice.objects.order_by("slug")]
    return write_practices(practices, fmt=fmt)


# Practitioners' insights -------------------------------------------------------------------


def _question_text(value: Any) -> tuple[str, str]:
    if isinstance(value, Text):
        return value.sl.strip(), value.en.strip()
    if isinstance(value, str):
        return value.strip(), value.strip()
    if isinstance(value, Mapping):
        return str(value.get("sl") or "").strip(), str(value.get("en") or "").strip()
    raise PracticeError(_('A question is a text or {"sl": …, "en": …}.'))


def question_set_create(*, practice: Practice, title: str, questions: Sequence[Any],
                        actor: Any) -> QuestionSet:
    """The interview guide for a practice's practitioners (editors and the author)."""
    _allow(_signed_in(actor) and permissions.can_manage_insights(actor, practice),
           _("Only an editor or the practice's author may prepare interviews."))
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise PracticeError(_("Give the question set a title of at most 200 characters."))
    texts = [_question_text(q) for q in questions]
    if not texts:
        raise PracticeError(_("A question set needs at least one question."))
    for sl, en in texts:
        if not (sl or en):
            raise PracticeError(_("A question cannot be empty."))
        if max(len(sl), len(en)) > 400:
            raise PracticeError(_("A question is at most 400 characters."))
    with transaction.atomic():
        question_set = QuestionSet.objects.create(practice=practice, title=title)
        Question.objects.bulk_create([
            Question(question_set=question_set, position=position, text_sl=sl, text_en=en)
            for position, (sl, en) in enumerate(texts)
        ])
    return question_set


def interview_record(*, question_set: QuestionSet, actor: Any, interviewee_role: str,
                     organisation: str, held_on: date, consent_given: bool,
                     consent_text: str,
                     answers: Sequence[tuple[Question, str, Sequence[str]]]) -> Interview:
    """Record an interview with a practitioner, only with their consent.

    Each answer is (question of this set, text, keys of the success factors it supports).
    """
    practice = question_set.practice
    _allow(_signed_in(actor) and permissions.can_manage_insights(actor, practice),
           _("Only an editor or the practice's author may record interviews."))
    if consent_given is not True:
        raise PracticeError(_("An interview is kept only with the interviewee's consent."))
    interviewee_role = (interviewee_role or "").strip()
    if not interviewee_role or len(interviewee_role) > 200:
        raise PracticeError(_("Say the interviewee's role (at most 200 characters)."))
    organisation = (organisation or "").strip()
    if len(organisation) > 200:
        raise PracticeError(_("The organisation's name is at most 200 characters."))
    if held_on > timezone.localdate():
        raise PracticeError(_("The interview cannot be held in the future."))
    keys = {k for _q, _t, factor_keys in answers for k in factor_keys}
    factors = {f.key: f for f in SuccessFactor.objects.filter(key__in=keys)}
    unknown = sorted(keys - set(factors))
    if unknown:
        raise PracticeError(_("Not success factors of the library: %(keys)s.")
                            % {"keys": ", ".join(unknown)})
    seen: set[int] = set()
    for question, text, _keys in answers:
        if question.question_set_id != question_set.pk:
            raise PracticeError(_("A question of another question set was answered."))
        if question.pk in seen:
            raise PracticeError(_("A question was answered twice."))
        seen.add(question.pk)
        if not (text or "").strip():
            raise PracticeError(_("An answer cannot be empty."))
    with transaction.atomic():
        interview = Interview.objects.create(
            question_set=question_set, interviewee_role=interviewee_role,
            organisation=organisation, held_on=held_on, consent_given=True,
            consent_text=(consent_text or "").strip(), interviewer=actor)
        for question, text, factor_keys in answers:
            answer = InterviewAnswer.objects.create(interview=interview, question=question,
                                                    text=text.strip())
            answer.factors.set([factors[k] for k in factor_keys])
    logger.info("Interview recorded for practice %r by %s.", practice.slug, actor)
    return interview


Guide = tuple[str, list[tuple[str, str]]]


def _guide_questions(value: Any, place: str, errors: list[FileError]) -> list[tuple[str, str]]:
    questions: list[tuple[str, str]] = []
    if not isinstance(value, list) or not value:
        errors.append(FileError(place, "needs a list of questions"))
        return questions
    for n, item in enumerate(value, start=1):
        sl = str(item.get("sl") or "").strip() if isinstance(item, Mapping) else ""
        en = str(item.get("en") or "").strip() if isinstance(item, Mapping) else ""
        if not (sl and en) or max(len(sl), len(en)) > 400:
            errors.append(FileError(f"{place}[{n}]",
                                    "needs sl and en, each at most 400 characters"))
        questions.append((sl, en))
    return questions


def read_question_sets(text: str | bytes,
                       filename: str = "") -> tuple[Guide, list[tuple[str, Guide]]]:
    """The interview guides file: the standard guide, and (practice slug, guide) pairs."""
    errors: list[FileError] = []
    data = load(text, filename, errors)
    if errors:
        raise LibrarySeedError(errors)
    if not isinstance(data, Mapping) or not isinstance(data.get("standard"), Mapping):
        raise LibrarySeedError([FileError("standard", "is missing")])
    standard = (str(data["standard"].get("title") or "").strip(),
                _guide_questions(data["standard"].get("questions"), "standard.questions",
                                 errors))
    guides: list[tuple[str, Guide]] = []
    for n, item in enumerate(data.get("guides") or [], start=1):
        place = f"guides[{n}]"
        if not isinstance(item, Mapping) or not str(item.get("practice") or "").strip():
            errors.append(FileError(place, "needs a practice"))
            continue
        title = str(item.get("title") or "").strip()
        if not title or len(title) > 200:
            errors.append(FileError(f"{place}.title", "needs a title of at most 200 characters"))
        questions = (standard[1] if item.get("standard") is True
                     else _guide_questions(item.get("questions"), f"{place}.questions", errors))
        guides.append((str(item["practice"]).strip(), (title, questions)))
    if errors:
        raise LibrarySeedError(errors)
    return standard, guides


def standard_questions() -> list[tuple[str, str]]:
    """The generic interview guide's questions (Slovenian, English)."""
    return read_question_sets(SEED_QUESTION_SETS.read_bytes(), SEED_QUESTION_SETS.name)[0][1]


def question_sets_seed() -> int:
    """Create the seeded interview guides that a practice does not have yet (matched by its
    title); one that exists is never changed, so this is safe to run on any database.
    Returns how many were created."""
    _standard, guides = read_question_sets(SEED_QUESTION_SETS.read_bytes(),
                                           SEED_QUESTION_SETS.name)
    created = 0
    with transaction.atomic():
        practices = Practice.objects.in_bulk([slug for slug, _g in guides], field_name="slug")
        for slug, (title, questions) in guides:
            practice = practices.get(slug)
            if practice is None or practice.question_sets.filter(title=title).exists():
                continue
            question_set = QuestionSet.objects.create(practice=practice, title=title)
            Question.objects.bulk_create([
                Question(question_set=question_set, position=position, text_sl=sl, text_en=en)
                for position, (sl, en) in enumerate(questions)])
            created += 1
    return created


# Seed ----------------------------------------------------------------------------------------


def seed_library() -> SeedOutcome:
    """Import the factors, practices and region profiles shipped with the app.

    Running it again changes nothing (no new rows, no new revisions).
    """
    with transaction.atomic():
        factors = factors_import(text=SEED_FACTORS.read_bytes(), filename=SEED_FACTORS.name)
        if factors.errors:
            raise LibrarySeedError(factors.errors)
        practices = practices_import(text=SEED_PRACTICES.read_bytes(),
                                     filename=SEED_PRACTICES.name)
        if practices.errors:
            raise LibrarySeedError(practices.errors)
        regions = region_profiles_import(text=SEED_REGIONS.read_bytes(),
                                         filename=SEED_REGIONS.name)
        if regions.errors:
            raise LibrarySeedError(regions.errors)
        guides = question_sets_seed()
    return SeedOutcome(factors=factors, practices=practices, regions=regions, guides=guides)
