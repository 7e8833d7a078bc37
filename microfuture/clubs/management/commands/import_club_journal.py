"""Import a club's journal file (spec §7, §9): all or nothing, idempotent by reference."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from microfuture.clubs.management.commands._common import parse_decimal
from microfuture.clubs.models import Club
from microfuture.clubs.permissions import SYSTEM
from microfuture.clubs.services import ClubError, club_create, club_import_journal
from microfuture.regions import REGIONS


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Import a journal CSV into a club, creating the club if it does not exist."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE.csv")
        parser.add_argument("--club", required=True, metavar="NAME")
        parser.add_argument("--policy", choices=["units", "contributions"], default=None)
        parser.add_argument("--currency", default=None)
        parser.add_argument("--initial-unit-value", default=None, metavar="10.00")
        parser.add_argument("--region", default="SI041", choices=sorted(REGIONS),
                            help="statistical region of a new club (default SI041)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        limit = settings.IMPORT_MAX_BYTES
        try:
            # The same limit as the upload page and the API (docs/security.md, "One limit"),
            # checked before the file is read; reading at most one byte more catches a file
            # that grew after it was measured.
            if path.stat().st_size > limit:
                raise CommandError(_too_large(path, limit))
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        if len(data) > limit:
            raise CommandError(_too_large(path, limit))
        name: str = options["club"]
        existing = Club.objects.filter(name=name).first()
        if existing is not None:
            self._check_matches(existing, options)
        try:
            with transaction.atomic():
                club = existing or self._create(name, options)
                outcome = club_import_journal(club=club, text=data, recorded_by=SYSTEM)
                if not outcome.ok:
                    raise Rollback
        except Rollback:
            for error in outcome.errors:
                self.stderr.write(f"{path.name}: {error}")
            self.stderr.write(f"Nothing imported: {len(outcome.errors)} error(s).")
            sys.exit(1)
        except ClubError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Imported {outcome.imported} event(s) into {club.name!r}; "
            f"{outcome.skipped} already imported row(s) skipped."
        )

    def _create(self, name: str, options: dict[str, Any]) -> Club:
        value = options["initial_unit_value"] or "10.00"
        return club_create(
            name=name,
            region=options["region"],
            start_date=_first_date_or_today(options["file"]),
            currency=(options["currency"] or "EUR"),
            share_policy=options["policy"] or "units",
            initial_unit_value=parse_decimal(value, "--initial-unit-value"),
            status=Club.Status.ACTIVE,
        )

    def _check_matches(self, club: Club, options: dict[str, Any]) -> None:
        if options["policy"] and options["policy"] != club.share_policy:
            raise CommandError(
                f"Club {club.name!r} uses the {club.share_policy} policy, not {options['policy']}."
            )
        if options["currency"] and options["currency"] != club.currency:
            raise CommandError(f"Club {club.name!r} keeps its books in {club.currency}.")


def _too_large(path: Path, limit: int) -> str:
    mb = format(limit / (1024 * 1024), "g")
    return (f"{path.name} is larger than {mb} MB, the most an import accepts "
            "(DJANGO_IMPORT_MAX_BYTES): nothing was imported.")


def _first_date_or_today(file: str) -> Any:
    import csv
    from datetime import date

    try:
        with open(file, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                return date.fromisoformat((row.get("date") or "").strip())
    except (OSError, ValueError, UnicodeDecodeError, csv.Error):
        pass
    from django.utils import timezone

    return timezone.localdate()
