"""`manage.py import_club_journal` keeps the one import limit (settings.IMPORT_MAX_BYTES) of
the upload page and the API: a larger file is refused with a plain message (CommandError),
nothing is stored and no club is created; a file of exactly the limit imports."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from microfuture.clubs.models import Club, ClubEvent

pytestmark = pytest.mark.django_db

HEADER = "date,type,member,amount,reference\n"
ROWS = "2026-01-05,join,Ana,,\n2026-02-01,contribution,Ana,100,limit-1\n"


def journal_of(path: Path, size: int) -> Path:
    """A valid journal of exactly `size` bytes: its rows, then blank lines (ignored)."""
    head = HEADER + ROWS
    path.write_text(head + "\n" * (size - len(head.encode())), encoding="utf-8")
    assert path.stat().st_size == size
    return path


@override_settings(IMPORT_MAX_BYTES=512 * 1024)
def test_a_file_over_the_limit_is_refused_plainly(tmp_path: Path) -> None:
    path = journal_of(tmp_path / "big.csv", 512 * 1024 + 1)
    with pytest.raises(CommandError) as refused:
        call_command("import_club_journal", str(path), "--club", "Velik", stdout=io.StringIO())
    assert str(refused.value) == (
        "big.csv is larger than 0.5 MB, the most an import accepts "
        "(DJANGO_IMPORT_MAX_BYTES): nothing was imported.")
    assert not Club.objects.filter(name="Velik").exists()
    assert not ClubEvent.objects.exists()


@override_settings(IMPORT_MAX_BYTES=2048)
def test_a_file_of_the_limit_imports(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("import_club_journal", str(journal_of(tmp_path / "fits.csv", 2048)),
                 "--club", "Ravno prav", stdout=out)
    assert "Imported 2 event(s)" in out.getvalue()
    assert ClubEvent.objects.filter(club__name="Ravno prav").count() == 2


@override_settings(IMPORT_MAX_BYTES=5 * 1024 * 1024)
def test_the_message_states_the_limit_as_set(tmp_path: Path) -> None:
    path = journal_of(tmp_path / "j.csv", 5 * 1024 * 1024 + 1)
    with pytest.raises(CommandError, match=r"larger than 5 MB, the most an import accepts"):
        call_command("import_club_journal", str(path), "--club", "Pet", stdout=io.StringIO())
    assert not Club.objects.exists()
