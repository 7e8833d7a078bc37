"""Who reads which dashboard (docs/impact.md, "Dashboards"; docs/privacy.md).

- The platform dashboard is public and shows what open data shows.
- A region's dashboard (aggregates of the region, no club named with money): the region's
  coordinators, the ministry role, platform administrators.
- A club's dashboard (one club's money, not an aggregate): whoever reads the club's pages
  (`clubs.permissions.can_read_club`: its active members, the coordinators of its regions,
  administrators). The ministry role does not: it reads aggregates only.
- The ministry's dashboard: the ministry role and administrators.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from microfuture.accounts.permissions import coordinated_regions, is_ministry
from microfuture.clubs.models import Club
from microfuture.clubs.permissions import can_read_club, person


def may_read_ministry_dashboard(reader: Any) -> bool:
    """The ministry role and administrators (`accounts.permissions.is_ministry`)."""
    user = person(reader)
    return user is not None and is_ministry(user)


def may_read_region_dashboard(reader: Any, region: str) -> bool:
    return region_dashboards_readable(reader)(region)


def region_dashboards_readable(reader: Any) -> Callable[[str], bool]:
    """Which regions' dashboards the reader may open: the regions they coordinate, every one
    for the ministry role and administrators. Read once for a table of regions."""
    user = person(reader)
    if user is None:
        return lambda region: False
    if may_read_ministry_dashboard(user):
        return lambda region: True
    return coordinated_regions(user).__contains__


def may_read_club_dashboard(reader: Any, club: Club) -> bool:
    return can_read_club(reader, club)
