"""Transferability worked examples (spec §3), computed by hand in the comments."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from microfuture.practices import services
from microfuture.practices.tests.test_api_detail_visibility import (  # noqa: F401
    _api_urls,
)
from microfuture.practices.transfer import Answer, FactorUse, assess, assessment_json

LEGAL = FactorUse("legal-form", "Legal form", "legal", 3)
TAX = FactorUse("tax-relief", "Tax relief", "fiscal", 2)
ASSOC = FactorUse("association", "Association", "institutional", 2)
PITCH = FactorUse("pitch", "Pitch events", "social", 1)


def test_half_up_rounding_62_5_becomes_63() -> None:
    # present 3×1 + partial 2×0.5 + absent 2×0 + present 1×1 = 5 of 8 → 62.5 % → 63.
    a = assess([LEGAL, TAX, ASSOC, PITCH], {
        "legal-form": Answer("present"), "tax-relief": Answer("partial"),
        "association": Answer("absent"), "pitch": Answer("present")})
    assert a.score == 63
    assert a.blockers == () and a.open_questions == ()


def test_unknown_and_unanswered_are_left_out_and_listed() -> None:
    # legal absent (3×0), tax unknown, association not answered, pitch partial (1×0.5):
    # 0.5 of 4 → 12.5 % → 13; the essential absent factor is a blocker, with its note.
    a = assess([PITCH, TAX, ASSOC, LEGAL], {
        "legal-form": Answer("absent", "No such form in law."),
        "tax-relief": Answer("unknown", "Not researched."),
        "pitch": Answer("partial")})
    assert a.score == 13
    assert [b.key for b in a.blockers] == ["legal-form"]
    assert a.factors[0].key == "legal-form"  # blockers first
    assert [q.key for q in a.open_questions] == ["tax-relief", "association"]
    body = assessment_json("cigales", "SI", a, "en")
    assert body["blockers"] == [{"key": "legal-form", "name": "Legal form", "category": "legal",
                                 "weight": 3, "kind": "precondition", "answer": "absent",
                                 "note": "No such form in law.", "inherited_from": None}]
    assert body["open_questions"][1]["answer"] == "unknown"
    assert list(body) == ["practice", "region", "score", "blockers", "open_questions",
                          "pilot_tasks", "factors"]


def test_every_factor_unknown_gives_null() -> None:
    a = assess([LEGAL, TAX], {"legal-form": Answer("unknown")})
    assert a.score is None
    assert assessment_json("p", "SI", a)["score"] is None


def test_all_present_is_100_and_all_absent_is_0() -> None:
    assert assess([LEGAL, PITCH], {"legal-form": Answer("present"),
                                   "pitch": Answer("present")}).score == 100
    a = assess([TAX, PITCH], {"tax-relief": Answer("absent"), "pitch": Answer("absent")})
    assert a.score == 0 and a.blockers == ()  # only essential factors block


def test_two_thirds_rounds_to_67_and_one_sixth_to_17() -> None:
    # 2 of 3 (weights 2 present, 1 absent) = 66.67 → 67; 1 of 6 = 16.67 → 17.
    assert assess([TAX, PITCH], {"tax-relief": Answer("present"),
                                 "pitch": Answer("absent")}).score == 67
    assert assess([LEGAL, TAX, PITCH], {"legal-form": Answer("absent"),
                                        "tax-relief": Answer("absent"),
                                        "pitch": Answer("present")}).score == 17


def test_bad_values_are_refused() -> None:
    with pytest.raises(ValueError):
        FactorUse("x", "X", "legal", 4)
    with pytest.raises(ValueError):
        Answer("maybe")


@pytest.fixture
def published(curator: Any) -> Any:
    outcome = services.practices_import(filename="p.yaml", text="""
practices:
- slug: club
  title: Club
  country: FR
  status: approved
  success_factors:
  - {key: legal-form, name: Legal form, category: legal, weight: 3}
  - {key: tax-relief, name: {sl: Davčna olajšava, en: Tax relief}, category: fiscal, weight: 2}
  - {key: pitch, name: Pitch events, category: social, weight: 1}
""")
    assert outcome.ok, outcome.errors
    services.region_profile_save(code="SI", name="Slovenia", actor=curator, answers={
        "legal-form": {"answer": "partial", "note": "Half there."},
        "tax-relief": {"answer": "present", "note": ""}})


def test_api_transferability(published: Any) -> None:
    # legal partial 3×0.5 + tax present 2×1 = 3.5 of 5 = 70; pitch unanswered → open.
    response = Client().get("/api/v1/practices/club/transferability?region=SI&lang=sl")
    assert response.status_code == 200
    body = response.json()
    assert body["practice"] == "club" and body["region"] == "SI" and body["score"] == 70
    assert body["blockers"] == []
    assert [q["key"] for q in body["open_questions"]] == ["pitch"]
    assert body["factors"][1]["name"] == "Davčna olajšava"


def test_api_transferability_errors(published: Any) -> None:
    missing = Client().get("/api/v1/practices/club/transferability")
    assert missing.status_code == 422
    unknown = Client().get("/api/v1/practices/club/transferability?region=XX9")
    assert unknown.status_code == 404
    assert "XX9" in unknown.json()["detail"]
