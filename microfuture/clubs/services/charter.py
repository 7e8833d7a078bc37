"""Writes about a club's charter and its members' roles (money events are in money.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from microfuture.clubs.core import Event, Text, to_cents
from microfuture.clubs.models import Club, Member
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.money import ClubError, club_create, club_record_event

CHARTER_FIELDS = (
    "region", "decision_rule", "quorum_percent", "max_enterprise_share_percent",
    "max_stake_percent", "open_to_projects", "description",
)


@transaction.atomic
def club_found(*, founder: Any, founder_name: str, **charter: Any) -> Club:
    """Create a club in the forming stage with its founder as manager (a `join` event)."""
    club = club_create(created_by=founder, status=Club.Status.FORMING, **charter)
    club_record_event(
        club=club, event=Event(date=club.start_date, type="join", member=founder_name),
        recorded_by=founder, user=founder, role=Member.Role.MANAGER,
    )
    return club


@transaction.atomic
def club_update_charter(
    *, club: Club, actor: Any, monthly_pledge: Decimal, **changes: Any
) -> Club:
    locked = Club.objects.select_for_update().get(pk=club.pk)
    if locked.status == Club.Status.DISSOLVED:
        raise ClubError(Text(gettext_noop("A dissolved club's charter can no longer change.")))
    before = {name: getattr(locked, name) for name in CHARTER_FIELDS}
    before["monthly_pledge_cents"] = locked.monthly_pledge_cents
    for name in CHARTER_FIELDS:
        if name in changes:
            setattr(locked, name, changes[name])
    locked.monthly_pledge_cents = to_cents(monthly_pledge)
    locked.save()
    after = {name: getattr(locked, name) for name in CHARTER_FIELDS}
    after["monthly_pledge_cents"] = locked.monthly_pledge_cents
    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    audit(club=locked, actor=actor, action="club.charter", changed=changed)
    return locked


@transaction.atomic
def member_add(
    *, club: Club, name: str, on: date, role: str, user: Any, actor: Any
) -> Member:
    """A new member joins: records the `join` event and links their account, if any."""
    name = name.strip()
    if not name:
        raise ClubError(Text(gettext_noop("The member needs a name.")))
    if user is not None and Member.objects.filter(club=club, user=user).exists():
        raise ClubError(
            Text(gettext_noop("That account already belongs to a member of this club."))
        )
    club_record_event(
        club=club, event=Event(date=on, type="join", member=name), recorded_by=actor,
        user=user, role=role,
    )
    return Member.objects.get(club=club, name=name)


@transaction.atomic
def member_set_role(*, member: Member, role: str, actor: Any) -> Member:
    if role not in Member.Role.values:
        raise ClubError(Text(gettext_noop("Unknown role.")))
    old = member.role
    member.role = role
    member.save(update_fields=["role"])
    audit(club=member.club, actor=actor, action="member.role", member=member.name, old=old,
          new=role)
    return member
