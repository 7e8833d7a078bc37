"""Export a club's ledger up to a date as a Beancount 3 file (spec impact §5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from microfuture.clubs.management.commands._common import find_club, parse_date
from microfuture.clubs.selectors_beancount import club_beancount


class Command(BaseCommand):
    help = (
        "Write a club's ledger up to a date (default today) as a Beancount file to FILE, "
        "or to standard output."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--club", required=True, metavar="NAME")
        parser.add_argument("--date", metavar="YYYY-MM-DD")
        parser.add_argument("file", nargs="?", metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        club = find_club(options["club"])
        as_of = parse_date(options["date"], "--date") if options["date"] else (
            timezone.localdate()
        )
        text = club_beancount(club, as_of=as_of)
        if options["file"]:
            try:
                Path(options["file"]).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Cannot write {options['file']}: {exc.strerror}.") from None
        else:
            self.stdout.write(text, ending="")
