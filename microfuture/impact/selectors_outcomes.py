"""What the clubs' enterprises report, and the hours people give: sums for a set of clubs (one
club, a region, the platform) over a period (`start`, `end`], as in the spec's flows.

Definitions (written out in docs/impact.md, "What enterprises report, and volunteer hours"):

- An enterprise is **backed by** the set S on a date when a club of S recorded an investment
  in it (an `investment` event that was not reversed) on or before that date, and it has a
  page on the platform (an `Enterprise` row: only those can report). Its **first investment**
  is the earliest such investment by any club of the platform.
- A yearly report counts in the period when its year overlaps (`start`, `end`], and only from
  the year of the enterprise's first investment on (what came before is not the clubs' doing).
- `jobs_created`: Σ jobs created over the counted reports (a flow: each year adds).
  `jobs_kept` and `jobs_target_groups`: from each enterprise's latest counted report only
  (head counts at the end of that year; summing them over years would count a job again
  every year it lasts). Target groups are the finder's, held by people (finder/mechanism.py).
- `leverage`: Σ bank, fund and public finance of the counted reports; `leverage_ratio`:
  that total ÷ Σ every club's investments in the backed enterprises up to `end` (euros
  obtained per euro of citizens' savings put in), a 6-decimal string, null when nothing was
  invested.
- `survival` at N years on `end`: the cohort is the backed enterprises whose first investment
  F was at least N years before `end` (F + N years ≤ `end`); of them, those whose report for
  the year F.year + N says trading. An enterprise without that report is counted as not
  reported (in the cohort, not trading as far as anyone knows); the share is trading ÷ cohort,
  a 6-decimal string, null for an empty cohort.
- `mentoring_hours`: Σ `MentoringSession.minutes` ÷ 60 of the clubs' mentorships in the
  period; `volunteer_hours`: Σ `VolunteerTime.minutes` ÷ 60 of the clubs in the period; both
  2-decimal strings (half to even). Hours are not valued in euros here (no hourly value with
  a source was chosen).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, QuerySet, Sum

from microfuture.clubs.core.money import div_half_even, fmt_cents, fmt_micro
from microfuture.clubs.kept import kept
from microfuture.clubs.models import (
    Club,
    ClubEvent,
    Enterprise,
    EnterpriseReport,
    MentoringSession,
    VolunteerTime,
)
from microfuture.impact.selectors import clubs_on

SURVIVAL_YEARS = (1, 3, 5)
_MICRO = 1_000_000


@dataclass(frozen=True)
class Survival:
    """Of the `cohort` enterprises first invested in at least `years` years before the date:
    how many said they were trading in the report for that year, how many said not, and how
    many have not reported it."""

    years: int
    cohort: int
    trading: int
    not_trading: int
    not_reported: int

    @property
    def share(self) -> str | None:
        if self.cohort == 0:
            return None
        return fmt_micro(div_half_even(self.trading * _MICRO, self.cohort))


@dataclass(frozen=True)
class Outcomes:
    """The sums of a set of clubs over the period (`start`, `end`], in cents and minutes."""

    start: dt.date
    end: dt.date
    enterprises_backed: int
    enterprises_reporting: int
    jobs_created: int
    jobs_kept: int
    jobs_target_groups: int
    leverage_bank_cents: int
    leverage_fund_cents: int
    leverage_public_cents: int
    invested_cents: int
    mentoring_minutes: int
    volunteer_minutes: int
    survival: tuple[Survival, ...]

    @property
    def leverage_cents(self) -> int:
        return self.leverage_bank_cents + self.leverage_fund_cents + self.leverage_public_cents

    @property
    def leverage_ratio(self) -> str | None:
        if self.invested_cents == 0:
            return None
        return fmt_micro(div_half_even(self.leverage_cents * _MICRO, self.invested_cents))

    @property
    def mentoring_hours(self) -> str:
        return _hours(self.mentoring_minutes)

    @property
    def volunteer_hours(self) -> str:
        return _hours(self.volunteer_minutes)


def _hours(minutes: int) -> str:
    return fmt_cents(div_half_even(minutes * 100, 60))


def _plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


#: A set of clubs as the database reads it: their ids, or a query of them (a subquery, so a
#: platform's thousand clubs are never sent to the database as a list).
ClubSet = list[int] | QuerySet[Any]


def _club_set(clubs: Iterable[Club]) -> ClubSet:
    if isinstance(clubs, QuerySet):
        return clubs.order_by().values("pk")
    return [club.pk for club in clubs]


def _investments(on: dt.date) -> QuerySet[ClubEvent]:
    """The investments on or before `on` that were not reversed, in registered enterprises
    (their partial indexes, `ClubEvent.Meta`), unordered."""
    return ClubEvent.objects.filter(
        type="investment", reversal__isnull=True, date__lte=on,
        enterprise__in=Enterprise.objects.values("name")).order_by()


def _backed_names(clubs: ClubSet, on: dt.date) -> QuerySet[Any]:
    """The names of the enterprises the clubs backed on `on`, as a subquery."""
    return _investments(on).filter(club_id__in=clubs).values("enterprise")


def backed_enterprises(clubs: Iterable[Club], on: dt.date) -> dict[int, dt.date]:
    """The enterprises the clubs backed on `on`, by id, with each one's first investment by
    any club of the platform."""
    return {pk: first for pk, (_name, first) in _backed(_club_set(clubs), on).items()}


def _backed(clubs: ClubSet, on: dt.date) -> dict[int, tuple[str, dt.date]]:
    # The sets of clubs and of names stay in the database as subqueries: only the backed
    # enterprises come back, each once.
    names = _backed_names(clubs, on)
    first: dict[str, dt.date] = dict(
        _investments(on).filter(enterprise__in=names).values("enterprise")
        .annotate(first=Min("date")).values_list("enterprise", "first"))
    return {pk: (name, first[name]) for pk, name in Enterprise.objects.filter(
        name__in=names).values_list("pk", "name") if name in first}


def survival_on(clubs: Iterable[Club], on: dt.date, years: int) -> Survival:
    """Survival at `years` years on `on` of the enterprises the clubs backed."""
    return _survivals(backed_enterprises(clubs, on), on, (years,))[0]


def _survivals(first: dict[int, dt.date], on: dt.date,
               horizons: Iterable[int]) -> tuple[Survival, ...]:
    horizons = tuple(horizons)
    wanted = {
        (pk, day.year + n) for pk, day in first.items() for n in horizons
        if _plus_years(day, n) <= on
    }
    said: dict[tuple[int, int], bool] = {
        (pk, year): trading
        for pk, year, trading in EnterpriseReport.objects.filter(
            enterprise_id__in=list(first), year__in={y for _pk, y in wanted}
        ).values_list("enterprise_id", "year", "trading")
        if (pk, year) in wanted
    }
    found = []
    for n in horizons:
        cohort = [(pk, day.year + n) for pk, day in first.items()
                  if _plus_years(day, n) <= on]
        answers = [said.get(key) for key in cohort]
        found.append(Survival(
            years=n, cohort=len(cohort), trading=answers.count(True),
            not_trading=answers.count(False), not_reported=answers.count(None),
        ))
    return tuple(found)


def outcomes_of(clubs: Iterable[Club], start: dt.date, end: dt.date) -> Outcomes:
    """The sums for the clubs over (`start`, `end`] (module docstring), in a constant number
    of queries."""
    club_ids = _club_set(clubs)
    backed = _backed(club_ids, end)
    first = {pk: day for pk, (_name, day) in backed.items()}
    first_year = (start + dt.timedelta(days=1)).year
    reports = [
        r for r in EnterpriseReport.objects.filter(
            enterprise_id__in=list(first), year__gte=first_year, year__lte=end.year)
        if r.year >= first[r.enterprise_id].year
    ]
    latest: dict[int, EnterpriseReport] = {}
    for r in reports:
        if r.enterprise_id not in latest or r.year > latest[r.enterprise_id].year:
            latest[r.enterprise_id] = r
    invested = _investments(end).filter(enterprise__in=_backed_names(club_ids, end)).aggregate(
        total=Sum("amount_cents"))["total"] or 0
    mentoring = MentoringSession.objects.filter(
        mentorship__club_id__in=club_ids, date__gt=start, date__lte=end,
    ).aggregate(total=Sum("minutes"))["total"] or 0
    volunteer = VolunteerTime.objects.filter(
        club_id__in=club_ids, date__gt=start, date__lte=end,
    ).aggregate(total=Sum("minutes"))["total"] or 0
    return Outcomes(
        start=start, end=end, enterprises_backed=len(first),
        enterprises_reporting=len(latest),
        jobs_created=sum(r.jobs_created for r in reports),
        jobs_kept=sum(r.jobs_kept for r in latest.values()),
        jobs_target_groups=sum(r.jobs_target_groups for r in latest.values()),
        leverage_bank_cents=sum(r.leverage_bank_cents for r in reports),
        leverage_fund_cents=sum(r.leverage_fund_cents for r in reports),
        leverage_public_cents=sum(r.leverage_public_cents for r in reports),
        invested_cents=int(invested), mentoring_minutes=int(mentoring),
        volunteer_minutes=int(volunteer),
        survival=_survivals(first, end, SURVIVAL_YEARS),
    )


def outcomes_in_period(start: dt.date, end: dt.date, *, region: str | None = None,
                       club: Club | None = None) -> Outcomes:
    """The platform's, a region's (clubs of its seat existing on `end`) or one club's sums."""
    if club is not None:
        return outcomes_of([club], start, end)
    return kept(("outcomes", start, end, region),
                lambda: outcomes_of(clubs_on(end, region=region), start, end))


def outcomes_as_json(outcomes: Outcomes) -> dict[str, Any]:
    """Money and hours as strings, ratios as 6-decimal strings or null, counts as integers."""
    return {
        "from": outcomes.start.isoformat(),
        "to": outcomes.end.isoformat(),
        "enterprises_backed": outcomes.enterprises_backed,
        "enterprises_reporting": outcomes.enterprises_reporting,
        "jobs_created": outcomes.jobs_created,
        "jobs_kept": outcomes.jobs_kept,
        "jobs_target_groups": outcomes.jobs_target_groups,
        "leverage": {
            "bank": fmt_cents(outcomes.leverage_bank_cents),
            "fund": fmt_cents(outcomes.leverage_fund_cents),
            "public": fmt_cents(outcomes.leverage_public_cents),
            "total": fmt_cents(outcomes.leverage_cents),
        },
        "invested_in_backed_enterprises": fmt_cents(outcomes.invested_cents),
        "leverage_ratio": outcomes.leverage_ratio,
        "survival": {
            str(s.years): {"cohort": s.cohort, "trading": s.trading,
                           "not_trading": s.not_trading, "not_reported": s.not_reported,
                           "share": s.share}
            for s in outcomes.survival
        },
        "mentoring_hours": outcomes.mentoring_hours,
        "volunteer_hours": outcomes.volunteer_hours,
    }
