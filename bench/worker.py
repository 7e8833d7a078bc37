"""The bench's steps that need Django, each run in its own process on one database.

    DATABASE_URL=sqlite:///var/x.sqlite3 .venv/bin/python bench/worker.py STEP [args]

Steps (each prints one JSON object on its last line of output):

- `migrate`: an empty database, migrated.
- `federation N MEMBERS MONTHS SEED`: `build_federation` (below) and the counts it made.
- `close DATE` / `floor DATE`: the month-end close (`snapshot_portfolio --date DATE` over
  every club, closing the month for the first time: its checkpoints and rows are removed
  first, untimed; the months before stay closed) or its SQL floor (one aggregate: the sum
  of the legs per club and account up to DATE), timed inside the process (start-up
  excluded from both), with the peak memory of the process (`ru_maxrss`).
- `pages-setup DATE`: what the page bench needs: a signed-in member of the first club (a
  session cookie), generated practices, today's snapshots (the nightly `snapshot_portfolio`),
  and the open data's date.

`bench/run.py --quick|--full` drives these steps.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

REGIONS = ["SI041", "SI042", "SI043", "SI031", "SI032", "SI033", "SI034", "SI035", "SI036",
           "SI037", "SI038", "SI044"]


def setup() -> None:
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microfuture.settings")
    import django

    django.setup()


def build_federation(n: int, members: int, months: int, seed: int) -> None:
    """A federation of `n` clubs in the current (empty, migrated) database.

    Uses `generate_federation` when the project has it (issue 15); until then, one
    `run.club_journal` per club imported through the journal import (the seed then only
    spreads the clubs over regions and starts, the journals themselves are alike)."""
    from django.core.management import call_command, get_commands

    if "generate_federation" in get_commands():
        call_command("generate_federation", "--clubs", str(n), "--members", str(members),
                     "--months", str(months), "--seed", str(seed), verbosity=0)
        return
    import random

    from run import club_journal

    from microfuture.clubs.models import Club
    from microfuture.clubs.permissions import SYSTEM
    from microfuture.clubs.services import club_create, club_import_journal

    rng = random.Random(seed)
    start = date(2020, 1, 10)
    text = club_journal(members, months, start)
    for i in range(n):
        club = club_create(name=f"Federation club {i:04d}", region=rng.choice(REGIONS),
                           start_date=start, status=Club.Status.ACTIVE)
        outcome = club_import_journal(club=club, text=text, recorded_by=SYSTEM)
        assert outcome.ok, outcome.errors[:5]


def counts() -> dict[str, int]:
    from microfuture.clubs.models import Club, ClubEvent
    from microfuture.ledger.models import Leg

    return {"clubs": Club.objects.count(), "events": ClubEvent.objects.count(),
            "legs": Leg.objects.count()}


def floor_sql() -> str:
    """The lower bound of a close: every club's balance per account, one aggregate."""
    from microfuture.clubs.models import Club
    from microfuture.ledger.models import JournalEntry, Leg

    leg, entry, club = Leg._meta.db_table, JournalEntry._meta.db_table, Club._meta.db_table
    return (f"SELECT c.id, l.account_id, SUM(l.debit) - SUM(l.credit) FROM {leg} l "
            f"JOIN {entry} e ON e.id = l.entry_id JOIN {club} c ON c.ledger_id = e.ledger_id "
            "WHERE e.date <= %s GROUP BY c.id, l.account_id")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str]) -> dict[str, Any]:
    step = argv[0]
    setup()
    from django.core.management import call_command
    from django.db import connection

    if step == "migrate":
        call_command("migrate", verbosity=0)
        return {"ok": True}
    if step == "federation":
        n, members, months, seed = (int(a) for a in argv[1:5])
        t0 = time.perf_counter()
        build_federation(n, members, months, seed)
        return {"seconds": time.perf_counter() - t0, **counts()}
    if step in ("close", "floor"):
        on = argv[1]
        connection.ensure_connection()
        if step == "close":
            # The month is closed for the first time in every timed run: its checkpoints and
            # rows, stored by the run before, are removed first (not timed), so each run
            # replays the month from the previous month end's checkpoint and stores them again.
            from microfuture.clubs.models import BookCheckpoint
            from microfuture.impact.models import PortfolioSnapshot

            BookCheckpoint.objects.filter(as_of=on).delete()
            PortfolioSnapshot.objects.filter(date=on).delete()
            # Whatever the machine still has to write (a federation just built, the last
            # run's rows) is written now, untimed: a timed commit must not wait behind it.
            os.sync()
            with open(os.devnull, "w") as sink:
                t0 = time.perf_counter()
                call_command("snapshot_portfolio", "--date", on, stdout=sink)
                seconds = time.perf_counter() - t0
            rows = None
        else:
            sql = floor_sql()
            os.sync()  # as for the close
            t0 = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, [on])
                rows = len(cursor.fetchall())
            seconds = time.perf_counter() - t0
        return {"seconds": seconds, "peak_mb": peak_mb(), "rows": rows}
    if step == "pages-setup":
        return pages_setup(argv[1])
    raise SystemExit(f"unknown step {step!r}")


def pages_setup(on: str) -> dict[str, Any]:
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from microfuture.clubs.models import Club, Member
    from microfuture.practices.models import Practice

    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username="bench-member",
                                               defaults={"email": "bench@example.org"})
    user.set_password("bench-password-2026")
    user.save()
    club = Club.objects.order_by("pk").first()
    assert club is not None, "the federation has no club"
    # A member still in the club (a former member sees only their own statement).
    member = Member.objects.filter(club=club, exited_on__isnull=True).order_by("pk").first()
    assert member is not None, "the first club has no member"
    Member.objects.filter(user=user).update(user=None)
    Member.objects.filter(pk=member.pk).update(user=user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    # What the nightly job stores (docs/impact.md): today's figures of every club, which the
    # dashboards read instead of replaying the books.
    from django.core.management import call_command

    with open(os.devnull, "w") as sink:
        call_command("snapshot_portfolio", stdout=sink)
    if not Practice.objects.exists():
        from practices_search import generate

        from microfuture.practices.search import reindex_all

        generate(1000, corpus="wide")
        reindex_all()
    return {"slug": club.slug, "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
            "date": on}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])), flush=True)
