"""Import a practices file (spec good-practices §4): upsert by slug, all or nothing.

A file with any error stores nothing, and every error is printed as `FILE: place: message`.
"""

from __future__ import annotations

from typing import Any

from microfuture.importing import FileImportCommand
from microfuture.practices.services import practices_import


class Command(FileImportCommand):
    help = "Import good practices from a YAML or JSON file ({\"practices\": [...]})."
    file_help = "practices file (.yaml, .yml or .json)"

    def import_file(self, *, text: bytes, filename: str, allow_clear: bool) -> Any:
        return practices_import(text=text, filename=filename, allow_clear=allow_clear)

    def summary(self, outcome: Any, name: str) -> str:
        return (
            f"Imported {outcome.total} practice(s) from {name}: {outcome.created} new, "
            f"{outcome.updated} updated, {outcome.unchanged} unchanged."
        )
