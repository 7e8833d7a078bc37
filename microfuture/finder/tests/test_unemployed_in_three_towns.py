"""Issue 11's "done when": an unemployed person in Litija, in Hrastnik and in Ljubljana,
asking on 2026-12-01, with the shipped catalogue.

For each: no mechanism whose call has closed is offered (eligible, possible or near miss),
nothing unavailable in Slovenia is offered, at least three things they can really use are
eligible or possible, each with its sources and check date, and the municipal and regional
schemes follow the municipality (Litija's grant only in Litija, the border-area P7R never in
Hrastnik). The pathway to an SEF microloan, with a catalogue fixed in the test, is in
`test_pathway_to_sef_microloan` below.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from microfuture.finder.matching import match_profile
from microfuture.finder.models import Mechanism as MechanismRow
from microfuture.finder.services import catalogue_import, seed_catalogue

pytestmark = pytest.mark.django_db

ON = date(2026, 12, 1)
OFFERED = ("eligible", "possible", "near_misses")


def ask(municipality: str, **more: Any) -> dict[str, Any]:
    answer, problems = match_profile({
        "country": "SI", "entity_type": "individual", "target_groups": ["unemployed"],
        "municipality": municipality, "on": ON.isoformat(), "lang": "sl", **more,
    }, today=ON)
    assert problems == [] and answer is not None
    return answer


def slugs(answer: dict[str, Any], groups: tuple[str, ...]) -> set[str]:
    return {entry["mechanism"] for group in groups for entry in answer[group]}


@pytest.mark.parametrize("town", ["Litija", "Hrastnik", "Ljubljana"])
def test_only_what_is_open_and_available_here_and_at_least_three_usable(town: str) -> None:
    seed_catalogue()
    answer = ask(town)
    rows = {row.slug: row for row in MechanismRow.objects.all()}
    for slug in slugs(answer, OFFERED):
        row = rows[slug]
        assert row.active, slug
        assert row.open_until is None or row.open_until >= ON, (town, slug, row.open_until)
        assert row.open_from is None or row.open_from <= ON, (town, slug, row.open_from)
        assert not row.countries or "SI" in row.countries, (town, slug)
    usable = slugs(answer, ("eligible", "possible"))
    assert len(usable) >= 3, (town, usable)
    for group in ("eligible", "possible"):
        for entry in answer[group]:
            assert entry["verified_on"] and entry["stale"] is False, entry
            assert rows[entry["mechanism"]].source_list(), entry


def test_municipal_schemes_follow_the_municipality() -> None:
    seed_catalogue()
    litija, hrastnik, ljubljana = ask("Litija"), ask("Hrastnik"), ask("Ljubljana")
    everything = [slugs(a, (*OFFERED, "closed")) for a in (litija, hrastnik, ljubljana)]
    grants = {"obcina-trbovlje-podjetnistvo", "obcina-hrastnik-podjetnistvo",
              "obcina-litija-podjetnistvo", "obcina-zagorje-podjetnistvo"}
    assert not grants & everything[2]  # none of Zasavje's grants in Ljubljana
    assert not {"obcina-trbovlje-podjetnistvo", "obcina-litija-podjetnistvo",
                "obcina-zagorje-podjetnistvo"} & slugs(hrastnik, OFFERED)
    assert "sef-p7r-2025" not in slugs(hrastnik, (*OFFERED, "closed"))  # not a border area


P7_TEST_CALL = {
    "providers": [{"slug": "sef", "name": "Slovenski podjetniški sklad", "kind": "public_fund",
                   "country": "SI", "website": "https://www.podjetniskisklad.si"}],
    "mechanisms": [{
        "slug": "sef-p7-test", "name": {"sl": "P7 mikrokrediti (test)",
                                        "en": "P7 microcredits (test)"},
        "provider": "sef", "kind": "microloan", "amount_min": 5000, "amount_max": 25000,
        "countries": ["SI"], "entity_types": ["sole_trader", "company"],
        "employees_min": 1, "age_months_min": 6, "credit_rating_min": "SB7",
        "requires_no_tax_debts": True, "de_minimis": True,
        "open_from": "2026-11-01", "open_until": "2027-12-31", "standing": False,
        "product": "sef-p7", "verified_on": "2026-12-01",
        "sources": ["https://www.podjetniskisklad.si/"],
    }],
}


def test_pathway_to_sef_microloan() -> None:
    """An SEF microloan call open until the end of 2027 (fixed in the test): an unemployed
    person in Litija is shown the steps that open it, in order, with their dates."""
    outcome = catalogue_import(text=json.dumps(P7_TEST_CALL).encode(), filename="p7.json")
    assert not outcome.errors
    answer = ask("Litija", credit_rating="SB5", tax_debts=False)
    assert "sef-p7-test" not in slugs(answer, ("eligible", "possible"))
    [pathway] = [p for p in answer["pathways"] if "sef-p7-test" in p["opens"]]
    steps = [step["step"] for step in pathway["steps"]]
    assert steps == ["register_sole_trader", "count_yourself", "wait_months"]
    dates = [date.fromisoformat(step["on"]) for step in pathway["steps"]]
    assert dates == sorted(dates) and dates[0] == ON
    assert dates[-1] == date(2027, 6, 1)  # six complete months after registering today
    assert all(step["text"] and step["where"] for step in pathway["steps"])


def test_a_product_page_words_its_past_calls_plainly() -> None:
    seed_catalogue()
    for lang, until, closed in (("en", "until 8 April 2024", "Closed on 13 February 2026."),
                                ("sl", "do 8. 4. 2024", "Zaprl se je 13. 2. 2026.")):
        html = Client(HTTP_ACCEPT_LANGUAGE=lang).get(
            "/finder/mechanisms/sef-p7-2024/").content.decode()
        assert until in html and "– –" not in html
        assert closed in " ".join(html.replace("</strong>", "").split())
