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
from microfuture.impact.figures import ClubFigures, as_json, combine
from microfuture.impact.selectors import figures_by_region
from microfuture.impact.selectors_history import history
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
    points = [
        TrendPoint(date=p.date, nav_cents=p.totals.nav_cents,
                   savings_cents=p.totals.savings_cents, par30_micro=p.totals.par30_micro)
        for p in history(start=start, end=end, region=region, club=club)
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
    by_region: dict[str, list[ClubFigures]] = figures_by_region(on)
    platform = as_json(combine(f for rows in by_region.values() for f in rows))
    return platform, [RegionRow(region=code, figures=as_json(combine(rows)), suppressed=[])
                      for code, rows in sorted(by_region.items())]
