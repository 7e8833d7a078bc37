"""A book's stored state (`ClubBook.state` / `from_state`): what a checkpoint holds.

The bytes give back an equal book that goes on exactly as the original; bytes of another
format or damaged ones are refused (the services then replay from the first event); the
book's shape is pinned so that a change to it must bump `CHECKPOINT_FORMAT`; the book refuses an
event dated before its last one (the date order the checkpoints' proof relies on).
"""

from __future__ import annotations

import zlib
from datetime import date
from decimal import Decimal

import pytest

from microfuture.clubs.core import Event, EventRejected, statement_from_book
from microfuture.clubs.core.book import ClubBook
from microfuture.clubs.core.book_state import _STATE_MAGIC, CHECKPOINT_FORMAT, _Holding, _Member


def a_book() -> ClubBook:
    book = ClubBook(policy="units", name="Zadruga")
    for event in [
        Event(date=date(2024, 1, 5), type="join", member="Ana"),
        Event(date=date(2024, 1, 5), type="join", member="Bor"),
        Event(date=date(2024, 1, 10), type="contribution", member="Ana",
              amount=Decimal("500.00"), reference="r1"),
        Event(date=date(2024, 1, 10), type="contribution", member="Bor",
              amount=Decimal("300.00")),
        Event(date=date(2024, 2, 1), type="investment", enterprise="Pekarna",
              instrument="loan", amount=Decimal("400.00"), rate=Decimal("0.08"), term=6),
        Event(date=date(2024, 2, 2), type="investment", enterprise="Mizar",
              instrument="equity", amount=Decimal("100.00")),
        Event(date=date(2024, 3, 1), type="repayment", enterprise="Pekarna",
              amount=Decimal("70.00")),
        Event(date=date(2024, 3, 5), type="valuation", enterprise="Mizar",
              amount=Decimal("130.00")),
    ]:
        book.apply(event)
    return book


LATER = [
    Event(date=date(2024, 4, 1), type="repayment", enterprise="Pekarna", amount=Decimal("70.00")),
    Event(date=date(2024, 4, 2), type="exit", member="Bor"),
    Event(date=date(2024, 4, 3), type="sale", enterprise="Mizar", amount=Decimal("150.00")),
]


def test_a_restored_book_is_the_same_and_goes_on_the_same() -> None:
    book = a_book()
    restored = ClubBook.from_state(book.state())
    assert restored is not book and restored.same_state(book)
    for event in LATER:
        assert restored.apply(event) == book.apply(event)
    assert restored.same_state(book)
    on = date(2024, 4, 30)
    assert statement_from_book(restored, as_of=on) == statement_from_book(book, as_of=on)
    assert restored.has_reference("r1") and restored.event_count == book.event_count == 11


def test_a_schedule_is_read_back_only_when_asked_for_and_stored_again_as_it_came() -> None:
    book = a_book()
    schedule = book.loan_schedule(1)
    assert len(schedule) == 6
    restored = ClubBook.from_state(book.state())
    loan = restored._holdings[0]
    assert isinstance(loan._instalments, bytes)  # not unpickled by loading the book
    again = ClubBook.from_state(restored.state())  # nor by storing it again
    assert isinstance(again._holdings[0]._instalments, bytes)
    assert again.same_state(book)  # compared as instalments, not as bytes
    assert again.loan_schedule(1) == schedule == restored.loan_schedule(1)
    assert not isinstance(loan._instalments, bytes)
    third = a_book()
    third._holdings[0].instalments = tuple(schedule[:-1])  # one instalment fewer
    assert not third.same_state(ClubBook.from_state(book.state()))
    assert restored.copy().loan_schedule(1) == schedule


def test_same_state_sees_any_difference() -> None:
    book, other = a_book(), a_book()
    assert book.same_state(other)
    other.apply(Event(date=date(2024, 3, 6), type="income", amount=Decimal("0.01")))
    assert not book.same_state(other)
    third = a_book()
    third._holdings[0].cursor += 1  # one loan's schedule position
    assert not book.same_state(third)


def test_other_formats_and_damaged_bytes_are_refused() -> None:
    state = a_book().state()
    head = len(_STATE_MAGIC)
    older = state[:head] + (CHECKPOINT_FORMAT + 1).to_bytes(2, "big") + state[head + 2:]
    with pytest.raises(ValueError, match="format"):
        ClubBook.from_state(older)
    with pytest.raises(ValueError, match="cannot be read"):
        ClubBook.from_state(state[:-5])
    with pytest.raises(ValueError, match="not a stored club book"):
        ClubBook.from_state(b"garbage")
    not_a_book = state[: head + 2] + zlib.compress(b"\x80\x05K\x01.")  # pickle of the int 1
    with pytest.raises(ValueError, match="not a club book"):
        ClubBook.from_state(not_a_book)


def test_the_book_s_shape_is_pinned_to_the_checkpoint_format() -> None:
    # Changing what a book holds changes what a checkpoint must restore: bump
    # CHECKPOINT_FORMAT and then update these lists.
    assert CHECKPOINT_FORMAT == 3
    assert sorted(vars(ClubBook())) == sorted([
        "policy", "currency", "initial_unit_value", "_uv0", "name", "_members", "_holdings",
        "_open", "_opened_count", "_cash", "_holdings_value", "_units", "_active_weight",
        "_debits", "_credits", "_references", "_last_date", "_dissolved", "_events",
    ])
    assert sorted(_Member.__slots__) == sorted([
        "account", "contributed", "exited", "joined", "name", "order", "paid_out", "units"])
    assert sorted(_Holding.__slots__) == sorted([
        "carrying", "closed", "cost", "cursor", "dues", "enterprise", "id", "_instalments",
        "instrument", "opened", "owed_from", "paid_in_cursor", "reference", "status"])


def test_the_book_refuses_an_event_dated_before_its_last_one() -> None:
    book = a_book()
    with pytest.raises(EventRejected, match="date order"):
        book.apply(Event(date=date(2024, 3, 4), type="income", amount=Decimal("1.00")))
    book.apply(Event(date=date(2024, 3, 5), type="income", amount=Decimal("1.00")))  # same day
