"""A worked example of the outcome sums (impact/selectors_outcomes.py, docs/impact.md), with
every expected figure worked out by hand below.

Two clubs, two enterprises:

- Club A (SI041) invests 1 000,00 in Pekarna on 2020-03-01 (Pekarna's first investment).
- Club B (SI035) invests 500,00 in Pekarna on 2021-06-01 and 2 000,00 in Šivalnica on
  2022-09-15 (Šivalnica's first investment).

Yearly reports (trading, created, kept, target groups; bank / fund / public):

| enterprise | year | trading | created | kept | target | bank | fund | public |
|---|---|---|---|---|---|---|---|---|
| Pekarna | 2019 | yes | 5 | 0 | 0 | 9 999,00 | | | (before its first investment: never counted)
| Pekarna | 2020 | yes | 2 | 0 | 1 | | | |
| Pekarna | 2021 | yes | 1 | 2 | 2 | 3 000,00 | | 500,00 |
| Pekarna | 2022 | yes | 0 | 3 | 2 | | 1 000,00 | |
| Pekarna | 2023 | yes | 1 | 3 | 3 | | | |
| Šivalnica | 2022 | yes | 1 | 0 | 1 | | | 2 000,00 |
| Šivalnica | 2023 | no | 0 | 0 | 0 | | | |

Mentoring: A's mentor of Pekarna 90 min (2021-05-01) and 45 min (2023-02-01); B's mentor of
Šivalnica 60 min (2022-10-01). Volunteer time: A 120 min (2021-03-01) and 30 min
(2024-01-10); B 50 min (2022-12-01).

Platform over (2019-12-31, 2023-12-31] (report years 2020-2023), on 2023-12-31:
- jobs created 2+1+0+1 + 1+0 = 5; kept and target groups from each latest report (2023):
  Pekarna 3 and 3, Šivalnica 0 and 0, so 3 and 3.
- leverage: bank 3 000,00, fund 1 000,00, public 500,00 + 2 000,00 = 2 500,00; total 6 500,00.
- invested in the two enterprises: 1 000 + 500 + 2 000 = 3 500,00; ratio 6 500 / 3 500 =
  1,857142857… → "1.857143".
- survival at 1 year: Pekarna (2021-03-01 ≤ D, its 2021 report: trading), Šivalnica
  (2023-09-15 ≤ D, its 2023 report: not trading): 1 of 2 → "0.500000". At 3 years: only
  Pekarna is old enough (2023-03-01), its 2023 report trades: 1 of 1 → "1.000000". At 5
  years: nobody (2025-03-01 > D) → null.
- mentoring 90 + 45 + 60 = 195 min = "3.25" h; volunteer 120 + 50 = 170 min = 2,8333… →
  "2.83" h (the 2024 entry is after the period).

Region SI041 (club A only): Pekarna only: created 2+1+0+1 = 4, kept 3, target 3; leverage
3 000 + 1 000 + 500 = 4 500,00; invested in Pekarna by every club 1 500,00 → "3.000000";
survival 1 of 1 at 1 and 3 years; mentoring 135 min = "2.25", volunteer 120 min = "2.00".

The year 2022 alone, (2021-12-31, 2022-12-31]: reports of 2022 only: created 0 + 1 = 1,
kept 3 + 0 = 3, target 2 + 1 = 3, leverage 1 000 + 2 000 = 3 000,00; invested by 2022-12-31
3 500,00 → 3 000 / 3 500 = 0,857142857… → "0.857143"; survival at 1 year on 2022-12-31:
Pekarna only (Šivalnica's anniversary is 2023-09-15), trading → "1.000000"; mentoring 60 min
= "1.00"; volunteer 50 min = "0.83".

On 2025-03-01 at 5 years: Pekarna is in the cohort, but has no 2025 report: not reported,
share "0.000000".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from microfuture.clubs.core import Event
from microfuture.clubs.models import (
    Club,
    Enterprise,
    EnterpriseReport,
    MentoringSession,
    Mentorship,
    VolunteerTime,
)
from microfuture.clubs.services import club_found, club_record_events, club_set_status
from microfuture.conftest import make_user
from microfuture.impact.selectors_outcomes import (
    outcomes_as_json,
    outcomes_in_period,
    survival_on,
)

pytestmark = pytest.mark.django_db

START, END = date(2019, 12, 31), date(2023, 12, 31)


def _club(name: str, region: str, username: str) -> Club:
    founder = make_user(username)
    club = club_found(
        founder=founder, founder_name=username.title(), name=name, region=region,
        start_date=date(2019, 1, 1), monthly_pledge=Decimal("20.00"),
        decision_rule=Club.DecisionRule.MAJORITY, quorum_percent=50,
        max_enterprise_share_percent=100, max_stake_percent=100,
    )
    club_set_status(club=club, status=Club.Status.ACTIVE, actor=founder, on=date(2019, 1, 1))
    # One officer: no second pair of eyes for the investments of this example.
    Club.objects.filter(pk=club.pk).update(second_officer_above_cents=10**9)
    club.refresh_from_db()
    club_record_events(club=club, recorded_by=founder, events=[
        Event(date=date(2019, 6, 1), type="contribution", member=username.title(),
              amount=Decimal("5000")),
    ])
    return club


def _invest(club: Club, enterprise: Enterprise, on: date, amount: str) -> None:
    founder = club.members.get().user
    club_record_events(club=club, recorded_by=founder, events=[
        Event(date=on, type="investment", enterprise=enterprise.name, instrument="equity",
              amount=Decimal(amount)),
    ])


def _report(ent: Enterprise, year: int, trading: bool, created: int, kept: int, target: int,
            bank: int = 0, fund: int = 0, public: int = 0) -> None:
    EnterpriseReport.objects.create(
        enterprise=ent, year=year, trading=trading, jobs_created=created, jobs_kept=kept,
        jobs_target_groups=target, leverage_bank_cents=bank * 100,
        leverage_fund_cents=fund * 100, leverage_public_cents=public * 100)


@pytest.fixture
def example() -> dict[str, Any]:
    a = _club("Klub A", "SI041", "ana")
    b = _club("Klub B", "SI035", "bor")
    pekarna = Enterprise.objects.create(name="Pekarna", slug="pekarna", region="SI041")
    sivalnica = Enterprise.objects.create(name="Šivalnica", slug="sivalnica", region="SI035")
    _invest(a, pekarna, date(2020, 3, 1), "1000")
    _invest(b, pekarna, date(2021, 6, 1), "500")
    _invest(b, sivalnica, date(2022, 9, 15), "2000")
    _report(pekarna, 2019, True, 5, 0, 0, bank=9999)
    _report(pekarna, 2020, True, 2, 0, 1)
    _report(pekarna, 2021, True, 1, 2, 2, bank=3000, public=500)
    _report(pekarna, 2022, True, 0, 3, 2, fund=1000)
    _report(pekarna, 2023, True, 1, 3, 3)
    _report(sivalnica, 2022, True, 1, 0, 1, public=2000)
    _report(sivalnica, 2023, False, 0, 0, 0)
    ship_a = Mentorship.objects.create(club=a, enterprise=pekarna, mentor=a.members.get(),
                                       since=date(2020, 4, 1))
    ship_b = Mentorship.objects.create(club=b, enterprise=sivalnica, mentor=b.members.get(),
                                       since=date(2022, 9, 20))
    for ship, day, minutes in [(ship_a, date(2021, 5, 1), 90), (ship_a, date(2023, 2, 1), 45),
                               (ship_b, date(2022, 10, 1), 60)]:
        MentoringSession.objects.create(mentorship=ship, date=day, minutes=minutes, topic="t")
    for club, day, minutes in [(a, date(2021, 3, 1), 120), (a, date(2024, 1, 10), 30),
                               (b, date(2022, 12, 1), 50)]:
        VolunteerTime.objects.create(club=club, member=club.members.get(), date=day,
                                     minutes=minutes, activity="books")
    return {"a": a, "b": b}


def test_the_platform_over_four_years(example: dict[str, Any]) -> None:
    found = outcomes_as_json(outcomes_in_period(START, END))
    assert found == {
        "from": "2019-12-31", "to": "2023-12-31",
        "enterprises_backed": 2, "enterprises_reporting": 2,
        "jobs_created": 5, "jobs_kept": 3, "jobs_target_groups": 3,
        "leverage": {"bank": "3000.00", "fund": "1000.00", "public": "2500.00",
                     "total": "6500.00"},
        "invested_in_backed_enterprises": "3500.00",
        "leverage_ratio": "1.857143",
        "survival": {
            "1": {"cohort": 2, "trading": 1, "not_trading": 1, "not_reported": 0,
                  "share": "0.500000"},
            "3": {"cohort": 1, "trading": 1, "not_trading": 0, "not_reported": 0,
                  "share": "1.000000"},
            "5": {"cohort": 0, "trading": 0, "not_trading": 0, "not_reported": 0,
                  "share": None},
        },
        "mentoring_hours": "3.25", "volunteer_hours": "2.83",
    }


def test_one_region_and_one_club(example: dict[str, Any]) -> None:
    region = outcomes_as_json(outcomes_in_period(START, END, region="SI041"))
    assert (region["enterprises_backed"], region["jobs_created"], region["jobs_kept"],
            region["jobs_target_groups"]) == (1, 4, 3, 3)
    assert region["leverage"]["total"] == "4500.00"
    assert region["invested_in_backed_enterprises"] == "1500.00"
    assert region["leverage_ratio"] == "3.000000"
    assert [region["survival"][n]["share"] for n in ("1", "3", "5")] == [
        "1.000000", "1.000000", None]
    assert (region["mentoring_hours"], region["volunteer_hours"]) == ("2.25", "2.00")
    assert outcomes_as_json(outcomes_in_period(START, END, club=example["a"])) == region


def test_one_year(example: dict[str, Any]) -> None:
    found = outcomes_as_json(outcomes_in_period(date(2021, 12, 31), date(2022, 12, 31)))
    assert (found["jobs_created"], found["jobs_kept"], found["jobs_target_groups"]) == (1, 3, 3)
    assert found["leverage"]["total"] == "3000.00"
    assert found["leverage_ratio"] == "0.857143"
    assert found["survival"]["1"] == {"cohort": 1, "trading": 1, "not_trading": 0,
                                      "not_reported": 0, "share": "1.000000"}
    assert (found["mentoring_hours"], found["volunteer_hours"]) == ("1.00", "0.83")


def test_a_missing_report_counts_as_not_reported(example: dict[str, Any]) -> None:
    survival = survival_on(Club.objects.all(), date(2025, 3, 1), 5)
    assert (survival.cohort, survival.trading, survival.not_reported, survival.share) == (
        1, 0, 1, "0.000000")


def test_nothing_invested_gives_no_ratio(db: Any) -> None:
    found = outcomes_as_json(outcomes_in_period(START, END))
    assert found["leverage_ratio"] is None and found["survival"]["1"]["share"] is None
    assert found["mentoring_hours"] == "0.00"


def test_a_constant_number_of_queries(example: dict[str, Any],
                                      django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(9):
        outcomes_in_period(START, END)


def test_a_reversed_investment_backs_nothing(example: dict[str, Any]) -> None:
    from microfuture.clubs.models import ClubEvent
    from microfuture.clubs.services import club_reverse_event

    b = example["b"]
    mizarna = Enterprise.objects.create(name="Mizarna", slug="mizarna")
    _invest(b, mizarna, date(2023, 5, 1), "300")
    _report(mizarna, 2023, True, 4, 0, 0, bank=700)
    before = outcomes_in_period(START, END)
    assert (before.enterprises_backed, before.jobs_created) == (3, 9)
    event = ClubEvent.objects.get(club=b, enterprise="Mizarna")
    club_reverse_event(club=b, event=event, reason="typed in the wrong club",
                       reversed_by=b.members.get().user)
    after = outcomes_as_json(outcomes_in_period(START, END))
    assert (after["enterprises_backed"], after["jobs_created"]) == (2, 5)
    assert after["leverage_ratio"] == "1.857143"
