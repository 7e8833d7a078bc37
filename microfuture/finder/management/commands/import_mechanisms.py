"""Import a catalogue file of finance providers and mechanisms (spec finance-finder §1).

Upsert by slug, all or nothing: a file with any error stores nothing, and every error is
printed with its place in the file.
"""

from __future__ import annotations

from typing import Any

from microfuture.finder.services import catalogue_import
from microfuture.importing import FileImportCommand


class Command(FileImportCommand):
    help = "Import finance providers and mechanisms from a YAML or JSON catalogue file."
    file_help = "catalogue file (.yaml, .yml or .json)"

    def import_file(self, *, text: bytes, filename: str, allow_clear: bool) -> Any:
        return catalogue_import(text=text, filename=filename, allow_clear=allow_clear)

    def summary(self, outcome: Any, name: str) -> str:
        return (
            f"Imported {outcome.mechanisms} mechanism(s): {outcome.created} new, "
            f"{outcome.updated} updated; {outcome.providers} provider(s)."
        )
