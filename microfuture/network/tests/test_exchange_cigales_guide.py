"""The CIGALES interview guide (field-review.md §4): twelve questions in Slovenian and English,
seeded for the Clubs CIGALES practice alongside the generic guide, also into a database that
was seeded before the guide existed; the interview page offers both."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from microfuture.practices import services
from microfuture.practices.models import Practice, QuestionSet

pytestmark = pytest.mark.django_db


def guide() -> QuestionSet:
    return QuestionSet.objects.get(practice__slug="cigales-clubs",
                                   title="CIGALES interview guide")


def test_the_guide_has_twelve_questions_in_both_languages(db: Any) -> None:
    outcome = services.seed_library()
    assert outcome.guides == 2
    questions = list(guide().questions.order_by("position"))
    assert len(questions) == 12
    assert [q.position for q in questions] == list(range(12))
    for q in questions:
        assert q.text_sl.strip() and q.text_en.strip() and q.text_sl != q.text_en
        assert q.text_en.endswith("?") and q.text_sl.endswith("?")
    assert "leaves the club" in questions[0].text_en and "izstopi" in questions[0].text_sl
    assert "GARRIGUE" in questions[10].text_en and "GARRIGUE" in questions[10].text_sl
    assert "from scratch" in questions[11].text_en
    # The generic guide alongside it, the same six questions the interview page creates.
    generic = QuestionSet.objects.get(practice__slug="cigales-clubs",
                                      title="Practitioner interview")
    assert [(q.text_sl, q.text_en) for q in generic.questions.order_by("position")] == (
        services.standard_questions())
    assert len(services.standard_questions()) == 6
    # Only CIGALES has a seeded guide.
    assert set(QuestionSet.objects.values_list("practice__slug", flat=True)) == {"cigales-clubs"}


def test_seeding_again_adds_only_what_is_missing(db: Any) -> None:
    services.seed_library()
    kept = guide().pk
    again = services.seed_library()
    assert again.guides == 0 and guide().pk == kept
    assert QuestionSet.objects.count() == 2
    # A database seeded before the guide existed gets it on the next seed, and nothing else.
    guide().delete()
    assert services.seed_library().guides == 1
    assert guide().questions.count() == 12 and QuestionSet.objects.count() == 2


def test_the_interview_page_offers_both_guides(curator: Any) -> None:
    services.seed_library()
    client = Client()
    client.force_login(curator)
    html = client.get(f"/practices/cigales-clubs/interviews/new/?set={guide().pk}"
                      ).content.decode()
    assert "CIGALES interview guide" in html and "Practitioner interview" in html
    assert "How do you value stakes in enterprises that are not listed?" in html
    client.cookies["django_language"] = "sl"
    html = client.get(f"/practices/cigales-clubs/interviews/new/?set={guide().pk}",
                      HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert "Kako ocenite vrednost deležev v podjetjih" in html
    assert Practice.objects.get(slug="cigales-clubs").question_sets.count() == 2
