"""Export the finance catalogue as a file that import_mechanisms reads back (spec §1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microfuture.finder.models import Mechanism, Provider
from microfuture.finder.services import catalogue_export


def _format_for(path: str | None, given: str | None) -> Literal["yaml", "json"]:
    if given == "json" or (given is None and path and path.lower().endswith(".json")):
        return "json"
    return "yaml"


class Command(BaseCommand):
    help = "Export finance providers and mechanisms to a YAML or JSON catalogue file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", metavar="FILE",
                            help="where to write (.json, .yaml or .yml); default: standard output")
        parser.add_argument("--format", choices=["json", "yaml"], default=None,
                            help="file format (default: from the file's extension, else YAML)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str | None = options["file"]
        text = catalogue_export(fmt=_format_for(path, options["format"]))
        if path is None or path == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}.") from None
        self.stdout.write(
            f"Exported {Mechanism.objects.count()} mechanism(s) and "
            f"{Provider.objects.count()} provider(s) to {path}."
        )
