"""Every user-visible string is translated into Slovenian: a missing one fails here."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def untranslated(po: Path) -> tuple[int, int]:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True, text=True, check=True,
    )
    text = result.stderr
    def count(word: str) -> int:
        for part in text.replace(".", ",").split(","):
            if word in part:
                return int(part.strip().split()[0])
        return 0
    return count("untranslated"), count("fuzzy")


def test_committed_catalogue_is_complete():
    po = ROOT / "locale" / "sl" / "LC_MESSAGES" / "django.po"
    assert untranslated(po) == (0, 0)


def test_catalogue_is_up_to_date_with_the_code(tmp_path):
    """Extract the strings afresh from a copy of the code: none may be missing."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT, copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "__pycache__", "*.mo", "bench"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "sl", "--no-obsolete", "-v0",
         "--ignore=.venv", "--ignore=var"],
        cwd=copy, check=True, env={"DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    assert untranslated(copy / "locale" / "sl" / "LC_MESSAGES" / "django.po") == (0, 0)
