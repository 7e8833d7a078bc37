"""Import region profiles (spec good-practices §3): each region's answers to the success
factors, upserted by code, all or nothing; every error printed as `FILE: place: message`."""

from __future__ import annotations

from typing import Any

from microfuture.importing import FileImportCommand
from microfuture.practices.services import region_profiles_import


class Command(FileImportCommand):
    help = "Import region profiles from a YAML or JSON file ({\"regions\": [...]})."
    file_help = "region-profiles file (.yaml or .json)"

    def import_file(self, *, text: bytes, filename: str, allow_clear: bool) -> Any:
        return region_profiles_import(text=text, filename=filename, allow_clear=allow_clear)

    def summary(self, outcome: Any, name: str) -> str:
        return (
            f"Imported {outcome.total} region profile(s) from {name}: {outcome.created} new, "
            f"{outcome.updated} updated, {outcome.unchanged} unchanged."
        )
