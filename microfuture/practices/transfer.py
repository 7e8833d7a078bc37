"""Transferability of a practice to a region: the pure arithmetic of spec §3.

Pure (no Django, no I/O). A practice depends on success factors, each with a weight
(1 = helps, 2 = important, 3 = essential); a region answers each factor `present`, `partial`,
`absent` or `unknown`. The score is Σ weight × value / Σ weight over the answered factors,
with present = 1, partial = 0.5, absent = 0, as a whole-number percentage rounded half up
(62.5 → 63). Factors answered `unknown`, or not answered at all, are left out of the score and
listed as open questions; the score is `None` when no factor is answered. An essential factor
that is absent is a blocker, listed first, with the region's note.

Each factor is of one kind (issue 11 §6): a **precondition** (law, tax, public money: it must
exist for the practice to work) or a thing a **pilot builds** (a regional association, pitch
events, trained volunteers). Only preconditions make the score, the blockers and the open
questions; a thing a pilot builds never counts against a transfer, since nobody has piloted the
practice there yet. Those not already present make the pilot's to-do list instead.

A region inside a country (SI035 inside SI) inherits the country's answer to every factor it
has no answer of its own for (`inherit`): the law and the tax rules are national.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from microfuture.kernel.text import Bilingual

__all__ = [
    "ANSWERS",
    "BUILT_BY_PILOT",
    "CATEGORIES",
    "ESSENTIAL",
    "KINDS",
    "PRECONDITION",
    "Answer",
    "Assessment",
    "FactorResult",
    "FactorUse",
    "assess",
    "assessment_json",
    "inherit",
    "parent_code",
]

PRESENT, PARTIAL, ABSENT, UNKNOWN = "present", "partial", "absent", "unknown"
ANSWERS = (PRESENT, PARTIAL, ABSENT, UNKNOWN)
CATEGORIES = ("legal", "fiscal", "financial", "institutional", "social", "skills")
WEIGHTS = (1, 2, 3)
ESSENTIAL = 3
PRECONDITION, BUILT_BY_PILOT = "precondition", "built_by_pilot"
KINDS = (PRECONDITION, BUILT_BY_PILOT)

# The value of each answer that counts in the score; `unknown` has none (left out).
VALUES: Mapping[str, Decimal] = {
    PRESENT: Decimal(1),
    PARTIAL: Decimal("0.5"),
    ABSENT: Decimal(0),
}


@dataclass(frozen=True)
class FactorUse:
    """A success factor as one practice uses it: the shared factor and this practice's weight."""

    key: str
    name: Bilingual | str
    category: str
    weight: int
    kind: str = PRECONDITION

    def __post_init__(self) -> None:
        if self.weight not in WEIGHTS:
            raise ValueError(f"factor {self.key!r}: weight {self.weight!r} is not 1, 2 or 3")
        if self.kind not in KINDS:
            raise ValueError(f"factor {self.key!r}: kind {self.kind!r} is not one of "
                             + ", ".join(KINDS))

    def name_in(self, lang: str) -> str:
        return self.name.get(lang) if isinstance(self.name, Bilingual) else self.name


@dataclass(frozen=True)
class Answer:
    """A region's answer to one factor, with the note that says why."""

    answer: str
    note: str = ""
    # The code of the profile the answer comes from when the region inherits it (SI), or "".
    inherited_from: str = ""

    def __post_init__(self) -> None:
        if self.answer not in ANSWERS:
            raise ValueError(f"{self.answer!r} is not one of " + ", ".join(ANSWERS))


def parent_code(code: str) -> str:
    """The country a region lies in (SI035 → SI), or "" for a country itself."""
    return code[:2] if len(code) > 2 else ""


def inherit(own: Mapping[str, Answer], national: Mapping[str, Answer],
            national_code: str) -> dict[str, Answer]:
    """A region's answers with the country's filling the gaps.

    A factor the region does not answer, or answers `unknown`, takes the country's answer
    when the country knows it (its own note, if any, follows the country's). An answer of the
    region's own (present, partial, absent) always wins.
    """
    out = dict(own)
    for key, theirs in national.items():
        mine = own.get(key)
        if theirs.answer == UNKNOWN or (mine is not None and mine.answer != UNKNOWN):
            continue
        note = theirs.note
        if mine is not None and mine.note and mine.note != theirs.note:
            note = f"{theirs.note} {mine.note}".strip()
        out[key] = Answer(answer=theirs.answer, note=note, inherited_from=national_code)
    return out


@dataclass(frozen=True)
class FactorResult:
    """One line of the result: the factor, its weight, and the region's answer."""

    factor: FactorUse
    answer: str
    note: str
    inherited_from: str = ""

    @property
    def key(self) -> str:
        return self.factor.key

    @property
    def kind(self) -> str:
        return self.factor.kind

    @property
    def is_precondition(self) -> bool:
        return self.factor.kind == PRECONDITION

    @property
    def weight(self) -> int:
        return self.factor.weight

    @property
    def is_blocker(self) -> bool:
        return (self.is_precondition and self.factor.weight == ESSENTIAL
                and self.answer == ABSENT)


@dataclass(frozen=True)
class Assessment:
    """`score`, `blockers` and `open_questions` are about the preconditions only;
    `pilot_tasks` are the things a pilot builds that the region does not have yet (every
    answer but `present`), essential ones first."""

    score: int | None
    blockers: tuple[FactorResult, ...]
    open_questions: tuple[FactorResult, ...]
    factors: tuple[FactorResult, ...]
    pilot_tasks: tuple[FactorResult, ...] = ()


def assess(factors: Sequence[FactorUse], answers: Mapping[str, Answer]) -> Assessment:
    """The transferability of a practice with these factors to a region with these answers.

    Answers to factors the practice does not use are ignored. `factors` lists the blockers
    first, then the other factors in the order given. Things a pilot builds are left out of
    the score, the blockers and the open questions, and listed as `pilot_tasks`.
    """
    seen: set[str] = set()
    results: list[FactorResult] = []
    for factor in factors:
        if factor.key in seen:
            raise ValueError(f"factor {factor.key!r} is listed twice")
        seen.add(factor.key)
        given = answers.get(factor.key)
        if given is None:
            results.append(FactorResult(factor, UNKNOWN, ""))
        else:
            results.append(FactorResult(factor, given.answer, given.note, given.inherited_from))

    weighted = Decimal(0)
    total = 0
    for result in results:
        if not result.is_precondition:
            continue
        value = VALUES.get(result.answer)
        if value is None:
            continue
        weighted += result.weight * value
        total += result.weight
    score: int | None = None
    if total:
        # Half up, as the spec says (62.5 → 63), not Python's round() which rounds to even.
        score = int((weighted * 100 / total).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    blockers = tuple(r for r in results if r.is_blocker)
    open_questions = tuple(r for r in results if r.is_precondition and r.answer == UNKNOWN)
    pilot_tasks = tuple(sorted((r for r in results
                                if not r.is_precondition and r.answer != PRESENT),
                               key=lambda r: -r.weight))
    # Blockers come first everywhere they are listed, then the other factors in their order.
    ordered = blockers + tuple(r for r in results if not r.is_blocker)
    return Assessment(score=score, blockers=blockers, open_questions=open_questions,
                      factors=ordered, pilot_tasks=pilot_tasks)


def _factor_json(result: FactorResult, lang: str) -> dict[str, Any]:
    return {
        "key": result.key,
        "name": result.factor.name_in(lang),
        "category": result.factor.category,
        "weight": result.weight,
        "kind": result.kind,
        "answer": result.answer,
        "note": result.note,
        "inherited_from": result.inherited_from or None,
    }


def assessment_json(practice_slug: str, region_code: str, assessment: Assessment,
                    lang: str = "en") -> dict[str, Any]:
    """The API's body (spec §3): practice, region, score, blockers, open_questions, factors,
    and the pilot's to-do list (`pilot_tasks`, issue 11 §6)."""
    return {
        "practice": practice_slug,
        "region": region_code,
        "score": assessment.score,
        "blockers": [_factor_json(r, lang) for r in assessment.blockers],
        "open_questions": [_factor_json(r, lang) for r in assessment.open_questions],
        "pilot_tasks": [_factor_json(r, lang) for r in assessment.pilot_tasks],
        "factors": [_factor_json(r, lang) for r in assessment.factors],
    }
