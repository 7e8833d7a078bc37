"""The shared shape of the file-import commands (catalogue, practices, region profiles).

Each reads one file, hands its bytes to an all-or-nothing service, and either prints a
one-line summary (exit 0) or every error as `FILE: place: message` on stderr (exit 1),
nothing stored. A command names its service and its summary; this class does the rest.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class FileImportCommand(BaseCommand):
    file_help = "file to import (.yaml, .yml or .json)"

    def import_file(self, *, text: bytes, filename: str) -> Any:
        """Call the service; return an outcome with `errors` (each with place and message)."""
        raise NotImplementedError

    def summary(self, outcome: Any, name: str) -> str:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help=self.file_help)

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {name}: {exc.strerror}.") from None
        outcome = self.import_file(text=data, filename=path.name)
        if outcome.errors:
            for error in outcome.errors:
                self.stderr.write(f"{name}: {error.place}: {error.message}")
            self.stderr.write(f"{name}: nothing imported: {len(outcome.errors)} error(s).")
            sys.exit(1)
        self.stdout.write(self.summary(outcome, name))
