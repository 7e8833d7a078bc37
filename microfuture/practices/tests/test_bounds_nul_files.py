"""A practices or catalogue file holding NUL (\\x00), raw or as a JSON escape, is refused with
its place, and nothing is stored (on PostgreSQL it was a 500: no text column takes NUL)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from microfuture.finder.models import Mechanism
from microfuture.practices.models import Practice

pytestmark = pytest.mark.django_db

PRACTICE = {"practices": [{"slug": "cigales", "title": "Klubi\u0000 CIGALES", "country": "FR",
                           "status": "approved"}]}


def run(command: str, path: Path) -> tuple[int, str]:
    err = io.StringIO()
    try:
        call_command(command, str(path), stdout=io.StringIO(), stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, err.getvalue()


def test_a_json_escape_is_named_by_its_place(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(PRACTICE), encoding="utf-8")  # "\\u0000" in the file
    code, err = run("import_practices", path)
    assert code == 1
    assert "practices[0].title: holds the NUL character (\\x00), which is not text" in err
    assert not Practice.objects.exists()


@pytest.mark.parametrize(("command", "model"), [("import_practices", Practice),
                                                ("import_mechanisms", Mechanism)])
def test_a_raw_nul_is_named_by_its_line(tmp_path: Path, command: str, model: Any) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("practices:\n- slug: cigales\n  title: Klubi\x00\n", encoding="utf-8")
    code, err = run(command, path)
    assert code == 1
    assert "line 3: holds the NUL character (\\x00), which is not text" in err
    assert not model.objects.exists()
