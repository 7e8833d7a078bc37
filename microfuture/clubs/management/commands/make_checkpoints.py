"""Store the missing book checkpoints (one per closed month end) of every club, or of one.

`snapshot_portfolio` stores them too for the month ends up to its date; this command fills
them in after an import of old history or a correction that deleted some."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from microfuture.clubs.management.commands._common import find_club, parse_date
from microfuture.clubs.models import Club
from microfuture.clubs.services.checkpoints import checkpoint_months


class Command(BaseCommand):
    help = ("Store each club's book at every closed month end up to --date (default: the "
            "last one before today) that is not stored yet.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--club", metavar="NAME", help="only this club")
        parser.add_argument("--date", metavar="YYYY-MM-DD", help="the last day to consider")

    def handle(self, *args: Any, **options: Any) -> None:
        up_to = parse_date(options["date"], "--date") if options["date"] else None
        clubs = ([find_club(options["club"])] if options["club"]
                 else Club.objects.order_by("pk").iterator())
        stored = count = 0
        for club in clubs:
            stored += checkpoint_months(club, up_to=up_to)
            count += 1
        self.stdout.write(f"stored {stored} checkpoints for {count} clubs")
