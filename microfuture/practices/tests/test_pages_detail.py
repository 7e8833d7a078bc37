"""A practice's page: every field, the expert's mark, factors by weight, insights; drafts
are 404 for the public but shown to their author and editors."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

# The shared fixtures (pytest finds them by these names).
author = support.author
expert = support.expert
library = support.library


def test_detail_shows_the_record_in_the_readers_language(library: Any) -> None:
    html = as_user().get("/practices/cigales-clubs/").content.decode()
    assert "<h1>CIGALES investment clubs</h1>" in html
    assert "Validated by an expert" in html
    assert "Transferable where a co-ownership form exists." in html
    assert "<details>" in html and "Clubs d&#x27;investisseurs" in html
    assert "clubs created" in html and "1100" in html
    assert '<th scope="col"' in html
    # Factors grouped by weight, essential first.
    assert html.index("Essential") < html.index("Important") < html.index("Helps")
    assert 'href="https://www.cigales.asso.fr/"' in html
    assert "Fédération des CIGALES" in html
    assert "manager of a club in Lyon" in html
    assert "The regional association trained us." in html
    assert "A regional association that trains clubs" in html
    assert 'action="/practices/cigales-clubs/transferability/"' in html
    assert '<option value="SI">' in html
    # No edit or workflow for the public.
    assert "/practices/cigales-clubs/edit/" not in html
    assert 'method="post"' not in html.split("</header>")[1]


def test_detail_in_slovenian_falls_back_to_english(library: Any) -> None:
    client = as_user()
    client.cookies["django_language"] = "sl"
    html = client.get("/practices/cigales-clubs/", HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert "Klubi CIGALES" in html
    assert "Transferable where a co-ownership form exists." in html  # only in English


def test_anonymous_and_outsider_cannot_see_a_draft(library: Any, outsider: Any) -> None:
    assert as_user().get("/practices/secret-draft/").status_code == 404
    assert as_user(outsider).get("/practices/secret-draft/").status_code == 404
    assert as_user().get("/practices/no-such-thing/").status_code == 404


def test_author_and_editor_see_the_draft_with_their_actions(library: Any, author: Any, curator: Any) -> None:
    html = as_user(author).get("/practices/secret-draft/").content.decode()
    assert "Almost ready practice" in html
    assert "/practices/secret-draft/edit/" in html
    assert 'action="/practices/secret-draft/submit/"' in html
    html = as_user(curator).get("/practices/secret-draft/").content.decode()
    assert "/practices/secret-draft/revisions/" in html
    assert 'action="/practices/secret-draft/approve/"' not in html  # not submitted yet
