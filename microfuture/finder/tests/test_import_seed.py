"""The seed catalogue shipped with the app imports cleanly, and again without change."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from microfuture.finder.catalogue import read_catalogue
from microfuture.finder.models import Mechanism, Provider
from microfuture.finder.selectors import catalogue_mechanisms
from microfuture.finder.services import SEED_CATALOGUE, seed_catalogue

pytestmark = pytest.mark.django_db


def test_the_seed_file_imports_with_the_command() -> None:
    out = io.StringIO()
    call_command("import_mechanisms", str(SEED_CATALOGUE), stdout=out)
    count = Mechanism.objects.count()
    assert count >= 10
    assert out.getvalue().strip() == (
        f"Imported {count} mechanism(s): {count} new, 0 updated; "
        f"{Provider.objects.count()} provider(s).")


def test_seed_catalogue_is_idempotent() -> None:
    first = seed_catalogue()
    second = seed_catalogue()
    assert first.created == second.updated and second.created == 0
    assert Mechanism.objects.count() == first.created


def test_every_seed_mechanism_has_both_languages_and_sources() -> None:
    seed_catalogue()
    for row in Mechanism.objects.all():
        for name in ("name", "summary", "how_to_apply"):
            assert getattr(row, f"{name}_sl") and getattr(row, f"{name}_en"), (row.slug, name)
        assert row.source_list(), row.slug
        assert row.verified_on is not None, row.slug


def test_seed_terms_follow_the_facts() -> None:
    seed_catalogue()
    by_slug = {m.slug: m for m in catalogue_mechanisms(active_only=False)}
    p7 = by_slug["sef-p7-2024"]
    assert (p7.amount_min, p7.amount_max) == (Decimal("5000"), Decimal("25000"))
    assert p7.employees_min == 1 and p7.credit_rating_min == "SB7"
    assert p7.founded_before == date(2022, 1, 1) and p7.open_until == date(2024, 4, 8)
    assert p7.product == "sef-p7" and not p7.standing
    assert by_slug["sef-p7-2-2024"].founded_before == date(2023, 1, 1)
    assert by_slug["sef-p7-2026"].founded_before == date(2024, 1, 1)
    p7r = by_slug["sef-p7r"]
    assert p7r.regions == () and len(p7r.municipalities) == 86
    assert p7r.credit_rating_min == "SB8"
    assert by_slug["sef-p7-sop-2016"].open_from == date(2016, 3, 11)
    assert by_slug["investeu-microfinance-guarantee"].open_until == date(2027, 6, 30)
    assert by_slug["mgts-support-environment"].kind == "advice"
    assert by_slug["adie-microcredit"].countries == ("FR",)
    assert by_slug["mikrofonden-guarantee"].countries == ("SE",)
    assert by_slug["spot-svetovanje"].standing and by_slug["spot-svetovanje"].kind == "advice"


def test_hidden_entries_stay_hidden_from_the_finder() -> None:
    seed_catalogue()
    shown = {m.slug for m in catalogue_mechanisms()}
    assert "investeu-microfinance-guarantee" not in shown
    assert "obcina-litija-podjetnistvo" not in shown
    assert {"sef-p7-2026", "zrsz-self-employment", "rgs-zasavje"} <= shown


def test_the_seed_file_is_valid_on_its_own() -> None:
    result = read_catalogue(Path(SEED_CATALOGUE).read_bytes(), filename=SEED_CATALOGUE.name)
    assert result.errors == []
