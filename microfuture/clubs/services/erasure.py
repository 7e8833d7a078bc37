"""Erasing a person's name from a club's books (GDPR Article 17), keeping the books whole.

The books are append-only and chained by hashes (`clubs/chain.py`), and their figures stay
(other members' money depends on them). What goes is the name: `member_pseudonymise`
replaces it, in one transaction, by `erased person #<member id>` (the words of the
collaboration spec's §7, stored as they are and worded in the reader's language on display by
the `book_name` filter) everywhere the club keeps it: the member
row, the events, their ledger entries' memos and accounts, reversals, the audit log,
proposals, meetings, mentoring notes, payment requests and invitations (free text is matched
as a whole word).
The hash chains are then re-sealed from the first changed row, the books are re-proved (the
replay must still equal the stored ledger, else nothing changes), and the erasure is
audited without the old name. The one rewrite of the books that the database allows
(`ledger.protection.rewrite_allowed`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from microfuture.clubs.chain import EVENT_FIELDS, GENESIS, audit_hash, event_hash
from microfuture.clubs.models import (
    AuditLog,
    BookCheckpoint,
    Club,
    ClubEvent,
    EventReversal,
    Invitation,
    Meeting,
    Member,
    MentoringSession,
    PaymentApproval,
    Proposal,
)
from microfuture.clubs.services.audit import audit, lock_audit_chain
from microfuture.clubs.services.money import ClubError
from microfuture.ledger.models import Account, JournalEntry
from microfuture.ledger.protection import rewrite_allowed

PSEUDONYM = re.compile(r"erased person #(\d+)")


def pseudonym(member: Member) -> str:
    return f"erased person #{member.pk}"


def is_pseudonym(name: str) -> bool:
    return PSEUDONYM.fullmatch(name) is not None


def _replacer(old: str, new: str) -> Callable[[Any], Any]:
    word = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)")

    def replace(value: Any) -> Any:
        if isinstance(value, str):
            return word.sub(new, value)
        if isinstance(value, list):
            return [replace(v) for v in value]
        if isinstance(value, dict):
            return {k: replace(v) for k, v in value.items()}
        return value

    return replace


def _rewrite_rows(rows: Any, fields: tuple[str, ...], replace: Callable[[Any], Any]) -> int:
    """Replace the name in `fields` of every row of the queryset; the number of rows changed."""
    changed = 0
    for row in rows.values("pk", *fields):
        new = {name: replace(row[name]) for name in fields}
        if any(new[name] != row[name] for name in fields):
            rows.model.objects.filter(pk=row["pk"]).update(**new)
            changed += 1
    return changed


def _reseal_events(club: Club) -> None:
    prev = GENESIS
    for values in ClubEvent.objects.filter(club=club).order_by("seq").values(
        "id", "prev_hash", "hash", *EVENT_FIELDS
    ):
        row_hash = event_hash(prev, values)
        if (values["prev_hash"], values["hash"]) != (prev, row_hash):
            ClubEvent.objects.filter(pk=values["id"]).update(prev_hash=prev, hash=row_hash)
        prev = row_hash


def _reseal_audit(club: Club | None) -> None:
    prev = GENESIS
    for values in AuditLog.objects.filter(club=club).order_by("id").values(
        "id", "prev_hash", "hash", "club_id", "actor_id", "action", "detail", "at"
    ):
        row_hash = audit_hash(prev, values)
        if (values["prev_hash"], values["hash"]) != (prev, row_hash):
            AuditLog.objects.filter(pk=values["id"]).update(prev_hash=prev, hash=row_hash)
        prev = row_hash


@transaction.atomic
def member_pseudonymise(*, member: Member, actor: Any) -> str:
    """Replace the member's name in their club's books by a pseudonym; returns it.

    Refused (ClubError, nothing changed) when the books would no longer hold afterwards:
    the share-out breaks exact ties by name, so in a rare dissolved club the new name
    could move a cent.
    """
    from microfuture.clubs.selectors import club_problems

    club = Club.objects.select_for_update().get(pk=member.club_id)
    member = Member.objects.select_for_update().get(pk=member.pk)
    old, new = member.name, pseudonym(member)
    if old == new:
        return new
    if Member.objects.filter(club=club, name=new).exists():
        raise ClubError(_("Another member of the club is already called %(name)s.")
                        % {"name": new})
    replace = _replacer(old, new)
    lock_audit_chain(club.pk)
    lock_audit_chain(None)
    with rewrite_allowed(connection):
        events = ClubEvent.objects.filter(club=club)
        events.filter(member=old).update(member=new)
        _rewrite_rows(events.filter(note__contains=old), ("note",), replace)
        _rewrite_rows(EventReversal.objects.filter(event__club=club, reason__contains=old),
                      ("reason",), replace)
        entries = JournalEntry.objects.filter(ledger=club.ledger)
        _rewrite_rows(entries.filter(Q(memo__contains=old) | Q(reason__contains=old)),
                      ("memo", "reason"), replace)
        for account in Account.objects.filter(ledger=club.ledger, code__endswith=f":{old}"):
            account.code = account.code[: -len(old)] + new
            account.save(update_fields=["code"])
        for rows in (AuditLog.objects.filter(club=club),
                     AuditLog.objects.filter(club=None, detail__icontains=old)):
            _rewrite_rows(rows, ("detail",), replace)
        _reseal_events(club)
        # Checkpoints hold the old name (members, capital accounts): gone with it.
        BookCheckpoint.objects.filter(club=club).delete()
        _reseal_audit(club)
        _reseal_audit(None)
    _rewrite_rows(Proposal.objects.filter(club=club),
                  ("title", "summary", "due_diligence", "decision_note", "changes", "decision"),
                  replace)
    _rewrite_rows(Meeting.objects.filter(club=club), ("title", "agenda", "minutes"), replace)
    _rewrite_rows(MentoringSession.objects.filter(mentorship__club=club), ("topic", "notes"),
                  replace)
    _rewrite_rows(PaymentApproval.objects.filter(club=club), ("payload",), replace)
    Invitation.objects.filter(club=club, name=old).update(name=new)
    member.name = new
    member.save(update_fields=["name"])
    problems = club_problems(club)
    if problems:
        raise ClubError(_("The name was not erased: the club's books would no longer hold "
                          "(%(problems)s).") % {"problems": "; ".join(problems)})
    audit(club=club, actor=actor, action="member.name_erased", member=new)
    return new
