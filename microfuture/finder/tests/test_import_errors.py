"""import_mechanisms with a bad file: every error on stderr with its place, nothing stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from microfuture.finder.models import Mechanism, Provider

pytestmark = pytest.mark.django_db

BAD = """
providers:
  - {slug: sef, name: Slovene Enterprise Fund, kind: public_fund, country: SI}
mechanisms:
  - {slug: good, name: Good, provider: sef, kind: microloan, amount_max: 25000}
  - slug: p7
    name: P7
    provider: sef
    kind: microloan
    amount_min: 30000
    amount_max: 25000
    regions: [SI032, XX]
    entity_types: [company, pirate]
    favourite: yes
  - {slug: orphan, name: Orphan, provider: nobody, kind: loan}
"""


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_several_errors_are_all_reported_and_nothing_is_stored(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", BAD)
    code, out, err = run("import_mechanisms", path)
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    # each error also says the line where its record starts (p7 starts on line 6)
    assert (f"{path}: mechanisms[1] (p7).favourite: is not a field of the catalogue "
            "(unknown field) (line 6)") in lines
    assert any(line.startswith(f"{path}: mechanisms[1] (p7).amount_min: ") for line in lines)
    assert any(line.startswith(f"{path}: mechanisms[1] (p7).regions[1]: 'XX'") for line in lines)
    assert any(line.startswith(f"{path}: mechanisms[1] (p7).entity_types[1]: 'pirate'")
               for line in lines)
    assert any(line.startswith(f"{path}: mechanisms[2] (orphan).provider: ") for line in lines)
    assert lines[-1] == f"{path}: nothing imported: 5 error(s)."
    # The good provider and mechanism in the same file are not stored either.
    assert Provider.objects.count() == 0
    assert Mechanism.objects.count() == 0


def test_a_syntax_error_names_the_line_and_stores_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '{"providers": [\n  {"slug": "sef"\n]}\n')
    code, _out, err = run("import_mechanisms", path)
    assert code == 1
    assert err.splitlines()[0].startswith(f"{path}: line 3, column 1: this is not valid JSON")
    assert Provider.objects.count() == 0


def test_an_unknown_provider_is_refused_even_if_the_rest_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "c.yaml", "mechanisms:\n  - {slug: a, name: A, provider: sef, kind: grant}\n")
    code, _out, err = run("import_mechanisms", path)
    assert code == 1
    assert "mechanisms[0] (a).provider: no provider 'sef'" in err
    assert Mechanism.objects.count() == 0


def test_a_bad_file_leaves_an_earlier_import_untouched(tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", """
providers: [{slug: sef, name: SEF, kind: public_fund}]
mechanisms: [{slug: p7, name: P7, provider: sef, kind: microloan, amount_max: 25000}]
""")
    assert run("import_mechanisms", good)[0] == 0
    bad = write(tmp_path, "bad.yaml", """
mechanisms:
  - {slug: p7, name: P7 changed, provider: sef, kind: microloan, amount_max: 30000}
  - {slug: p8, name: P8, provider: sef, kind: lottery}
""")
    code, _out, err = run("import_mechanisms", bad)
    assert code == 1
    assert "mechanisms[1] (p8).kind: 'lottery' is not one of" in err
    row = Mechanism.objects.get()
    assert (row.slug, row.name_en, row.amount_max_cents) == ("p7", "P7", 2_500_000)


def test_a_missing_file_is_a_plain_error(tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_mechanisms", str(tmp_path / "missing.yaml"))
