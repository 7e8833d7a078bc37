"""Practitioners' insights (spec §2): question sets and interviews, only with consent."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from microfuture.conftest import make_user
from microfuture.practices import services
from microfuture.practices.models import Interview, InterviewAnswer, Practice, QuestionSet
from microfuture.practices.services import PracticeError, PracticeForbidden


@pytest.fixture
def practice(db: Any) -> Practice:
    author = make_user("author")
    return services.practice_save(practice=None, actor=author, data={
        "slug": "clubs", "title": "Clubs", "country": "FR",
        "success_factors": [{"key": "mentors", "name": "Mentors", "category": "social",
                             "weight": 2}]})


@pytest.fixture
def question_set(practice: Practice, curator: Any) -> QuestionSet:
    return services.question_set_create(
        practice=practice, title="Club managers", actor=curator,
        questions=[{"sl": "Kaj je delovalo?", "en": "What made it work?"},
                   "What would you do differently?"])


def record(question_set: QuestionSet, actor: Any, consent: bool) -> Interview:
    first = question_set.questions.order_by("position").first()
    assert first is not None
    return services.interview_record(
        question_set=question_set, actor=actor, interviewee_role="manager of a club in Lyon",
        organisation="CIGALES AURA", held_on=date(2024, 5, 15), consent_given=consent,
        consent_text="May be quoted without my name.",
        answers=[(first, "Monthly meetings and mentors.", ["mentors"])])


def test_question_set_by_editor_or_author(practice: Practice, outsider: Any) -> None:
    with pytest.raises(PracticeForbidden):
        services.question_set_create(practice=practice, title="X", questions=["Q?"],
                                     actor=outsider)
    made = services.question_set_create(practice=practice, title="Mine", questions=["Q?"],
                                        actor=practice.author)
    assert made.questions.get().text_en == "Q?"


def test_interview_with_consent_is_linked_to_factors(question_set: QuestionSet,
                                                     curator: Any) -> None:
    interview = record(question_set, curator, True)
    answer = InterviewAnswer.objects.get(interview=interview)
    assert [f.key for f in answer.factors.all()] == ["mentors"]
    assert interview.interviewer == curator and interview.consent_given


def test_interview_without_consent_is_refused(question_set: QuestionSet,
                                              curator: Any) -> None:
    with pytest.raises(PracticeError):
        record(question_set, curator, False)
    assert not Interview.objects.exists()


def test_outsider_may_not_record(question_set: QuestionSet, outsider: Any) -> None:
    with pytest.raises(PracticeForbidden):
        record(question_set, outsider, True)
    assert not Interview.objects.exists()


def test_unknown_factor_key_is_refused(question_set: QuestionSet, curator: Any) -> None:
    first = question_set.questions.first()
    assert first is not None
    with pytest.raises(PracticeError):
        services.interview_record(
            question_set=question_set, actor=curator, interviewee_role="manager",
            organisation="", held_on=date(2024, 5, 15), consent_given=True, consent_text="",
            answers=[(first, "Text.", ["no-such-factor"])])
    assert not Interview.objects.exists()
