"""Who may do what in a club. Every club page and endpoint asks here, on the server.

Roles in a club come from the person's `Member` row (manager, treasurer, secretary,
member); platform administrators may do everything, and a regional coordinator may read
(never change) every club of the regions they coordinate. Whose personal figures each of
them reads (and what a former member still reads) is decided by the read rules at the end of
this module (docs/privacy.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from microfuture.accounts.models import User
from microfuture.accounts.permissions import coordinated_regions
from microfuture.clubs.models import (
    Club,
    Enterprise,
    Member,
    Mentorship,
    PaymentApproval,
    Proposal,
)
from microfuture.kernel.request_memo import remembered

MONEY_ROLES = {Member.Role.TREASURER, Member.Role.MANAGER}
GOVERNANCE_ROLES = {Member.Role.MANAGER, Member.Role.SECRETARY, Member.Role.TREASURER}


def membership(user: Any, club: Club) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return _member_row(user, club)


def _member_row(user: Any, club: Club) -> Member | None:
    """The person's member row in the club (active or not), read once a request."""
    return remembered(("member", user.pk, club.pk),
                      lambda: Member.objects.filter(club=club, user=user).first())


def can_view_club(user: Any, club: Club) -> bool:
    """The club's pages: see `can_read_club` (former members only their own statement)."""
    return can_read_club(user, club)


def can_record_money(user: Any, club: Club) -> bool:
    """Treasurers and managers record money events; administrators may too."""
    return may_record_money(user, club)


def can_run_governance(user: Any, club: Club) -> bool:
    """Managers, secretaries and treasurers call meetings and open votes."""
    return may_run_governance(user, club)


def can_vote(user: Any, club: Club) -> Member | None:
    member = membership(user, club)
    return member if member is not None and member.is_active else None


def represents(user: Any, enterprise: Enterprise) -> bool:
    return bool(
        user.is_authenticated and enterprise.representatives.filter(pk=user.pk).exists()
    )


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("You do not have permission to do this."))


# Governance and money rules (docs/governance.md). Services ask these under the club's lock,
# with the acting user as a required argument; views and the API ask the same functions to
# decide what to show. Anonymous visitors and `None` never pass; the scheduled job acts as
# `SYSTEM`, which passes only the rule written for it (closing online votes that are due).


@dataclass(frozen=True)
class SystemActor:
    """The platform acting on a schedule (`close_due_votes`), never a person."""

    name: str = "schedule"
    is_authenticated: bool = False
    is_superuser: bool = False


SYSTEM = SystemActor()

#: Who acts in a service: a person (signed in or not, as `request.user` is) or the job.
Actor = AbstractBaseUser | AnonymousUser | SystemActor

#: Roles the manager may give and take when the charter says `manager_appoints_officers`.
MANAGER_APPOINTS = {Member.Role.TREASURER, Member.Role.SECRETARY, Member.Role.MEMBER}


def person(actor: object) -> User | None:
    """The signed-in, active account behind an actor; None for anyone else (and the job)."""
    if isinstance(actor, User) and actor.is_authenticated and actor.is_active:
        return actor
    return None


def _admin(actor: object) -> bool:
    user = person(actor)
    return user is not None and user.is_superuser


def active_member(actor: object, club: Club) -> Member | None:
    """The actor's own active membership of the club, if any."""
    user = person(actor)
    if user is None:
        return None
    member = _member_row(user, club)
    return member if member is not None and member.is_active else None


def club_officer(actor: object, club: Club) -> Member | None:
    """The actor as an active manager, treasurer or secretary of the club."""
    member = active_member(actor, club)
    return member if member is not None and member.role in GOVERNANCE_ROLES else None


def may_run_governance(actor: object, club: Club) -> bool:
    """Meetings, due diligence, opening and closing votes, proposing changes: officers."""
    return _admin(actor) or club_officer(actor, club) is not None


def may_record_money(actor: object, club: Club) -> bool:
    """Recording money events (and asking for a large payment): treasurer or manager."""
    if _admin(actor):
        return True
    member = active_member(actor, club)
    return member is not None and member.role in MONEY_ROLES


def may_submit_proposal(actor: object, club: Club, enterprise: Enterprise) -> bool:
    """An enterprise's representative applies; an officer files on the enterprise's behalf."""
    return may_run_governance(actor, club) or (
        person(actor) is not None and represents(actor, enterprise)
    )


def may_withdraw_proposal(actor: object, club: Club, proposal: Proposal) -> bool:
    if may_run_governance(actor, club):
        return True
    return (
        proposal.enterprise is not None and person(actor) is not None
        and represents(actor, proposal.enterprise)
    )


def may_vote(actor: object, member: Member) -> bool:
    """Each active member casts their own vote, and nobody else's."""
    user = person(actor)
    return user is not None and member.user_id == user.pk and member.is_active


def may_close_vote(actor: object, club: Club, proposal: Proposal, now: dt.datetime) -> bool:
    """Officers close votes; the scheduled job closes online votes whose deadline passed."""
    if actor is SYSTEM:
        return proposal.vote_deadline is not None and proposal.vote_deadline <= now
    return may_run_governance(actor, club)


def may_set_charter_directly(actor: object, club: Club) -> bool:
    """Only while the club is forming (before its first general meeting) does its founding
    manager set the charter; afterwards it changes by the members' decision."""
    officer = club_officer(actor, club)
    return (
        club.status == Club.Status.FORMING and officer is not None
        and officer.role == Member.Role.MANAGER
    )


def may_edit_particulars(actor: object, club: Club) -> bool:
    """Region, description, contact address, open to projects: the officers, any time."""
    return club.status != Club.Status.DISSOLVED and may_run_governance(actor, club)


def may_propose_change(actor: object, club: Club) -> bool:
    """Officers put a change of the charter or of an officer's role to the members."""
    return club.status != Club.Status.DISSOLVED and may_run_governance(actor, club)


def may_set_role_directly(actor: object, club: Club, member: Member, role: str) -> bool:
    """Nobody changes their own role. Otherwise, without a members' decision, only:
    the founding manager while the club is forming (so a secretary cannot take over a club
    before its first general meeting either), and the manager for the treasurer and
    secretary roles when the charter says `manager_appoints_officers`."""
    user = person(actor)
    if user is None or member.club_id != club.pk or member.user_id == user.pk:
        return False
    officer = club_officer(actor, club)
    if officer is None:
        return False
    if club.status == Club.Status.FORMING:
        return officer.role == Member.Role.MANAGER
    return (
        club.manager_appoints_officers and officer.role == Member.Role.MANAGER
        and member.is_active and member.role in MANAGER_APPOINTS and role in MANAGER_APPOINTS
    )


def may_add_member(actor: object, club: Club, role: str) -> bool:
    """Officers add members; officers' roles are given by the founding manager while the
    club is forming, and afterwards only by a decision."""
    if not may_run_governance(actor, club):
        return False
    if role == Member.Role.MEMBER:
        return True
    officer = club_officer(actor, club)
    return (
        club.status == Club.Status.FORMING and officer is not None
        and officer.role == Member.Role.MANAGER
    )


def may_log_mentoring(actor: object, club: Club, mentorship: Mentorship) -> bool:
    """The mentor logs their own sessions; the club's officers may log any."""
    user = person(actor)
    if user is not None and mentorship.mentor.user_id == user.pk:
        return True
    return may_run_governance(actor, club)


def may_post_enterprise_news(actor: object, enterprise: Enterprise) -> bool:
    return person(actor) is not None and represents(actor, enterprise)


def may_edit_enterprise(actor: object, enterprise: Enterprise) -> bool:
    """Its representatives keep its details (clubs check their stake on its capital)."""
    return person(actor) is not None and represents(actor, enterprise)


def may_register_enterprise(actor: object) -> bool:
    return person(actor) is not None


def mentors_enterprise(actor: object, enterprise: Enterprise) -> bool:
    """The actor is a mentor a club named for the enterprise, and still an active member."""
    user = person(actor)
    return user is not None and Mentorship.objects.filter(
        enterprise=enterprise, mentor__user=user, mentor__joined_on__isnull=False,
        mentor__exited_on__isnull=True,
    ).exists()


def may_report_for_enterprise(actor: object, enterprise: Enterprise) -> bool:
    """The yearly report (jobs, trading, finance obtained): its representatives or its mentor
    (docs/impact.md)."""
    return person(actor) is not None and (
        represents(actor, enterprise) or mentors_enterprise(actor, enterprise))


def may_record_volunteer_time(actor: object, club: Club, member: Member) -> bool:
    """Officers record any active member's volunteer time; a member only their own."""
    if member.club_id != club.pk or not member.is_active:
        return False
    if may_run_governance(actor, club):
        return True
    own = active_member(actor, club)
    return own is not None and own.pk == member.pk


def volunteer_time_view(reader: object, club: Club) -> Literal["all", "own", "totals", "none"]:
    """Whose volunteer entries a reader sees: officers (and administrators) every entry, a
    member their own, a coordinator of the club's region the totals only."""
    user = person(reader)
    if user is None:
        return "none"
    if may_run_governance(user, club):
        return "all"
    if active_member(user, club) is not None:
        return "own"
    return "totals" if coordinates_club(user, club) else "none"


def may_record_events(
    actor: object, club: Club, types: set[str], *, history: bool = False
) -> bool:
    """Money events: the treasurer or the manager. Joins alone (a member added): the
    officers (`member_add` says which roles), or the founder recording their own joining in
    a club that has no member yet. A club's past brought onto the platform (`history`, the
    operator's demo seeding) may also be recorded by SYSTEM."""
    if history and actor is SYSTEM:
        return True
    if types and types <= {"join"}:
        if may_run_governance(actor, club):
            return True
        return person(actor) is not None and not Member.objects.filter(club=club).exists()
    return may_record_money(actor, club)


def may_import_journal(actor: object, club: Club) -> bool:
    """The treasurer or the manager, or the operator's `import_club_journal` command (SYSTEM)."""
    return actor is SYSTEM or may_record_money(actor, club)


def may_change_stage(actor: object, club: Club) -> bool:
    """The officers; SYSTEM too, for the operator's commands that set a club's past stages
    (demo seeding)."""
    return actor is SYSTEM or may_run_governance(actor, club)


def may_request_payment(actor: object, club: Club) -> bool:
    return may_record_money(actor, club)


def may_confirm_payment(actor: object, club: Club, approval: PaymentApproval) -> bool:
    """The second pair of eyes: another active treasurer or manager of the club (not the
    secretary, who holds no money role, and not a platform administrator)."""
    user = person(actor)
    if user is None or approval.requested_by_id == user.pk:
        return False
    member = active_member(actor, club)
    return member is not None and member.role in MONEY_ROLES


def may_cancel_payment(actor: object, club: Club, approval: PaymentApproval) -> bool:
    """The officer who asked withdraws the request, or a second money officer declines it."""
    user = person(actor)
    if user is None:
        return False
    if approval.requested_by_id == user.pk:
        return may_record_money(actor, club)
    return may_confirm_payment(actor, club, approval)


# Read rules (docs/privacy.md): who reads a club, and whose personal figures. Every page, PDF,
# CSV, JSON and API endpoint that shows a member's amounts, units, shares, pledges or money
# events asks here. Anonymous visitors and `None` never pass.

#: Who reads: a person, signed in or not, or nobody at all.
Reader = AbstractBaseUser | AnonymousUser | None

#: How a reader may open one member's figures (or the whole journal file): as a right, in the
#: logged audit role of a platform administrator, or not at all.
FiguresAccess = Literal["allowed", "audit", "denied"]


@dataclass(frozen=True)
class FigureScope:
    """Whose personal figures a reader sees in a club's lists: everyone's, or those of the
    members named (their own, and a coordinator's consenting members)."""

    everyone: bool = False
    names: frozenset[str] = frozenset()

    def covers(self, name: str) -> bool:
        return self.everyone or name in self.names


def clubs_in_regions(regions: Iterable[str]) -> Q:
    """Clubs whose region, or one of whose other regions, is one of `regions` (a filter on
    `Club` rows). `other_regions` is a JSON list of codes; the quoted code is looked for in its
    text, which works alike on SQLite and PostgreSQL (JSON `contains` does not exist on
    SQLite). Codes are checked when stored (five capitals and digits, quoted), so a match is
    a whole element, never part of one."""
    codes = sorted(set(regions))
    found = Q(region__in=codes)
    for code in codes:
        found |= Q(other_regions__icontains=f'"{code}"')
    return found


def coordinates_club(user: User, club: Club) -> bool:
    """The person coordinates one of the regions the club covers (its own or another)."""
    return not set(club.regions).isdisjoint(coordinated_regions(user))


def _coordinates(user: User, club: Club) -> bool:
    """A coordinator of one of the club's regions (a platform administrator is not one by
    that)."""
    return not user.is_superuser and coordinates_club(user, club)


def can_read_club(reader: Reader, club: Club) -> bool:
    """The club's pages and club-level figures: its active members, the coordinators of its
    region and platform administrators. A former member reads only their own statement."""
    user = person(reader)
    if user is None:
        return False
    if user.is_superuser or coordinates_club(user, club):
        return True
    return active_member(user, club) is not None


def clubs_readable_by(reader: Reader) -> Q:
    """The same rule as `can_read_club`, as a filter on `Club` rows."""
    user = person(reader)
    if user is None:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    mine = Member.objects.filter(
        user=user, joined_on__isnull=False, exited_on__isnull=True
    ).values("club")
    return clubs_in_regions(coordinated_regions(user)) | Q(pk__in=mine)


def figure_scope(reader: Reader, club: Club) -> FigureScope:
    """Officers (manager, treasurer, secretary) see every member's figures, and so does every
    member when the charter has open books; otherwise a member sees their own (also after
    leaving), and a coordinator of the region those of the members who consented."""
    user = person(reader)
    if user is None:
        return FigureScope()
    own = _member_row(user, club)
    if own is not None and own.is_active and (own.role in GOVERNANCE_ROLES or club.open_books):
        return FigureScope(everyone=True)
    names = {own.name} if own is not None else set()
    if _coordinates(user, club):
        names.update(
            Member.objects.filter(club=club, coordinator_may_read=True)
            .values_list("name", flat=True)
        )
    return FigureScope(names=frozenset(names))


def can_see_member_figures(reader: Reader, club: Club, member: Member) -> bool:
    return member.club_id == club.pk and figure_scope(reader, club).covers(member.name)


def can_see_all_member_figures(reader: Reader, club: Club) -> bool:
    return figure_scope(reader, club).everyone


def reads_for_audit(reader: Reader, club: Club) -> bool:
    """A platform administrator may read what the rules above do not show them, in the audit
    role: every such read is written to the club's audit log (services.privacy)."""
    user = person(reader)
    return user is not None and user.is_superuser


def member_figures_access(reader: Reader, club: Club, member: Member) -> FiguresAccess:
    """One member's personal statement (page, PDF, JSON)."""
    if can_see_member_figures(reader, club, member):
        return "allowed"
    if member.club_id == club.pk and reads_for_audit(reader, club):
        return "audit"
    return "denied"


def all_figures_access(reader: Reader, club: Club) -> FiguresAccess:
    """Every member's figures at once (the journal file, everyone's pledges, the collection
    sheet): for those who see them all; a platform administrator in the audit role."""
    if person(reader) is not None and can_see_all_member_figures(reader, club):
        return "allowed"
    return "audit" if reads_for_audit(reader, club) else "denied"


def journal_file_access(reader: Reader, club: Club) -> FiguresAccess:
    """The journal file holds every member's amounts, so it goes to those who see them all."""
    return all_figures_access(reader, club)


def ballot_is_secret(club: Club, proposal: Proposal | None = None) -> bool:
    """A proposal's ballot is secret if it was when its vote opened; the club's charter
    decides for the rest (and for the audit log as a whole)."""
    if proposal is not None and proposal.secret_at_open is not None:
        return proposal.secret_at_open or club.secret_ballot
    return club.secret_ballot


def can_see_vote_choices(
    reader: Reader, club: Club, proposal: Proposal | None = None
) -> bool:
    """Who voted how: nobody, officers included, while the ballot is secret (the charter's
    default; a ballot opened secret stays secret); otherwise whoever reads the club. Who has
    voted is shown for the quorum."""
    return not ballot_is_secret(club, proposal) and can_read_club(reader, club)


def may_set_consents(actor: object, member: Member) -> bool:
    """A member's consents are given and withdrawn by that member alone, also after leaving."""
    user = person(actor)
    return user is not None and member.user_id is not None and member.user_id == user.pk


# Invitations and people's requests (docs/accounts.md) -------------------------------------


def may_invite(actor: object, club: Club) -> bool:
    """Officers invite people to join, and cancel invitations, while the club takes savings."""
    return club.takes_savings and may_run_governance(actor, club)


def may_handle_interest(actor: object, region: str, club: Club | None) -> bool:
    """A request to join a club or to register an enterprise is seen and handled by the
    officers of the club it names and by the coordinators of its region."""
    user = person(actor)
    if user is None:
        return False
    if user.is_superuser or region in coordinated_regions(user):
        return True
    if club is not None and coordinates_club(user, club):
        return True  # a coordinator of another region the named club covers
    return club is not None and club_officer(user, club) is not None


def interest_visible_to(actor: object) -> Q:
    """The same rule as `may_handle_interest`, as a filter on `InterestRequest` rows."""
    user = person(actor)
    if user is None:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    officer_of = Member.objects.filter(
        user=user, role__in=GOVERNANCE_ROLES, joined_on__isnull=False, exited_on__isnull=True
    ).values("club")
    regions = coordinated_regions(user)
    covered = Club.objects.filter(clubs_in_regions(regions)).values("pk")
    return Q(region__in=regions) | Q(club__in=covered) | Q(club__in=officer_of)
