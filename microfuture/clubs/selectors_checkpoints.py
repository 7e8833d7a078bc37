"""Checking a club's stored book checkpoints against a full replay (`verify_ledger`)."""

from __future__ import annotations

from microfuture.clubs.books import event_from_row, new_book
from microfuture.clubs.core import AccountingError, ClubBook
from microfuture.clubs.models import BookCheckpoint, Club, ClubEvent


def checkpoint_problems(club: Club) -> list[str]:
    """Every checkpoint of the club that is not exactly the full replay of its events up to
    its day (state, number of events, last `seq`); one replay for all of them."""
    checkpoints = list(BookCheckpoint.objects.filter(club=club).order_by("as_of"))
    if not checkpoints:
        return []
    problems: list[str] = []
    book = new_book(club)
    last_seq = 0
    pending = iter(checkpoints)
    checkpoint = next(pending, None)

    def compare(cp: BookCheckpoint) -> None:
        where = f"checkpoint at {cp.as_of}"
        try:
            stored = ClubBook.from_state(cp.state)
        except ValueError as exc:
            problems.append(f"{where} cannot be read: {exc}")
            return
        if (cp.last_seq, cp.events) != (last_seq, book.event_count):
            problems.append(
                f"{where} holds {cp.events} events up to seq {cp.last_seq}; a full replay "
                f"has {book.event_count} up to seq {last_seq}")
        elif stored.event_count != cp.events:
            problems.append(f"{where}: its book holds {stored.event_count} events, "
                            f"the row says {cp.events}")
        elif not stored.same_state(book):
            problems.append(f"{where} differs from a full replay of the events up to that day")

    rows = ClubEvent.objects.filter(club=club, reversal__isnull=True).order_by("seq")
    for row in rows:
        # Events come in date order (the book refuses any other), so the full replay up to a
        # checkpoint's day is the replay up to the first event dated after it.
        while checkpoint is not None and row.date > checkpoint.as_of:
            compare(checkpoint)
            checkpoint = next(pending, None)
        try:
            book.apply(event_from_row(row))
        except AccountingError:
            problems.append("checkpoints not checked: the events do not replay")
            return problems
        last_seq = row.seq
    while checkpoint is not None:
        compare(checkpoint)
        checkpoint = next(pending, None)
    return problems
