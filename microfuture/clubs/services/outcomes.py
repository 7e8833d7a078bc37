"""What enterprises report once a year, and the volunteer time of a club's members.

An enterprise's yearly report (jobs, whether it still trades, turnover band, finance obtained
after a club's investment) is entered by its representative or its mentor; entering a year
again replaces that year's report. Volunteer time is recorded by a club's officers (or by a
member for themself). Both are summed in the impact figures (`impact/selectors_outcomes.py`,
docs/impact.md).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microfuture.clubs import permissions
from microfuture.clubs.core import from_cents, to_cents
from microfuture.clubs.models import (
    Club,
    ClubEvent,
    Enterprise,
    EnterpriseReport,
    Member,
    VolunteerTime,
)
from microfuture.clubs.permissions import Actor
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.money import ClubError

#: The first year a report may be for (the platform's clubs began long after).
FIRST_YEAR = 2000
#: One entry of volunteer time covers one day at most.
MAX_MINUTES = 24 * 60


def _leverage_cents(amount: Decimal | None, label: str, problems: list[str]) -> int:
    if amount is None:
        return 0
    if amount < 0:
        problems.append(_("%(what)s cannot be negative.") % {"what": label})
        return 0
    if amount != amount.quantize(Decimal("0.01")):
        problems.append(_("%(what)s can have at most two decimals.") % {"what": label})
        return 0
    return to_cents(amount)


@transaction.atomic
def enterprise_report_save(
    *, enterprise: Enterprise, actor: Actor, year: int, trading: bool, jobs_created: int,
    jobs_kept: int, jobs_target_groups: int, turnover_band: str = "",
    leverage_bank: Decimal | None = None, leverage_fund: Decimal | None = None,
    leverage_public: Decimal | None = None, note: str = "", today: dt.date | None = None,
) -> tuple[EnterpriseReport, bool]:
    """Save the enterprise's report for `year`; a second report for the same year replaces
    the first. Returns the report and whether it replaced one.

    Every problem is refused at once, in plain words: a future year, negative figures, more
    target-group jobs than jobs."""
    locked = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if not permissions.may_report_for_enterprise(actor, locked):
        raise ClubError(_("Only the enterprise's representatives or its mentor can report "
                          "for it."))
    today = today or timezone.localdate()
    problems: list[str] = []
    if year > today.year:
        problems.append(_("%(year)s has not begun yet: report a year that has.")
                        % {"year": year})
    elif year < FIRST_YEAR:
        problems.append(_("Report a year from %(first)s on.") % {"first": FIRST_YEAR})
    for count in (jobs_created, jobs_kept, jobs_target_groups):
        if count < 0:
            problems.append(_("Numbers of jobs cannot be negative."))
            break
    if jobs_target_groups > jobs_created + jobs_kept:
        problems.append(_(
            "The jobs held by people of the target groups (%(target)s) cannot be more than "
            "the jobs created and kept (%(jobs)s).")
            % {"target": jobs_target_groups, "jobs": jobs_created + jobs_kept})
    if turnover_band and turnover_band not in EnterpriseReport.TurnoverBand.values:
        problems.append(_("Choose the turnover from the list."))
    bank = _leverage_cents(leverage_bank, _("Bank finance"), problems)
    fund = _leverage_cents(leverage_fund, _("Fund finance"), problems)
    public = _leverage_cents(leverage_public, _("Public finance"), problems)
    if problems:
        raise ClubError(" ".join(problems))
    report, created = EnterpriseReport.objects.update_or_create(
        enterprise=locked, year=year, defaults={
            "trading": trading, "jobs_created": jobs_created, "jobs_kept": jobs_kept,
            "jobs_target_groups": jobs_target_groups, "turnover_band": turnover_band,
            "leverage_bank_cents": bank, "leverage_fund_cents": fund,
            "leverage_public_cents": public, "note": note.strip(),
            "reported_by": permissions.person(actor),
        },
    )
    # An enterprise has no audit log of its own: as with its news (services/mentoring.py),
    # the report concerns every club that invested in it, so each gets one row; an
    # enterprise no club has invested in gets the platform's row (club None), as its
    # registration does.
    detail = {
        "enterprise": locked.name, "year": year, "replaced": not created,
        "trading": trading, "jobs_created": jobs_created, "jobs_kept": jobs_kept,
        "jobs_target_groups": jobs_target_groups,
        "leverage": str(from_cents(bank + fund + public)),
    }
    club_ids = set(
        ClubEvent.objects.filter(type="investment", enterprise=locked.name)
        .values_list("club_id", flat=True)
    )
    for club in Club.objects.filter(pk__in=club_ids).order_by("pk") or [None]:
        audit(club=club, actor=actor, action="enterprise.report", **detail)
    return report, not created


@transaction.atomic
def volunteer_time_record(
    *, club: Club, member: Member, actor: Actor, on: dt.date, minutes: int, activity: str,
    today: dt.date | None = None,
) -> VolunteerTime:
    """Record time a member gave to the club (by an officer, or by the member themself)."""
    locked = Club.objects.select_for_update().get(pk=club.pk)
    if not permissions.may_record_volunteer_time(actor, locked, member):
        raise ClubError(_("Only the club's officers record other members' volunteer time; "
                          "a member records their own."))
    today = today or timezone.localdate()
    problems: list[str] = []
    if on > today:
        problems.append(_("The date is in the future: record time already given."))
    if minutes <= 0:
        problems.append(_("Volunteer time lasts at least one minute."))
    elif minutes > MAX_MINUTES:
        problems.append(_("One entry covers one day at most; record each day on its own."))
    activity = activity.strip()
    if not activity:
        problems.append(_("Say what the time was given for."))
    if problems:
        raise ClubError(" ".join(problems))
    entry = VolunteerTime.objects.create(
        club=locked, member=member, date=on, minutes=minutes, activity=activity,
        recorded_by=permissions.person(actor),
    )
    audit(club=locked, actor=actor, action="volunteer.recorded", member=member.name,
          date=on.isoformat(), minutes=minutes, activity=activity)
    return entry
