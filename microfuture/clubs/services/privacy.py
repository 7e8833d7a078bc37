"""Writes about members' privacy: a member's own consents, and the record of a read made in
the audit role (docs/privacy.md).

Who may read what is decided in `clubs/permissions.py`; these functions ask the same rules,
under the lock of the row they change, and write one audit row each.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_noop

from microfuture.clubs import permissions
from microfuture.clubs.core import Text
from microfuture.clubs.models import AuditLog, Club, Member
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.money import ClubError

#: What was read in the audit role, as stored in the audit row (shown by `labels`).
AUDIT_READS = ("member_statement", "journal_file", "pledges", "collection_sheet")


@transaction.atomic
def member_set_consents(
    *, member: Member, actor: permissions.Actor, name_public: bool, coordinator_may_read: bool
) -> Member:
    """The member gives or withdraws their own consents; nobody else may (not an officer,
    not an administrator). Each change is audited, with the old and new values."""
    locked = Member.objects.select_for_update().select_related("club").get(pk=member.pk)
    if not permissions.may_set_consents(actor, locked):
        raise ClubError(Text(gettext_noop(
            "Only the member themself can give or withdraw their consents."
        )))
    before = {
        "name_public": locked.name_public, "coordinator_may_read": locked.coordinator_may_read,
    }
    after = {"name_public": bool(name_public), "coordinator_may_read": bool(coordinator_may_read)}
    if before == after:
        return locked
    locked.name_public = after["name_public"]
    locked.coordinator_may_read = after["coordinator_may_read"]
    locked.save(update_fields=["name_public", "coordinator_may_read"])
    audit(club=locked.club, actor=actor, action="member.consents", member=locked.name,
          **{k: [before[k], after[k]] for k in after if before[k] != after[k]})
    return locked


def figures_read_for_audit(
    *, club: Club, reader: permissions.Reader, what: str, member: Member | None = None
) -> AuditLog:
    """Write down that a platform administrator read members' figures in the audit role.

    This is the one write a GET makes, on purpose: the record of a read of personal figures
    has to be made by that read. Nothing any page shows depends on it.
    """
    if what not in AUDIT_READS:
        raise ValueError(f"unknown audit read {what!r}")
    if not permissions.reads_for_audit(reader, club):
        raise ClubError(Text(gettext_noop("Only a platform administrator reads for an audit.")))
    return audit(
        club=club, actor=reader, action="figures.read_for_audit", what=what,
        member=member.name if member is not None else "",
    )
