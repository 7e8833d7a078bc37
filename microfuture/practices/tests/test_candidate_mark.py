"""Records not confirmed as one of the eight practices MICROFUTURE presented carry a visible
"candidate" mark (issue 11 §6, field-review.md §1.4) in the list, on their page and in search
results; a validated record shows its expert's opinion."""

from __future__ import annotations

import re
from typing import Any

import pytest

from microfuture.practices import services
from microfuture.practices.models import Practice
from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

expert = support.expert
author = support.author


def cards(html: str) -> dict[str, str]:
    """Each result card's text by its practice's slug."""
    out = {}
    for card in html.split('<li class="card">')[1:]:
        slug = re.search(r'href="/practices/([^/]+)/"', card)
        assert slug
        out[slug.group(1)] = card.split("</li>", 1)[0]
    return out


def test_the_seed_says_which_records_were_presented() -> None:
    services.seed_library()
    presented = set(Practice.objects.filter(presented=True).values_list("slug", flat=True))
    assert presented == {"cigales-clubs", "coompanion-mikrofonden"}


def test_candidates_are_marked_in_the_list_and_in_search_results() -> None:
    services.seed_library()
    listed = cards(as_user().get("/practices/").content.decode())
    assert "Candidate" in listed["afin-ifn-sfa"]
    assert "Candidate" in listed["italy-microcredit-guarantee-fund"]
    assert "Candidate" not in listed["cigales-clubs"]
    assert "Candidate" not in listed["coompanion-mikrofonden"]
    found = cards(as_user().get("/practices/", {"q": "microcredit"}).content.decode())
    assert found and all(("Candidate" in text) != (slug in {"cigales-clubs",
                                                             "coompanion-mikrofonden"})
                         for slug, text in found.items())


def test_a_candidates_page_says_so() -> None:
    services.seed_library()
    html = as_user().get("/practices/afin-ifn-sfa/").content.decode()
    assert "Candidate" in html
    assert "not confirmed as one of the eight good practices" in html
    html = as_user().get("/practices/cigales-clubs/").content.decode()
    assert "not confirmed as one of the eight" not in html
    assert as_user().get("/api/v1/practices/afin-ifn-sfa").json()["candidate"] is True
    body = as_user().get("/api/v1/practices/cigales-clubs").json()
    assert (body["candidate"], body["presented"]) == (False, True)


def test_a_new_proposal_is_a_candidate_and_an_edit_keeps_the_mark(author: Any) -> None:
    practice = services.practice_save(practice=None, actor=author, data={
        "title": {"en": "A new idea"}, "country": "SI", "presented": True})
    assert practice.presented is False  # only an editor confirms it
    Practice.objects.filter(pk=practice.pk).update(presented=True)
    practice.refresh_from_db()
    services.practice_save(practice=practice, actor=author, data={"summary_en": "Changed."})
    practice.refresh_from_db()
    assert practice.presented is True


def test_a_validated_record_shows_its_expert_opinion(expert: Any) -> None:
    services.seed_library()
    practice = Practice.objects.get(slug="afin-ifn-sfa")
    services.practice_validate(practice=practice, actor=expert,
                               opinion_en="Sound model; the advisory step is the key.",
                               opinion_sl="Dober model; ključno je svetovanje.")
    html = as_user().get("/practices/afin-ifn-sfa/").content.decode()
    section = html.split('id="expert-opinion"', 1)[1].split("</section>", 1)[0]
    assert "Validated by an expert" in section and "Expert opinion" in section
    assert "Sound model; the advisory step is the key." in section
    sl = as_user().get("/practices/afin-ifn-sfa/", HTTP_ACCEPT_LANGUAGE="sl")
    assert "Dober model; ključno je svetovanje." in sl.content.decode()
    # An approved record shows no expert's section.
    assert 'id="expert-opinion"' not in as_user().get(
        "/practices/cigales-clubs/").content.decode()


def test_an_editor_confirms_a_record_on_its_form(curator: Any, author: Any) -> None:
    services.seed_library()
    form = as_user(author).get("/practices/new/").content.decode()
    assert 'name="presented"' not in form
    page = as_user(curator).get("/practices/afin-ifn-sfa/edit/").content.decode()
    assert 'name="presented"' in page
    assert "Confirmed as one of the eight practices MICROFUTURE presented" in page
    practice = Practice.objects.get(slug="afin-ifn-sfa")
    services.practice_save(practice=practice, actor=curator, data={"presented": True})
    practice.refresh_from_db()
    assert practice.presented is True
    assert "Candidate" not in as_user().get("/practices/afin-ifn-sfa/").content.decode()
    # The revision says so in words, and restoring an older revision keeps the mark.
    older = practice.revisions.order_by("number")[0]
    html = as_user(curator).get(f"/practices/afin-ifn-sfa/revisions/{older.number + 1}/")
    assert "Confirmed as one of the eight practices MICROFUTURE presented" in html.content.decode()
    services.practice_restore(practice=practice, revision=older, actor=curator)
    practice.refresh_from_db()
    assert practice.presented is True

