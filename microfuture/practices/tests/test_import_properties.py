"""Hypothesis-generated practice files: a clean import or a complete error list, never a part.

Valid files and files with random faults (missing required fields, bad numbers and dates,
wrong types, cut short anywhere) go through `practices_import`, with and without
`allow_clear`, against a library that earlier examples filled. Each ends either with every
record of the file stored as the file says, or with errors (each with its place) and the
library exactly as before; never an exception.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from microfuture.practices import selectors
from microfuture.practices.models import Indicator, Practice, PracticeFactor, Revision
from microfuture.practices.practice_file import canonical, read_practices
from microfuture.practices.services import practices_import

pytestmark = pytest.mark.django_db

FAULTS = ["none", "none", "none", "required", "number", "date", "type", "truncate", "unknown"]
texts = st.sampled_from(["", "Clubs", "Klubi in skladi", "x" * 30])


@st.composite
def practice(draw: Any, slug: str) -> dict[str, Any]:
    record: dict[str, Any] = {"slug": slug, "title": {"sl": draw(texts) or "Naslov",
                                                      "en": draw(texts) or "Title"},
                              "country": draw(st.sampled_from(["SI", "FR", "SE"]))}
    if draw(st.booleans()):
        record["summary"] = {"sl": draw(texts), "en": draw(texts)}
    if draw(st.booleans()):
        record["indicators"] = [{"name": draw(texts) or "clubs", "value": str(draw(
            st.integers(0, 5000))), "year": draw(st.integers(1990, 2025))}
            for _ in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        record["sources"] = [f"https://example.org/{slug}/{i}"
                             for i in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        record["started_on"] = f"20{draw(st.integers(10, 24))}-0{draw(st.integers(1, 9))}-01"
    if draw(st.booleans()):
        record["location"] = {"lat": str(draw(st.integers(-89, 89))),
                              "lon": str(draw(st.integers(-179, 179)))}
    if draw(st.booleans()):
        record["success_factors"] = [{"key": "local-savers", "name": "Local savers",
                                      "category": "social", "weight": draw(
                                          st.integers(1, 3))}]
    return record


@st.composite
def practice_files(draw: Any) -> tuple[str, str]:
    slugs = draw(st.lists(st.sampled_from(["alpha", "beta", "gamma"]), min_size=1, max_size=3,
                          unique=True))
    records = [draw(practice(slug)) for slug in slugs]
    fault = draw(st.sampled_from(FAULTS))
    record = draw(st.sampled_from(records))
    if fault == "required":
        del record[draw(st.sampled_from(["slug", "title", "country"]))]
    elif fault == "number":
        record["location"] = {"lat": draw(st.sampled_from(["abc", "91", "1e400", "NaN"])),
                              "lon": "14"}
    elif fault == "date":
        record["started_on"] = draw(st.sampled_from(["2024-13-01", "yesterday", "2024-02-30"]))
    elif fault == "type":
        field = draw(st.sampled_from(["title", "indicators", "sources", "country"]))
        record[field] = draw(st.sampled_from([5, ["a"], {"x": 1}, True]))
    elif fault == "unknown":
        record["colour"] = "blue"
    text = yaml.safe_dump({"practices": records}, allow_unicode=True, sort_keys=False)
    if fault == "truncate":
        text = text[:draw(st.integers(0, len(text)))]
    return fault, text


def snapshot() -> tuple[Any, ...]:
    return (
        {p.slug: selectors.practice_data(p) for p in Practice.objects.all()},
        Revision.objects.count(), Indicator.objects.count(), PracticeFactor.objects.count(),
    )


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(generated=practice_files(), allow_clear=st.booleans())
def test_a_practices_file_imports_whole_or_not_at_all(db: Any, generated: tuple[str, str],
                                                      allow_clear: bool) -> None:
    _fault, text = generated
    before = snapshot()

    outcome = practices_import(text=text.encode(), filename="practices.yaml",
                               allow_clear=allow_clear)

    event("refused" if outcome.errors else "imported")
    if outcome.errors:
        assert snapshot() == before
        assert all(e.place and e.message for e in outcome.errors)
        return
    assert not outcome.cleared or allow_clear
    for record in read_practices(text, filename="practices.yaml").practices:
        assert selectors.practice_data(Practice.objects.get(slug=record.slug)) \
            == canonical(record)
