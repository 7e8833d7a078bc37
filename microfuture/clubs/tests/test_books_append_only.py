"""What statements are replayed from is append-only in the database, and chained by hashes.

Raw SQL UPDATE and DELETE of club events, reversals, audit rows and posted ledger rows are
refused by triggers on both backends; a club with history cannot be deleted. With the
triggers dropped (a DBA with full rights), `verify_audit` and `verify_ledger` find an
edited, a deleted and a swapped row and say where.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, Club, ClubEvent, EventReversal, Proposal
from microfuture.clubs.selectors import club_problems
from microfuture.clubs.services import club_record_events, club_reverse_event
from microfuture.clubs.services.audit import audit
from microfuture.ledger.models import JournalEntry, Leg

pytestmark = pytest.mark.django_db

PROTECTED = ["clubs_clubevent", "clubs_eventreversal", "clubs_auditlog"]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def contribution(name: str, amount: str, ref: str) -> Event:
    return Event(date=date(2026, 2, 1), type="contribution", member=name,
                 amount=Decimal(amount), reference=ref)


@pytest.fixture
def history(club: Any, treasurer: Any) -> list[ClubEvent]:
    rows = club_record_events(
        club=club, recorded_by=treasurer,
        events=[contribution("Miha", "20", "c1"), contribution("Nina", "30", "c2"),
                contribution("Tine", "40", "c3"), contribution("Sara", "50", "c4")],
    )
    club_reverse_event(club=club, event=rows[3], reason="typed twice", reversed_by=treasurer)
    return rows


def drop_protection() -> None:
    """What a DBA with full rights could do; rolled back with the test's transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Triggers off for this transaction (a superuser's switch, used for replication).
            cursor.execute("SET LOCAL session_replication_role = replica")
            return
        for table in [*PROTECTED, "ledger_leg", "ledger_journalentry"]:
            for name in ("no_update", "no_delete", "proposal_id_once"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_{name}")


def refused(sql: str, params: list[Any]) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


def test_the_services_write_sound_chains(club, history):
    audit(club=None, actor=None, action="platform.note", what="a row without a club")
    code, out, err = run("verify_audit")
    assert (code, err) == (0, "")
    assert out.strip().endswith("Every chain holds (2 chain group(s)).")
    assert club_problems(club) == []
    events = list(ClubEvent.objects.filter(club=club).order_by("seq"))
    assert events[0].prev_hash == ""
    assert all(b.prev_hash == a.hash != "" for a, b in pairwise(events))
    rows = list(AuditLog.objects.filter(club=club).order_by("id"))
    assert all(b.prev_hash == a.hash != "" for a, b in pairwise(rows))
    assert f"events {events[-1].hash}, audit {rows[-1].hash}" in out


def test_raw_updates_and_deletes_are_refused(club, history):
    event = history[0]
    reversal = EventReversal.objects.get()
    row = AuditLog.objects.filter(club=club).first()
    assert row is not None
    entry = JournalEntry.objects.get(pk=event.entry_id)
    statements = [
        ("UPDATE clubs_clubevent SET amount_cents = 1 WHERE id = %s", [event.pk]),
        ("UPDATE clubs_clubevent SET hash = '' WHERE id = %s", [event.pk]),
        ("DELETE FROM clubs_clubevent WHERE id = %s", [event.pk]),
        ("UPDATE clubs_eventreversal SET reason = 'x' WHERE id = %s", [reversal.pk]),
        ("DELETE FROM clubs_eventreversal WHERE id = %s", [reversal.pk]),
        ("UPDATE clubs_auditlog SET action = 'x' WHERE id = %s", [row.pk]),
        ("DELETE FROM clubs_auditlog WHERE id = %s", [row.pk]),
        ("DELETE FROM ledger_leg WHERE entry_id = %s", [entry.pk]),
        ("DELETE FROM ledger_journalentry WHERE id = %s", [entry.pk]),
    ]
    assert [sql for sql, params in statements if not refused(sql, params)] == []
    event.refresh_from_db()
    assert (event.amount_cents, event.hash != "") == (2000, True)
    assert EventReversal.objects.count() == 1
    assert Leg.objects.filter(entry=entry).count() == 2
    assert AuditLog.objects.get(pk=row.pk).action == row.action
    assert club_problems(club) == []


def test_an_empty_proposal_link_is_filled_once_and_then_fixed(club, history, enterprise):
    proposal, other = (
        Proposal.objects.create(club=club, enterprise=enterprise, amount_cents=100, title=t,
                                summary="s") for t in ("t", "u")
    )
    event = history[0]
    ClubEvent.objects.filter(pk=event.pk).update(proposal=proposal)
    assert refused("UPDATE clubs_clubevent SET proposal_id = %s WHERE id = %s",
                   [other.pk, event.pk])
    assert refused("UPDATE clubs_clubevent SET proposal_id = %s, note = 'x' WHERE id = %s",
                   [proposal.pk, history[1].pk])
    assert ClubEvent.objects.get(pk=event.pk).proposal_id == proposal.pk
    assert club_problems(club) == []


def test_a_club_with_history_is_never_deleted(club, history):
    with pytest.raises(ProtectedError):
        club.delete()
    assert Club.objects.filter(pk=club.pk).exists()
    assert ClubEvent.objects.filter(club=club).count() == 9  # five joins, four contributions


def test_an_edited_event_is_found_with_its_place(club, history):
    drop_protection()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE clubs_clubevent SET note = 'changed' WHERE id = %s",
                       [history[1].pk])
    assert history[1].seq == 7
    code, _, err = run("verify_audit")
    assert code == 1
    assert err.splitlines() == [
        "Zadruga Srce: event 7: its content does not match its hash (edited)",
        "1 problem(s) in the chains.",
    ]
    assert club_problems(club) == ["event 7: its content does not match its hash (edited)"]
    code, _, err = run("verify_ledger")
    assert code == 1
    assert "Zadruga Srce: event 7: its content does not match its hash (edited)" in err


def test_a_deleted_event_is_found_with_its_place(club, history):
    drop_protection()
    event = history[1]
    with connection.cursor() as cursor:
        # The event, its entry and legs: the ledger then still agrees with the replay.
        cursor.execute("DELETE FROM clubs_clubevent WHERE id = %s", [event.pk])
        cursor.execute("DELETE FROM ledger_leg WHERE entry_id = %s", [event.entry_id])
        cursor.execute("DELETE FROM ledger_journalentry WHERE id = %s", [event.entry_id])
    expected = [
        "event 8: expected event 7 here (an event is missing)",
        "event 8: it does not follow the row before it (a row was deleted, inserted or moved)",
    ]
    assert club_problems(club) == expected
    code, _, err = run("verify_audit")
    assert code == 1
    assert err.splitlines()[:2] == [f"Zadruga Srce: {p}" for p in expected]


def test_swapped_events_are_found_with_their_places(club, history):
    drop_protection()
    first, second = history[0], history[1]
    with connection.cursor() as cursor:
        for row, other in ((first, second), (second, first)):
            cursor.execute(
                "UPDATE clubs_clubevent SET member = %s, amount_cents = %s, reference = %s, "
                "prev_hash = %s, hash = %s WHERE id = %s",
                [other.member, other.amount_cents, f"x-{other.reference}",
                 other.prev_hash, other.hash, row.pk],
            )
    problems = club_problems(club)
    assert "event 6: its content does not match its hash (edited)" in problems
    assert "event 7: its content does not match its hash (edited)" in problems
    assert ("event 6: it does not follow the row before it (a row was deleted, inserted or "
            "moved)") in problems
    code, _, err = run("verify_audit")
    assert code == 1
    assert "Zadruga Srce: event 6: its content does not match its hash (edited)" in err


def test_audit_rows_edited_deleted_or_swapped_are_found(club, history):
    drop_protection()
    ids = list(AuditLog.objects.filter(club=club).order_by("id").values_list("id", flat=True))
    edited, deleted, a, b = ids[1], ids[3], ids[5], ids[6]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE clubs_auditlog SET detail = %s WHERE id = %s",
                       ['{"name": "Someone else"}', edited])
        cursor.execute("DELETE FROM clubs_auditlog WHERE id = %s", [deleted])
        # Swapped: each row takes the other's content and chain fields.
        row_a, row_b = (AuditLog.objects.values("action", "detail", "prev_hash", "hash")
                        .get(pk=pk) for pk in (a, b))
        for pk, other in ((a, row_b), (b, row_a)):
            cursor.execute(
                "UPDATE clubs_auditlog SET action = %s, prev_hash = %s, hash = %s "
                "WHERE id = %s", [other["action"], other["prev_hash"], other["hash"], pk])
    code, _, err = run("verify_audit", "--club", "Zadruga Srce")
    assert code == 1
    lines = err.splitlines()
    assert f"Zadruga Srce: audit row {edited}: its content does not match its hash (edited)" in lines
    assert (f"Zadruga Srce: audit row {ids[4]}: it does not follow the row before it (a row was "
            "deleted, inserted or moved)") in lines
    assert f"Zadruga Srce: audit row {a}: its content does not match its hash (edited)" in lines
    assert f"Zadruga Srce: audit row {b}: its content does not match its hash (edited)" in lines
