"""Re-prove every invariant of every club's books; exit 1 if one fails.

For each club: every entry balances and every leg is one positive amount (ledger checks);
replaying the club's events reproduces, entry by entry, the legs stored in the ledger; the
ledger's account balances equal the replayed book's; cash is never negative; the statement's
NAV identity holds. A reversed event must be exactly mirrored by its reversing entry. Each
stored book checkpoint equals the full replay of the events up to its day (`club: checkpoint at
<date> …` names the one that does not).
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from microfuture.clubs.models import Club
from microfuture.clubs.selectors import club_problems


class Command(BaseCommand):
    help = "Check every club's ledger and money invariants; exit non-zero on any failure."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--club", metavar="NAME", help="check only this club")

    def handle(self, *args: Any, **options: Any) -> None:
        clubs = Club.objects.order_by("name")
        if options["club"]:
            clubs = clubs.filter(name=options["club"])
        failures = 0
        checked = 0
        for club in clubs:
            checked += 1
            for problem in club_problems(club):
                failures += 1
                self.stderr.write(f"{club.name}: {problem}")
        if failures:
            self.stderr.write(f"{failures} problem(s) in {checked} club(s).")
            sys.exit(1)
        self.stdout.write(f"All invariants hold in {checked} club(s).")
