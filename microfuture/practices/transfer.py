"""Transferability of a practice to a region: the pure arithmetic of spec §3.

Pure (no Django, no I/O). A practice depends on success factors, each with a weight
(1 = helps, 2 = important, 3 = essential); a region answers each factor `present`, `partial`,
`absent` or `unknown`. The score is Σ weight × value / Σ weight over the answered factors,
with present = 1, partial = 0.5, absent = 0, as a whole-number percentage rounded half up
(62.5 → 63). Factors answered `unknown`, or not answered at all, are left out of the score and
listed as open questions; the score is `None` when no factor is answered. An essential factor
that is absent is a blocker, listed first, with the region's note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from microfuture.finder.mechanism import Text

__all__ = [
    "ANSWERS",
    "CATEGORIES",
    "ESSENTIAL",
    "Answer",
    "Assessment",
    "FactorResult",
    "FactorUse",
    "assess",
    "assessment_json",
]

PRESENT, PARTIAL, ABSENT, UNKNOWN = "present", "partial", "absent", "unknown"
ANSWERS = (PRESENT, PARTIAL, ABSENT, UNKNOWN)
CATEGORIES = ("legal", "fiscal", "financial", "institutional", "social", "skills")
WEIGHTS = (1, 2, 3)
ESSENTIAL = 3

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
    name: Text | str
    category: str
    weight: int

    def __post_init__(self) -> None:
        if self.weight not in WEIGHTS:
            raise ValueError(f"factor {self.key!r}: weight {self.weight!r} is not 1, 2 or 3")

    def name_in(self, lang: str) -> str:
        return self.name.get(lang) if isinstance(self.name, Text) else self.name


@dataclass(frozen=True)
class Answer:
    """A region's answer to one factor, with the note that says why."""

    answer: str
    note: str = ""

    def __post_init__(self) -> None:
        if self.answer not in ANSWERS:
            raise ValueError(f"{self.answer!r} is not one of " + ", ".join(ANSWERS))


@dataclass(frozen=True)
class FactorResult:
    """One line of the result: the factor, its weight, and the region's answer."""

    factor: FactorUse
    answer: str
    note: str

    @property
    def key(self) -> str:
        return self.factor.key

    @property
    def weight(self) -> int:
        return self.factor.weight

    @property
    def is_blocker(self) -> bool:
        return self.factor.weight == ESSENTIAL and self.answer == ABSENT


@dataclass(frozen=True)
class Assessment:
    score: int | None
    blockers: tuple[FactorResult, ...]
    open_questions: tuple[FactorResult, ...]
    factors: tuple[FactorResult, ...]


def assess(factors: Sequence[FactorUse], answers: Mapping[str, Answer]) -> Assessment:
    """The transferability of a practice with these factors to a region with these answers.

    Answers to factors the practice does not use are ignored. `factors` lists the blockers
    first, then the other factors in the order given.
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
            results.append(FactorResult(factor, given.answer, given.note))

    weighted = Decimal(0)
    total = 0
    for result in results:
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
    open_questions = tuple(r for r in results if r.answer == UNKNOWN)
    # Blockers come first everywhere they are listed, then the other factors in their order.
    ordered = blockers + tuple(r for r in results if not r.is_blocker)
    return Assessment(score=score, blockers=blockers, open_questions=open_questions,
                      factors=ordered)


def _factor_json(result: FactorResult, lang: str) -> dict[str, Any]:
    return {
        "key": result.key,
        "name": result.factor.name_in(lang),
        "category": result.factor.category,
        "weight": result.weight,
        "answer": result.answer,
        "note": result.note,
    }


def assessment_json(practice_slug: str, region_code: str, assessment: Assessment,
                    lang: str = "en") -> dict[str, Any]:
    """The API's body (spec §3): practice, region, score, blockers, open_questions, factors."""
    return {
        "practice": practice_slug,
        "region": region_code,
        "score": assessment.score,
        "blockers": [_factor_json(r, lang) for r in assessment.blockers],
        "open_questions": [_factor_json(r, lang) for r in assessment.open_questions],
        "factors": [_factor_json(r, lang) for r in assessment.factors],
    }
