"""Seed the guides and the glossary from the repository's files (`guides/data/`).

Creates what the database lacks; `--update` also replaces texts and facts that differ from the
files (each replaced text writes an applied revision). Never deletes. All of the files or
nothing: a wrong file stops the command with every problem listed (file:line: why).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microfuture.guides.seed import DATA, SeedError, seed_guides


class Command(BaseCommand):
    help = "Seed the guides and the glossary from guides/data/ (--update replaces changed texts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--update", action="store_true",
                            help="also replace texts and facts that differ from the files")
        parser.add_argument("--root", default=str(DATA), help="the data folder (tests)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = seed_guides(update=options["update"], root=options["root"])
        except SeedError as error:
            raise CommandError(f"Nothing seeded. {error}") from error
        self.stdout.write(str(outcome))
