"""Import and export of practices and region profiles (spec §3, §4): every error with its
place, nothing stored on error, upsert by slug, and an export that imports back the same."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from microfuture.practices import selectors, services
from microfuture.practices.models import (
    FactorAnswer,
    Practice,
    RegionProfile,
    Revision,
    SuccessFactor,
)

GOOD = {"practices": [
    {"slug": "cigales", "title": {"sl": "Klubi CIGALES", "en": "CIGALES clubs"},
     "summary": "Citizens save together.", "country": "FR", "region": "FR101", "city": "Paris",
     "location": {"lat": 48.8566, "lon": 2.3522}, "main_institution": "Fédération des CIGALES",
     "started_on": "1983", "mechanism_kinds": ["savings_club", "equity"],
     "target_groups": ["social_economy"], "evidence_of_success": "Many clubs.",
     "indicators": [{"name": {"sl": "ustanovljeni klubi", "en": "clubs created"},
                     "value": 1100, "unit": "count", "year": 2023}],
     "success_factors": [
         {"key": "co-ownership", "name": {"sl": "Solastnina", "en": "Co-ownership"},
          "category": "legal", "weight": 3},
         {"key": "pitch-events", "name": "Pitch events", "category": "social", "weight": 1}],
     "sources": ["https://ess-et-societe.net/Qu-est-ce-qu-une-cigale"],
     "contacts": ["Fédération des CIGALES"], "status": "approved",
     "uncertain": {"sl": "Meje deležev.", "en": "Caps on stakes."}},
    {"slug": "adie", "title": "Adie microcredit", "country": "FR", "status": "validated",
     "expert_opinion": {"sl": "Dobro.", "en": "Good."},
     "success_factors": [{"key": "co-ownership",
                          "name": {"sl": "Solastnina", "en": "Co-ownership"},
                          "category": "legal", "weight": 1}]},
]}


def run(command: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_import_stores_every_field_and_a_revision(db: Any, tmp_path: Path) -> None:
    code, out, _err = run("import_practices", write(tmp_path, "p.json", GOOD))
    assert code == 0 and "2 new" in out and len(out.strip().splitlines()) == 1
    row = Practice.objects.get(slug="cigales")
    assert (row.title_sl, row.country, row.city, str(row.latitude)) == (
        "Klubi CIGALES", "FR", "Paris", "48.856600")
    assert row.started_on is not None and row.started_on.year == 1983
    assert row.indicators.get().value == "1100"
    assert row.uncertain_en == "Caps on stakes."
    assert {(u.factor.key, u.weight) for u in row.practice_factors.all()} == {
        ("co-ownership", 3), ("pitch-events", 1)}
    assert Practice.objects.get(slug="adie").expert_opinion_en == "Good."
    assert Revision.objects.filter(practice=row).count() == 1
    # Running it again changes nothing.
    code, out, _err = run("import_practices", write(tmp_path, "p.json", GOOD))
    assert code == 0 and "2 unchanged" in out
    assert Revision.objects.count() == 2


def test_errors_have_places_and_nothing_is_stored(db: Any, tmp_path: Path) -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["practices"][0]["success_factors"][1]["weight"] = 5
    bad["practices"][0]["mechanism_kinds"] = ["savings_club", "magic"]
    bad["practices"][1]["success_factors"][0]["category"] = "fiscal"
    bad["practices"][1]["colour"] = "red"
    del bad["practices"][1]["country"]
    path = write(tmp_path, "bad.json", bad)
    code, out, err = run("import_practices", path)
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    expected = [
        f"{path}: practices[0] (cigales).mechanism_kinds[1]: ",
        f"{path}: practices[0] (cigales).success_factors[1].weight: ",
        f"{path}: practices[1] (adie).colour: ",
        f"{path}: practices[1] (adie).country: is required",
        f"{path}: practices[1] (adie).success_factors[0].category: ",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, lines)
    assert not Practice.objects.exists() and not SuccessFactor.objects.exists()


def test_yaml_syntax_error_has_a_line(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("practices:\n- slug: a\n  title: [unclosed\n", encoding="utf-8")
    code, _out, err = run("import_practices", str(path))
    assert code == 1 and f"{path}: line " in err


def test_an_impossible_date_is_an_error_with_its_line_not_a_crash(db: Any,
                                                                   tmp_path: Path) -> None:
    path = tmp_path / "dates.yaml"
    path.write_text("practices:\n- slug: a\n  started_on: 2019-02-30\n", encoding="utf-8")
    code, _out, err = run("import_practices", str(path))
    assert code == 1
    assert f"{path}: line 3, column 15: this is not valid YAML: '2019-02-30' is not a real date" in err
    assert not Practice.objects.exists()


def test_upsert_by_slug_updates_and_writes_a_revision(db: Any, tmp_path: Path) -> None:
    run("import_practices", write(tmp_path, "p.json", GOOD))
    changed = json.loads(json.dumps(GOOD))
    changed["practices"][0]["city"] = "Lyon"
    code, out, _err = run("import_practices", write(tmp_path, "p.json", changed))
    assert code == 0 and "1 updated" in out
    row = Practice.objects.get(slug="cigales")
    assert row.city == "Lyon"
    assert selectors.revisions(row).first().data["city"] == "Lyon"  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["out.yaml", "out.json"])
def test_export_then_import_gives_the_same_records(db: Any, tmp_path: Path,
                                                   name: str) -> None:
    run("import_practices", write(tmp_path, "p.json", GOOD))
    before = [selectors.practice_data(p) for p in Practice.objects.order_by("slug")]
    target = tmp_path / name
    code, out, _err = run("export_practices", str(target))
    assert code == 0 and "2 practice(s)" in out
    Practice.objects.all().delete()
    code, out, _err = run("import_practices", str(target))
    assert code == 0 and "2 new" in out
    assert [selectors.practice_data(p) for p in Practice.objects.order_by("slug")] == before
    assert Revision.objects.filter(note=f"imported from {name}").count() == 2


def test_export_to_stdout_is_yaml(db: Any, tmp_path: Path) -> None:
    run("import_practices", write(tmp_path, "p.json", GOOD))
    code, out, _err = run("export_practices")
    assert code == 0 and out.startswith("practices:\n")
    code, out, _err = run("export_practices", "--format", "json")
    assert json.loads(out)["practices"][0]["slug"] == "adie"


def test_region_profiles_import(db: Any, tmp_path: Path) -> None:
    run("import_practices", write(tmp_path, "p.json", GOOD))
    regions = {"regions": [{"code": "SI", "name": "Slovenia", "answers": {
        "co-ownership": {"answer": "absent", "note": "No such form."},
        "pitch-events": {"answer": "unknown"}}}]}
    code, out, _err = run("import_region_profiles", write(tmp_path, "r.json", regions))
    assert code == 0 and "1 new" in out
    si = RegionProfile.objects.get(code="SI")
    assert FactorAnswer.objects.get(region=si, factor__key="co-ownership").note == "No such form."
    result = selectors.transferability(Practice.objects.get(slug="cigales"), "SI")
    assert result["score"] == 0 and result["blockers"][0]["key"] == "co-ownership"


def test_region_profiles_errors_store_nothing(db: Any, tmp_path: Path) -> None:
    run("import_practices", write(tmp_path, "p.json", GOOD))
    regions = {"regions": [
        {"code": "SI", "name": "Slovenia", "answers": {"co-ownership": {"answer": "maybe"}}},
        {"code": "SI041", "name": "Osrednjeslovenska",
         "answers": {"no-such-factor": {"answer": "present"}}}]}
    path = write(tmp_path, "r.json", regions)
    code, _out, err = run("import_region_profiles", path)
    assert code == 1
    assert f"{path}: regions[0] (SI).answers.co-ownership.answer: " in err
    assert f"{path}: regions[1] (SI041).answers.no-such-factor: " in err
    assert not RegionProfile.objects.exists()


def test_service_refuses_a_non_editor(outsider: Any) -> None:
    with pytest.raises(services.PracticeForbidden):
        services.practices_import(text=json.dumps(GOOD), filename="p.json", actor=outsider)
