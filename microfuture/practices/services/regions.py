"""Region profiles: each region's answers about the success factors, one by one, all at once,
and in files (import and export).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from django.db import transaction
from django.utils.translation import gettext as _

from microfuture.datafile import cleared_fields, record_lines
from microfuture.practices import permissions, selectors
from microfuture.practices.models import FactorAnswer, RegionProfile, SuccessFactor
from microfuture.practices.practice_file import (
    REGION_CODE_MAX,
    REGION_CODE_RE,
    REGION_NAME_MAX,
    RegionData,
    read_region_profiles,
    write_region_profiles,
)
from microfuture.practices.services.base import (
    ImportOutcome,
    PracticeError,
    _allow,
    _clear_errors,
    logger,
)
from microfuture.practices.transfer import ANSWERS

if TYPE_CHECKING:
    from microfuture.practices.permissions import Actor


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
