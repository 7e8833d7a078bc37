"""The review workflow of a practice: draft → submitted → approved → validated, and sent back
as a draft with a comment. Each step locks the row, checks under the lock, then writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from microfuture.practices import permissions
from microfuture.practices.models import Practice
from microfuture.practices.services.base import PracticeError, _allow, _locked, _person, logger
from microfuture.practices.services.revisions import _changed

if TYPE_CHECKING:
    from microfuture.practices.permissions import Actor


def _transition(practice: Practice, actor: Actor, *, to: str, note: str,
                check: Callable[[Practice], None], **fields: str) -> Practice:
    """One workflow step: lock the row, then check the state and the person's rights on
    the locked, fresh row, then write. Checking before the lock would let two steps at once
    (an approval and a send-back) both pass their checks and the later write win, so that a
    record sent back could still end up public."""
    with transaction.atomic():
        practice = _locked(practice)
        check(practice)
        practice.status = to
        for name, value in fields.items():
            setattr(practice, name, value)
        practice.save()
        _changed(practice, actor, note)
    logger.info("Practice %r is now %s (%s).", practice.slug, to, actor)
    return practice


def _status_is(practice: Practice, *allowed: str) -> None:
    if practice.status not in allowed:
        raise PracticeError(_("This cannot be done while the practice is %(status)s.")
                            % {"status": practice.get_status_display()})


def practice_submit(*, practice: Practice, actor: Actor) -> Practice:
    """The author (or an editor) hands a draft in for review: draft → submitted."""
    _person(actor)

    def check(locked: Practice) -> None:
        _status_is(locked, Practice.Status.DRAFT)
        _allow(permissions.can_submit(actor, locked),
               _("Only the author or an editor may submit this practice."))

    return _transition(practice, actor, to=Practice.Status.SUBMITTED, note="submitted",
                       check=check)


def practice_approve(*, practice: Practice, actor: Actor) -> Practice:
    """An editor publishes a submitted record: submitted → approved. Four eyes: not the
    person who created it or wrote the submitted content, and only with sources."""
    _person(actor)

    def check(locked: Practice) -> None:
        _status_is(locked, Practice.Status.SUBMITTED)
        _allow(permissions.is_editor(actor),
               _("Only an editor of the library may approve a practice."))
        _allow(not permissions.wrote_it(actor, locked),
               _("Another editor must approve this practice: you created it or wrote the "
                 "submitted text."))
        if not permissions.has_sources(locked):
            raise PracticeError(_("A practice without sources cannot be approved. Add the "
                                  "sources first."))
        _allow(permissions.can_approve(actor, locked),
               _("Only an editor of the library may approve a practice."))

    return _transition(practice, actor, to=Practice.Status.APPROVED, note="approved",
                       check=check, review_comment="")


def practice_send_back(*, practice: Practice, actor: Actor, comment: str) -> Practice:
    """An editor sends a record back to its author as a draft, saying what to change."""
    _person(actor)
    comment = (comment or "").strip()
    if not comment:
        raise PracticeError(_("Say what should be changed."))

    def check(locked: Practice) -> None:
        _status_is(locked, Practice.Status.SUBMITTED, Practice.Status.APPROVED,
                   Practice.Status.VALIDATED)
        _allow(permissions.can_send_back(actor, locked),
               _("Only an editor of the library may send a practice back."))

    return _transition(practice, actor, to=Practice.Status.DRAFT,
                       note=f"sent back: {comment}",
                       check=check, review_comment=comment)


def practice_validate(*, practice: Practice, actor: Actor, opinion_sl: str = "",
                      opinion_en: str = "") -> Practice:
    """An expert adds an opinion to an approved record: approved → validated. Four eyes:
    not the person who created it or wrote its content."""
    _person(actor)
    opinion_sl, opinion_en = (opinion_sl or "").strip(), (opinion_en or "").strip()

    def check(locked: Practice) -> None:
        _status_is(locked, Practice.Status.APPROVED)
        _allow(permissions.is_expert(actor), _("Only an expert may validate a practice."))
        _allow(not permissions.wrote_it(actor, locked),
               _("Another expert must validate this practice: you created it or wrote its "
                 "text."))
        _allow(permissions.can_validate(actor, locked),
               _("Only an expert may validate a practice."))
        if not (opinion_sl or opinion_en):
            raise PracticeError(_("Write the expert opinion in at least one language."))

    return _transition(practice, actor, to=Practice.Status.VALIDATED, note="validated",
                       check=check, expert_opinion_sl=opinion_sl,
                       expert_opinion_en=opinion_en)
