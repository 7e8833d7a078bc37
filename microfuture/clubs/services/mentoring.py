"""Mentoring writes: who follows a funded enterprise, what was discussed, and its own news.

A club names one, often two, of its members as the entrepreneur's contact (cigales.md §1.6);
the charter of this platform allows at most two per enterprise per club.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from microfuture.clubs import permissions
from microfuture.clubs.core import from_cents, to_cents
from microfuture.clubs.models import (
    Club,
    ClubEvent,
    Enterprise,
    EnterpriseUpdate,
    Member,
    MentoringSession,
    Mentorship,
)
from microfuture.clubs.permissions import Actor
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.money import ClubError

MAX_MENTORS = 2


def funded_enterprises(club: Club) -> list[Enterprise]:
    """Enterprises the club has invested in (an investment event that was not reversed)."""
    names = set(
        ClubEvent.objects.filter(club=club, type="investment", reversal__isnull=True)
        .values_list("enterprise", flat=True)
    )
    return list(Enterprise.objects.filter(name__in=names).order_by("name"))


@transaction.atomic
def mentor_assign(
    *, club: Club, enterprise: Enterprise, mentor: Member, actor: Actor, since: dt.date
) -> Mentorship:
    locked = Club.objects.select_for_update().get(pk=club.pk)
    if not permissions.may_run_governance(actor, locked):
        raise ClubError(_("Only the club's manager, treasurer or secretary can name mentors."))
    if mentor.club_id != locked.pk or not mentor.is_active:
        raise ClubError(_("A mentor must be an active member of the club."))
    if enterprise not in funded_enterprises(locked):
        raise ClubError(
            _("The club has not invested in %(ent)s, so it has no one to mentor there.")
            % {"ent": enterprise.name}
        )
    current = Mentorship.objects.filter(club=locked, enterprise=enterprise)
    if current.filter(mentor=mentor).exists():
        raise ClubError(
            _("%(name)s already mentors %(ent)s.") % {"name": mentor.name, "ent": enterprise.name}
        )
    if current.count() >= MAX_MENTORS:
        raise ClubError(
            _("%(ent)s already has two mentors from this club; two is the most.")
            % {"ent": enterprise.name}
        )
    mentorship = Mentorship.objects.create(
        club=locked, enterprise=enterprise, mentor=mentor, since=since
    )
    audit(club=locked, actor=actor, action="mentor.assigned", enterprise=enterprise.name,
          mentor=mentor.name, since=since.isoformat())
    return mentorship


@transaction.atomic
def mentoring_log(
    *, mentorship: Mentorship, actor: Actor, on: dt.date, minutes: int, topic: str,
    notes: str = "",
) -> MentoringSession:
    """Record a mentoring session; by the mentor themself or a governance role."""
    locked = Club.objects.select_for_update().get(pk=mentorship.club_id)
    if not permissions.may_log_mentoring(actor, locked, mentorship):
        raise ClubError(_("Only the mentor or the club's officers can log a session."))
    if minutes <= 0:
        raise ClubError(_("A session lasts at least one minute."))
    if minutes > 24 * 60:
        raise ClubError(_("A session cannot last more than a day; log each day on its own."))
    topic = topic.strip()
    if not topic:
        raise ClubError(_("Say what the session was about."))
    session = MentoringSession.objects.create(
        mentorship=mentorship, date=on, minutes=minutes, topic=topic, notes=notes.strip(),
        recorded_by=permissions.person(actor),
    )
    audit(club=locked, actor=actor, action="mentoring.session",
          enterprise=mentorship.enterprise.name, mentor=mentorship.mentor.name,
          date=on.isoformat(), minutes=minutes, topic=topic)
    return session


@transaction.atomic
def enterprise_post_update(
    *, enterprise: Enterprise, actor: Actor, on: dt.date, jobs: int | None = None,
    turnover: Decimal | None = None, milestone: str = "",
) -> EnterpriseUpdate:
    """The enterprise tells its clubs how it is doing (by its representatives only)."""
    locked = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if not permissions.may_post_enterprise_news(actor, locked):
        raise ClubError(_("Only the enterprise's representatives can post its news."))
    milestone = milestone.strip()
    if jobs is None and turnover is None and not milestone:
        raise ClubError(_("Give the jobs, the turnover or some news."))
    if jobs is not None and jobs < 0:
        raise ClubError(_("Jobs cannot be negative."))
    if turnover is not None and turnover < 0:
        raise ClubError(_("Turnover cannot be negative."))
    update = EnterpriseUpdate.objects.create(
        enterprise=locked, date=on, jobs=jobs,
        turnover_cents=to_cents(turnover) if turnover is not None else None,
        milestone=milestone, posted_by=permissions.person(actor),
    )
    # The news concerns every club that funded the enterprise: one audit row in each.
    club_ids = set(
        ClubEvent.objects.filter(type="investment", enterprise=locked.name)
        .values_list("club_id", flat=True)
    )
    detail = {
        "enterprise": locked.name, "date": on.isoformat(), "jobs": jobs,
        "turnover": str(from_cents(to_cents(turnover))) if turnover is not None else None,
    }
    for club in Club.objects.filter(pk__in=club_ids) or [None]:
        audit(club=club, actor=actor, action="enterprise.update", **detail)
    return update
