"""The figures shown beside the clubs' on the platform's and the ministry's dashboards
(`../shared/specs/impact.md` §1, last paragraph): the library's practice records by status and
country and their transferability to Slovenia, the finder's anonymous counts over the period
(searches, mechanisms shown, the criteria most often not met), the guides' reads and the
readers the finder sent to them over the period (which mechanisms people do not understand), and
the network's action items. Counts only: nothing here names a person."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Sum

from microfuture.finder.models import CriterionFailed, MechanismShown, SearchCount
from microfuture.guides.selectors import GuideCount, guide_counts, referrals_by_source
from microfuture.impact.selectors_signals import CRITERION_LABELS
from microfuture.network.models import ActionItem
from microfuture.practices.models import Practice, RegionProfile
from microfuture.practices.selectors import transferability

#: The region whose transferability the Ministry asks about: the country's own profile.
NATIONAL_PROFILE = "SI"
TOP_CRITERIA = 5


@dataclass(frozen=True)
class Beside:
    practices_by_status: list[tuple[str, int]]
    practices_by_country: list[tuple[str, int]]
    transferability: list[tuple[Practice, int | None]]
    searches: int
    mechanisms_shown: int
    top_not_met: list[tuple[str, str, int]]
    items_open: int
    items_done: int
    items_overdue: int
    # Guides by reads and by finder referrals over the period (guides.md §3).
    guides: list[GuideCount] = field(default_factory=list)
    guide_referrals: list[tuple[str, str, int]] = field(default_factory=list)


def beside(*, start: date, end: date, on: date) -> Beside:
    """Library and network as they are on `on`; the finder's counts over (start, end]."""
    by_status = dict(Practice.objects.values_list("status").annotate(n=Count("id"))
                     .values_list("status", "n"))
    by_country = (Practice.objects.filter(status__in=Practice.PUBLIC)
                  .values_list("country").annotate(n=Count("id")).order_by("country"))
    scores: list[tuple[Practice, int | None]] = []
    if RegionProfile.objects.filter(code=NATIONAL_PROFILE).exists():
        for practice in Practice.objects.filter(status__in=Practice.PUBLIC).order_by("slug"):
            scores.append((practice, transferability(practice, NATIONAL_PROFILE)["score"]))
        # Highest first; a practice with no factor answered (no score) last.
        scores.sort(key=lambda row: (row[1] is None, -(row[1] or 0)))
    period = {"day__gt": start, "day__lte": end}
    searches = (SearchCount.objects.filter(target_group="", **period)
                .aggregate(n=Sum("count"))["n"] or 0)
    shown = MechanismShown.objects.filter(**period).aggregate(n=Sum("count"))["n"] or 0
    top = list(CriterionFailed.objects.filter(**period).values_list("criterion")
               .annotate(n=Sum("count")).order_by("-n", "criterion")[:TOP_CRITERIA])
    items = ActionItem.objects.all()
    return Beside(
        practices_by_status=[(status, by_status.get(status, 0))
                             for status in Practice.Status.values],
        practices_by_country=[(country, n) for country, n in by_country],
        transferability=scores,
        searches=searches,
        mechanisms_shown=shown,
        top_not_met=[(criterion, str(CRITERION_LABELS.get(criterion, criterion)), n)
                     for criterion, n in top],
        items_open=items.exclude(status__in=ActionItem.CLOSED).count(),
        items_done=items.filter(status=ActionItem.Status.DONE).count(),
        items_overdue=items.exclude(status__in=ActionItem.CLOSED)
        .filter(due_on__lt=on).count(),
        guides=guide_counts(start=start, end=end),
        guide_referrals=referrals_by_source(start=start, end=end),
    )
