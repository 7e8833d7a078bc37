"""Reads for the treasurer's pages: the names a form may offer, and a dry run of a sheet.

Never writes. The dry run applies events to a copy of the club's book, so a sheet can report
every row's problem at once; the service still decides, under the club lock, when it records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from microfuture.clubs.books import load_book
from microfuture.clubs.core import AccountingError, ClubBook, Event, Text
from microfuture.clubs.models import Club, ClubEvent, Member

#: Which open holdings an event about a holding may name (spec §4).
HOLDING_INSTRUMENTS: dict[str, tuple[str, ...]] = {
    "repayment": ("loan", "advance"),
    "valuation": ("equity", "participatory"),
    "sale": ("equity", "loan", "advance", "participatory"),
    "write_off": ("equity", "loan", "advance", "participatory"),
}


@dataclass(frozen=True)
class KnownNames:
    """What a money form offers for one event type: members, enterprises, instruments."""

    members: list[str]
    enterprises: list[str]
    instruments: list[str]


def active_members(club: Club) -> QuerySet[Member]:
    return Member.objects.filter(
        club=club, joined_on__isnull=False, exited_on__isnull=True
    ).order_by("joined_on", "name")


def known_names(club: Club, event_type: str, *, book: ClubBook | None = None) -> KnownNames:
    """Active members; enterprises with an open holding the type applies to (for income, any
    enterprise the club has held), and the instruments among those holdings."""
    book = book or load_book(club)
    members = [m.name for m in book.members() if m.status == "active"]
    holdings = book.holdings()
    if event_type == "income":
        enterprises = list(dict.fromkeys(h.enterprise for h in holdings))
        instruments: list[str] = []
    elif event_type in HOLDING_INSTRUMENTS:
        kinds = HOLDING_INSTRUMENTS[event_type]
        fitting = [h for h in holdings if h.status == "open" and h.instrument in kinds]
        enterprises = list(dict.fromkeys(h.enterprise for h in fitting))
        instruments = [i for i in kinds if any(h.instrument == i for h in fitting)]
    else:
        enterprises, instruments = [], []
    return KnownNames(members=members, enterprises=sorted(enterprises), instruments=instruments)


def stored_names(club: Club, event_type: str) -> KnownNames:
    """Every name a money form could ever offer for the type, from the stored rows without a
    replay (two queries): every member, every enterprise the club recorded, every instrument
    the type applies to. More than `known_names`; the service's replay refuses the rest."""
    members = list(Member.objects.filter(club=club).values_list("name", flat=True))
    enterprises = sorted(set(
        ClubEvent.objects.filter(club=club).exclude(enterprise="")
        .values_list("enterprise", flat=True).distinct()
    ))
    instruments = list(HOLDING_INSTRUMENTS.get(event_type, ()))
    return KnownNames(members=members, enterprises=enterprises, instruments=instruments)


def used_references(club: Club, references: Sequence[str]) -> list[str]:
    """Those of the references the club already has (reversed events keep theirs)."""
    wanted = [r for r in references if r]
    found = set(
        ClubEvent.objects.filter(club=club, reference__in=wanted).values_list(
            "reference", flat=True
        )
    )
    return [r for r in wanted if r in found]


def event_problems(club: Club, events: Sequence[Event]) -> list[Text | None]:
    """For each event in order, why the money core would refuse it (None if it would not);
    a page shows it with `clubs.messages.localized`.

    A refused event is left out and the next ones are checked without it, as the journal
    checker does; the first refusal is always the cause, later ones may follow from it.
    """
    work = load_book(club)
    problems: list[Text | None] = []
    for event in events:
        try:
            work.apply(event)
        except AccountingError as exc:
            problems.append(exc.text)
        else:
            problems.append(None)
    return problems


def journal_rows(club: Club) -> QuerySet[ClubEvent]:
    """Every recorded event in journal order, with its reversal if it was reversed."""
    return (
        ClubEvent.objects.filter(club=club)
        .select_related("reversal", "reversal__reversed_by", "recorded_by")
        .order_by("seq")
    )
