"""What the dashboards read (`../shared/specs/impact.md` §3): the §1 figures at a date (from
`impact/selectors.py`, so a dashboard figure is the statement figure of the same date), the
regions as open data shows them (`selectors_open_data`: money figures suppressed below
`MIN_CLUBS` clubs) or in full, and trends from the stored snapshots (`selectors_history`).

A long period shows one point per month (the last snapshot date of each month) so that a
year's chart and its table stay short; a period with up to `MAX_DAILY_POINTS` snapshot dates
shows each of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from microfuture.clubs.models import Club
from microfuture.impact.figures import as_json, pooled_par30
from microfuture.impact.selectors import areas_on
from microfuture.impact.selectors_history import history_sums
from microfuture.impact.selectors_open_data import MIN_CLUBS, open_data_on

__all__ = ["MAX_DAILY_POINTS", "MIN_CLUBS", "RegionRow", "TrendPoint", "platform_on", "trend"]

#: More snapshot dates than this in a period: one point per month.
MAX_DAILY_POINTS = 31


@dataclass(frozen=True)
class TrendPoint:
    """The figures of a set of clubs on one snapshot date."""

    date: date
    nav_cents: int
    savings_cents: int
    par30_micro: int | None


def trend(start: date, end: date, *, region: str | None = None,
          club: Club | None = None) -> list[TrendPoint]:
    """NAV, savings and pooled PAR30 per snapshot date from `start` to `end` (both included),
    of the platform, one region (of the clubs' seat on that date) or one club."""
    # The three figures are sums (PAR30 pooled from two), so the database adds them up per
    # date: a year of a thousand clubs' rows is a few hundred sums, not twelve thousand rows.
    points = [
        TrendPoint(date=day, nav_cents=int(nav), savings_cents=int(savings),
                   par30_micro=pooled_par30(int(at_risk), int(outstanding)))
        for day, nav, savings, at_risk, outstanding in history_sums(
            start=start, end=end, region=region, club=club)
    ]
    if len(points) <= MAX_DAILY_POINTS:
        return points
    last_of_month: dict[tuple[int, int], TrendPoint] = {}
    for point in points:
        last_of_month[(point.date.year, point.date.month)] = point
    return list(last_of_month.values())


@dataclass(frozen=True)
class RegionRow:
    region: str
    figures: dict[str, Any]
    suppressed: list[str]


def platform_on(on: date, *, public: bool) -> tuple[dict[str, Any], list[RegionRow]]:
    """The platform's figures and every region with at least one club on `on`, from one pass
    over the clubs: as open data shows them when `public` (a small region's money figures
    None), in full otherwise (the ministry's dashboard). The platform is never suppressed."""
    if public:
        data = open_data_on(on)
        return data.platform.figures, [
            RegionRow(region=a.region or "", figures=a.figures, suppressed=a.suppressed)
            for a in data.regions]
    areas = areas_on(on)
    return as_json(areas.total), [RegionRow(region=code, figures=as_json(totals), suppressed=[])
                                  for code, totals in areas.by_region.items()]
