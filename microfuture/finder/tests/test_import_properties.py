"""Hypothesis-generated catalogue files: a clean import or a complete error list, never a part.

Valid catalogues and catalogues with random faults (missing required fields, bad amounts and
dates, wrong types, unknown providers, cut short anywhere) go through `catalogue_import`, with
and without `allow_clear`, against a catalogue that earlier examples filled. Each ends either
with every provider and mechanism stored as the file says, or with errors (each with its
place) and the catalogue exactly as before; never an exception.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from microfuture.finder.catalogue import read_catalogue
from microfuture.finder.models import Mechanism, Provider
from microfuture.finder.selectors import mechanism_from_row, provider_from_row
from microfuture.finder.services import catalogue_import

pytestmark = pytest.mark.django_db

FAULTS = ["none", "none", "none", "required", "amount", "date", "type", "provider",
          "truncate"]
texts = st.sampled_from(["", "Loan", "Posojilo za zagon", "y" * 40])


@st.composite
def mechanism(draw: Any, slug: str) -> dict[str, Any]:
    record: dict[str, Any] = {"slug": slug, "name": draw(texts) or "Name", "provider": "sef",
                              "kind": draw(st.sampled_from(["microloan", "loan", "grant"]))}
    if draw(st.booleans()):
        low = draw(st.integers(0, 20_000))
        record["amount_min"] = low
        record["amount_max"] = low + draw(st.integers(0, 50_000))
    if draw(st.booleans()):
        record["summary"] = {"sl": draw(texts), "en": draw(texts)}
    if draw(st.booleans()):
        record["regions"] = draw(st.lists(st.sampled_from(["SI031", "SI032", "SI041"]),
                                          unique=True, max_size=2))
    if draw(st.booleans()):
        record["open_until"] = f"2027-0{draw(st.integers(1, 9))}-15"
    if draw(st.booleans()):
        record["sources"] = [f"https://example.org/{slug}"]
    return record


@st.composite
def catalogue_files(draw: Any) -> tuple[str, str]:
    slugs = draw(st.lists(st.sampled_from(["m1", "m2", "m3"]), min_size=1, max_size=3,
                          unique=True))
    providers = [{"slug": "sef", "name": "Slovene Enterprise Fund", "kind": "public_fund",
                  "country": "SI"}]
    if draw(st.booleans()):
        providers[0]["contact"] = "info@example.org"
    records = [draw(mechanism(slug)) for slug in slugs]
    fault = draw(st.sampled_from(FAULTS))
    record = draw(st.sampled_from(records))
    if fault == "required":
        del record[draw(st.sampled_from(["slug", "name", "provider", "kind"]))]
    elif fault == "amount":
        record["amount_min"] = draw(st.sampled_from([-5, "abc", "1e999", 10**30, "NaN"]))
    elif fault == "date":
        record["open_until"] = draw(st.sampled_from(["2027-02-30", "soon", 2027]))
    elif fault == "type":
        field = draw(st.sampled_from(["name", "regions", "amount_max", "kind"]))
        record[field] = draw(st.sampled_from([["a"], {"x": 1}, True, 3.5]))
    elif fault == "provider":
        record["provider"] = "nobody"
    text = yaml.safe_dump({"providers": providers, "mechanisms": records}, allow_unicode=True,
                          sort_keys=False)
    if fault == "truncate":
        text = text[:draw(st.integers(0, len(text)))]
    return fault, text


def snapshot() -> tuple[Any, ...]:
    return (
        {p.slug: provider_from_row(p) for p in Provider.objects.all()},
        {m.slug: (mechanism_from_row(m, for_applicant=False), m.source_list(), m.active)
         for m in Mechanism.objects.select_related("provider")},
    )


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(generated=catalogue_files(), allow_clear=st.booleans())
def test_a_catalogue_file_imports_whole_or_not_at_all(db: Any, generated: tuple[str, str],
                                                      allow_clear: bool) -> None:
    _fault, text = generated
    before = snapshot()

    outcome = catalogue_import(text=text.encode(), filename="catalogue.yaml",
                               allow_clear=allow_clear)

    event("refused" if outcome.errors else "imported")
    if outcome.errors:
        assert snapshot() == before
        assert all(e.place and e.message for e in outcome.errors)
        return
    assert not outcome.cleared or allow_clear
    known = set(Provider.objects.values_list("slug", flat=True))
    result = read_catalogue(text, filename="catalogue.yaml", known_providers=known)
    for provider in result.providers:
        assert provider_from_row(Provider.objects.get(slug=provider.slug)) == provider
    for read in result.mechanisms:
        row = Mechanism.objects.select_related("provider").get(slug=read.slug)
        assert mechanism_from_row(row, for_applicant=False) == read
        assert tuple(row.source_list()) == tuple(result.sources[read.slug])
