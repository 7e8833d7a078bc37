"""Writes about a club's charter and its members' roles (money events are in money.py).

The charter's rules (decision rule, quorum, limits, pledge, open books, secret ballot, who
appoints officers, the four-eyes threshold) change only by a members' decision taken under
the rules in force: an officer proposes the change (`charter_propose_change`), the members
vote on it like on a funding proposal, and closing the vote applies it when approved
(`charter_apply_decision`). While the club is forming, its founding officers set the charter
directly (`club_update_charter`). Officers' roles work the same way (`role_propose_change`,
`role_apply_decision`, `member_set_role`). The rules are in docs/governance.md.

Every write locks the club row first, then checks who may do it (`clubs.permissions`), then
writes and audits.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from microfuture.clubs import permissions
from microfuture.clubs.core import Event, Text, to_cents
from microfuture.clubs.core.votes import QUORUM_FLOOR, RULE_STRENGTH
from microfuture.clubs.decisions import CHARTER_RULES, role_label
from microfuture.clubs.models import Club, Member, Proposal
from microfuture.clubs.permissions import Actor
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.erasure import PSEUDONYM
from microfuture.clubs.services.money import (
    ClubError,
    club_create,
    club_other_regions,
    club_record_event,
)
from microfuture.regions import REGIONS

#: What the officers keep up to date without a vote: how the club presents itself.
PARTICULARS = ("region", "other_regions", "open_to_projects", "description", "contact_email")

#: Kept for callers that list every charter field.
CHARTER_FIELDS = (*PARTICULARS, *CHARTER_RULES)


def _lock(club: Club) -> Club:
    return Club.objects.select_for_update().get(pk=club.pk)


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise ClubError(message)


def _plain(value: Any) -> Any:
    return value if isinstance(value, bool | int | str) or value is None else str(value)


@transaction.atomic
def club_found(*, founder: Actor, founder_name: str, **charter: Any) -> Club:
    """Create a club in the forming stage with its founder as manager (a `join` event)."""
    _refuse_unless(permissions.person(founder) is not None,
                   _("Sign in to found a club."))
    problems = charter_problems({k: v for k, v in charter.items() if k in CHARTER_RULES})
    if problems:
        raise ClubError(" ".join(problems))
    club = club_create(created_by=founder, status=Club.Status.FORMING, **charter)
    club_record_event(
        club=club, event=Event(date=club.start_date, type="join", member=founder_name),
        recorded_by=founder, user=founder, role=Member.Role.MANAGER,
    )
    return club


# The charter's rules ----------------------------------------------------------------------


def charter_problems(changes: dict[str, Any]) -> list[str]:
    """Every value that no charter may have (empty when all are possible)."""
    problems: list[str] = []
    for field in changes:
        if field not in CHARTER_RULES:
            problems.append(_("%(field)s is not a rule of the charter.") % {"field": field})
    rule = changes.get("decision_rule")
    if rule is not None and rule not in RULE_STRENGTH:
        problems.append(_("Choose simple majority, two thirds or unanimity."))
    quorum = changes.get("quorum_percent")
    if quorum is not None and not (
        isinstance(quorum, int) and QUORUM_FLOOR <= quorum <= 100
    ):
        problems.append(_(
            "The quorum must be between %(floor)d %% and 100 %% of the members: a vote "
            "that nobody needs to attend decides nothing."
        ) % {"floor": QUORUM_FLOOR})
    for field in ("max_enterprise_share_percent", "max_stake_percent"):
        value = changes.get(field)
        if value is not None and not (isinstance(value, int) and 1 <= value <= 100):
            problems.append(_("%(what)s must be between 1 and 100.") % {
                "what": CHARTER_RULES[field]})
    for field in ("monthly_pledge_cents", "second_officer_above_cents"):
        value = changes.get(field)
        if value is not None and not (isinstance(value, int) and value >= 0):
            problems.append(_("%(what)s cannot be negative.") % {"what": CHARTER_RULES[field]})
    for field in ("open_books", "secret_ballot", "manager_appoints_officers"):
        value = changes.get(field)
        if value is not None and not isinstance(value, bool):
            problems.append(_("%(what)s is either yes or no.") % {"what": CHARTER_RULES[field]})
    return problems


def _only_changes(club: Club, changes: dict[str, Any]) -> dict[str, Any]:
    """The proposed values that differ from the charter in force."""
    return {
        field: value for field, value in changes.items()
        if field not in CHARTER_RULES or getattr(club, field) != value
    }


def _set_rules(locked: Club, changes: dict[str, Any]) -> dict[str, list[Any]]:
    changed = {
        field: [_plain(getattr(locked, field)), _plain(value)]
        for field, value in changes.items() if getattr(locked, field) != value
    }
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.save(update_fields=list(changes) or None)
    return changed


@transaction.atomic
def club_update_charter(
    *, club: Club, actor: Actor, monthly_pledge: Decimal | None = None, **changes: Any
) -> Club:
    """Set the charter directly: the particulars at any time (officers); the rules only
    while the club is forming (its founding officers). Afterwards the rules change by a
    members' decision: `charter_propose_change`."""
    locked = _lock(club)
    if locked.status == Club.Status.DISSOLVED:
        raise ClubError(Text(gettext_noop("A dissolved club's charter can no longer change.")))
    if monthly_pledge is not None:
        changes["monthly_pledge_cents"] = to_cents(monthly_pledge)
    particulars = {k: v for k, v in changes.items() if k in PARTICULARS}
    if "region" in particulars and particulars["region"] not in REGIONS:
        raise ClubError(_("Choose one of Slovenia's statistical regions."))
    if "region" in particulars and particulars["region"] in (locked.other_regions or ()) \
            and "other_regions" not in particulars:
        # The club moves its home into one of its other regions: it stays one of its regions.
        particulars["other_regions"] = [c for c in locked.other_regions
                                        if c != particulars["region"]]
    if "other_regions" in particulars:
        particulars["other_regions"] = club_other_regions(
            region=particulars.get("region", locked.region),
            other_regions=particulars["other_regions"])
    if particulars.get("contact_email"):
        try:
            validate_email(particulars["contact_email"])
        except ValidationError:
            raise ClubError(_("The club's contact e-mail address is not valid.")) from None
    rules = _only_changes(locked, {k: v for k, v in changes.items() if k not in PARTICULARS})
    _refuse_unless(permissions.may_edit_particulars(actor, locked),
                   _("Only the club's manager, treasurer or secretary can change the charter."))
    if rules:
        _refuse_unless(permissions.may_set_charter_directly(actor, locked), _(
            "Once the club is active, its rules change only by the members' decision: "
            "propose the change and put it to the vote."
        ))
        problems = charter_problems(rules)
        if problems:
            raise ClubError(" ".join(problems))
    changed = _set_rules(locked, {**particulars, **rules})
    if changed:
        audit(club=locked, actor=actor, action="club.charter", changed=changed,
              by="founders" if rules else "officers")
    return locked


@transaction.atomic
def charter_propose_change(
    *, club: Club, actor: Actor, changes: dict[str, Any], summary: str = "",
) -> Proposal:
    """An officer proposes new values for some of the charter's rules; the members decide."""
    locked = _lock(club)
    _refuse_unless(permissions.may_propose_change(actor, locked),
                   _("Only the club's manager, treasurer or secretary can propose a change."))
    changes = _only_changes(locked, dict(changes))
    if not changes:
        raise ClubError(_("The proposal changes nothing: every value is already in force."))
    problems = charter_problems(changes)
    if problems:
        raise ClubError(" ".join(problems))
    title = _("Change of the charter: %(what)s") % {
        "what": ", ".join(str(CHARTER_RULES[field]) for field in changes)
    }
    proposal = Proposal.objects.create(
        club=locked, kind=Proposal.Kind.CHARTER, changes=changes, title=title[:200],
        summary=summary.strip(), submitted_by=permissions.person(actor),
    )
    audit(club=locked, actor=actor, action="proposal.submitted", proposal=proposal.pk,
          kind=proposal.kind, changes=changes)
    return proposal


def charter_apply_decision(*, club: Club, proposal: Proposal, actor: Actor) -> bool:
    """Put an approved charter change into force (called under the club's lock by the vote's
    closing). Returns whether it was applied."""
    changes = {k: v for k, v in proposal.changes.items() if k in CHARTER_RULES}
    if club.status == Club.Status.DISSOLVED or charter_problems(changes):
        return False
    changed = _set_rules(club, changes)
    audit(club=club, actor=actor, action="club.charter", changed=changed,
          by="decision", proposal=proposal.pk)
    return True


# Members and their roles ----------------------------------------------------------------


@transaction.atomic
def member_add(
    *, club: Club, name: str, on: date, role: str, user: Any, actor: Actor
) -> Member:
    """A new member joins: records the `join` event and links their account, if any.

    Officers' roles are given here only while the club is forming (at its founding); later a
    new member joins as a member, and officers are appointed by the members' decision.
    """
    locked = _lock(club)
    if role not in Member.Role.values:
        raise ClubError(Text(gettext_noop("Unknown role.")))
    _refuse_unless(permissions.may_add_member(actor, locked, role), _(
        "Only the club's officers add members, and once the club is active a new member "
        "joins as a member: officers are appointed by the members' decision."
    ))
    name = name.strip()
    if not name:
        raise ClubError(Text(gettext_noop("The member needs a name.")))
    if PSEUDONYM.fullmatch(name):
        raise ClubError(Text(gettext_noop(
            "Names such as \"erased person #12\" stand for members whose names were erased "
            "at their request; please write the member's name.")))
    if user is not None and Member.objects.filter(club=locked, user=user).exists():
        raise ClubError(
            Text(gettext_noop("That account already belongs to a member of this club."))
        )
    club_record_event(
        club=locked, event=Event(date=on, type="join", member=name), recorded_by=actor,
        user=user, role=role,
    )
    return Member.objects.get(club=locked, name=name)


def _set_role(*, club: Club, member: Member, role: str, actor: Actor, **why: Any) -> Member:
    old = member.role
    member.role = role
    member.save(update_fields=["role"])
    audit(club=club, actor=actor, action="member.role", member=member.name,
          member_id=member.pk, old=old, new=role, **why)
    return member


@transaction.atomic
def member_set_role(*, member: Member, role: str, actor: Actor) -> Member:
    """Change a role without a vote: only what `permissions.may_set_role_directly` allows
    (the founders while forming; the manager for treasurer and secretary if the charter
    says so). Nobody changes their own role."""
    locked = _lock(member.club)
    member.refresh_from_db()
    if role not in Member.Role.values:
        raise ClubError(Text(gettext_noop("Unknown role.")))
    if member.role == role:
        raise ClubError(_("%(name)s is already %(role)s.") % {
            "name": member.name, "role": role_label(role).lower()})
    _refuse_unless(permissions.may_set_role_directly(actor, locked, member, role), _(
        "Nobody changes their own role, and officers are appointed or removed by the "
        "members' decision: propose the change and put it to the vote."
    ))
    how = "founders" if locked.status == Club.Status.FORMING else "manager"
    return _set_role(club=locked, member=member, role=role, actor=actor, by=how)


@transaction.atomic
def role_propose_change(
    *, club: Club, actor: Actor, member: Member, role: str, summary: str = "",
) -> Proposal:
    """An officer proposes to appoint or remove an officer; the members decide."""
    locked = _lock(club)
    member.refresh_from_db()
    _refuse_unless(permissions.may_propose_change(actor, locked),
                   _("Only the club's manager, treasurer or secretary can propose a change."))
    if role not in Member.Role.values:
        raise ClubError(Text(gettext_noop("Unknown role.")))
    if member.club_id != locked.pk or not member.is_active:
        raise ClubError(_("Only an active member of the club can hold a role."))
    if member.role == role:
        raise ClubError(_("%(name)s is already %(role)s.") % {
            "name": member.name, "role": role_label(role).lower()})
    title = _("%(name)s: %(old)s → %(new)s") % {
        "name": member.name, "old": role_label(member.role), "new": role_label(role)}
    proposal = Proposal.objects.create(
        club=locked, kind=Proposal.Kind.ROLE, changes={"member": member.pk, "role": role},
        title=title[:200], summary=summary.strip(), submitted_by=permissions.person(actor),
    )
    audit(club=locked, actor=actor, action="proposal.submitted", proposal=proposal.pk,
          kind=proposal.kind, member=member.name, old=member.role, new=role)
    return proposal


def role_apply_decision(*, club: Club, proposal: Proposal, actor: Actor) -> bool:
    """Appoint or remove as the members decided (under the club's lock, at the vote's
    closing). A member who left meanwhile gets no role."""
    member = Member.objects.filter(club=club, pk=proposal.changes.get("member")).first()
    role = proposal.changes.get("role")
    if member is None or not member.is_active or role not in Member.Role.values:
        return False
    if member.role != role:
        _set_role(club=club, member=member, role=str(role), actor=actor, by="decision",
                  proposal=proposal.pk)
    return True

