"""Export the finance catalogue as a file that import_mechanisms reads back (spec §1)."""

from __future__ import annotations

from typing import Literal

from microfuture.finder.models import Mechanism, Provider
from microfuture.finder.services import catalogue_export
from microfuture.importing import FileExportCommand


class Command(FileExportCommand):
    help = "Export finance providers and mechanisms to a YAML or JSON catalogue file."

    def export_text(self, *, fmt: Literal["yaml", "json"]) -> str:
        return catalogue_export(fmt=fmt)

    def summary(self, path: str) -> str:
        return (f"Exported {Mechanism.objects.count()} mechanism(s) and "
                f"{Provider.objects.count()} provider(s) to {path}.")
