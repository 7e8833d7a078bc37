"""An import never erases what the file does not say, and a hostile file is refused cleanly.

A practices file cut short (a download or a copy interrupted mid-record) used to import
silently and empty its last record. Now each value the file would blank is an error with its
record's line, nothing is stored, and only `--allow-clear` clears (and says what it cleared).
Files nested too deeply, and YAML whose aliases would repeat values without end, are refused
with a message instead of crashing the command.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from microfuture.practices import selectors, services
from microfuture.practices.models import FactorAnswer, Practice, Revision
from microfuture.practices.services import SEED_PRACTICES, SEED_REGIONS

pytestmark = pytest.mark.django_db


def run(command: str, path: Path, *flags: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, str(path), *flags, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def snapshot() -> dict[str, Any]:
    return {
        "practices": {p.slug: selectors.practice_data(p) for p in Practice.objects.all()},
        "revisions": Revision.objects.count(),
        "answers": sorted(FactorAnswer.objects.values_list(
            "region__code", "factor__key", "answer", "note", "note_sl", "curator_note")),
    }


def cut(path: Path, slug: str, keep: int, tmp_path: Path) -> tuple[Path, int]:
    """The seed file cut `keep` lines into the record of `slug`, and that record's line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"- slug: {slug}")
                 or line.startswith(f"- code: {slug}"))
    short = tmp_path / path.name
    short.write_text("".join(lines[:start + keep]), encoding="utf-8")
    return short, start + 1


def test_a_truncated_practices_file_is_refused_with_lines_and_nothing_changes(
        tmp_path: Path) -> None:
    services.seed_library()
    cigales = Practice.objects.get(slug="coompanion-mikrofonden")
    assert cigales.indicators.exists() and cigales.sources
    before = snapshot()
    # Cut just before the record's indicators: slug, title, country and texts are there.
    text = SEED_PRACTICES.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(text) if line == "- slug: coompanion-mikrofonden")
    keep = next(i for i in range(start, len(text)) if text[i] == "  indicators:") - start
    short, line = cut(SEED_PRACTICES, "coompanion-mikrofonden", keep, tmp_path)

    code, out, err = run("import_practices", short)

    assert code == 1 and out == ""
    errors = err.splitlines()[:-1]
    assert errors and all(e.endswith(f"(line {line})") for e in errors), errors
    places = [e.split(": ")[1] for e in errors]
    assert "practices[1] (coompanion-mikrofonden).indicators" in places
    assert "practices[1] (coompanion-mikrofonden).sources" in places
    assert "practices[1] (coompanion-mikrofonden).success_factors" in places
    assert all(p.startswith("practices[1] (coompanion-mikrofonden).") for p in places)
    assert "--allow-clear" in errors[0]
    assert err.splitlines()[-1].endswith(f"nothing imported: {len(errors)} error(s).")
    assert snapshot() == before


def test_a_record_cut_before_its_required_fields_is_an_error_with_its_line(
        tmp_path: Path) -> None:
    services.seed_library()
    before = snapshot()
    short, line = cut(SEED_PRACTICES, "afin-ifn-sfa", 1, tmp_path)  # only "- slug: …"

    code, _out, err = run("import_practices", short)

    assert code == 1
    assert f"practices[2] (afin-ifn-sfa).title: is required (line {line})" in err
    assert f"practices[2] (afin-ifn-sfa).country: is required (line {line})" in err
    assert snapshot() == before


def test_a_file_cut_mid_text_is_a_syntax_error_with_its_line(tmp_path: Path) -> None:
    services.seed_library()
    before = snapshot()
    text = SEED_PRACTICES.read_text(encoding="utf-8")
    short = tmp_path / "practices.yaml"
    short.write_text(text[:text.index("CIGALES (Club d''Investisseurs") + 20], encoding="utf-8")

    code, _out, err = run("import_practices", short)

    assert code == 1
    assert re.search(r": line \d+, column \d+: this is not valid YAML", err)
    assert snapshot() == before


def test_allow_clear_clears_and_says_what_it_cleared(tmp_path: Path) -> None:
    services.seed_library()
    text = SEED_PRACTICES.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(text) if line == "- slug: coompanion-mikrofonden")
    keep = next(i for i in range(start, len(text)) if text[i] == "  indicators:") - start
    short, _line = cut(SEED_PRACTICES, "coompanion-mikrofonden", keep, tmp_path)
    revisions = Revision.objects.count()

    code, out, _err = run("import_practices", short, "--allow-clear")

    assert code == 0
    assert f"{short}: cleared coompanion-mikrofonden: indicators" in out.splitlines()
    assert f"{short}: cleared coompanion-mikrofonden: sources" in out.splitlines()
    assert out.splitlines()[-1].endswith("0 new, 1 updated, 1 unchanged.")
    row = Practice.objects.get(slug="coompanion-mikrofonden")
    assert not row.indicators.exists() and not row.sources
    assert Revision.objects.count() == revisions + 1
    # The records the file does not name are left alone.
    assert Practice.objects.get(slug="afin-ifn-sfa").indicators.exists()


def test_a_truncated_region_profiles_file_is_refused(tmp_path: Path) -> None:
    services.seed_library()
    before = snapshot()
    # Cut SI's record after its first answer: one answer of SI's many.
    text = SEED_REGIONS.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(text) if line == "- code: SI")
    keep = next(i for i in range(start + 4, len(text))
                if text[i].startswith("    ") and not text[i].startswith("     ")) - start
    short, line = cut(SEED_REGIONS, "SI", keep, tmp_path)

    code, _out, err = run("import_region_profiles", short)

    assert code == 1
    errors = err.splitlines()[:-1]
    assert errors and all(e.endswith(f"(line {line})") for e in errors)
    assert all(": regions[0] (SI).answers." in e for e in errors)
    assert snapshot() == before

    code, out, _err = run("import_region_profiles", short, "--allow-clear")
    assert code == 0 and f"{short}: cleared SI: answers." in out
    assert snapshot() != before


@pytest.mark.parametrize("name, text", [
    ("deep.json", '{"practices": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ("deep51.json", '{"practices": ' + "[" * 50 + "]" * 50 + "}"),
    ("deep.yaml", "practices: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("deep51.yaml", "practices:\n- " + "[" * 50 + "]" * 50 + "\n"),
])
def test_a_file_nested_too_deeply_is_refused_with_a_message(tmp_path: Path, name: str,
                                                            text: str) -> None:
    services.seed_library()
    before = snapshot()
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    code, out, err = run("import_practices", path)

    assert code == 1 and out == ""
    assert "is nested more than 50 levels deep" in err
    assert "Traceback" not in err
    assert snapshot() == before


def test_yaml_aliases_that_would_grow_without_end_are_refused(tmp_path: Path) -> None:
    laughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        laughs.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(laughs) + "\npractices: []\n", encoding="utf-8")

    code, _out, err = run("import_practices", path)

    assert code == 1
    assert "aliases (*name) repeat more than 10000 values" in err
    assert Practice.objects.count() == 0


def test_the_seed_file_with_its_few_aliases_still_imports(tmp_path: Path) -> None:
    code, out, err = run("import_practices", SEED_PRACTICES)
    assert code == 0, err
    assert "7 new" in out
