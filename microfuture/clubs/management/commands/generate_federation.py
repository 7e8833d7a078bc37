"""Make up a realistic federation of clubs from a seed and import it (issue 15).

Writes one journal file per club (`clubs/federation.py`: the same seed gives the same files
byte for byte) into `--out` (a temporary directory if not given), then imports them all
through `import_club_journal` in this same process: each file all or nothing.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from microfuture.clubs.federation import (
    DEFAULT_START,
    federation_end,
    iter_federation,
    write_federation,
)
from microfuture.clubs.management.commands._common import parse_date


class Command(BaseCommand):
    help = ("Generate a deterministic federation of clubs as journal files (one per club) and "
            "import them.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clubs", type=int, required=True, metavar="N")
        parser.add_argument("--members", type=int, required=True, metavar="M",
                            help="members per club (about: some leave, others join)")
        parser.add_argument("--months", type=int, required=True, metavar="K")
        parser.add_argument("--seed", type=int, required=True, metavar="S")
        parser.add_argument("--out", default=None, metavar="DIR",
                            help="where to write the files (kept); default a temporary "
                                 "directory, removed after the import")
        parser.add_argument("--start", default=None, metavar="YYYY-MM-DD",
                            help=f"the federation's first month (default {DEFAULT_START})")
        parser.add_argument("--no-import", action="store_true",
                            help="only write the files (needs --out)")

    def handle(self, *args: Any, **options: Any) -> None:
        clubs, members, months = options["clubs"], options["members"], options["months"]
        if clubs < 1 or members < 1 or months < 1:
            raise CommandError("--clubs, --members and --months must be at least 1.")
        start = parse_date(options["start"], "--start") if options["start"] else DEFAULT_START
        end = federation_end(start, months)
        today = timezone.localdate()
        if end > today and not options["no_import"]:
            raise CommandError(
                f"{months} months from {start:%Y-%m} end on {end}, after today ({today}): "
                "money is recorded once it has moved. Give an earlier --start."
            )
        if options["no_import"] and not options["out"]:
            raise CommandError("--no-import needs --out (where the files are kept).")
        t0 = time.perf_counter()
        federation = iter_federation(clubs=clubs, members=members, months=months,
                                     seed=options["seed"], start=start)
        with tempfile.TemporaryDirectory(prefix="federation-") as scratch:
            out = Path(options["out"] or scratch)
            written = write_federation(federation, out)
            events = written.events
            made = time.perf_counter() - t0
            self.stdout.write(
                f"Wrote {written.files} club file(s), {events} event(s), into {out} in "
                f"{made:.1f} s ({written.dissolved} club(s) dissolve)."
            )
            if options["no_import"]:
                return
            t1 = time.perf_counter()
            try:
                call_command("import_club_journal", str(out), stdout=self.stdout,
                             stderr=self.stderr, verbosity=options["verbosity"])
            except SystemExit:
                self.stderr.write("The federation's import was refused (see above).")
                sys.exit(1)
            took = time.perf_counter() - t1
        rate = events / took if took else 0.0
        self.stdout.write(f"Import took {took:.1f} s: {rate:.0f} event(s)/s.")
