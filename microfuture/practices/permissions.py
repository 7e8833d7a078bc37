"""Who may do what in the good-practice library (spec §2). Every page, endpoint and service
asks here, on the server.

Editors of the library are curators (a `RoleGrant` with the curator role) and platform
administrators; experts hold a `RoleGrant` with the expert role (administrators count too).
Only approved and validated records are public. A draft or submitted record is seen by its
author and by editors; experts see records from `submitted` on, since they are asked to
judge them. The author edits a record while it is a draft; editors edit it at any stage.

Four eyes: a record is approved and validated by someone other than its author, that is
neither the person who created it nor the one who wrote the content that was submitted (the
author of its latest content revision, `selectors.content_authors`), and a record without
sources is never approved.

The acting user is a required argument. `None` and anonymous visitors never pass a rule that
needs a person; the services ask these functions again under the row lock, right before the
write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from microfuture.accounts.models import RoleGrant
from microfuture.accounts.permissions import is_curator, is_platform_admin
from microfuture.practices.models import Practice

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from microfuture.accounts.models import User

    Actor = User | AnonymousUser


def _person(user: Any) -> bool:
    """A signed-in person (never `None`, never an anonymous visitor)."""
    return user is not None and bool(getattr(user, "is_authenticated", False))


def is_editor(user: Actor | None) -> bool:
    """An editor of the library: a curator or a platform administrator."""
    return _person(user) and is_curator(user)


def is_expert(user: Actor | None) -> bool:
    if not _person(user):
        return False
    return is_platform_admin(user) or RoleGrant.objects.filter(
        user_id=int(getattr(user, "pk", 0) or 0), role=RoleGrant.Role.EXPERT
    ).exists()


def is_author(user: Actor | None, practice: Practice) -> bool:
    return _person(user) and practice.author_id == getattr(user, "pk", None)


def wrote_it(user: Actor | None, practice: Practice) -> bool:
    """The person created the record or wrote the content now under review (four eyes)."""
    from microfuture.practices.selectors import content_authors

    return _person(user) and getattr(user, "pk", None) in content_authors(practice)


def can_view(user: Actor | None, practice: Practice) -> bool:
    if practice.is_public:
        return True
    if not _person(user):
        return False
    if is_author(user, practice) or is_editor(user):
        return True
    return practice.status == Practice.Status.SUBMITTED and is_expert(user)


def can_create(user: Actor | None) -> bool:
    """Anyone signed in may propose a practice; it starts as their draft."""
    return _person(user)


def can_edit(user: Actor | None, practice: Practice) -> bool:
    if is_editor(user):
        return True
    return practice.status == Practice.Status.DRAFT and is_author(user, practice)


def can_submit(user: Actor | None, practice: Practice) -> bool:
    return practice.status == Practice.Status.DRAFT and can_edit(user, practice)


def has_sources(practice: Practice) -> bool:
    return any(str(s).strip() for s in practice.sources or [])


def can_approve(user: Actor | None, practice: Practice) -> bool:
    """An editor who did not write it, and only a record that names its sources."""
    return (practice.status == Practice.Status.SUBMITTED and is_editor(user)
            and has_sources(practice) and not wrote_it(user, practice))


def can_send_back(user: Actor | None, practice: Practice) -> bool:
    return practice.status != Practice.Status.DRAFT and is_editor(user)


def can_validate(user: Actor | None, practice: Practice) -> bool:
    """An expert who did not write it."""
    return (practice.status == Practice.Status.APPROVED and is_expert(user)
            and not wrote_it(user, practice))


def can_restore(user: Actor | None, practice: Practice) -> bool:
    """Editors, or the author while the record is a draft (the same rule as editing)."""
    return can_edit(user, practice)


def can_manage_insights(user: Actor | None, practice: Practice) -> bool:
    """Question sets and interviews: editors and the practice's author."""
    return is_editor(user) or is_author(user, practice)


def can_edit_regions(user: Actor | None) -> bool:
    return is_editor(user)


def can_read_curator_notes(user: Actor | None) -> bool:
    """Curators' notes (facts still to check, our own readings of the sources) are for the
    library's editors (curators and administrators), never for visitors."""
    return is_editor(user)
