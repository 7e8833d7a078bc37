"""verify_ledger on a club with more events than SQLite's expression-tree limit (1,000)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from microfuture.clubs.models import ClubEvent

pytestmark = pytest.mark.django_db


def test_verify_ledger_checks_a_club_of_1500_events(tmp_path: Path) -> None:
    lines = ["date,type,member,amount,reference", "2024-01-01,join,Ana,,j1"]
    lines += [f"2024-01-02,contribution,Ana,1.00,c{n}" for n in range(1, 1500)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_club_journal", str(path), "--club", "Big", stdout=io.StringIO())
    assert ClubEvent.objects.filter(club__name="Big").count() == 1500

    out, err = io.StringIO(), io.StringIO()
    call_command("verify_ledger", "--club", "Big", stdout=out, stderr=err)
    assert out.getvalue().strip() == "All invariants hold in 1 club(s)."
    assert err.getvalue() == ""
