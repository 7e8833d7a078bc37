"""Reading the figures (`../shared/specs/impact.md` §1) from the clubs' statements.

A club counts in the set on D when it exists on D (start date ≤ D), in the region of its seat
(`Club.region`). Each club's figures come from `club_statement(club, as_of=D)`, so a figure
here is always the statement's figure of the same date: read from the club's stored snapshot
of D when that row is current (`selectors_stored.py`: the very figures the statement gives),
from a replay of its book otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from microfuture.clubs.kept import kept
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


#: What reading a club's stored row needs of it (`selectors_stored.py`); a platform's pages
#: read a thousand clubs, so only these columns (the rest only for a club that is replayed).
LIGHT = ("id", "region", "start_date", "status")


def light(clubs: QuerySet[Club]) -> QuerySet[Club]:
    return clubs.only(*LIGHT)


def whole(club: Club) -> Club:
    """The club with every column (a statement needs them), when it was read with `light`."""
    return Club.objects.get(pk=club.pk) if club.get_deferred_fields() else club


def club_figures_on(club: Club, on: date) -> ClubFigures:
    return club_figures(club_statement(whole(club), as_of=on))


def figures_of(clubs: Iterable[Club], on: date) -> list[tuple[Club, ClubFigures]]:
    """Each club's figures on `on` (clubs that exist on `on`, in the order given): its stored
    row where current, its statement otherwise."""
    chosen = [club for club in clubs if club.start_date <= on]
    stored = stored_on(chosen, on)
    return [(club, stored[club.pk].figures if club.pk in stored else club_figures_on(club, on))
            for club in chosen]


def totals_on(on: date, *, region: str | None = None,
              clubs: QuerySet[Club] | None = None) -> Totals:
    if clubs is None:
        return areas_on(on, region=region).total
    return combine(f for _, f in figures_of(light(clubs.filter(start_date__lte=on)), on))


def figures_on(on: date, *, region: str | None = None, club: Club | None = None) -> dict[str, Any]:
    """The spec's figures object for the platform, a region or one club on a date."""
    if club is not None:
        return as_json(combine(f for _, f in figures_of([club], on)))
    return as_json(totals_on(on, region=region))


@dataclass(frozen=True)
class Areas:
    """The figures of the clubs that exist on a date (of one region's seat, if asked): all of
    them together, by the region of their seat, and what each enterprise was backed with
    (enterprise name → the instruments the clubs hold or held in it)."""

    total: Totals
    by_region: dict[str, Totals]
    instruments: dict[str, frozenset[str]]


def areas_on(on: date, *, region: str | None = None) -> Areas:
    """`Areas` of `on`, from one pass over the clubs: each club's stored row where current,
    its statement otherwise; kept until the books change (`clubs/kept.py`)."""
    return kept(("areas", on, region), lambda: _areas(on, region))


def _areas(on: date, region: str | None) -> Areas:
    by_region: dict[str, list[ClubFigures]] = {}
    instruments: dict[str, set[str]] = {}
    clubs = list(light(clubs_on(on, region=region)))
    stored = stored_on(clubs, on)
    for club in clubs:
        row = stored.get(club.pk)
        if row is not None:
            by_region.setdefault(club.region, []).append(row.figures)
            for enterprise, kinds in row.instruments.items():
                instruments.setdefault(enterprise, set()).update(kinds)
            continue
        statement = club_statement(whole(club), as_of=on)
        by_region.setdefault(club.region, []).append(club_figures(statement))
        for holding in statement["holdings"]:
            instruments.setdefault(holding["enterprise"], set()).add(holding["instrument"])
    return Areas(
        total=combine(f for rows in by_region.values() for f in rows),
        by_region={code: combine(rows) for code, rows in sorted(by_region.items())},
        instruments={name: frozenset(kinds) for name, kinds in instruments.items()})


def regions_on(on: date) -> dict[str, Totals]:
    """Every region with at least one club on `on`, with its totals, by code."""
    return areas_on(on).by_region
