"""Import a practices file (spec good-practices §4): upsert by slug, all or nothing.

A file with any error stores nothing, and every error is printed as `FILE: place: message`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microfuture.practices.services import practices_import


class Command(BaseCommand):
    help = "Import good practices from a YAML or JSON file ({\"practices\": [...]})."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="practices file (.yaml, .yml or .json)")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {name}: {exc.strerror}.") from None
        outcome = practices_import(text=data, filename=path.name)
        if outcome.errors:
            for error in outcome.errors:
                self.stderr.write(f"{name}: {error.place}: {error.message}")
            self.stderr.write(f"{name}: nothing imported: {len(outcome.errors)} error(s).")
            sys.exit(1)
        self.stdout.write(
            f"Imported {outcome.total} practice(s) from {name}: {outcome.created} new, "
            f"{outcome.updated} updated, {outcome.unchanged} unchanged."
        )
