"""Reads of the good-practice library: what a person may see, a record as plain values, the
snapshot a revision keeps, and the transferability of a practice to a region."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from microfuture.kernel.text import Bilingual
from microfuture.practices import permissions
from microfuture.practices.models import (
    FactorAnswer,
    Indicator,
    Practice,
    PracticeFactor,
    RegionProfile,
    Revision,
    SuccessFactor,
)
from microfuture.practices.practice_file import (
    TEXT_FIELDS,
    Factor,
    FactorWeight,
    PracticeData,
    RegionAnswer,
    RegionData,
    practice_out,
)
from microfuture.practices.practice_file import (
    Indicator as IndicatorData,
)
from microfuture.practices.transfer import (
    Answer,
    FactorUse,
    assess,
    assessment_json,
    inherit,
    parent_code,
)


@dataclass(frozen=True)
class Visibility:
    """Which records a person may see: everything, or the records in `statuses` plus those
    whose author is `author_id`. One rule, read by `visible_practices` (a query) and by the
    search's in-memory facet counts (search_facets.visible_mask)."""

    everything: bool = False
    statuses: frozenset[str] = frozenset()
    author_id: int | None = None


def visibility(user: Any) -> Visibility:
    """Public records for everyone, plus their own; experts also the submitted ones they
    review; editors everything."""
    if permissions.is_editor(user):
        return Visibility(everything=True)
    statuses = set(Practice.PUBLIC)
    if not user.is_authenticated:
        return Visibility(statuses=frozenset(statuses))
    if permissions.is_expert(user):
        statuses.add(Practice.Status.SUBMITTED)
    return Visibility(statuses=frozenset(statuses), author_id=user.pk)


def visible_practices(user: Any) -> QuerySet[Practice]:
    """The records this person may see: public ones, plus their own and those they review."""
    rule = visibility(user)
    practices = Practice.objects.all()
    if rule.everything:
        return practices
    seen = Q(status__in=sorted(rule.statuses))
    if rule.author_id is not None:
        seen |= Q(author_id=rule.author_id)
    return practices.filter(seen)


def practice_for(user: Any, slug: str) -> Practice:
    """The record, or 404 when there is none or the person may not see it (no hint which)."""
    practice = visible_practices(user).filter(slug=slug).first()
    if practice is None:
        raise Http404(_("There is no such practice."))
    return practice


def _text(row: Any, stem: str) -> Bilingual:
    return Bilingual(sl=getattr(row, f"{stem}_sl"), en=getattr(row, f"{stem}_en"))


def factor_from_row(row: SuccessFactor) -> Factor:
    return Factor(key=row.key, name=_text(row, "name"), category=row.category)


def practice_data(practice: Practice) -> PracticeData:
    """The record as plain values (the shape of the practices file)."""
    p = practice
    texts = {name: _text(p, stem) for name, stem in TEXT_FIELDS.items()}
    indicators = tuple(
        IndicatorData(name=_text(i, "name"), value=i.value, unit=i.unit, year=i.year)
        for i in Indicator.objects.filter(practice=p).order_by("position", "pk")
    )
    uses = tuple(
        FactorWeight(factor_from_row(u.factor), u.weight)
        for u in PracticeFactor.objects.filter(practice=p).select_related("factor")
        .order_by("-weight", "factor__key")
    )
    return PracticeData(
        slug=p.slug,
        country=p.country,
        original_language=p.original_language,
        original_text=p.original_text,
        region=p.region,
        city=p.city,
        latitude=p.latitude,
        longitude=p.longitude,
        main_institution=p.main_institution,
        started_on=p.started_on,
        ended_on=p.ended_on,
        mechanism_kinds=tuple(p.mechanism_kinds or ()),
        target_groups=tuple(p.target_groups or ()),
        indicators=indicators,
        success_factors=uses,
        sources=tuple(p.sources or ()),
        contacts=tuple(p.contacts or ()),
        status=p.status,
        presented=p.presented,
        **texts,
    )


def snapshot(practice: Practice) -> dict[str, Any]:
    """What a revision stores: the record as a practices file's object (JSON-safe)."""
    return practice_out(practice_data(practice), "json")


def revisions(practice: Practice) -> QuerySet[Revision]:
    """The record's revisions, newest first, with their authors."""
    return Revision.objects.filter(practice=practice).select_related("author").order_by(
        "-number")


# What a workflow step changes; the rest of a revision's snapshot is the record's content.
WORKFLOW_KEYS = frozenset({"status", "expert_opinion"})


def _content(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    return {k: v for k, v in data.items() if k not in WORKFLOW_KEYS}


def content_authors(practice: Practice) -> set[int]:
    """Who wrote the record as it stands (four eyes): the person who created it and the
    author of its latest content revision (a workflow step, which changes only the status
    or the expert opinion, is not content). Neither may approve or validate it."""
    authors = {practice.author_id} if practice.author_id is not None else set()
    rows = list(Revision.objects.filter(practice=practice).order_by("-number")
                .values_list("author_id", "data"))
    for (author_id, data), older in zip(rows, [*rows[1:], None], strict=True):
        if older is None or _content(data) != _content(older[1]):
            if author_id is not None:
                authors.add(author_id)
            break
    return authors


def region_profiles() -> QuerySet[RegionProfile]:
    """Every region profile with its answers (and their factors) loaded."""
    return RegionProfile.objects.order_by("code").prefetch_related(
        Prefetch("answers", queryset=FactorAnswer.objects.select_related("factor")
                 .order_by("factor__key"))
    )


def region_data(region: RegionProfile) -> RegionData:
    answers = {
        a.factor.key: RegionAnswer(answer=a.answer, note=a.note, curator_note=a.curator_note,
                                   note_sl=a.note_sl)
        for a in FactorAnswer.objects.filter(region=region).select_related("factor")
        .order_by("factor__key")
    }
    return RegionData(code=region.code, name=region.name, answers=answers)


def factor_uses(practice: Practice) -> list[FactorUse]:
    """The practice's success factors for the pure assessment (essential ones first)."""
    return [
        FactorUse(key=u.factor.key, name=_text(u.factor, "name"), category=u.factor.category,
                  weight=u.weight, kind=u.factor.kind)
        for u in PracticeFactor.objects.filter(practice=practice).select_related("factor")
        .order_by("-weight", "factor__key")
    ]


def _own_curator_notes(region: RegionProfile) -> dict[str, str]:
    return dict(FactorAnswer.objects.filter(region=region).exclude(curator_note="")
                .values_list("factor__key", "curator_note"))


def national_profile(region: RegionProfile) -> RegionProfile | None:
    """The profile of the country the region lies in (SI for SI035), if there is one."""
    code = parent_code(region.code)
    return RegionProfile.objects.filter(code=code).first() if code else None


def curator_notes(region: RegionProfile) -> dict[str, str]:
    """The region's curators' notes by factor key (for editors' eyes only); where the region
    inherits the country's answer, the country's note comes first."""
    own = _own_curator_notes(region)
    national = national_profile(region)
    if national is None:
        return own
    theirs = _own_curator_notes(national)
    inherited = {k for k, a in region_answers(region).items() if a.inherited_from}
    out = {k: v for k, v in own.items() if k not in inherited}
    for key in inherited:
        text = " ".join(t for t in (theirs.get(key, ""), own.get(key, "")) if t)
        if text:
            out[key] = text
    return out


def _answers_of(region: RegionProfile, lang: str) -> dict[str, Answer]:
    return {
        a.factor.key: Answer(answer=a.answer, note=note_in(a, lang))
        for a in FactorAnswer.objects.filter(region=region).select_related("factor")
    }


def region_answers(region: RegionProfile, lang: str = "en") -> dict[str, Answer]:
    """The region's answers, each note in `lang` (the other language when that one is empty).
    A region inside a country inherits the country's answer to each factor it does not answer
    itself (or answers `unknown`): transfer.inherit."""
    own = _answers_of(region, lang)
    national = national_profile(region)
    if national is None:
        return own
    return inherit(own, _answers_of(national, lang), national.code)


def note_in(answer: FactorAnswer, lang: str) -> str:
    if lang == "sl":
        return answer.note_sl or answer.note
    return answer.note or answer.note_sl


def region_for(code: str) -> RegionProfile:
    region = RegionProfile.objects.filter(code=code).first()
    if region is None:
        raise Http404(_("There is no region profile with the code %(code)s.") % {"code": code})
    return region


def transferability(practice: Practice, region_code: str, *, lang: str = "en") -> dict[str, Any]:
    """The transferability of the practice to the region, as the API returns it (spec §3).

    Raises Http404 with a plain reason when the region has no profile.
    """
    region = region_for(region_code)
    assessment = assess(factor_uses(practice), region_answers(region, lang))
    return assessment_json(practice.slug, region.code, assessment, lang)
