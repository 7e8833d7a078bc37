"""JSON API for mentoring: mentors of funded enterprises, their session log, enterprise news.

Mounted with the clubs router at /api/v1/clubs/. The services decide who may write (mentor
or club officers; an enterprise's representatives for its news) and refuse with ClubError,
which becomes a 400 with its plain message.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from microfuture.api import django_auth
from microfuture.clubs import permissions
from microfuture.clubs.lookup import club_known_to, enterprise_represented_by
from microfuture.clubs.models import Club, Enterprise, Member, Mentorship
from microfuture.clubs.services import ClubError
from microfuture.clubs.services.mentoring import (
    enterprise_post_update,
    mentor_assign,
    mentoring_log,
)
from microfuture.kernel.money import fmt_cents
from microfuture.kernel.pagination import Page

router = Router(tags=["club mentoring"])

AMOUNT = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"


class Error(Schema):
    detail: str


ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


class SessionOut(Schema):
    date: date
    minutes: int
    topic: str
    notes: str


class MentorshipOut(Schema):
    id: int
    enterprise: str
    mentor: str
    since: date
    sessions: list[SessionOut]


def _club(request: HttpRequest, slug: str) -> Club:
    club = club_known_to(request.user, slug)  # 404 alike for a missing or an unknown club
    if not permissions.can_view_club(request.user, club):
        raise PermissionDenied("You are not a member of this club.")
    return club


def _out(ship: Mentorship) -> MentorshipOut:
    return MentorshipOut(
        id=ship.pk, enterprise=ship.enterprise.name, mentor=ship.mentor.name, since=ship.since,
        sessions=[SessionOut(date=s.date, minutes=s.minutes, topic=s.topic, notes=s.notes)
                  for s in ship.sessions.order_by("date", "pk")],
    )


@router.get("/{slug}/mentoring", response={200: list[MentorshipOut], **ERRORS},
            auth=django_auth)
@paginate(Page)
def list_mentorships(request: HttpRequest, slug: str) -> list[MentorshipOut]:
    """Every mentor of the club's funded enterprises, with the log of their sessions."""
    club = _club(request, slug)
    ships = Mentorship.objects.filter(club=club).select_related("enterprise", "mentor")
    return [_out(ship) for ship in ships.order_by("enterprise__name", "since")]


class MentorIn(Schema):
    enterprise: str = Field(description="the enterprise's slug")
    mentor: str = Field(description="the member's name in the club")
    since: date


@router.post("/{slug}/mentoring", response={201: MentorshipOut, **ERRORS}, auth=django_auth)
def assign_mentor(request: HttpRequest, slug: str, payload: MentorIn) -> Any:
    """Name a member as mentor of a funded enterprise (at most two per enterprise)."""
    club = _club(request, slug)
    # Who may is a 403 like every other missing right; the service asks the same rule again
    # under the club's lock, where what it finds (a third mentor, say) is a 400.
    if not permissions.may_run_governance(request.user, club):
        raise PermissionDenied("Only the club's manager, treasurer or secretary can name "
                               "mentors.")
    enterprise = get_object_or_404(Enterprise, slug=payload.enterprise)
    member = get_object_or_404(Member, club=club, name=payload.mentor)
    try:
        ship = mentor_assign(club=club, enterprise=enterprise, mentor=member,
                             actor=request.user, since=payload.since)
    except ClubError as exc:
        return Status(400, Error(detail=str(exc)))
    return Status(201, _out(ship))


class SessionIn(Schema):
    date: date
    minutes: int = Field(gt=0, le=24 * 60)
    topic: str = Field(min_length=1, max_length=200)
    notes: str = ""


@router.post("/{slug}/mentoring/{mentorship_id}/sessions",
             response={201: SessionOut, **ERRORS}, auth=django_auth)
def log_session(request: HttpRequest, slug: str, mentorship_id: int, payload: SessionIn) -> Any:
    """Log a mentoring session (the mentor or the club's officers)."""
    club = _club(request, slug)
    ship = get_object_or_404(Mentorship, club=club, pk=mentorship_id)
    if not permissions.may_log_mentoring(request.user, club, ship):
        raise PermissionDenied("Only the mentor or the club's officers can log a session.")
    try:
        session = mentoring_log(mentorship=ship, actor=request.user, on=payload.date,
                                minutes=payload.minutes, topic=payload.topic,
                                notes=payload.notes)
    except ClubError as exc:
        return Status(400, Error(detail=str(exc)))
    return Status(201, SessionOut(date=session.date, minutes=session.minutes,
                                  topic=session.topic, notes=session.notes))


class UpdateIn(Schema):
    date: date
    jobs: int | None = Field(None, ge=0, le=100_000)
    turnover: str | None = Field(None, pattern=AMOUNT)
    milestone: str = Field("", max_length=2000)


class UpdateOut(Schema):
    date: date
    jobs: int | None
    turnover: str | None
    milestone: str


@router.post("/enterprises/{ent_slug}/updates", response={201: UpdateOut, **ERRORS},
             auth=django_auth)
def post_update(request: HttpRequest, ent_slug: str, payload: UpdateIn) -> Any:
    """The enterprise's news for the clubs that back it (its representatives only)."""
    # Anyone else gets the 404 of a missing enterprise: no oracle (docs/security.md).
    enterprise = enterprise_represented_by(request.user, ent_slug)
    try:
        update = enterprise_post_update(
            enterprise=enterprise, actor=request.user, on=payload.date, jobs=payload.jobs,
            turnover=Decimal(payload.turnover) if payload.turnover is not None else None,
            milestone=payload.milestone,
        )
    except ClubError as exc:
        return Status(400, Error(detail=str(exc)))
    turnover = update.turnover_cents
    return Status(201, UpdateOut(
        date=update.date, jobs=update.jobs, milestone=update.milestone,
        turnover=None if turnover is None else fmt_cents(turnover),
    ))
