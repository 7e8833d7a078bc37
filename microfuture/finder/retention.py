"""How long the finder's anonymous usage counts are kept, and at what detail.

Daily counts are kept for `DAILY_MONTHS` months, then folded into one row per month (dated
the month's first day, so the usage selectors' day ranges still sum them); monthly counts
are deleted after `KEEP_YEARS` years. Applied daily by `manage.py apply_retention`; running
it twice changes nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction

from microfuture.finder.models import (
    CriterionFailed,
    CriterionFailedBy,
    MechanismShown,
    SearchCount,
)

DAILY_MONTHS = 13
KEEP_YEARS = 5


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


@transaction.atomic
def finder_usage_retention_apply(*, today: date) -> dict[str, int]:
    fold_before = _months_before(today, DAILY_MONTHS)
    delete_before = _months_before(today, KEEP_YEARS * 12)
    result = {
        "finder counts older than 5 years": (
            MechanismShown.objects.filter(day__lt=delete_before).delete()[0]
            + CriterionFailed.objects.filter(day__lt=delete_before).delete()[0]
            + SearchCount.objects.filter(day__lt=delete_before).delete()[0]
            + CriterionFailedBy.objects.filter(day__lt=delete_before).delete()[0]
        ),
        "finder daily counts folded into months": 0,
    }
    models: tuple[tuple[Any, tuple[str, ...]], ...] = (
        (MechanismShown, ("mechanism", "group")),
        (CriterionFailed, ("criterion",)),
        # The policy signals' counts (docs/impact.md): folded the same way.
        (SearchCount, ("applicant_type", "target_group")),
        (CriterionFailedBy, ("applicant_type", "target_group", "criterion")),
    )
    for model, keys in models:
        groups: dict[tuple[date, tuple[str, ...]], list[tuple[int, date, int]]] = defaultdict(list)
        for row in model.objects.filter(day__lt=fold_before).values("pk", "day", "count", *keys):
            month = row["day"].replace(day=1)
            key = (month, tuple(str(row[k]) for k in keys))
            groups[key].append((row["pk"], row["day"], row["count"]))
        for (month, values), rows in groups.items():
            if len(rows) == 1 and rows[0][1] == month:
                continue  # already one monthly row
            model.objects.filter(pk__in=[pk for pk, _, _ in rows]).delete()
            model.objects.create(day=month, count=sum(c for _, _, c in rows),
                                 **dict(zip(keys, values, strict=True)))
            result["finder daily counts folded into months"] += len(rows)
    return result
