"""Reading the figures (`../shared/specs/impact.md` §1) from the clubs' statements.

A club counts in the set on D when it exists on D (start date ≤ D), in the region of its seat
(`Club.region`). Each club's figures come from `club_statement(club, as_of=D)`, so a figure
here is always the statement's figure of the same date: read from the club's stored snapshot
of D when that row is current (`selectors_stored.py`: the very figures the statement gives),
from a replay of its book otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import QuerySet

from microfuture.clubs.models import Club
from microfuture.clubs.selectors import club_statement
from microfuture.impact.figures import ClubFigures, Totals, as_json, club_figures, combine
from microfuture.impact.selectors_stored import stored_on


def clubs_on(on: date, *, region: str | None = None) -> QuerySet[Club]:
    """The clubs that exist on `on` (of one region's seat, if given)."""
    clubs = Club.objects.filter(start_date__lte=on).order_by("pk")
    if region:
        clubs = clubs.filter(region=region)
    return clubs


def club_figures_on(club: Club, on: date) -> ClubFigures:
    return club_figures(club_statement(club, as_of=on))


def figures_of(clubs: Iterable[Club], on: date) -> list[tuple[Club, ClubFigures]]:
    """Each club's figures on `on` (clubs that exist on `on`, in the order given): its stored
    row where current, its statement otherwise."""
    chosen = [club for club in clubs if club.start_date <= on]
    stored = stored_on(chosen, on)
    return [(club, stored[club.pk].figures if club.pk in stored else club_figures_on(club, on))
            for club in chosen]


def totals_on(on: date, *, region: str | None = None,
              clubs: QuerySet[Club] | None = None) -> Totals:
    chosen = clubs if clubs is not None else clubs_on(on, region=region)
    return combine(f for _, f in figures_of(chosen.filter(start_date__lte=on), on))


def figures_on(on: date, *, region: str | None = None, club: Club | None = None) -> dict[str, Any]:
    """The spec's figures object for the platform, a region or one club on a date."""
    if club is not None:
        return as_json(combine(f for _, f in figures_of([club], on)))
    return as_json(totals_on(on, region=region))


def figures_by_region(on: date) -> dict[str, list[ClubFigures]]:
    """Every club's figures on `on` by the region of its seat (one pass over the clubs)."""
    by_region: dict[str, list[ClubFigures]] = {}
    for club, figures in figures_of(clubs_on(on), on):
        by_region.setdefault(club.region, []).append(figures)
    return by_region


def regions_on(on: date) -> dict[str, Totals]:
    """Every region with at least one club on `on`, with its totals (one pass over the
    clubs)."""
    return {region: combine(rows) for region, rows in sorted(figures_by_region(on).items())}
