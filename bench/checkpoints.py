"""Statement time with and without book checkpoints (docs/performance.md, "Book checkpoints").

A 20-member club with 60 months (`run.club_journal`; with 15 members its equity
purchase in month 6 would overdraw the cash), its statement at the last month end and
at a day in the middle of the next month, each read first by a full replay (no checkpoint)
and then through the month-end checkpoints; interleaved, median and p95 of `--repeat` runs.
    .venv/bin/python bench/checkpoints.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import club_journal  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_DEBUG", "1")
    if "DATABASE_URL" not in os.environ:
        db = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microfuture.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from microfuture.clubs.models import BookCheckpoint, Club
    from microfuture.clubs.selectors import club_statement
    from microfuture.clubs.services import club_create, club_import_journal
    from microfuture.clubs.services.checkpoints import checkpoint_months

    admin = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
    club = club_create(name="Bench club", region="SI041", start_date=date(2020, 1, 10),
                       status=Club.Status.ACTIVE)
    outcome = club_import_journal(club=club, text=club_journal(20, 60), recorded_by=admin)
    assert outcome.ok, outcome.errors[:5]
    t0 = time.perf_counter()
    made = checkpoint_months(club, up_to=date(2024, 12, 31))
    make_s = time.perf_counter() - t0
    rows = list(BookCheckpoint.objects.filter(club=club).values_list("state", flat=True))
    size = sum(len(bytes(s)) for s in rows)
    kept = list(BookCheckpoint.objects.filter(club=club).values())
    print(f"database: {connection.vendor}; {outcome.imported} events; {made} checkpoints made "
          f"in {make_s:.2f} s, {size / len(rows) / 1024:.1f} KiB each on average")
    for on in (date(2024, 12, 31), date(2024, 12, 20)):
        times: dict[str, list[float]] = {"full replay": [], "checkpoints": []}
        for _ in range(args.repeat):
            BookCheckpoint.objects.filter(club=club).delete()
            t0 = time.perf_counter()
            full = club_statement(club, as_of=on)
            times["full replay"].append((time.perf_counter() - t0) * 1000)
            BookCheckpoint.objects.bulk_create(BookCheckpoint(**row) for row in kept)
            t0 = time.perf_counter()
            fast = club_statement(club, as_of=on)
            times["checkpoints"].append((time.perf_counter() - t0) * 1000)
            assert fast == full
        for name, ms in times.items():
            ms.sort()
            print(f"statement at {on}, {name}: median {statistics.median(ms):.2f} ms, "
                  f"p95 {ms[int(len(ms) * 0.95) - 1]:.2f} ms")


if __name__ == "__main__":
    main()
