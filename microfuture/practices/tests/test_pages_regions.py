"""Region profiles: the list, and the editor of one region's answers for editors."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices.models import FactorAnswer
from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

# The shared fixtures (pytest finds them by these names).
author = support.author
library = support.library


def answers_post(**changes: Any) -> Any:
    data = {
        "answer_coownership-form": "absent", "note_coownership-form":
            "No such legal form in Slovenian law.",
        "answer_equity-tax-relief": "partial", "note_equity-tax-relief": "Only for some investors.",
        "answer_regional-association": "unknown", "note_regional-association": "",
        "answer_pitch-events": "present", "note_pitch-events": "",
    }
    data.update(changes)
    return data


def test_region_list_and_read_only_view(library: Any) -> None:
    html = as_user().get("/practices/regions/").content.decode()
    assert "Slovenia" in html and "/practices/regions/SI/" in html
    html = as_user().get("/practices/regions/SI/").content.decode()
    assert "No such legal form in Slovenian law." in html
    assert 'type="radio"' not in html
    assert as_user().get("/practices/regions/XX/").status_code == 404


def test_editor_saves_answers(library: Any, curator: Any) -> None:
    client = as_user(curator)
    html = client.get("/practices/regions/SI/").content.decode()
    assert 'name="answer_regional-association" value="unknown"' in html
    assert "<legend>" in html
    response = client.post("/practices/regions/SI/", answers_post(**{
        "answer_regional-association": "present",
        "note_regional-association": "Slovenian regional development agencies.",
        "answer_coownership-form": "partial",
    }), follow=True)
    assert response.status_code == 200
    assert "are saved" in response.content.decode()
    got = {a.factor.key: (a.answer, a.note)
           for a in FactorAnswer.objects.filter(region__code="SI").select_related("factor")}
    assert got["regional-association"] == ("present", "Slovenian regional development agencies.")
    assert got["coownership-form"][0] == "partial"
    assert got["pitch-events"] == ("present", "")


def test_bad_answer_is_shown_and_nothing_saved(library: Any, curator: Any) -> None:
    response = as_user(curator).post("/practices/regions/SI/", answers_post(
        **{"answer_pitch-events": "maybe"}))
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert FactorAnswer.objects.get(region__code="SI", factor__key="pitch-events").answer \
        == "present"


def test_outsider_cannot_save_answers(library: Any, outsider: Any) -> None:
    response = as_user(outsider).post("/practices/regions/SI/", answers_post(
        **{"answer_pitch-events": "absent"}))
    assert response.status_code == 403
    assert FactorAnswer.objects.get(region__code="SI", factor__key="pitch-events").answer \
        == "present"
