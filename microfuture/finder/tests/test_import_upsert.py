"""import_mechanisms upserts by slug: a second import updates rows, never duplicates them."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from microfuture.finder.models import Mechanism, Provider
from microfuture.finder.selectors import catalogue_mechanisms
from microfuture.finder.services import catalogue_import

pytestmark = pytest.mark.django_db

FIRST = """
providers:
  - {slug: sef, name: {sl: Sklad, en: Fund}, kind: public_fund, country: SI, contact: info@sef.si}
mechanisms:
  - slug: p7
    name: {sl: P7 Mikrokrediti, en: P7 Microcredits}
    provider: sef
    kind: microloan
    amount_min: 5000
    amount_max: 25000
    employees_min: 1
    regions: [SI032]
    sources: [https://example.org/p7]
  - {slug: g1, name: Grant, provider: sef, kind: grant}
"""

SECOND = """
mechanisms:
  - slug: p7
    name: {sl: P7 Mikrokrediti 2025, en: P7 Microcredits 2025}
    provider: sef
    kind: microloan
    amount_max: "30000.50"
    regions: [SI032, SI037]
    active: false
  - {slug: p8, name: P8, provider: sef, kind: loan, contact: Ana Novak}
"""


def run(path: Any, *flags: str) -> str:
    out = io.StringIO()
    call_command("import_mechanisms", str(path), *flags, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_first_import_creates_and_second_updates_by_slug(tmp_path: Path) -> None:
    (tmp_path / "first.yaml").write_text(FIRST, encoding="utf-8")
    (tmp_path / "second.yml").write_text(SECOND, encoding="utf-8")

    assert run(tmp_path / "first.yaml") == "Imported 2 mechanism(s): 2 new, 0 updated; 1 provider(s)."
    row = Mechanism.objects.get(slug="p7")
    assert (row.amount_min_cents, row.amount_max_cents) == (500_000, 2_500_000)
    assert row.employees_min == "1" and row.sources == "https://example.org/p7"

    # The second file leaves out values p7 has: refused, every one named, nothing stored.
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_mechanisms", str(tmp_path / "second.yml"), stdout=io.StringIO(),
                     stderr=err)
    assert [line.split(": ")[1] for line in err.getvalue().splitlines()[:-1]] == [
        "mechanisms[0] (p7).amount_min", "mechanisms[0] (p7).employees_min",
        "mechanisms[0] (p7).sources"]
    assert "--allow-clear" in err.getvalue() and "(line 3)" in err.getvalue()
    assert Mechanism.objects.count() == 2
    assert Mechanism.objects.get(slug="p7").name_en == "P7 Microcredits"

    # Told it may clear, it does, and says what it cleared. The second file names the
    # provider only by slug: it exists in the database.
    assert run(tmp_path / "second.yml", "--allow-clear").splitlines() == [
        f"{tmp_path / 'second.yml'}: cleared p7: amount_min",
        f"{tmp_path / 'second.yml'}: cleared p7: employees_min",
        f"{tmp_path / 'second.yml'}: cleared p7: sources",
        "Imported 2 mechanism(s): 1 new, 1 updated; 0 provider(s)."]
    assert Mechanism.objects.count() == 3
    assert Provider.objects.count() == 1
    row = Mechanism.objects.get(slug="p7")
    assert row.name_en == "P7 Microcredits 2025"
    # With --allow-clear the upsert replaces the whole mechanism: what the file leaves out
    # is emptied.
    assert row.amount_min_cents is None and row.amount_max_cents == 3_000_050
    assert row.employees_min == "" and row.sources == ""
    assert row.regions == ["SI032", "SI037"]
    assert row.active is False
    # Mechanisms the file does not name are left alone.
    assert Mechanism.objects.filter(slug="g1", active=True).exists()


def test_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "first.yaml").write_text(FIRST, encoding="utf-8")
    run(tmp_path / "first.yaml")
    stamps = dict(Mechanism.objects.values_list("slug", "updated_at"))
    assert run(tmp_path / "first.yaml") == "Imported 2 mechanism(s): 0 new, 2 updated; 1 provider(s)."
    assert dict(Mechanism.objects.values_list("slug", "updated_at")) == stamps


def test_selectors_give_active_mechanisms_with_the_provider_s_name_and_contact() -> None:
    outcome = catalogue_import(text=FIRST + SECOND.replace("mechanisms:", "").replace(
        "p7\n", "p9\n", 1), filename="x.yaml")
    assert outcome.ok, outcome.errors
    slugs = [m.slug for m in catalogue_mechanisms()]
    assert slugs == ["g1", "p7", "p8"]  # p9 is inactive
    assert [m.slug for m in catalogue_mechanisms(active_only=False)] == ["g1", "p7", "p8", "p9"]
    p7 = next(m for m in catalogue_mechanisms() if m.slug == "p7")
    assert p7.amount_max == Decimal("25000.00")
    assert p7.provider_name.en == "Fund" and p7.contact == "info@sef.si"
    p8 = next(m for m in catalogue_mechanisms() if m.slug == "p8")
    assert p8.contact == "Ana Novak"


def test_catalogue_mechanisms_is_one_query(django_assert_num_queries: Any) -> None:
    catalogue_import(text=FIRST, filename="x.yaml")
    with django_assert_num_queries(1):
        catalogue_mechanisms()
