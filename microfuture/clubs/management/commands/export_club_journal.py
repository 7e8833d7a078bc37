"""Export a club's journal in the import format (spec §7): export → import reproduces it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microfuture.clubs.books import effective_events
from microfuture.clubs.core import format_journal
from microfuture.clubs.management.commands._common import find_club


class Command(BaseCommand):
    help = "Write a club's journal as CSV to FILE.csv, or to standard output."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--club", required=True, metavar="NAME")
        parser.add_argument("file", nargs="?", metavar="FILE.csv")

    def handle(self, *args: Any, **options: Any) -> None:
        club = find_club(options["club"])
        text = format_journal(effective_events(club))
        if options["file"]:
            try:
                Path(options["file"]).write_text(text, encoding="utf-8", newline="")
            except OSError as exc:
                raise CommandError(f"Cannot write {options['file']}: {exc.strerror}.") from None
        else:
            self.stdout.write(text, ending="")
