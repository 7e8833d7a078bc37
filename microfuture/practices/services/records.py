"""A practice's record: creating and changing it (`practice_save`), and bringing back an
earlier revision's content (`practice_restore`). The values are read and checked as a
practices file's record (`practice_file`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from microfuture.kernel.text import Bilingual
from microfuture.practices import permissions, selectors
from microfuture.practices.models import (
    Indicator,
    Practice,
    PracticeFactor,
    Revision,
    SuccessFactor,
)
from microfuture.practices.practice_file import TEXT_FIELDS, Factor, PracticeData, read_practice
from microfuture.practices.services.base import (
    PracticeError,
    _allow,
    _locked,
    _person,
    _refuse_errors,
    _signed_in,
    logger,
)
from microfuture.practices.services.revisions import _changed

if TYPE_CHECKING:
    from microfuture.practices.permissions import Actor

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
        text: Bilingual = getattr(data, name)
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
