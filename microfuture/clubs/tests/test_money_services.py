"""Recording money through the services: every event stored with its balanced entry, or
nothing at all; corrections are reversals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, Club, ClubEvent, Member
from microfuture.clubs.selectors import club_problems, club_statement, pledge_status
from microfuture.clubs.services import (
    ClubError,
    club_record_event,
    club_record_events,
    club_reverse_event,
    club_set_status,
)
from microfuture.ledger.models import JournalEntry

pytestmark = pytest.mark.django_db


def contribution(name: str, amount: str, day: date = date(2026, 2, 1), ref: str = "") -> Event:
    return Event(date=day, type="contribution", member=name, amount=Decimal(amount),
                 reference=ref)


def counts() -> tuple[int, int]:
    return ClubEvent.objects.count(), JournalEntry.objects.count()


def test_contributions_are_stored_with_balanced_entries(club, treasurer):
    club_record_events(club=club, events=[contribution("Miha", "20"),
                                          contribution("Nina", "30.50")], recorded_by=treasurer)
    stmt = club_statement(club, as_of=date(2026, 2, 28))
    assert stmt["cash"] == "50.50"
    assert stmt["units_outstanding"] == "5.050000"
    assert club_problems(club) == []
    assert AuditLog.objects.filter(club=club, action="event.contribution").count() == 2


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (contribution("Nobody", "10"), "has not joined"),
        (Event(date=date(2026, 2, 1), type="expense", amount=Decimal("5")), "cash would go negative"),
    ],
)
def test_refused_event_stores_nothing(club, treasurer, event, message):
    before = counts()
    with pytest.raises(ClubError, match=message):
        club_record_event(club=club, event=event, recorded_by=treasurer)
    assert counts() == before


def test_a_refused_event_in_a_batch_refuses_the_whole_batch(club, treasurer):
    before = counts()
    with pytest.raises(ClubError, match="Event 2"):
        club_record_events(club=club, events=[contribution("Miha", "20"),
                                              contribution("Ghost", "20")],
                           recorded_by=treasurer)
    assert counts() == before


def test_a_reference_is_recorded_once(club, treasurer):
    club_record_event(club=club, event=contribution("Miha", "20", ref="feb-miha"),
                      recorded_by=treasurer)
    with pytest.raises(ClubError, match="already recorded"):
        club_record_event(club=club, event=contribution("Miha", "20", ref="feb-miha"),
                          recorded_by=treasurer)


def test_a_club_in_management_takes_no_new_savings(club, manager, treasurer):
    club_set_status(club=club, status=Club.Status.MANAGEMENT, actor=manager)
    with pytest.raises(ClubError, match="in management"):
        club_record_event(club=club, event=contribution("Miha", "20"), recorded_by=treasurer)


def test_status_moves_only_forward(club, manager):
    with pytest.raises(ClubError):
        club_set_status(club=club, status=Club.Status.FORMING, actor=manager)
    club_set_status(club=club, status=Club.Status.RENEWED, actor=manager)
    with pytest.raises(ClubError):
        club_set_status(club=club, status=Club.Status.RENEWED, actor=manager)


def test_exit_and_join_keep_member_rows_in_step(club, treasurer):
    club_record_events(club=club, events=[
        contribution("Miha", "100"),
        Event(date=date(2026, 3, 1), type="exit", member="Miha"),
    ], recorded_by=treasurer)
    miha = Member.objects.get(club=club, name="Miha")
    assert miha.exited_on == date(2026, 3, 1)
    stmt = club_statement(club, as_of=date(2026, 3, 1))
    assert next(m for m in stmt["members"] if m["name"] == "Miha")["paid_out"] == "100.00"


def test_reversing_the_last_event_restores_the_figures(club, treasurer):
    club_record_event(club=club, event=contribution("Miha", "20"), recorded_by=treasurer)
    wrong = club_record_event(club=club, event=contribution("Nina", "200"), recorded_by=treasurer)
    club_reverse_event(club=club, event=wrong, reason="Typed 200 for 20", reversed_by=treasurer)
    stmt = club_statement(club, as_of=date(2026, 2, 28))
    assert stmt["cash"] == "20.00"
    assert club_problems(club) == []
    # The posted entry is still there, mirrored by its reversal.
    assert JournalEntry.objects.filter(reverses=wrong.entry).count() == 1
    with pytest.raises(ClubError, match="already been reversed"):
        club_reverse_event(club=club, event=wrong, reason="again", reversed_by=treasurer)


def test_an_event_that_later_events_depend_on_cannot_be_reversed_first(club, treasurer):
    first = club_record_event(club=club, event=contribution("Miha", "20"), recorded_by=treasurer)
    club_record_event(club=club, event=Event(date=date(2026, 2, 2), type="expense",
                                              amount=Decimal("15")), recorded_by=treasurer)
    with pytest.raises(ClubError, match="refused"):
        club_reverse_event(club=club, event=first, reason="mistake", reversed_by=treasurer)


def test_reversing_a_join_unjoins_the_member(club, treasurer):
    join = club_record_event(club=club, event=Event(date=date(2026, 2, 1), type="join",
                                                     member="Pia"), recorded_by=treasurer)
    club_reverse_event(club=club, event=join, reason="wrong club", reversed_by=treasurer)
    assert Member.objects.get(club=club, name="Pia").joined_on is None


def test_pledges_count_calendar_months_since_joining(club, treasurer):
    club_record_event(club=club, event=contribution("Miha", "40"), recorded_by=treasurer)
    lines = {line.member.name: line for line in pledge_status(club, as_of=date(2026, 3, 15))}
    # Joined 5 January 2026; pledge 20.00 a month; January, February, March = 60.00.
    assert lines["Miha"].expected == Decimal("60.00")
    assert lines["Miha"].behind == Decimal("20.00")
    assert lines["Miha"].months_behind == 1
    assert lines["Nina"].behind == Decimal("60.00")


def test_a_contribution_cannot_be_reversed_once_later_units_depend_on_it(club, treasurer):
    club_record_event(club=club, event=contribution("Miha", "100"), recorded_by=treasurer)
    nina = club_record_event(club=club, event=contribution("Nina", "50", date(2026, 2, 2)),
                             recorded_by=treasurer)
    club_record_event(club=club, event=Event(date=date(2026, 2, 3), type="expense",
                                              amount=Decimal("15")), recorded_by=treasurer)
    club_record_event(club=club, event=contribution("Sara", "30", date(2026, 2, 4)),
                      recorded_by=treasurer)
    # With Nina: NAV 135 over 15 units, Sara buys 30 × 15 ÷ 135 = 3.333333 units.
    # Without her: NAV 85 over 10 units, Sara would buy 3.529412: her units depend on it.
    with pytest.raises(ClubError, match="depends on this one"):
        club_reverse_event(club=club, event=nina, reason="wrong", reversed_by=treasurer)


def test_reversal_is_allowed_when_later_figures_do_not_change(club, treasurer):
    club_record_event(club=club, event=contribution("Miha", "100"), recorded_by=treasurer)
    nina = club_record_event(club=club, event=contribution("Nina", "50", date(2026, 2, 2)),
                             recorded_by=treasurer)
    # Same unit value before and after Nina's payment: Sara's units do not depend on it.
    club_record_event(club=club, event=contribution("Sara", "30", date(2026, 2, 4)),
                      recorded_by=treasurer)
    club_reverse_event(club=club, event=nina, reason="paid by mistake", reversed_by=treasurer)
    stmt = club_statement(club, as_of=date(2026, 2, 28))
    assert stmt["cash"] == "130.00"
    assert stmt["units_outstanding"] == "13.000000"
    assert club_problems(club) == []
