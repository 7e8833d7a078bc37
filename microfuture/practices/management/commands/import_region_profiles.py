"""Import region profiles (spec good-practices §3): each region's answers to the success
factors, upserted by code, all or nothing; every error printed as `FILE: place: message`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from microfuture.practices.services import region_profiles_import


class Command(BaseCommand):
    help = "Import region profiles from a YAML or JSON file ({\"regions\": [...]})."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="region-profiles file (.yaml or .json)")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {name}: {exc.strerror}.") from None
        outcome = region_profiles_import(text=data, filename=path.name)
        if outcome.errors:
            for error in outcome.errors:
                self.stderr.write(f"{name}: {error.place}: {error.message}")
            self.stderr.write(f"{name}: nothing imported: {len(outcome.errors)} error(s).")
            sys.exit(1)
        self.stdout.write(
            f"Imported {outcome.total} region profile(s) from {name}: {outcome.created} new, "
            f"{outcome.updated} updated, {outcome.unchanged} unchanged."
        )
