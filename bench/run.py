"""Speed measurements for the club money core (figures go to docs/performance.md).

    .venv/bin/python bench/run.py --quick | --full   # the federation bench (bench/suite.py):
                                                     # make bench, make bench-full
    DJANGO_DEBUG=1 .venv/bin/python bench/run.py [--rows 100000]   # the measurements below

Uses its own SQLite file under var/ (or DATABASE_URL when set), migrated from scratch.
Measures: (1) the statement of a 20-member club with 60 months of history; (2) importing
a 100,000-row journal file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def month(start: date, k: int) -> date:
    y, m = divmod(start.month - 1 + k, 12)
    return date(start.year + y, m + 1, min(start.day, 28))


def club_journal(members: int, months: int, start: date = date(2020, 1, 10)) -> str:
    """A realistic club life: joins, monthly contributions, loans and equity, repayments.

    Contributions are scaled up for clubs under 20 members so that the same investments are
    always covered by cash."""
    scale = -(-20 // members) if members < 20 else 1
    lines = ["date,type,member,enterprise,instrument,amount,rate,term,reference"]
    names = [f"Member {i:02d}" for i in range(members)]
    for name in names:
        lines.append(f"{start},join,{name},,,,,,")
    loans: list[tuple[str, int]] = []
    for k in range(months):
        day = month(start, k)
        for i, name in enumerate(names):
            lines.append(f"{day},contribution,{name},,,{(20 + i % 5 * 5) * scale},,,")
        for enterprise, since in loans:
            if 0 < k - since <= 20:
                lines.append(f"{day},repayment,,{enterprise},,60,,,")
        if k % 6 == 3:
            loans.append((f"Enterprise {k}", k))
            lines.append(f"{day},investment,,Enterprise {k},loan,1500,4,24,")
        if k % 12 == 5:
            lines.append(f"{day},investment,,Equity {k},equity,2000,,,")
    return "\n".join(lines) + "\n"


def big_journal(rows: int) -> str:
    names = [f"Member {i:02d}" for i in range(20)]
    lines = ["date,type,member,amount"]
    start = date(2000, 1, 1)
    lines += [f"{start},join,{name}," for name in names]
    k = 0
    while len(lines) - 1 < rows:
        day = month(start, k // 20 // 50)
        lines.append(f"{day},contribution,{names[k % 20]},{10 + k % 7}.50")
        k += 1
    return "\n".join(lines[: rows + 1]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    suite = parser.add_mutually_exclusive_group()
    suite.add_argument("--quick", action="store_true", help="the federation bench, quick")
    suite.add_argument("--full", action="store_true", help="the federation bench, full")
    parser.add_argument("--note", default="", help="a sentence for the docs' table")
    args = parser.parse_args()
    if args.quick or args.full:
        sys.path.insert(0, str(ROOT / "bench"))
        from suite import main as federation_bench

        federation_bench("quick" if args.quick else "full", note=args.note)
        return

    os.environ.setdefault("DJANGO_DEBUG", "1")
    if "DATABASE_URL" not in os.environ:
        db = ROOT / "var" / "bench.sqlite3"
        db.parent.mkdir(exist_ok=True)
        db.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microfuture.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from microfuture.clubs.models import Club
    from microfuture.clubs.permissions import SYSTEM
    from microfuture.clubs.selectors import club_statement
    from microfuture.clubs.services import club_create, club_import_journal

    print(f"database: {connection.vendor}")
    club = club_create(name="Bench club", region="SI041", start_date=date(2020, 1, 10),
                       status=Club.Status.ACTIVE)
    outcome = club_import_journal(club=club, text=club_journal(20, 60), recorded_by=SYSTEM)
    assert outcome.ok, outcome.errors[:5]
    timings = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        club_statement(club, as_of=date(2025, 1, 31))
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"statement, 20 members x 60 months ({outcome.imported} events): "
          f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")

    text = big_journal(args.rows)
    big = club_create(name="Big club", region="SI041", start_date=date(2000, 1, 1),
                      status=Club.Status.ACTIVE)
    t0 = time.perf_counter()
    outcome = club_import_journal(club=big, text=text, recorded_by=SYSTEM)
    elapsed = time.perf_counter() - t0
    assert outcome.ok, outcome.errors[:5]
    print(f"import of a {args.rows:,}-row journal: {elapsed:.1f} s "
          f"({outcome.imported:,} events stored)")


if __name__ == "__main__":
    main()
