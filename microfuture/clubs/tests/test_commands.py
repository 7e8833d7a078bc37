"""The command line of spec §9: import, export, statement, loan schedule, verify_ledger."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from microfuture.clubs.models import Club, ClubEvent

pytestmark = pytest.mark.django_db

JOURNAL = """date,type,member,enterprise,instrument,amount,rate,term,reference
2024-01-05,join,Ana,,,,,,j1
2024-01-05,join,Bor,,,,,,j2
2024-01-10,contribution,Ana,,,100,,,c1
2024-01-10,contribution,Bor,,,50.50,,,c2
2024-02-01,investment,,Pekarna,loan,100,5,12,i1
2024-03-01,repayment,,Pekarna,,20,,,r1
"""


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "club.csv"
    path.write_text(JOURNAL, encoding="utf-8")
    return path


def test_import_creates_the_club_and_is_idempotent(journal):
    code, out, _ = run("import_club_journal", str(journal), "--club", "Test")
    assert code == 0
    assert out.strip() == "Imported 6 event(s) into 'Test'; 0 already imported row(s) skipped."
    code, out, _ = run("import_club_journal", str(journal), "--club", "Test")
    assert out.strip() == "Imported 0 event(s) into 'Test'; 6 already imported row(s) skipped."
    assert ClubEvent.objects.count() == 6
    club = Club.objects.get(name="Test")
    assert (club.share_policy, club.currency, club.status) == ("units", "EUR", "active")


def test_statement_json_worked_example(journal):
    """Figures computed by hand (see the working in worked_examples/commands.md)."""
    run("import_club_journal", str(journal), "--club", "Test")
    code, out, _ = run("club_statement", "--club", "Test", "--date", "2024-06-30",
                       "--format", "json")
    stmt = json.loads(out)
    assert code == 0
    assert {k: stmt[k] for k in ("cash", "holdings_value", "nav", "income", "par30",
                                 "units_outstanding", "unit_value")} == {
        "cash": "70.50", "holdings_value": "81.15", "nav": "151.65", "income": "1.15",
        "par30": "1.000000", "units_outstanding": "15.050000", "unit_value": "10.076412",
    }
    loan = stmt["holdings"][0]
    assert (loan["arrears"], loan["days_past_due"], loan["principal_outstanding"]) == (
        "14.24", 60, "81.15")
    assert [(m["name"], m["share"], m["value"]) for m in stmt["members"]] == [
        ("Ana", "0.664452", "100.76"), ("Bor", "0.335548", "50.89")]
    _, text, _ = run("club_statement", "--club", "Test", "--date", "2024-06-30",
                     "--format", "text")
    assert "151.65" in text


def test_import_with_errors_stores_nothing_not_even_the_club(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,type,member,amount,colour\n2024-01-05,join,Ana,,red\n",
                    encoding="utf-8")
    code, _, err = run("import_club_journal", str(path), "--club", "Broken")
    assert code == 1
    assert "line 1: unknown column 'colour'" in err
    assert not Club.objects.filter(name="Broken").exists()
    path.write_text("date,type,member,amount\n"
                    "2024-01-05,contribution,Ana,10\n"
                    "2024-01-04,join,Ana,\n"
                    "2024-01-06,contribution,Ana,5,5\n", encoding="utf-8")
    code, _, err = run("import_club_journal", str(path), "--club", "Broken")
    assert code == 1
    assert "line 2:" in err and "line 3:" in err and "line 4:" in err
    assert ClubEvent.objects.count() == 0


def test_export_then_import_into_a_new_club_reproduces_it(journal, tmp_path):
    run("import_club_journal", str(journal), "--club", "Original")
    out_file = tmp_path / "out.csv"
    assert run("export_club_journal", "--club", "Original", str(out_file))[0] == 0
    run("import_club_journal", str(out_file), "--club", "Copy")
    first = json.loads(run("club_statement", "--club", "Original", "--date", "2024-12-31")[1])
    second = json.loads(run("club_statement", "--club", "Copy", "--date", "2024-12-31")[1])
    assert {**first, "club": ""} == {**second, "club": ""}
    _, stdout, _ = run("export_club_journal", "--club", "Copy")
    assert stdout == out_file.read_text(encoding="utf-8")


def test_loan_schedule_command_worked_example():
    code, out, _ = run("loan_schedule", "--principal", "1000", "--rate", "12", "--term", "3",
                       "--disbursed", "2026-01-31", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"n": 1, "due": "2026-02-28", "payment": "340.02", "interest": "10.00",
         "principal": "330.02", "outstanding": "669.98"},
        {"n": 2, "due": "2026-03-31", "payment": "340.02", "interest": "6.70",
         "principal": "333.32", "outstanding": "336.66"},
        {"n": 3, "due": "2026-04-30", "payment": "340.03", "interest": "3.37",
         "principal": "336.66", "outstanding": "0.00"},
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--principal", "abc", "--rate", "5", "--term", "3", "--disbursed", "2026-01-01"],
         "--principal must be a number"),
        (["--principal", "100", "--rate", "5", "--term", "3", "--disbursed", "2026-13-01"],
         "--disbursed must be a date"),
        (["--principal", "100", "--rate", "5", "--term", "3", "--grace", "3",
          "--disbursed", "2026-01-01"], "grace"),
    ],
)
def test_loan_schedule_bad_input(args, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("loan_schedule", *args)


def test_verify_ledger_passes_then_catches_tampering(journal):
    run("import_club_journal", str(journal), "--club", "Test")
    code, out, _ = run("verify_ledger")
    assert (code, out.strip()) == (0, "All invariants hold in 1 club(s).")
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL's trigger refuses the tampering itself (tested in ledger)")
    event = ClubEvent.objects.get(reference="c1")
    leg = event.entry.legs.first()
    assert leg is not None
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO ledger_leg (entry_id, account_id, debit, credit) "
                       "VALUES (%s, %s, 1, 0)", [event.entry_id, leg.account_id])
    code, _, err = run("verify_ledger")
    assert code == 1
    assert "unbalanced" in err
