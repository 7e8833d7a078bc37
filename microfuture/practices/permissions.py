"""Who may do what in the good-practice library (spec §2). Every page, endpoint and service
asks here, on the server.

Editors of the library are curators (a `RoleGrant` with the curator role) and platform
administrators; experts hold a `RoleGrant` with the expert role (administrators count too).
Only approved and validated records are public. A draft or submitted record is seen by its
author and by editors; experts see records from `submitted` on, since they are asked to
judge them. The author edits a record while it is a draft; editors edit it at any stage.
"""

from __future__ import annotations

from typing import Any

from microfuture.accounts.models import RoleGrant
from microfuture.accounts.permissions import is_curator, is_platform_admin
from microfuture.practices.models import Practice


def is_editor(user: Any) -> bool:
    """An editor of the library: a curator or a platform administrator."""
    return is_curator(user)


def is_expert(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return is_platform_admin(user) or RoleGrant.objects.filter(
        user=user, role=RoleGrant.Role.EXPERT
    ).exists()


def is_author(user: Any, practice: Practice) -> bool:
    return bool(user.is_authenticated and practice.author_id == user.pk)


def can_view(user: Any, practice: Practice) -> bool:
    if practice.is_public:
        return True
    if not user.is_authenticated:
        return False
    if is_author(user, practice) or is_editor(user):
        return True
    return practice.status == Practice.Status.SUBMITTED and is_expert(user)


def can_create(user: Any) -> bool:
    """Anyone signed in may propose a practice; it starts as their draft."""
    return bool(user.is_authenticated)


def can_edit(user: Any, practice: Practice) -> bool:
    if is_editor(user):
        return True
    return practice.status == Practice.Status.DRAFT and is_author(user, practice)


def can_submit(user: Any, practice: Practice) -> bool:
    return practice.status == Practice.Status.DRAFT and can_edit(user, practice)


def can_approve(user: Any, practice: Practice) -> bool:
    return practice.status == Practice.Status.SUBMITTED and is_editor(user)


def can_send_back(user: Any, practice: Practice) -> bool:
    return practice.status != Practice.Status.DRAFT and is_editor(user)


def can_validate(user: Any, practice: Practice) -> bool:
    return practice.status == Practice.Status.APPROVED and is_expert(user)


def can_restore(user: Any, practice: Practice) -> bool:
    """Editors, or the author while the record is a draft (the same rule as editing)."""
    return can_edit(user, practice)


def can_manage_insights(user: Any, practice: Practice) -> bool:
    """Question sets and interviews: editors and the practice's author."""
    return is_editor(user) or is_author(user, practice)


def can_edit_regions(user: Any) -> bool:
    return is_editor(user)
