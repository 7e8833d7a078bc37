"""The life of a record through POSTs: submit, send back, approve, validate; refusals."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices.models import Practice, Revision
from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

# The shared fixtures (pytest finds them by these names).
author = support.author
expert = support.expert
library = support.library


def status(slug: str) -> str:
    return Practice.objects.get(slug=slug).status


def test_submit_send_back_approve_validate(library: Any, author: Any, curator: Any, expert: Any) -> None:
    response = as_user(author).post("/practices/secret-draft/submit/", follow=True)
    assert response.status_code == 200
    assert "submitted for review" in response.content.decode()
    assert status("secret-draft") == "submitted"

    response = as_user(curator).post("/practices/secret-draft/send-back/",
                                     {"comment": "Add the sources, please."}, follow=True)
    assert "sent back" in response.content.decode()
    practice = Practice.objects.get(slug="secret-draft")
    assert practice.status == "draft"
    assert practice.review_comment == "Add the sources, please."
    assert "Add the sources, please." in as_user(author).get(
        "/practices/secret-draft/").content.decode()

    as_user(author).post("/practices/secret-draft/submit/")
    response = as_user(curator).post("/practices/secret-draft/approve/", follow=True)
    assert "approved" in response.content.decode()
    assert status("secret-draft") == "approved"
    assert as_user().get("/practices/secret-draft/").status_code == 200  # public now

    html = as_user(expert).get("/practices/secret-draft/").content.decode()
    assert 'action="/practices/secret-draft/validate/"' in html
    response = as_user(expert).post("/practices/secret-draft/validate/",
                                    {"opinion_en": "Sound and well documented."}, follow=True)
    assert "validated" in response.content.decode()
    practice = Practice.objects.get(slug="secret-draft")
    assert practice.status == "validated"
    assert practice.expert_opinion_en == "Sound and well documented."
    html = as_user().get("/practices/secret-draft/").content.decode()
    assert "Validated by an expert" in html and "Sound and well documented." in html
    assert Revision.objects.filter(practice=practice).count() >= 5


def test_outsiders_are_refused_and_nothing_changes(library: Any, outsider: Any, author: Any) -> None:
    as_user(author).post("/practices/secret-draft/submit/")
    assert status("secret-draft") == "submitted"
    for action in ("approve", "send-back", "validate"):
        response = as_user(outsider).post(f"/practices/cigales-clubs/{action}/",
                                          {"comment": "x", "opinion_en": "x"})
        assert response.status_code == 403, action
    assert as_user(outsider).post("/practices/cigales-clubs/submit/").status_code == 403
    # The author cannot approve their own record.
    assert as_user(author).post("/practices/secret-draft/approve/").status_code == 403
    assert status("secret-draft") == "submitted"
    assert status("cigales-clubs") == "validated"
    # The public does not even learn that a draft exists.
    assert as_user().post("/practices/secret-draft/approve/").status_code == 404


def test_workflow_needs_post(library: Any, curator: Any) -> None:
    assert as_user(curator).get("/practices/cigales-clubs/approve/").status_code == 405


def test_send_back_without_a_comment_is_refused_with_a_message(library: Any, curator: Any, author: Any) -> None:
    as_user(author).post("/practices/secret-draft/submit/")
    response = as_user(curator).post("/practices/secret-draft/send-back/", {"comment": ""},
                                     follow=True)
    assert status("secret-draft") == "submitted"
    assert "message-error" in response.content.decode()
