"""The revision every change of a practice writes (its snapshot in the shape of the practices
file, with author, time and a note), and the search index told of the change.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max

from microfuture.practices import search, selectors
from microfuture.practices.models import Practice, Revision
from microfuture.practices.services.base import _signed_in

REVISION_NOTE_MAX = 300


def _write_revision(practice: Practice, actor: Any, note: str) -> Revision:
    last = Revision.objects.filter(practice=practice).aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        practice=practice,
        number=last + 1,
        data=selectors.snapshot(practice),
        author=actor if _signed_in(actor) else None,
        note=note[:REVISION_NOTE_MAX],
    )


def _changed(practice: Practice, actor: Any, note: str) -> Revision:
    revision = _write_revision(practice, actor, note)
    search.reindex_practice(practice)  # the search index, in the same transaction
    return revision
