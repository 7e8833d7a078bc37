"""Anonymous counts of the guides (`../shared/specs/guides.md` §3): one more read of a guide on
a day, and one more reader the finder sent to it from one of its places. A count per guide and
day, nothing else: no cookie, no address, nothing about the reader."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F

from microfuture.guides.models import Guide, GuideReferral, GuideView

#: The finder's places a reader may come from (`?from=` on a guide's link).
SOURCES = frozenset(GuideReferral.Source.values)


def guide_view_record(*, guide: Guide, day: date, source: str = "") -> None:
    """Count one read of `guide` on `day`, and one referral when `source` is a finder place
    (any other `source` is ignored: the link was edited or came from elsewhere)."""
    with transaction.atomic():
        # Create the day's counter at 0 if missing (a concurrent read may create the same one:
        # the unique constraint keeps one), then add with F() so no read is lost on either
        # backend.
        GuideView.objects.bulk_create([GuideView(guide=guide, day=day, count=0)],
                                      ignore_conflicts=True)
        GuideView.objects.filter(guide=guide, day=day).update(count=F("count") + 1)
        if source in SOURCES:
            GuideReferral.objects.bulk_create(
                [GuideReferral(guide=guide, day=day, source=source, count=0)],
                ignore_conflicts=True)
            GuideReferral.objects.filter(guide=guide, day=day, source=source).update(
                count=F("count") + 1)
