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

from typing import Any

from microfuture.accounts.permissions import coordinated_regions, is_ministry
from microfuture.clubs.models import Club
from microfuture.clubs.permissions import can_read_club, person


def may_read_ministry_dashboard(reader: Any) -> bool:
    """The ministry role and administrators (`accounts.permissions.is_ministry`)."""
    user = person(reader)
    return user is not None and is_ministry(user)


def may_read_region_dashboard(reader: Any, region: str) -> bool:
    user = person(reader)
    if user is None:
        return False
    return region in coordinated_regions(user) or may_read_ministry_dashboard(user)


def may_read_club_dashboard(reader: Any, club: Club) -> bool:
    return can_read_club(reader, club)
