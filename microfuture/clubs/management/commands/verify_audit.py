"""Re-compute the hash chains of every club's events and audit log; exit 1 if one breaks.

Events are chained per club in `seq` order, audit rows per club (and one chain for the rows
without a club) in id order (`clubs/chain.py`). An edited row no longer matches its hash;
a deleted, inserted or moved row breaks the link of the row after it. Each problem names the
club, the row and what is wrong. The newest hash of each chain is printed: kept elsewhere
(a printout, the minutes), it shows later whether the newest rows were cut off, which a
chain cannot show by itself.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from microfuture.clubs.models import Club
from microfuture.clubs.selectors_books import (
    audit_chain_problems,
    chain_head,
    event_chain_problems,
)


class Command(BaseCommand):
    help = "Check the hash chains of club events and the audit log; exit non-zero on a break."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--club", metavar="NAME", help="check only this club")

    def handle(self, *args: Any, **options: Any) -> None:
        clubs: list[Club | None] = list(Club.objects.order_by("name"))
        if options["club"]:
            clubs = [c for c in clubs if c is not None and c.name == options["club"]]
        else:
            clubs.append(None)
        failures = 0
        for club in clubs:
            name = club.name if club is not None else "(no club)"
            problems = audit_chain_problems(club)
            if club is not None:
                problems = event_chain_problems(club) + problems
            for problem in problems:
                failures += 1
                self.stderr.write(f"{name}: {problem}")
            heads = [f"audit {chain_head(club, events=False) or '-'}"]
            if club is not None:
                heads.insert(0, f"events {chain_head(club, events=True) or '-'}")
            self.stdout.write(f"{name}: {', '.join(heads)}")
        if failures:
            self.stderr.write(f"{failures} problem(s) in the chains.")
            sys.exit(1)
        self.stdout.write(f"Every chain holds ({len(clubs)} chain group(s)).")
