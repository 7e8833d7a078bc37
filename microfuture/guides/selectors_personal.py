"""What the guides keep about one person, for their own copy (GDPR Art. 15, 20).

A curator appears only as the account that proposed, applied or declined a guide's text or
published a guide (links to the account; no name in the texts). On erasure the account becomes
an anonymous shell (`accounts.services.account_erase`) and these links keep pointing at it, as
the library's revisions do: the four-eyes record (two different people) stays whole, with no
name left in it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from microfuture.guides.models import Guide, GuideRevision


def personal_data(user: Any) -> dict[str, Any]:
    return {
        "guide_revisions": [
            {"guide": r.guide.slug, "language": r.language, "title": r.title, "note": r.note,
             "state": r.state, "made_at": r.made_at.isoformat(),
             "proposed": r.made_by_id == user.pk, "decided": r.decided_by_id == user.pk,
             "decided_at": r.decided_at.isoformat() if r.decided_at else None}
            for r in GuideRevision.objects.filter(Q(made_by=user) | Q(decided_by=user))
            .select_related("guide").order_by("made_at", "id")
        ],
        "guides_published": [
            {"guide": g.slug,
             "published_at": g.published_at.isoformat() if g.published_at else None}
            for g in Guide.objects.filter(published_by=user).order_by("slug")
        ],
    }
