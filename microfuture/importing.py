"""The shared shape of the file import and export commands (catalogue, practices, regions).

Each reads one file, hands its bytes to an all-or-nothing service, and either prints a
one-line summary (exit 0) or every error as `FILE: place: message` on stderr (exit 1),
nothing stored. A command names its service and its summary; this class does the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from django.core.management.base import BaseCommand, CommandError, CommandParser


class SeedError(Exception):
    """A file that should be clean (a seed shipped with the app) has problems: each error
    with its place, as the import found them."""

    def __init__(self, errors: Sequence[Any]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = list(errors)


@dataclass
class ImportTally:
    """What an all-or-nothing import reports, whatever it imports: its errors (nothing was
    stored when there is one) and the values it blanked because it was told it may
    ("slug: field"). Each import adds its own counts."""

    errors: list[Any] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class FileImportCommand(BaseCommand):
    file_help = "file to import (.yaml, .yml or .json)"

    def import_file(self, *, text: bytes, filename: str, allow_clear: bool) -> Any:
        """Call the service; return an outcome with `errors` (each with place and message)
        and `cleared` (the values blanked, which only `allow_clear` permits)."""
        raise NotImplementedError

    def summary(self, outcome: Any, name: str) -> str:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help=self.file_help)
        parser.add_argument(
            "--allow-clear", action="store_true",
            help="let the file blank values the records have (by default an import never "
                 "erases what the file does not say: such a file is refused)")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {name}: {exc.strerror}.") from None
        outcome = self.import_file(text=data, filename=path.name,
                                   allow_clear=options["allow_clear"])
        if outcome.errors:
            for error in outcome.errors:
                line = f" (line {error.line})" if error.line is not None else ""
                self.stderr.write(f"{name}: {error.place}: {error.message}{line}")
            self.stderr.write(f"{name}: nothing imported: {len(outcome.errors)} error(s).")
            sys.exit(1)
        for cleared in outcome.cleared:
            self.stdout.write(f"{name}: cleared {cleared}")
        self.stdout.write(self.summary(outcome, name))


def _format_for(path: str | None, given: str | None) -> Literal["yaml", "json"]:
    if given == "json" or (given is None and path and path.lower().endswith(".json")):
        return "json"
    return "yaml"


class FileExportCommand(BaseCommand):
    """The export side: YAML or JSON (by --format, else the file's extension, else YAML),
    to FILE or, without one, to standard output."""

    def export_text(self, *, fmt: Literal["yaml", "json"]) -> str:
        raise NotImplementedError

    def summary(self, path: str) -> str:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", metavar="FILE",
                            help="where to write (.json, .yaml or .yml); default: standard output")
        parser.add_argument("--format", choices=["json", "yaml"], default=None,
                            help="file format (default: from the file's extension, else YAML)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str | None = options["file"]
        text = self.export_text(fmt=_format_for(path, options["format"]))
        if path is None or path == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}.") from None
        self.stdout.write(self.summary(path))
