"""A region inherits its country's answers (issue 11 §6): Osrednjeslovenska showed 0 % for
CIGALES while Slovenia showed 17 %, because the region's empty or `unknown` answers hid the
national ones. Computed by hand in the comments."""

from __future__ import annotations

from typing import Any

import pytest

from microfuture.practices import services
from microfuture.practices.models import FactorAnswer, Practice, RegionProfile, SuccessFactor
from microfuture.practices.tests import test_pages_support as support
from microfuture.practices.tests.test_pages_support import as_user
from microfuture.practices.transfer import Answer, inherit, parent_code

author = support.author
library = support.library


def test_parent_code_is_the_country() -> None:
    assert parent_code("SI035") == "SI" and parent_code("FR101") == "FR"
    assert parent_code("SI") == ""


def test_the_region_keeps_its_own_answers_and_takes_the_rest_from_the_country() -> None:
    national = {"a": Answer("absent", "National law."), "b": Answer("present", "Everywhere."),
                "c": Answer("partial", "Some."), "d": Answer("unknown", "Not known.")}
    own = {"a": Answer("present", "A regional scheme."), "c": Answer("unknown", "Local: none.")}
    merged = inherit(own, national, "SI")
    assert merged["a"] == Answer("present", "A regional scheme.")  # its own answer wins
    assert merged["b"] == Answer("present", "Everywhere.", inherited_from="SI")
    # `unknown` in the region is no answer: the country's applies, the region's note follows.
    assert merged["c"] == Answer("partial", "Some. Local: none.", inherited_from="SI")
    assert "d" not in merged  # nothing known to inherit


@pytest.mark.django_db
def test_an_empty_region_scores_like_its_country_on_the_page_and_in_the_api(
        library: Any) -> None:
    # Slovenia: legal 3 × absent 0 + tax 2 × partial 0.5 + pitch 1 × present 1 = 2 of 6 →
    # 33 %; the empty SI041 profile inherits every answer, so 33 % there too (not "not
    # enough answers").
    html = as_user().get("/practices/cigales-clubs/transferability/",
                         {"region": "SI041"}).content.decode()
    assert "Transferability (region: Osrednjeslovenska)" in html
    assert "33 %" in html and "not enough answers" not in html
    assert "National answer (Slovenia)" in html
    body = as_user().get("/api/v1/practices/cigales-clubs/transferability",
                         {"region": "SI041"}).json()
    assert body["score"] == 33
    legal = next(f for f in body["factors"] if f["key"] == "coownership-form")
    assert (legal["answer"], legal["inherited_from"]) == ("absent", "SI")
    assert [b["key"] for b in body["blockers"]] == ["coownership-form"]


@pytest.mark.django_db
def test_a_regional_answer_overrides_the_national_one(library: Any) -> None:
    services.region_answer_set(region="SI041", factor="coownership-form", answer="present",
                               note="A regional pilot vehicle.")
    assert FactorAnswer.objects.get(region__code="SI041", factor__key="coownership-form").answer \
        == "present"
    body = as_user().get("/api/v1/practices/cigales-clubs/transferability",
                         {"region": "SI041"}).json()
    # legal 3 × 1 + tax 2 × 0.5 + pitch 1 × 1 = 5 of 6 → 83.3 → 83; no blocker.
    assert body["score"] == 83 and body["blockers"] == []
    legal = next(f for f in body["factors"] if f["key"] == "coownership-form")
    assert (legal["note"], legal["inherited_from"]) == ("A regional pilot vehicle.", None)
    # Slovenia itself is unchanged.
    assert as_user().get("/api/v1/practices/cigales-clubs/transferability",
                         {"region": "SI"}).json()["score"] == 33


@pytest.mark.django_db
def test_the_region_page_shows_the_inherited_answers(library: Any) -> None:
    html = as_user().get("/practices/regions/SI041/").content.decode()
    assert "No such legal form in Slovenian law." in html
    assert "National answer (Slovenia)" in html


@pytest.mark.django_db
def test_seeded_regions_score_cigales_like_slovenia() -> None:
    services.seed_library()
    cigales = Practice.objects.get(slug="cigales-clubs")
    scores = {code: as_user().get(f"/api/v1/practices/{cigales.slug}/transferability",
                                  {"region": code}).json()["score"]
              for code in ("SI", "SI035", "SI041")}
    assert scores == {"SI": 42, "SI035": 42, "SI041": 42}


@pytest.mark.django_db
def test_the_migration_drops_the_copied_national_answers() -> None:
    import importlib

    from django.apps import apps

    services.seed_library()
    copy = "National rule, as for Slovenia (SI): No such form."
    FactorAnswer.objects.create(
        region=RegionProfile.objects.get(code="SI041"),
        factor=SuccessFactor.objects.get(key="citizen-coownership-form"),
        answer="absent", note=copy)
    FactorAnswer.objects.filter(region__code="SI", factor__key="employment-incentives") \
        .update(note="National rule, as for Slovenia (SI): kept, it is the country's own.")
    migration = importlib.import_module(
        "microfuture.practices.migrations.0008_regions_inherit_national_answers")
    migration.drop_copies(apps, None)
    assert not FactorAnswer.objects.filter(region__code="SI041", note=copy).exists()
    assert FactorAnswer.objects.filter(region__code="SI041", factor__key="advisory-network") \
        .exists()  # the region's own answers stay
    assert FactorAnswer.objects.filter(region__code="SI",
                                       factor__key="employment-incentives").exists()
