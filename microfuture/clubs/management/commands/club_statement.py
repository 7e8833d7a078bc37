"""Print a club's statement (spec §8) as JSON or text."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from microfuture.clubs.core import statement_text
from microfuture.clubs.management.commands._common import find_club, parse_date
from microfuture.clubs.selectors import club_statement


class Command(BaseCommand):
    help = "Print the statement of a club on a date (default today)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--club", required=True, metavar="NAME")
        parser.add_argument("--date", metavar="YYYY-MM-DD")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        club = find_club(options["club"])
        as_of = parse_date(options["date"], "--date") if options["date"] else None
        stmt = club_statement(club, as_of=as_of)
        if options["format"] == "json":
            self.stdout.write(json.dumps(stmt, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(statement_text(stmt), ending="")
