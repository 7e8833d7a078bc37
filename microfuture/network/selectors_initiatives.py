"""Reads of joint initiatives: the public list (by status) and one initiative with its
partners, meetings and action items. Initiatives are the network's public record
(docs/network.md, "Who sees what"); nothing here names a person."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet

from microfuture.network.models import ActionItem, Initiative, Meeting, Organisation


def initiative_list(*, status: str = "") -> QuerySet[Initiative]:
    """Initiatives, newest first, of one status when `status` is given."""
    rows = (Initiative.objects
            .prefetch_related(Prefetch("partners", Organisation.objects.order_by("name")))
            .annotate(item_count=Count("action_items", distinct=True),
                      meeting_count=Count("meetings", distinct=True)))
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-created_at", "-id")


def status_counts() -> dict[str, int]:
    """How many initiatives each status has (for the filter's labels)."""
    counts = {code: 0 for code in Initiative.Status.values}
    for row in Initiative.objects.values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def initiative_detail(pk: int) -> Initiative:
    """One initiative with partners, meetings (earliest first) and items (by due date);
    raises Initiative.DoesNotExist."""
    return (Initiative.objects
            .prefetch_related(
                Prefetch("partners", Organisation.objects.order_by("name")),
                Prefetch("meetings", Meeting.objects.order_by("starts_at", "id")),
                Prefetch("action_items",
                         ActionItem.objects.select_related("owner_organisation")
                         .order_by("due_on", "id")),
            )
            .get(pk=pk))


def initiatives_active_between(start: dt.date, end: dt.date) -> QuerySet[Initiative]:
    """Initiatives under way on at least one day from `start` to `end` (both included):
    started on or before `end` and not ended before `start`; never those still planned."""
    return (Initiative.objects
            .exclude(status=Initiative.Status.PLANNED)
            .filter(started_on__isnull=False, started_on__lte=end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start)))
