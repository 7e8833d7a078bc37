"""The profile fields of issue 11 §3–§4 through POST /api/v1/finder/match and `find_finance`:
municipality (sets the region), tax_debts, de_minimis_received, and the 400s for a
municipality Slovenia does not have and for a sole trader with the social-enterprise status."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from microfuture.finder.tests.conftest import CATALOGUE

pytestmark = pytest.mark.django_db

ON = "2026-12-01"


def ask(profile: dict) -> tuple[int, dict]:
    response = Client().post("/api/v1/finder/match", json.dumps(profile),
                             content_type="application/json")
    return response.status_code, response.json()


def slugs(answer: dict, group: str) -> list[str]:
    return [entry["mechanism"] for entry in answer[group]]


@pytest.fixture
def zasavje(db: None, tmp_path: Path) -> None:
    """The test catalogue plus a Zasavje municipal grant (Hrastnik, Trbovlje, Zagorje ob
    Savi) and an SEF-like loan that excludes tax debtors and is de minimis aid."""
    data = json.loads(json.dumps(CATALOGUE))
    data["mechanisms"] += [
        {"slug": "zasavje-start", "provider": "mgts", "kind": "grant",
         "name": {"sl": "Zagonske spodbude Zasavje", "en": "Zasavje start-up grants"},
         "countries": ["SI"], "regions": ["SI035"], "municipalities": ["034", "129", "142"]},
        {"slug": "clean-loan", "provider": "sef", "kind": "microloan",
         "name": {"sl": "Posojilo", "en": "Loan"}, "countries": ["SI"], "amount_max": 25000,
         "requires_no_tax_debts": True, "de_minimis": True},
    ]
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("import_mechanisms", str(path), stdout=io.StringIO())


def test_the_municipality_sets_the_region_and_answers_the_municipal_list(zasavje) -> None:
    status, hrastnik = ask({"country": "SI", "municipality": "Hrastnik", "on": ON})
    assert status == 200
    assert "zasavje-start" in slugs(hrastnik, "eligible")
    status, litija = ask({"country": "SI", "municipality": "Litija", "on": ON})
    (miss,) = [e for e in litija["near_misses"] if e["mechanism"] == "zasavje-start"]
    assert miss["failed"]["criterion"] == "municipalities"
    assert miss["failed"]["has"] == "060"
    _, ljubljana = ask({"country": "SI", "municipality": "061", "on": ON})
    assert "zasavje-start" not in json.dumps(ljubljana)  # region and municipality both fail
    _, unsaid = ask({"country": "SI", "region": "SI035", "on": ON})
    (maybe,) = [e for e in unsaid["possible"] if e["mechanism"] == "zasavje-start"]
    assert maybe["unknown"] == ["municipalities"]


def test_tax_debts_and_de_minimis_decide(zasavje) -> None:
    base = {"country": "SI", "amount": "20000", "on": ON}
    _, unsaid = ask(base)
    (maybe,) = [e for e in unsaid["possible"] if e["mechanism"] == "clean-loan"]
    assert maybe["unknown"] == ["requires_no_tax_debts", "de_minimis"]
    _, clean = ask({**base, "tax_debts": False, "de_minimis_received": 0})
    assert "clean-loan" in slugs(clean, "eligible")
    _, debts = ask({**base, "tax_debts": True, "de_minimis_received": "0"})
    (miss,) = [e for e in debts["near_misses"] if e["mechanism"] == "clean-loan"]
    assert miss["failed"]["criterion"] == "requires_no_tax_debts"
    assert "Free help with debts" in miss["failed"]["message"]
    _, over = ask({**base, "tax_debts": False, "de_minimis_received": 290000})
    (miss,) = [e for e in over["near_misses"] if e["mechanism"] == "clean-loan"]
    assert miss["failed"]["criterion"] == "de_minimis"


@pytest.mark.parametrize(("profile", "words"), [
    ({"municipality": "Atlantida"}, 'no municipality "Atlantida"'),
    ({"municipality": "0"}, 'no municipality "0"'),
    ({"entity_type": "sole_trader", "social_enterprise_status": True},
     "a sole trader (s.p.) cannot have the status of a social enterprise"),
])
def test_answers_the_law_or_the_map_rule_out_are_400(catalogue, profile, words) -> None:
    status, body = ask({**profile, "on": ON})
    assert status == 400
    assert words in body["detail"] and any(words in p for p in body["problems"])


@pytest.mark.parametrize("profile", [
    {"tax_debts": "perhaps"}, {"de_minimis_received": "a lot"}, {"municipality": 60},
])
def test_values_of_the_wrong_shape_stay_422(catalogue, profile) -> None:
    status, body = ask({**profile, "on": ON})
    assert status == 422 and body["problems"]


def test_the_command_takes_the_new_fields(zasavje, tmp_path: Path) -> None:
    profile = {"country": "SI", "municipality": "Trbovlje", "tax_debts": False,
               "de_minimis_received": "1000", "amount": "5000", "on": ON}
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    out = io.StringIO()
    call_command("find_finance", str(path), stdout=out)
    answer = json.loads(out.getvalue())
    assert answer == ask(profile)[1]
    assert {"zasavje-start", "clean-loan"} <= set(slugs(answer, "eligible"))
    path.write_text(json.dumps({"municipality": "Atlantida"}), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(SystemExit) as stop:
        call_command("find_finance", str(path), stderr=err)
    assert stop.value.code == 1 and "Atlantida" in err.getvalue()
