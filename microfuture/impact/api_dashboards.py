"""The impact API: the dashboards' figures (`../shared/specs/impact.md` §1, §3) under
/api/v1/impact/, with the dashboards' permissions (docs/impact.md, "Dashboards"): nobody
signed in 401, signed in without the right 403, an unknown region or a club the reader may not
know 404."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from microfuture.api import django_auth
from microfuture.clubs.api import ERRORS
from microfuture.clubs.lookup import club_known_to
from microfuture.impact.permissions_dashboards import (
    may_read_club_dashboard,
    may_read_region_dashboard,
)
from microfuture.impact.selectors import figures_on
from microfuture.regions import REGIONS

router = Router(tags=["impact"])


class DashboardClubFiguresOut(Schema):
    date: date
    club: str
    currency: str
    figures: dict[str, Any]


class DashboardRegionFiguresOut(Schema):
    date: date
    region: str
    figures: dict[str, Any]


@router.get("/clubs/{slug}/figures", response={200: DashboardClubFiguresOut, **ERRORS},
            auth=django_auth)
def club_figures(request: HttpRequest, slug: str, date: date | None = None) -> Any:
    """One club's figures of spec §1 on a date (default today), from its statement of that
    date: for its members, the coordinators of its regions and administrators."""
    club = club_known_to(request.user, slug)
    if not may_read_club_dashboard(request.user, club):
        raise PermissionDenied("Only the club's members and its region's coordinators can "
                               "read its figures.")
    on = date or timezone.localdate()
    return {"date": on, "club": club.slug, "currency": club.currency,
            "figures": figures_on(on, club=club)}


@router.get("/regions/{code}/figures", response={200: DashboardRegionFiguresOut, **ERRORS},
            auth=django_auth)
def region_figures(request: HttpRequest, code: str, date: date | None = None) -> Any:
    """A region's figures of spec §1 on a date (default today), in full (the clubs whose seat
    is in the region): for the region's coordinators, the ministry role and administrators."""
    if code not in REGIONS:
        raise Http404("There is no such region.")
    if not may_read_region_dashboard(request.user, code):
        raise PermissionDenied("Only the region's coordinators and the ministry can read its "
                               "figures.")
    on = date or timezone.localdate()
    return {"date": on, "region": code, "figures": figures_on(on, region=code)}
