"""Book checkpoints through the services and the database.

A statement read through checkpoints equals the full replay to the cent; a back-dated event, a
reversal and an erased name delete exactly the checkpoints they reach behind; `verify_ledger`
finds a tampered one; `make_checkpoints` and `snapshot_portfolio` store them; with one, a
statement runs the same queries but replays only the events after it.
"""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from microfuture.clubs.core import Event
from microfuture.clubs.core.book import ClubBook
from microfuture.clubs.models import BookCheckpoint, Club, ClubEvent, Member
from microfuture.clubs.selectors import club_problems, club_statement, member_statement
from microfuture.clubs.services import club_create, club_record_events, club_reverse_event
from microfuture.clubs.services.checkpoints import checkpoint_months, month_ends
from microfuture.clubs.services.erasure import member_pseudonymise

pytestmark = pytest.mark.django_db


def statement(club: Club, on: date | None) -> str:
    return json.dumps(club_statement(club, as_of=on), sort_keys=True, default=str)


def full_replay_statements(club: Club, days: list[date | None]) -> list[str]:
    """The statements with every checkpoint set aside (and put back afterwards)."""
    kept = list(BookCheckpoint.objects.filter(club=club).values())
    BookCheckpoint.objects.filter(club=club).delete()
    try:
        return [statement(club, day) for day in days]
    finally:
        BookCheckpoint.objects.bulk_create(BookCheckpoint(**row) for row in kept)


def as_of_days(club: Club) -> list[date]:
    return sorted(BookCheckpoint.objects.filter(club=club).values_list("as_of", flat=True))


@pytest.fixture
def books(admin: Any) -> Club:
    club = club_create(name="Zadruga Kontrola", region="SI041", start_date=date(2024, 1, 1),
                       status=Club.Status.ACTIVE, created_by=admin)
    e = Event
    club_record_events(club=club, recorded_by=admin, history=True, events=[
        e(date=date(2024, 1, 5), type="join", member="Ana"),
        e(date=date(2024, 1, 5), type="join", member="Bor"),
        e(date=date(2024, 1, 10), type="contribution", member="Ana", amount=Decimal("500.00")),
        e(date=date(2024, 1, 10), type="contribution", member="Bor", amount=Decimal("300.00")),
        e(date=date(2024, 2, 1), type="investment", enterprise="Pekarna", instrument="loan",
          amount=Decimal("400.00"), rate=Decimal("0.08"), term=6),
        e(date=date(2024, 2, 12), type="income", amount=Decimal("25.00")),
        e(date=date(2024, 3, 1), type="repayment", enterprise="Pekarna", amount=Decimal("70.00")),
        e(date=date(2024, 3, 10), type="contribution", member="Ana", amount=Decimal("50.00")),
    ])
    return club


def test_month_ends_are_stored_once_from_the_first_event_on(books: Club) -> None:
    assert checkpoint_months(books, up_to=date(2024, 4, 30)) == 4
    assert as_of_days(books) == month_ends(date(2024, 1, 1), date(2024, 4, 30))
    assert checkpoint_months(books, up_to=date(2024, 4, 30)) == 0
    feb = BookCheckpoint.objects.get(club=books, as_of=date(2024, 2, 29))
    assert (feb.events, feb.last_seq) == (6, 6)
    assert ClubBook.from_state(feb.state).same_state(_replayed(books, date(2024, 2, 29)))
    assert club_problems(books) == []


def _replayed(club: Club, on: date) -> ClubBook:
    from microfuture.clubs.books import effective_events, new_book

    book = new_book(club)
    book.apply_all(effective_events(club, as_of=on))
    return book


def test_statements_through_checkpoints_equal_the_full_replay(books: Club) -> None:
    days: list[date | None] = [*month_ends(date(2024, 1, 1), date(2024, 5, 31)),
                               date(2024, 1, 4), date(2024, 2, 11), date(2024, 3, 10), None]
    checkpoint_months(books, up_to=date(2024, 4, 30))
    assert [statement(books, d) for d in days] == full_replay_statements(books, days)


def test_a_back_dated_event_deletes_the_checkpoints_it_reaches_behind(
        books: Club, admin: Any) -> None:
    checkpoint_months(books, up_to=date(2024, 5, 31))
    # The book's last event is on 10 March; one dated 15 April is allowed, and the April and
    # May checkpoints no longer hold every event up to their day.
    club_record_events(club=books, recorded_by=admin, history=True, events=[
        Event(date=date(2024, 4, 15), type="contribution", member="Bor",
              amount=Decimal("40.00"))])
    assert as_of_days(books) == [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)]
    days: list[date | None] = [date(2024, 3, 31), date(2024, 4, 30), date(2024, 5, 31), None]
    assert [statement(books, d) for d in days] == full_replay_statements(books, days)
    assert club_problems(books) == []


def test_an_event_on_a_checkpoint_s_own_day_deletes_it(books: Club, admin: Any) -> None:
    checkpoint_months(books, up_to=date(2024, 3, 31))
    club_record_events(club=books, recorded_by=admin, history=True, events=[
        Event(date=date(2024, 3, 31), type="income", amount=Decimal("1.00"))])
    assert as_of_days(books) == [date(2024, 1, 31), date(2024, 2, 29)]
    assert club_problems(books) == []


def test_a_reversal_deletes_the_checkpoints_holding_the_event(books: Club, admin: Any) -> None:
    # Under the units policy every later contribution depends on an earlier change of NAV, so
    # the event reversed is one nothing depends on: the last contribution (10 March).
    checkpoint_months(books, up_to=date(2024, 4, 30))
    last = ClubEvent.objects.get(club=books, date=date(2024, 3, 10))
    club_reverse_event(club=books, event=last, reason="booked twice", reversed_by=admin,
                       on=date(2024, 5, 2))
    assert as_of_days(books) == [date(2024, 1, 31), date(2024, 2, 29)]
    days: list[date | None] = [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31),
                               date(2024, 4, 30), None]
    assert [statement(books, d) for d in days] == full_replay_statements(books, days)
    assert club_problems(books) == []
    checkpoint_months(books, up_to=date(2024, 4, 30))
    assert club_problems(books) == []
    assert [statement(books, d) for d in days] == full_replay_statements(books, days)


def test_a_checkpoint_made_later_than_events_after_it_holds_only_its_month(
        books: Club, admin: Any) -> None:
    # Events of March are already recorded when January and February are closed.
    checkpoint_months(books, up_to=date(2024, 2, 29))
    assert BookCheckpoint.objects.get(club=books, as_of=date(2024, 2, 29)).last_seq == 6
    days: list[date | None] = [date(2024, 2, 29), date(2024, 3, 5), None]
    assert [statement(books, d) for d in days] == full_replay_statements(books, days)


def test_an_erased_name_deletes_the_club_s_checkpoints(books: Club, admin: Any) -> None:
    checkpoint_months(books, up_to=date(2024, 4, 30))
    ana = Member.objects.get(club=books, name="Ana")
    member_pseudonymise(member=ana, actor=admin)
    assert as_of_days(books) == []
    checkpoint_months(books, up_to=date(2024, 4, 30))
    assert club_problems(books) == []
    names = {m["name"] for m in club_statement(books, as_of=date(2024, 2, 29))["members"]}
    assert names == {f"erased person #{ana.pk}", "Bor"}


def verify(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_ledger", *args, stdout=out, stderr=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_verify_ledger_finds_a_tampered_checkpoint(books: Club) -> None:
    checkpoint_months(books, up_to=date(2024, 4, 30))
    assert verify() == (0, "All invariants hold in 1 club(s).\n")
    jan = BookCheckpoint.objects.get(club=books, as_of=date(2024, 1, 31))
    # February's row with January's book: a checkpoint that would skip February's events.
    BookCheckpoint.objects.filter(club=books, as_of=date(2024, 2, 29)).update(state=jan.state)
    code, out = verify("--club", books.name)
    assert code == 1
    assert "Zadruga Kontrola: checkpoint at 2024-02-29" in out


def test_verify_ledger_finds_a_checkpoint_with_other_figures(books: Club) -> None:
    checkpoint_months(books, up_to=date(2024, 3, 31))
    row = BookCheckpoint.objects.get(club=books, as_of=date(2024, 3, 31))
    book = ClubBook.from_state(row.state)
    book._cash += 1  # one cent more, everything else the same
    BookCheckpoint.objects.filter(pk=row.pk).update(state=book.state())
    code, out = verify()
    assert code == 1
    assert ("Zadruga Kontrola: checkpoint at 2024-03-31 differs from a full replay of the "
            "events up to that day") in out


def test_an_unreadable_checkpoint_is_reported_and_never_used(books: Club) -> None:
    checkpoint_months(books, up_to=date(2024, 4, 30))
    expected = full_replay_statements(books, [date(2024, 4, 30)])
    BookCheckpoint.objects.filter(club=books, as_of=date(2024, 3, 31)).update(state=b"junk")
    BookCheckpoint.objects.filter(club=books, as_of=date(2024, 4, 30)).delete()
    assert [statement(books, date(2024, 4, 30))] == expected
    code, out = verify()
    assert code == 1 and "checkpoint at 2024-03-31 cannot be read" in out


def test_a_statement_with_a_checkpoint_replays_only_the_events_after_it(
        books: Club, django_assert_num_queries: Any, monkeypatch: Any) -> None:
    applied: list[Event] = []
    original = ClubBook.apply

    def counting(self: ClubBook, event: Event) -> Any:
        applied.append(event)
        return original(self, event)

    monkeypatch.setattr(ClubBook, "apply", counting)
    on = date(2024, 3, 31)
    with django_assert_num_queries(3):  # the checkpoint, the events, the club's stages
        without = statement(books, on)
    assert len(applied) == 8
    checkpoint_months(books, up_to=date(2024, 2, 29))
    applied.clear()
    with django_assert_num_queries(3):
        with_checkpoint = statement(books, on)
    assert with_checkpoint == without
    assert [e.date for e in applied] == [date(2024, 3, 1), date(2024, 3, 10)]
    ana = Member.objects.get(club=books, name="Ana")
    applied.clear()
    mine = member_statement(books, ana, as_of=on)
    assert len(applied) == 2 and mine["member"]["name"] == "Ana"


def test_make_checkpoints_command(books: Club, admin: Any) -> None:
    other = club_create(name="Druga", region="SI041", start_date=date(2024, 1, 1),
                        status=Club.Status.ACTIVE, created_by=admin)
    out = io.StringIO()
    call_command("make_checkpoints", "--club", books.name, "--date", "2024-03-15", stdout=out)
    assert out.getvalue() == "stored 2 checkpoints for 1 clubs\n"
    out = io.StringIO()
    call_command("make_checkpoints", "--date", "2024-04-30", stdout=out)
    assert out.getvalue() == "stored 2 checkpoints for 2 clubs\n"  # Druga has no event
    assert not BookCheckpoint.objects.filter(club=other).exists()


def test_snapshot_portfolio_closes_the_months_up_to_its_date(books: Club) -> None:
    call_command("snapshot_portfolio", "--date", "2024-04-10", stdout=io.StringIO())
    assert as_of_days(books) == month_ends(date(2024, 1, 1), date(2024, 3, 31))
    assert club_problems(books) == []
