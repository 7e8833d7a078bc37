"""The period report on a fixed network, counted by hand (the working is beside each record).

Period: the first half of 2025, 1. 1. 2025 to 30. 6. 2025, Slovenian time: from
2025-01-01 00:00 CET (2024-12-31 23:00 UTC) to before 2025-07-01 00:00 CEST (2025-06-30
22:00 UTC). Records lie on both sides of each boundary.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from microfuture.network.models import (
    ActionItem,
    Decision,
    Initiative,
    Meeting,
    Organisation,
    Participant,
    Person,
    Registration,
    StatusChange,
)
from microfuture.network.selectors_report import (
    Period,
    half_year,
    half_years,
    last_full_half_year,
    parse_half_year,
    period_report,
)
from microfuture.practices.models import Interview, Practice, QuestionSet

LJ = ZoneInfo("Europe/Ljubljana")
H1_2025 = half_year(2025, 1)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=LJ)  # type: ignore[misc,arg-type]


def meeting(kind: str, starts: datetime, *, public: bool = False,
            cancelled: bool = False) -> Meeting:
    return Meeting.objects.create(
        kind=kind, title_en=f"{kind} {starts:%Y-%m-%d}", starts_at=starts,
        ends_at=starts + timedelta(hours=1), public=public,
        cancelled_at=starts - timedelta(days=3) if cancelled else None)


def came(m: Meeting, who: Organisation | Person, *, attended: bool = True) -> None:
    if isinstance(who, Organisation):
        Participant.objects.create(meeting=m, organisation=who, attended=attended)
    else:
        Participant.objects.create(meeting=m, person=who, attended=attended)


def decisions(m: Meeting, n: int) -> None:
    for i in range(n):
        Decision.objects.create(meeting=m, position=i, text=f"Decision {i + 1}")


def item(owner: Organisation, created: datetime, due: date, *steps: tuple[str, str, datetime],
         status: str = "open") -> ActionItem:
    """An item created at `created`, then the status changes (old, new, when)."""
    row = ActionItem.objects.create(title=f"Item due {due}", owner_organisation=owner,
                                    due_on=due, status=status)
    ActionItem.objects.filter(pk=row.pk).update(created_at=created)
    first = StatusChange.objects.create(item=row, old_status="", new_status="open")
    StatusChange.objects.filter(pk=first.pk).update(changed_at=created)
    for old, new, when in steps:
        change = StatusChange.objects.create(item=row, old_status=old, new_status=new)
        StatusChange.objects.filter(pk=change.pk).update(changed_at=when)
    return row


@pytest.fixture
def network(db: Any) -> None:
    agency = Organisation.objects.create(name="Agency", kind="support_org")
    ministry = Organisation.objects.create(name="Ministry", kind="policymaker")
    bank = Organisation.objects.create(name="Bank", kind="financial_institution")
    club = Organisation.objects.create(name="Club", kind="citizen_club")
    enterprise = Organisation.objects.create(name="Enterprise", kind="social_enterprise")
    petra = Person.objects.create(name="Petra", organisation=agency)
    urban = Person.objects.create(name="Urban", organisation=ministry)
    maja = Person.objects.create(name="Maja")
    janez = Person.objects.create(name="Janez", organisation=bank)

    # M1 in (the period's first moment): agency came, ministry was invited and did not;
    # Petra (agency, counted once) and Janez (brings the bank) came, Urban did not. 2 decisions.
    m1 = meeting("stakeholder_meeting", at(2025, 1, 1, 0, 0))
    came(m1, agency)
    came(m1, ministry, attended=False)
    came(m1, petra)
    came(m1, janez)
    came(m1, urban, attended=False)
    decisions(m1, 2)
    # M2 in (23:30 on the last day): the ministry and Maja (no organisation). 1 decision.
    m2 = meeting("study_visit", at(2025, 6, 30, 23, 30))
    came(m2, ministry)
    came(m2, maja)
    decisions(m2, 1)
    # M3 in, public: the enterprise came; 3 live registrations and 1 cancelled.
    m3 = meeting("info_session", at(2025, 3, 10, 17, 0), public=True)
    came(m3, enterprise)
    for n in range(4):
        Registration.objects.create(
            meeting=m3, name=f"R{n}", email=f"r{n}@example.org", consent_at=at(2025, 3, 1),
            consent_text="yes", cancelled_at=at(2025, 3, 5) if n == 3 else None)
    # M4 cancelled (not held): the club and its decision do not count.
    m4 = meeting("stakeholder_meeting", at(2025, 2, 1, 10, 0), cancelled=True)
    came(m4, club)
    decisions(m4, 1)
    # M5 one minute before the period, M6 at the first moment after it: neither counts.
    m5 = meeting("learning_event", at(2024, 12, 31, 23, 59))
    came(m5, club)
    decisions(m5, 1)
    m6 = meeting("pitch_event", at(2025, 7, 1, 0, 0), public=True)
    came(m6, club)
    Registration.objects.create(meeting=m6, name="Late", email="late@example.org",
                                consent_at=at(2025, 6, 1), consent_text="yes")

    # Action items. created in period: I1 I3 I4 I5 I8 I9 = 6; done in period: I1 I10 = 2;
    # overdue at the end (due on or before 30. 6., open at 1. 7. 00:00): I2 I3 I8 I9 = 4.
    item(agency, at(2025, 2, 1), date(2025, 3, 1),
         ("open", "done", at(2025, 4, 1)), status="done")                       # I1
    item(agency, at(2024, 11, 1), date(2025, 5, 1),
         ("open", "done", at(2025, 8, 1)), status="done")                       # I2
    item(agency, at(2025, 3, 1), date(2025, 6, 30))                             # I3
    item(agency, at(2025, 3, 1), date(2025, 7, 1))                              # I4
    item(agency, at(2025, 1, 15), date(2025, 2, 15),
         ("open", "dropped", at(2025, 2, 20)), status="dropped")                # I5
    item(agency, at(2024, 10, 1), date(2024, 12, 1),
         ("open", "done", at(2024, 12, 15)), status="done")                     # I6
    item(agency, at(2025, 7, 5), date(2025, 6, 1))                              # I7
    item(agency, at(2025, 6, 30, 23, 59), date(2025, 6, 30))                    # I8
    item(agency, at(2025, 1, 10), date(2025, 6, 15),
         ("open", "in_progress", at(2025, 2, 1)),
         ("in_progress", "done", at(2025, 7, 1, 0, 0)), status="done")          # I9
    item(agency, at(2024, 12, 1), date(2025, 6, 30),
         ("open", "done", at(2025, 6, 30, 23, 59)), status="done")              # I10

    # Practices: public ones first entered in the period: P1 (first moment) and P6 = 2.
    for slug, status, created in [
        ("p1", "approved", datetime(2024, 12, 31, 23, 0, tzinfo=UTC)),  # 1. 1. 00:00 CET: in
        ("p2", "validated", datetime(2025, 6, 30, 22, 0, tzinfo=UTC)),  # 1. 7. 00:00 CEST: out
        ("p3", "draft", at(2025, 3, 1)),                                # not public: out
        ("p4", "approved", datetime(2024, 12, 31, 22, 59, tzinfo=UTC)),  # 31. 12. 23:59: out
        ("p6", "approved", at(2025, 5, 5)),                             # in
    ]:
        practice = Practice.objects.create(slug=slug, title_en=slug, country="FR",
                                           status=status)
        Practice.objects.filter(pk=practice.pk).update(created_at=created)
    # Interviews: Int1 and Int3 (first moment) in, Int2 out = 2.
    guide = QuestionSet.objects.create(practice=Practice.objects.get(slug="p1"), title="Guide")
    for created in [at(2025, 4, 1), at(2025, 7, 2), datetime(2024, 12, 31, 23, 0, tzinfo=UTC)]:
        interview = Interview.objects.create(
            question_set=guide, interviewee_role="manager", held_on=date(2025, 1, 1),
            consent_given=True)
        Interview.objects.filter(pk=interview.pk).update(created_at=created)

    # Initiatives under way on a day of the period: A, C (ended on its first day), E (began
    # on its last day), G = 4; B ended before, D only planned, F began after.
    for title, status, started, ended in [
        ("A", "active", date(2024, 9, 1), None),
        ("B", "completed", date(2024, 1, 1), date(2024, 12, 31)),
        ("C", "completed", date(2024, 6, 1), date(2025, 1, 1)),
        ("D", "planned", None, None),
        ("E", "active", date(2025, 6, 30), None),
        ("F", "active", date(2025, 7, 1), None),
        ("G", "stopped", date(2025, 2, 1), date(2025, 3, 1)),
    ]:
        Initiative.objects.create(title_en=title, status=status, started_on=started,
                                  ended_on=ended)


EXPECTED = {
    "organisations_engaged": 4,
    "organisations_engaged.support_org": 1,
    "organisations_engaged.policymaker": 1,
    "organisations_engaged.financial_institution": 1,
    "organisations_engaged.social_enterprise": 1,
    "organisations_engaged.citizen_club": 0,
    "organisations_engaged.vulnerable_group_org": 0,
    "organisations_engaged.research": 0,
    "people_engaged": 3,
    "practices_added": 2,
    "interviews_added": 2,
    "meetings_held": 3,
    "meetings_held.stakeholder_meeting": 1,
    "meetings_held.study_visit": 1,
    "meetings_held.info_session": 1,
    "meetings_held.learning_event": 0,
    "meetings_held.pitch_event": 0,
    "meetings_held.club_general_meeting": 0,
    "meetings_held.workshop": 0,
    "meetings_held.founding_meeting": 0,
    "public_events": 1,
    "event_registrations": 3,
    "decisions_taken": 3,
    "action_items_created": 6,
    "action_items_done": 2,
    "action_items_overdue": 4,
    "initiatives_active": 4,
}


def test_the_first_half_of_2025_counted_by_hand(network: None,
                                                django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(20):
        report = period_report(H1_2025)
    assert {i.code: i.value for i in report.indicators} == EXPECTED
    assert [s.code for s, _ in report.sections()] == [
        "stakeholder_involvement", "good_practices", "activities", "action_plan"]


def test_one_day_more_at_each_end_takes_in_the_records_just_outside(network: None) -> None:
    wider = period_report(Period(date(2024, 12, 31), date(2025, 7, 1)))
    assert wider.value("meetings_held") == 5            # + M5 (31. 12. 23:59), M6 (1. 7.)
    assert wider.value("organisations_engaged.citizen_club") == 1  # the club, at M5 and M6
    assert wider.value("decisions_taken") == 4          # + M5's decision
    assert wider.value("public_events") == 2
    assert wider.value("event_registrations") == 4
    assert wider.value("practices_added") == 4          # + P2 and P4
    assert wider.value("action_items_done") == 2 + 1    # + I9 at 1. 7. 00:00
    # At the end of 1. 7.: I9 is now done; I4 (due 1. 7.) is overdue, I7 (created 5. 7.) not yet.
    assert wider.value("action_items_overdue") == 4 - 1 + 1
    assert wider.value("initiatives_active") == 6       # + B (ended 31. 12.), F (began 1. 7.)


def test_a_single_day_is_a_period(network: None) -> None:
    day = period_report(Period(date(2025, 6, 30), date(2025, 6, 30)))
    assert day.value("meetings_held") == 1              # M2 at 23:30
    assert day.value("people_engaged") == 1             # Maja
    assert day.value("action_items_created") == 1       # I8 at 23:59
    assert day.value("action_items_done") == 1          # I10 at 23:59


def test_half_years() -> None:
    assert last_full_half_year(date(2026, 12, 1)) == half_year(2026, 1)
    assert last_full_half_year(date(2026, 7, 1)) == half_year(2026, 1)
    assert last_full_half_year(date(2026, 6, 30)) == half_year(2025, 2)
    assert half_year(2025, 2).end == date(2025, 12, 31)
    assert parse_half_year("2025-2") == half_year(2025, 2)
    assert parse_half_year("2025-3") is None
    assert parse_half_year("25-1") is None
    codes = [code for code, _ in half_years(date(2024, 3, 1))]
    assert codes == ["2024-1", "2023-2", "2023-1"]
