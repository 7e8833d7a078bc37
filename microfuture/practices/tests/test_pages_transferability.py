"""Transferability of a practice to a region: blockers first, then score, open questions and
every factor."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

# The shared fixtures (pytest finds them by these names).
author = support.author
library = support.library


def test_blockers_come_before_everything_else(library: Any) -> None:
    response = as_user().get("/practices/cigales-clubs/transferability/", {"region": "SI"})
    assert response.status_code == 200
    html = response.content.decode()
    main = html.split('<main id="main"')[1]
    after_h1 = main.split("</h1>", 1)[1]
    assert after_h1.index("Blockers") < after_h1.index("Transferability (region: Slovenia)")
    assert "No such legal form in Slovenian law." in after_h1
    assert after_h1.index("No such legal form") < after_h1.index("Open questions")
    # legal 3×0 + tax 2×0.5 + pitch 1×1 over weights 6 → 33 %; network unknown.
    assert "33 %" in html
    assert "A regional association that trains clubs" in after_h1.split("Open questions</h3>")[1]
    assert '<th scope="row">Local pitch events</th>' in html
    assert "/api/v1/practices/cigales-clubs/transferability?region=SI" in html
    assert '<option value="SI" selected>' in html


def test_no_answers_means_not_enough_answers(library: Any) -> None:
    # A country's profile without answers has nothing to inherit (a region of SI would
    # inherit Slovenia's answers: test_regions_inherit.py).
    from microfuture.practices.models import RegionProfile

    RegionProfile.objects.create(code="HR", name="Croatia")
    html = as_user().get("/practices/cigales-clubs/transferability/",
                         {"region": "HR"}).content.decode()
    assert "not enough answers" in html
    assert "Blockers</h2>" not in html


def test_unknown_region_and_hidden_practice_are_404(library: Any) -> None:
    assert as_user().get("/practices/cigales-clubs/transferability/",
                         {"region": "XX"}).status_code == 404
    assert as_user().get("/practices/secret-draft/transferability/",
                         {"region": "SI"}).status_code == 404
