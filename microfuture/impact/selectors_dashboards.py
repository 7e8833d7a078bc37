"""What the dashboards read (`../shared/specs/impact.md` §3): the §1 figures at a date (from
`impact/selectors.py`, so a dashboard figure is the statement figure of the same date), their
trends from the stored snapshots (§2), and the small-count rule of open data (§4).

Trends read `PortfolioSnapshot` rows in one query per set of clubs: Σ NAV, Σ savings and the
pooled PAR30 (Σ at risk ÷ Σ outstanding) per snapshot date. A long period shows one point per
month (the last snapshot date of each month) so that a year's chart and its table stay short.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Sum

from microfuture.clubs.core.money import div_half_even
from microfuture.impact.figures import MONEY_KEYS, Totals, as_json
from microfuture.impact.models import PortfolioSnapshot
from microfuture.impact.selectors import regions_on

#: A region's money figures are not shown publicly below this many clubs (spec §4).
SMALL_COUNT = 3
#: More snapshot dates than this in a period: one point per month.
MAX_DAILY_POINTS = 31
_MICRO = 1_000_000


def suppressed_keys(totals: Totals) -> list[str]:
    """The money keys not shown for a region of fewer than `SMALL_COUNT` clubs (the counts
    `clubs`, `members` and `enterprises_backed` always are)."""
    return list(MONEY_KEYS) if totals.clubs < SMALL_COUNT else []


def suppressed(figures: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    return {key: (None if key in keys else value) for key, value in figures.items()}


@dataclass(frozen=True)
class TrendPoint:
    """The figures of a set of clubs on one snapshot date."""

    date: date
    clubs: int
    nav_cents: int
    savings_cents: int
    par30_micro: int | None


def trend(start: date, end: date, *, region: str | None = None,
          club_id: int | None = None) -> list[TrendPoint]:
    """NAV, savings and pooled PAR30 per snapshot date from `start` to `end` (both included),
    summed over the platform, one region (of the club's seat on that date) or one club."""
    rows = PortfolioSnapshot.objects.filter(date__gte=start, date__lte=end)
    if region:
        rows = rows.filter(region=region)
    if club_id is not None:
        rows = rows.filter(club_id=club_id)
    sums = (rows.values("date").order_by("date")
            .annotate(nav=Sum("nav_cents"), savings=Sum("savings_cents"),
                      at_risk=Sum("at_risk_cents"), outstanding=Sum("principal_outstanding_cents"),
                      clubs=Count("id")))
    points = [
        TrendPoint(
            date=row["date"], clubs=int(row["clubs"]), nav_cents=int(row["nav"]),
            savings_cents=int(row["savings"]),
            par30_micro=(div_half_even(int(row["at_risk"]) * _MICRO, int(row["outstanding"]))
                         if row["outstanding"] else None),
        )
        for row in sums
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


def region_rows(on: date, *, apply_small_count: bool) -> list[RegionRow]:
    """Every region with at least one club on `on`, with its figures; money figures of small
    regions are None when `apply_small_count` (the public dashboard, as open data)."""
    rows = []
    for region, totals in regions_on(on).items():
        keys = suppressed_keys(totals) if apply_small_count else []
        rows.append(RegionRow(region=region, figures=suppressed(as_json(totals), keys),
                              suppressed=keys))
    return rows
