"""Comparing two to four practices side by side; fewer or more is refused with a message."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

# The shared fixtures (pytest finds them by these names).
author = support.author
library = support.library


def test_two_practices_side_by_side(library: Any) -> None:
    response = as_user().get("/practices/compare/", {"p": ["cigales-clubs", "adie-microloans"]})
    assert response.status_code == 200
    html = response.content.decode()
    # A scrolling box the keyboard reaches (1787bc7 named and focused it).
    assert '<div class="table-scroll" tabindex="0" role="region"' in html
    assert html.count('<th scope="col">') == 3  # the field column and two practices
    assert '<th scope="row">Country</th>' in html
    assert "CIGALES investment clubs" in html and "Adie microloans" in html
    assert "Citizens&#x27; savings club" in html


def test_four_practices_are_accepted(library: Any, curator: Any) -> None:
    slugs = ["cigales-clubs", "adie-microloans", "romania-guarantee", "secret-draft"]
    response = as_user(curator).get("/practices/compare/", {"p": slugs})
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="col">') == 5


@pytest.mark.parametrize("slugs", [[], ["cigales-clubs"], ["cigales-clubs"] * 2,
                                   ["a", "b", "c", "d", "e"]])
def test_fewer_than_two_or_more_than_four_is_refused(library: Any, slugs: Any) -> None:
    response = as_user().get("/practices/compare/", {"p": slugs})
    assert response.status_code == 400
    assert "Please pick 2 to 4 practices to compare." in response.content.decode()


def test_a_hidden_practice_cannot_be_compared(library: Any) -> None:
    response = as_user().get("/practices/compare/", {"p": ["cigales-clubs", "secret-draft"]})
    assert response.status_code == 404
