"""Export every practice as a file that import_practices reads back (spec good-practices §4).

The format follows the file's extension (.json, else YAML), or --format; without FILE the
YAML (or --format json) goes to standard output.
"""

from __future__ import annotations

from typing import Literal

from microfuture.importing import FileExportCommand
from microfuture.practices.models import Practice
from microfuture.practices.services import practices_export


class Command(FileExportCommand):
    help = "Export the good practices to a YAML or JSON file ({\"practices\": [...]})."

    def export_text(self, *, fmt: Literal["yaml", "json"]) -> str:
        return practices_export(fmt=fmt)

    def summary(self, path: str) -> str:
        return f"Exported {Practice.objects.count()} practice(s) to {path}."
