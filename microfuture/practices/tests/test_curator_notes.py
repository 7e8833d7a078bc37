"""Curators' notes stay with curators: the markers of the seed ("[INFERRED gap, …]",
"Not researched", "naša ocena", …) never appear on a public page of the library, in either
language; curators still see them. Region answers keep them apart (`curator_note`), and the
region-profiles file keeps round-tripping."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from microfuture.practices import services
from microfuture.practices.models import FactorAnswer, Practice, RegionProfile
from microfuture.practices.practice_file import split_curator_note

pytestmark = pytest.mark.django_db

MARKERS = ("[INFERRED", "[UNCERTAIN", "INFERRED", "UNCERTAIN", "Not researched",
           "not researched", "naša ocena", "our reading", "naše sklepanje")


def _public_urls() -> list[str]:
    urls = ["/practices/", "/practices/map/", "/practices/regions/"]
    regions = list(RegionProfile.objects.values_list("code", flat=True))
    urls += [f"/practices/regions/{code}/" for code in regions]
    public = list(Practice.objects.filter(status__in=Practice.PUBLIC)
                  .values_list("slug", flat=True))
    for slug in public:
        urls += [f"/practices/{slug}/", f"/api/v1/practices/{slug}"]
        urls += [f"/practices/{slug}/transferability/?region={code}" for code in regions]
        urls += [f"/api/v1/practices/{slug}/transferability?region={code}" for code in regions]
    urls.append("/practices/compare/?" + "&".join(f"p={slug}" for slug in public[:4]))
    return urls


@pytest.mark.parametrize("lang", ["sl", "en"])
def test_no_marker_on_any_public_page_of_the_seed(lang: str) -> None:
    services.seed_library()
    client = Client()
    seen = 0
    for url in _public_urls():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200, url
        html = response.content.decode()
        for marker in MARKERS:
            assert marker not in html, (url, marker)
        for p in Practice.objects.exclude(uncertain_en=""):
            assert p.uncertain_en[:50] not in html and p.uncertain_sl[:50] not in html, url
        seen += 1
    assert seen > 20
    page = client.get("/practices/cigales-clubs/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    plain = ("Nekatere podrobnosti tega zapisa viri še ne potrjujejo" if lang == "sl"
             else "Some details of this record are not yet confirmed by its sources")
    assert plain in page


def test_a_curator_sees_the_notes(curator: Any) -> None:
    services.seed_library()
    client = Client()
    client.force_login(curator)
    html = client.get("/practices/cigales-clubs/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "not shown to visitors" in html
    assert "IR-PME" in html  # a sentence of the record's curators' notes
    html = client.get("/practices/cigales-clubs/transferability/?region=SI",
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Expert reading of field-review.md" in html
    html = client.get("/practices/regions/SI/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Not researched for Slovenia" in html
    body = client.get("/api/v1/practices/cigales-clubs").json()
    assert "IR-PME" in body["uncertain"]["en"]
    assert Client().get("/api/v1/practices/cigales-clubs").json()["unconfirmed"] is True


def test_the_seed_keeps_markers_out_of_public_notes() -> None:
    services.seed_library()
    for row in FactorAnswer.objects.all():
        for marker in MARKERS:
            assert marker not in row.note, (row, marker)
    row = FactorAnswer.objects.get(region__code="SI", factor__key="citizen-coownership-form")
    assert row.note.startswith("Slovenian law has vehicles a club could use")
    assert row.curator_note.startswith("Expert reading of field-review.md §1.5 and §2.1")


def test_region_profiles_round_trip_with_curator_notes() -> None:
    services.seed_library()
    exported = services.region_profiles_export()
    assert "curator_note: UNCERTAIN" in exported
    curator_note = FactorAnswer.objects.get(region__code="SI",
                                            factor__key="citizen-coownership-form").curator_note
    FactorAnswer.objects.update(curator_note="")
    outcome = services.region_profiles_import(text=exported)
    assert outcome.ok and outcome.updated == 3  # SI, SI035 and SI041 have curators' notes
    assert services.region_profiles_export() == exported
    # An editor changing the public note on the page keeps the curator's note.
    services.region_answer_set(region="SI", factor="citizen-coownership-form",
                               answer="absent", note="None found.")
    row = FactorAnswer.objects.get(region__code="SI", factor__key="citizen-coownership-form")
    assert (row.note, row.curator_note) == ("None found.", curator_note)


@pytest.mark.parametrize(("note", "public", "curator"), [
    ("Found nothing [INFERRED gap, facts §3]; nothing else.", "Found nothing; nothing else.",
     "INFERRED gap, facts §3"),
    ("Not researched for Slovenia.", "", "Not researched for Slovenia."),
    ("National rule, as for Slovenia (SI): Not researched: no rule.", "",
     "National rule, as for Slovenia (SI): Not researched: no rule."),
    ("Only national figures; the share was not researched. X is the partner.",
     "X is the partner.", "Only national figures; the share was not researched."),
    ("A plain fact.", "A plain fact.", ""),
])
def test_split_curator_note(note: str, public: str, curator: str) -> None:
    assert split_curator_note(note) == (public, curator)


def test_an_editor_sets_a_curator_note_and_a_page_edit_keeps_it() -> None:
    services.seed_library()
    services.region_answer_set(region="SI", factor="equity-tax-relief", answer="unknown",
                               note="", curator_note="Asked FURS in May.")
    row = FactorAnswer.objects.get(region__code="SI", factor__key="equity-tax-relief")
    assert (row.note, row.curator_note) == ("", "Asked FURS in May.")
    services.region_answer_set(region="SI", factor="equity-tax-relief", answer="absent",
                               note="No such relief.")
    row.refresh_from_db()
    assert (row.answer, row.note, row.curator_note) == ("absent", "No such relief.",
                                                        "Asked FURS in May.")


def test_curators_write_notes_on_the_form_and_authors_never_see_them(outsider: Any,
                                                                      curator: Any) -> None:
    from microfuture.practices.tests.test_pages_edit import form_data

    services.seed_library()
    draft = services.practice_save(practice=None, actor=outsider, data={
        "slug": "clubs", "title": {"sl": "Klubi", "en": "Clubs"}, "country": "IT",
        "sources": ["https://example.org/a"]})
    editor = Client()
    editor.force_login(curator)
    assert 'name="uncertain_sl"' in editor.get("/practices/clubs/edit/").content.decode()
    response = editor.post("/practices/clubs/edit/", form_data(
        uncertain_sl="Številke so iz leta 2019.", uncertain_en="The figures are from 2019."))
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.uncertain_en == "The figures are from 2019."
    author = Client()
    author.force_login(outsider)
    page = author.get("/practices/clubs/edit/").content.decode()
    assert 'name="uncertain_sl"' not in page and "from 2019" not in page
    response = author.post("/practices/clubs/edit/", form_data(city="Milano"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.city == "Milano" and draft.uncertain_en == "The figures are from 2019."
    assert "from 2019" not in author.get("/practices/clubs/").content.decode()
