"""Recording a practitioner interview: consent is required; answers link to factors."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices.models import Interview, QuestionSet
from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

# The shared fixtures (pytest finds them by these names).
author = support.author
library = support.library


def interview_post(library: Any, **extra: Any) -> Any:
    q = library["question"]
    data = {
        "question_set": str(library["question_set"].pk),
        "interviewee_role": "treasurer of a club", "organisation": "CIGALES Bretagne",
        "held_on": "2025-06-01", "consent_text": "Shown without my name.",
        "consent_given": "on", f"answer_{q.pk}": "Training by the association.",
        f"factors_{q.pk}": ["regional-association"],
    }
    data.update(extra)
    return data


def test_editor_records_an_interview(library: Any, curator: Any) -> None:
    client = as_user(curator)
    html = client.get("/practices/cigales-clubs/interviews/new/").content.decode()
    assert 'name="consent_given"' in html and "What made it work?" in html
    response = client.post("/practices/cigales-clubs/interviews/new/", interview_post(library),
                           follow=True)
    assert response.status_code == 200
    interview = Interview.objects.get(interviewee_role="treasurer of a club")
    answer = interview.answers.get()
    assert [f.key for f in answer.factors.all()] == ["regional-association"]
    assert "treasurer of a club" in response.content.decode()


def test_without_consent_nothing_is_kept(library: Any, curator: Any) -> None:
    data = interview_post(library)
    del data["consent_given"]
    response = as_user(curator).post("/practices/cigales-clubs/interviews/new/", data)
    assert response.status_code == 400
    assert "only with the interviewee" in response.content.decode()
    assert not Interview.objects.filter(interviewee_role="treasurer of a club").exists()


def test_standard_question_set_is_created_when_none_exists(library: Any, curator: Any) -> None:
    response = as_user(curator).post("/practices/adie-microloans/interviews/new/",
                                     {"create_standard_set": "1"})
    assert response.status_code == 302
    question_set = QuestionSet.objects.get(practice=library["microloans"])
    assert question_set.questions.count() == 6


def test_outsider_cannot_record(library: Any, outsider: Any) -> None:
    response = as_user(outsider).post("/practices/cigales-clubs/interviews/new/",
                                      interview_post(library))
    assert response.status_code == 403
