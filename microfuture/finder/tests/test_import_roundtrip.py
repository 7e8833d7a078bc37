"""export_mechanisms then import_mechanisms gives the same catalogue back."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command

from microfuture.finder.models import Mechanism, Provider
from microfuture.finder.selectors import catalogue_mechanisms, catalogue_providers
from microfuture.finder.services import seed_catalogue

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[Any, ...]:
    rows = {
        row.slug: {f.name: getattr(row, f.attname) for f in Mechanism._meta.concrete_fields
                   if f.name not in ("id", "updated_at", "provider")}
        for row in Mechanism.objects.all()
    }
    return catalogue_providers(), catalogue_mechanisms(active_only=False), rows


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_mechanisms", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("name", ["catalogue.yaml", "catalogue.yml", "catalogue.json"])
def test_export_to_a_file_then_import_gives_an_equal_catalogue(tmp_path: Path, name: str) -> None:
    seed_catalogue()
    Mechanism.objects.filter(slug="sef-p7r").update(active=False, contact="Ana")
    before = snapshot()
    path = tmp_path / name
    message = export(str(path))
    assert message.strip() == (f"Exported {Mechanism.objects.count()} mechanism(s) and "
                               f"{Provider.objects.count()} provider(s) to {path}.")
    if name.endswith(".json"):
        assert json.loads(path.read_text(encoding="utf-8"))["mechanisms"]
    Mechanism.objects.all().delete()
    Provider.objects.all().delete()
    call_command("import_mechanisms", str(path), stdout=io.StringIO())
    assert snapshot() == before


def test_export_goes_to_stdout_as_yaml_by_default_or_json_on_request() -> None:
    seed_catalogue()
    data = yaml.safe_load(export())
    assert {m["slug"] for m in data["mechanisms"]} == set(
        Mechanism.objects.values_list("slug", flat=True))
    as_json = json.loads(export("--format", "json"))
    assert as_json["providers"][0].keys() >= {"slug", "name", "kind"}
    assert as_json["providers"][0]["name"].keys() == {"sl", "en"}


def test_re_importing_the_export_updates_every_row(tmp_path: Path) -> None:
    seed_catalogue()
    path = tmp_path / "out.json"
    export(str(path))
    out = io.StringIO()
    call_command("import_mechanisms", str(path), stdout=out)
    count = Mechanism.objects.count()
    assert out.getvalue().strip() == (
        f"Imported {count} mechanism(s): 0 new, {count} updated; "
        f"{Provider.objects.count()} provider(s).")
