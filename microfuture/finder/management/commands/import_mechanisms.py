"""Import a catalogue file of finance providers and mechanisms (spec finance-finder §1).

Upsert by slug, all or nothing: a file with any error stores nothing, and every error is
printed with its place in the file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microfuture.finder.services import catalogue_import


class Command(BaseCommand):
    help = "Import finance providers and mechanisms from a YAML or JSON catalogue file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="catalogue file (.yaml, .yml or .json)")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {name}: {exc.strerror}.") from None
        outcome = catalogue_import(text=data, filename=path.name)
        if outcome.errors:
            for error in outcome.errors:
                self.stderr.write(f"{name}: {error.place}: {error.message}")
            self.stderr.write(f"{name}: nothing imported: {len(outcome.errors)} error(s).")
            sys.exit(1)
        self.stdout.write(
            f"Imported {outcome.mechanisms} mechanism(s): {outcome.created} new, "
            f"{outcome.updated} updated; {outcome.providers} provider(s)."
        )
