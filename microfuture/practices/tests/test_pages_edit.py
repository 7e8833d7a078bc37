"""Proposing and editing a practice through the bilingual form; revisions and restore."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices.models import Practice, PracticeFactor, Revision
from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user

pytestmark = pytest.mark.django_db

# The shared fixtures (pytest finds them by these names).
author = support.author
library = support.library


def form_data(**extra: Any) -> Any:
    data = {
        "slug": "", "title_sl": "Zadružni mikrokrediti", "title_en": "Cooperative microloans",
        "summary_sl": "Kratko.", "summary_en": "Short.", "country": "IT", "region": "ITC1",
        "city": "Torino", "latitude": "45.07", "longitude": "7.69",
        "main_institution": "Banca Etica", "started_on": "2010-03-01", "ended_on": "",
        "mechanism_kinds": ["microloan"], "target_groups": ["youth", "women"],
        "sources": "https://example.org/a\nhttps://example.org/b",
        "contacts": "Banca Etica\nFondazione X",
        "ind-TOTAL_FORMS": "3", "ind-INITIAL_FORMS": "0", "ind-MIN_NUM_FORMS": "0",
        "ind-MAX_NUM_FORMS": "50",
        "ind-0-name_en": "loans granted", "ind-0-value": "420", "ind-0-unit": "count",
        "ind-0-year": "2022",
        "sf-w_equity-tax-relief": "3", "sf-w_pitch-events": "1",
    }
    data.update(extra)
    return data


def test_new_practice_is_a_draft_with_indicators_factors_and_a_revision(library: Any, outsider: Any) -> None:
    client = as_user(outsider)
    page = client.get("/practices/new/").content.decode()
    assert 'name="title_sl"' in page and 'name="title_en"' in page
    assert 'name="mechanism_kinds" value="savings_club"' in page
    assert page.count('name="ind-') >= 15
    response = client.post("/practices/new/", form_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = Practice.objects.get(title_en="Cooperative microloans")
    assert response["Location"] == f"/practices/{practice.slug}/"
    assert practice.status == "draft" and practice.author == outsider
    assert practice.sources == ["https://example.org/a", "https://example.org/b"]
    assert practice.contacts == ["Banca Etica", "Fondazione X"]
    assert practice.target_groups == ["youth", "women"]
    assert practice.indicators.get().value == "420"
    weights = dict(PracticeFactor.objects.filter(practice=practice)
                   .values_list("factor__key", "weight"))
    assert weights == {"equity-tax-relief": 3, "pitch-events": 1}
    assert Revision.objects.filter(practice=practice).count() == 1


def test_bad_input_shows_the_error_summary_and_stores_nothing(library: Any, outsider: Any) -> None:
    response = as_user(outsider).post("/practices/new/", form_data(
        title_sl="", title_en="", summary_en="x" * 301, sources="not a url",
        latitude="45", longitude=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html
    assert "is not a web address" in html
    assert not Practice.objects.filter(country="IT").exists()


def test_anonymous_is_sent_to_sign_in(library: Any) -> None:
    response = as_user().get("/practices/new/")
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_edit_writes_a_revision_and_restore_brings_back_the_old_text(library: Any, author: Any, curator: Any) -> None:
    client = as_user(author)
    page = client.get("/practices/secret-draft/edit/").content.decode()
    assert "Almost ready practice" in page
    data = form_data(title_en="Ready practice", country="SE", latitude="", longitude="")
    response = client.post("/practices/secret-draft/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = Practice.objects.get(slug="secret-draft")
    assert practice.title_en == "Ready practice"
    revisions = list(Revision.objects.filter(practice=practice).order_by("number"))
    assert revisions

    listing = as_user(curator).get("/practices/secret-draft/revisions/").content.decode()
    assert "Ana Avtorica" in listing
    first = revisions[0]
    shown = as_user(curator).get(f"/practices/secret-draft/revisions/{first.number}/")
    assert shown.status_code == 200
    assert "Ready practice" in shown.content.decode()
    assert first.author == author


def test_restore_an_earlier_revision(library: Any, author: Any, curator: Any) -> None:
    client = as_user(author)
    client.post("/practices/secret-draft/edit/", form_data(title_en="First title", country="SE"))
    client.post("/practices/secret-draft/edit/", form_data(title_en="Second title",
                                                           country="SE"))
    practice = Practice.objects.get(slug="secret-draft")
    assert practice.title_en == "Second title"
    old = next(r for r in Revision.objects.filter(practice=practice).order_by("number")
               if "First title" in str(r.data))
    html = as_user(curator).get(
        f"/practices/secret-draft/revisions/{old.number}/").content.decode()
    assert "First title" in html
    count = Revision.objects.filter(practice=practice).count()
    response = as_user(curator).post(f"/practices/secret-draft/revisions/{old.number}/restore/",
                                     follow=True)
    assert response.status_code == 200
    assert "is restored" in response.content.decode()
    practice.refresh_from_db()
    assert practice.title_en == "First title"
    assert Revision.objects.filter(practice=practice).count() == count + 1


def test_others_cannot_edit_or_see_revisions(library: Any, outsider: Any) -> None:
    assert as_user(outsider).get("/practices/cigales-clubs/edit/").status_code == 403
    assert as_user(outsider).post("/practices/cigales-clubs/edit/", form_data()).status_code \
        == 403
    assert as_user(outsider).get("/practices/cigales-clubs/revisions/").status_code == 403
    assert as_user(outsider).post("/practices/cigales-clubs/revisions/1/restore/"
                                  ).status_code == 403
    assert as_user().get("/practices/secret-draft/edit/").status_code == 302  # sign in first
    assert as_user(outsider).get("/practices/secret-draft/edit/").status_code == 404
