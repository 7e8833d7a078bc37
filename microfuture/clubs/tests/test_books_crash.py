"""Crash safety: a journal import and a dissolution killed with SIGKILL leave nothing or
everything, and `verify_ledger` passes after each kill.

The command runs in a child process against the test database (PostgreSQL only: SQLite's test
database lives in this process's memory). It is killed after several delays, and once while
stopped at the last statement before COMMIT (`ledger/crashpoint.py`).
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection

from microfuture.clubs.models import Club, ClubEvent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("os.environ.get('DATABASE_URL', '').startswith('sqlite')"
                       " or not os.environ.get('DATABASE_URL')",
                       reason="the child process needs a database server; SQLite's test "
                              "database is in this process's memory"),
]

ROOT = Path(__file__).resolve().parents[3]
ROWS = 3000


def child_env(**extra: str) -> dict[str, str]:
    # This run's DATABASE_URL, pointed at pytest-django's test database.
    url = urlsplit(os.environ["DATABASE_URL"])._replace(
        path="/" + quote(connection.settings_dict["NAME"])).geturl()
    return {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1", **extra}


def start(args: list[str], **extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT,
                            env=child_env(**extra), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def kill_after(proc: subprocess.Popen[bytes], delay: float) -> None:
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def kill_when_stopped(proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        _, status = os.waitpid(proc.pid, os.WUNTRACED | os.WNOHANG)
        if status and os.WIFSTOPPED(status):
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the child never reached the crash point")
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def books_sound() -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_ledger", stdout=out, stderr=err)  # exits 1 on a problem
    assert err.getvalue() == ""


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    lines = ["date,type,member,amount,reference", "2024-01-01,join,Ana,,j1",
             "2024-01-01,join,Bor,,j2"]
    lines += [f"2024-01-02,contribution,{'Ana' if n % 2 else 'Bor'},1.00,c{n}"
              for n in range(1, ROWS - 1)]
    path = tmp_path / "journal.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_killed_import_leaves_nothing_or_everything(journal: Path) -> None:
    outcomes = []
    runs: list[tuple[str, Any]] = [(f"Delay {d}", d) for d in (0.8, 1.5, 2.2, 3.0)]
    runs.append(("At commit", None))
    for name, delay in runs:
        if delay is None:
            proc = start(["import_club_journal", str(journal), "--club", name],
                         MICROFUTURE_CRASH_POINT="books.before_commit")
            kill_when_stopped(proc)
        else:
            kill_after(start(["import_club_journal", str(journal), "--club", name]), delay)
        stored = ClubEvent.objects.filter(club__name=name).count()
        assert stored in (0, ROWS)
        if stored == 0:
            assert not Club.objects.filter(name=name).exists()
        outcomes.append(stored)
        books_sound()
    assert outcomes[-1] == 0  # killed just before COMMIT: nothing


def test_a_killed_dissolution_leaves_nothing_or_everything(journal: Path) -> None:
    proc = start(["import_club_journal", str(journal), "--club", "Dissolving"])
    assert proc.wait(timeout=120) == 0
    code = (
        "from datetime import date\n"
        "from microfuture.clubs.core import Event\n"
        "from microfuture.clubs.models import Club\n"
        "from microfuture.clubs.permissions import SYSTEM\n"
        "from microfuture.clubs.services import club_record_events\n"
        "club = Club.objects.get(name='Dissolving')\n"
        "club_record_events(club=club, recorded_by=SYSTEM, history=True,\n"
        "    events=[Event(date=date(2024, 2, 1), type='dissolve')])\n"
    )
    shell = ["shell", "-c", code]

    def dissolved() -> bool:
        club = Club.objects.get(name="Dissolving")
        events = ClubEvent.objects.filter(club=club, type="dissolve").count()
        assert (club.status == Club.Status.DISSOLVED) == (events == 1)
        return events == 1

    kill_when_stopped(start(shell, MICROFUTURE_CRASH_POINT="books.before_commit"))
    assert not dissolved()
    books_sound()
    for delay in (0.6, 1.2, 1.8):
        kill_after(start(shell), delay)
        books_sound()
        if dissolved():
            break
    else:
        assert start(shell).wait(timeout=60) == 0
    assert dissolved()
    books_sound()
