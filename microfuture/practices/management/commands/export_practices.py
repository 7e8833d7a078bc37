"""Export every practice as a file that import_practices reads back (spec good-practices §4).

The format follows the file's extension (.json, else YAML), or --format; without FILE the
YAML (or --format json) goes to standard output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microfuture.practices.models import Practice
from microfuture.practices.services import practices_export


def _format_for(path: str | None, given: str | None) -> Literal["yaml", "json"]:
    if given == "json" or (given is None and path and path.lower().endswith(".json")):
        return "json"
    return "yaml"


class Command(BaseCommand):
    help = "Export the good practices to a YAML or JSON file ({\"practices\": [...]})."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", metavar="FILE",
                            help="where to write (.json, .yaml or .yml); default: standard output")
        parser.add_argument("--format", choices=["json", "yaml"], default=None,
                            help="file format (default: from the file's extension, else YAML)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str | None = options["file"]
        text = practices_export(fmt=_format_for(path, options["format"]))
        if path is None or path == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}.") from None
        self.stdout.write(f"Exported {Practice.objects.count()} practice(s) to {path}.")
