"""Reads for the map of clubs: the clubs open to new projects, by statistical region."""

from __future__ import annotations

from collections import defaultdict

from microfuture.clubs.models import Club
from microfuture.clubs.stages import STAGES_TAKING_PROJECTS


def open_clubs_by_region() -> dict[str, list[Club]]:
    """The clubs that take new projects (the ones the public club list shows), by region
    code, each region's in name order; a club is under every region it covers; regions
    without one are absent."""
    by_region: dict[str, list[Club]] = defaultdict(list)
    clubs = Club.objects.filter(
        open_to_projects=True, status__in=list(STAGES_TAKING_PROJECTS)
    ).order_by("name", "pk")
    for club in clubs:
        for region in dict.fromkeys(club.regions):
            by_region[region].append(club)
    return dict(by_region)
