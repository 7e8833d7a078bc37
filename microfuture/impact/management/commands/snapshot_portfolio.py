"""Store the portfolio history (`../shared/specs/impact.md` §2): one row of figures per club and
day, from the ledger. `--date` (default today) alone stores that day; with `--since`, every day
from `--since` to `--date`. A second run replaces the rows of the same days."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from microfuture.impact.services_snapshots import portfolio_snapshot

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_date(text: str, option: str) -> date:
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"{option} must be a real date written YYYY-MM-DD, not {text!r}.") from None


class Command(BaseCommand):
    help = ("Store each club's figures for a date (default today), or for every day from "
            "--since to --date; rows of the same club and day are replaced.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", metavar="YYYY-MM-DD", help="the last day (default today)")
        parser.add_argument("--since", metavar="YYYY-MM-DD",
                            help="rebuild every day from this one to --date")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        on = _parse_date(options["date"], "--date") if options["date"] else today
        since = _parse_date(options["since"], "--since") if options["since"] else None
        if on > today:
            raise CommandError(
                f"--date {on} is after today ({today}): a snapshot records what the books "
                "hold, not a forecast.")
        if since is not None and since > on:
            raise CommandError(
                f"--since {since} is after --date {on}: the first day must come before the "
                "last.")
        run = portfolio_snapshot(on=on, since=since)
        self.stdout.write(
            f"stored {run.stored} snapshots for {run.clubs} clubs from {run.first} to "
            f"{run.last}")
