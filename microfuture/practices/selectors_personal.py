"""What the practices library keeps about one person, for their own copy (GDPR Art. 15, 20).

A person appears only as the author of records and revisions and as the interviewer of
interviews (links to the account, no name of theirs in the texts); interviewees are
recorded by role, never by name.
"""

from __future__ import annotations

from typing import Any

from microfuture.practices.models import Interview, Practice, Revision


def personal_data(user: Any) -> dict[str, Any]:
    return {
        "practices_authored": [
            {"slug": p.slug, "title": p.title_en or p.title_sl, "status": p.status,
             "created_at": p.created_at.isoformat()}
            for p in Practice.objects.filter(author=user).order_by("created_at", "id")
        ],
        "practice_revisions_authored": [
            {"practice": r.practice.slug, "number": r.number, "note": r.note,
             "created_at": r.created_at.isoformat()}
            for r in Revision.objects.filter(author=user).select_related("practice")
            .order_by("created_at", "id")
        ],
        "interviews_held": [
            {"interviewee_role": i.interviewee_role, "organisation": i.organisation,
             "held_on": i.held_on.isoformat()}
            for i in Interview.objects.filter(interviewer=user).order_by("held_on", "id")
        ],
    }
