"""`import_club_journal` with several files or a directory: one run, each file all or nothing.

Which club a file goes to: its `# club:` preamble line, else its file name; `--club` only for a
single file. Errors name the file and the line as the file numbers it (preamble lines count).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from microfuture.clubs.models import Club, ClubEvent

pytestmark = pytest.mark.django_db

HEADER = "date,type,member,amount,reference\n"
GOOD = HEADER + ("2024-01-05,join,Ana,,j1\n"
                 "2024-01-10,contribution,Ana,100,c1\n")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_club_journal", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def events_of(name: str) -> int:
    return ClubEvent.objects.filter(club__name=name).count()


def test_several_files_in_one_run_name_their_clubs(tmp_path: Path):
    first = write(tmp_path / "one.csv",
                  "# club: Klub Maribor\n# region: SI032\n# policy: contributions\n" + GOOD)
    second = write(tmp_path / "Klub Koper.csv", GOOD)
    code, out, err = run(str(first), str(second))
    assert (code, err) == (0, "")
    assert out.strip() == ("Imported 4 event(s) into 2 club(s) from 2 file(s); "
                           "0 already imported row(s) skipped.")
    maribor = Club.objects.get(name="Klub Maribor")
    assert (maribor.region, maribor.share_policy) == ("SI032", "contributions")
    koper = Club.objects.get(name="Klub Koper")  # named after the file
    assert (koper.region, koper.share_policy) == ("SI041", "units")
    assert events_of("Klub Maribor") == events_of("Klub Koper") == 2
    # Again: idempotent by reference.
    code, out, _ = run(str(first), str(second))
    assert code == 0
    assert "Imported 0 event(s) into 2 club(s) from 2 file(s); 4 already imported" in out
    assert ClubEvent.objects.count() == 4


def test_a_directory_imports_its_csv_files_in_name_order(tmp_path: Path):
    directory = tmp_path / "federation"
    for k in (2, 1, 3):
        write(directory / f"club-{k}.csv", f"# club: Club {k}\n" + GOOD)
    write(directory / "README.txt", "not a journal")
    code, out, _ = run(str(directory), "-v", "2")
    assert code == 0
    lines = out.strip().splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == [
        str(directory / f"club-{k}.csv") for k in (1, 2, 3)]
    assert lines[-1] == ("Imported 6 event(s) into 3 club(s) from 3 file(s); "
                         "0 already imported row(s) skipped.")
    assert list(Club.objects.order_by("pk").values_list("name", flat=True)) == [
        "Club 1", "Club 2", "Club 3"]


def test_each_file_is_all_or_nothing_and_errors_name_file_and_line(tmp_path: Path):
    directory = tmp_path / "fed"
    write(directory / "a.csv", "# club: Good A\n" + GOOD)
    bad = write(directory / "b.csv",
                "# club: Bad B\n# region: SI033\n" + HEADER
                + "2024-01-05,join,Bor,,j1\n"
                  "2024-01-10,contribution,Bor,100,c1\n"
                  "2024-01-11,contribution,Nobody,5,c2\n"
                  "2024-01-12,contribution,Bor,-3,c3\n")
    write(directory / "c.csv", "# club: Good C\n" + GOOD)
    code, out, err = run(str(directory))
    assert code == 1
    # Lines as the file numbers them: two preamble lines, the header on line 3.
    assert err.splitlines() == [
        f"{bad}: line 6: Nobody has not joined the club",
        f"{bad}: line 7: amount '-3' is not an amount: digits with an optional dot and one "
        "or two decimals, such as 5, 5.5 or 5.50",
        f"{bad}: nothing imported: 2 error(s).",
        "1 file(s) refused: nothing imported from them.",
    ]
    assert "Imported 4 event(s) into 2 club(s) from 3 file(s)" in out
    assert not Club.objects.filter(name="Bad B").exists()
    assert events_of("Good A") == events_of("Good C") == 2
    assert ClubEvent.objects.count() == 4


def test_preamble_mistakes_refuse_the_file(tmp_path: Path):
    unknown = write(tmp_path / "u.csv", "# club: U\n# colour: red\n" + GOOD)
    region = write(tmp_path / "r.csv", "# club: R\n# region: SI999\n" + GOOD)
    clash = write(tmp_path / "p.csv", "# club: P\n# policy: contributions\n" + GOOD)
    code, _, err = run(str(unknown), str(region), str(clash), "--policy", "units")
    assert code == 1
    assert f"{unknown}: line 2: unknown preamble line 'colour'" in err
    assert f"{region}: unknown region 'SI999'" in err
    assert f"{clash}: the file says policy 'contributions' but the command says 'units'" in err
    assert not Club.objects.exists()


def test_club_option_only_with_a_single_file(tmp_path: Path):
    first = write(tmp_path / "a.csv", GOOD)
    second = write(tmp_path / "b.csv", GOOD)
    with pytest.raises(CommandError, match="--club names the club of a single file"):
        call_command("import_club_journal", str(first), str(second), club="X",
                     stdout=io.StringIO())
    with pytest.raises(CommandError, match="--club names the club of a single file"):
        call_command("import_club_journal", str(tmp_path), club="X", stdout=io.StringIO())
    assert not Club.objects.exists()


def test_a_single_file_without_club_takes_its_preamble_or_file_name(tmp_path: Path):
    named = write(tmp_path / "x.csv", "# club: Klub Celje\n" + GOOD)
    code, out, _ = run(str(named))
    assert code == 0
    assert out.strip() == ("Imported 2 event(s) into 'Klub Celje'; "
                           "0 already imported row(s) skipped.")
    plain = write(tmp_path / "Klub Kranj.csv", GOOD)
    assert run(str(plain))[0] == 0
    # --club wins over the preamble for a single file.
    assert run(str(named), "--club", "Other")[0] == 0
    assert set(Club.objects.values_list("name", flat=True)) == {
        "Klub Celje", "Klub Kranj", "Other"}
    # A single file's errors keep the one-file form, with preamble lines counted.
    bad = write(tmp_path / "bad.csv", "# club: Bad\n" + HEADER + "2024-01-05,exit,Ana,,x\n")
    code, _, err = run(str(bad))
    assert code == 1
    assert err.splitlines() == ["bad.csv: line 3: Ana has not joined the club",
                                "Nothing imported: 1 error(s)."]
