"""`manage.py export_beancount --club NAME [--date YYYY-MM-DD] [FILE]` (spec impact §5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from beancount import loader
from django.core.management import CommandError, call_command

from microfuture.clubs.core import Event
from microfuture.clubs.services import club_record_events

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("export_beancount", *args, stdout=out)
    return out.getvalue()


def test_without_a_file_the_books_go_to_standard_output(club, treasurer):
    club_record_events(club=club, recorded_by=treasurer, history=True, events=[
        Event(date=date(2026, 1, 10), type="contribution", member="Sara",
              amount=Decimal("12.34"), reference="C-1", note="first"),
    ])
    text = run("--club", "Zadruga Srce", "--date", "2026-01-10")
    _entries, errors, _ = loader.load_string(text)
    assert errors == []
    assert "Assets:Club:Cash" in text and "12.34 EUR" in text
    assert "2026-01-11 balance Assets:Club:Cash" in text
    assert "C-1" not in run("--club", "Zadruga Srce", "--date", "2026-01-09")


def test_the_file_is_written_where_asked(club, tmp_path):
    path = tmp_path / "books.beancount"
    assert run("--club", "Zadruga Srce", str(path)) == ""
    assert 'option "title" "Zadruga Srce"' in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "reason"), [
    (["--club", "No Such Club"], "There is no club called 'No Such Club'."),
    (["--club", "Zadruga Srce", "--date", "1.2.2026"],
     "--date must be a date written YYYY-MM-DD, not '1.2.2026'."),
    (["--club", "Zadruga Srce", "/no/such/folder/books.beancount"],
     "Cannot write /no/such/folder/books.beancount: No such file or directory."),
])
def test_errors_say_what_is_wrong(club, args, reason):
    with pytest.raises(CommandError) as failed:
        run(*args)
    assert str(failed.value) == reason
