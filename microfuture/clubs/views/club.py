"""Club pages: directory, founding, overview, charter, members, my membership, audit log."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microfuture.accounts.permissions import is_coordinator
from microfuture.clubs import permissions, selectors, services
from microfuture.clubs.forms import ClubCharterForm, RoleForm
from microfuture.clubs.forms_privacy import ConsentsForm
from microfuture.clubs.lookup import club_known_to
from microfuture.clubs.messages import localized
from microfuture.clubs.models import Club, Meeting, Member, Proposal

#: Rows of the audit log on one page.
AUDIT_PER_PAGE = 100
#: Clubs open to new projects on one page of the club list.
CLUBS_PER_PAGE = 50
#: Clubs on one page of a coordinator's regional overview.
REGION_PER_PAGE = 50


def posted(request: HttpRequest) -> Any:
    """The POST data, or None on GET (so an empty POST still shows the form's errors)."""
    return request.POST if request.method == "POST" else None


def get_club(request: HttpRequest, slug: str) -> Club:
    """The club, if the person may see it: 404 if there is none or they may not know it
    exists (`lookup.club_known_to`), 403 for a former member."""
    club = club_known_to(request.user, slug)
    permissions.require(permissions.can_view_club(request.user, club))
    return club


def club_context(request: HttpRequest, club: Club, **extra: Any) -> dict[str, Any]:
    user = request.user
    return {
        "club": club,
        "membership": permissions.membership(user, club),
        "can_read_club": permissions.can_read_club(user, club),
        "can_record_money": permissions.can_record_money(user, club),
        "can_run_governance": permissions.can_run_governance(user, club),
        **extra,
    }


def club_list(request: HttpRequest) -> HttpResponse:
    mine = (
        Member.objects.filter(user=request.user).select_related("club")
        if request.user.is_authenticated else Member.objects.none()
    )
    open_clubs = Club.objects.filter(open_to_projects=True).exclude(
        status__in=[Club.Status.MANAGEMENT, Club.Status.DISSOLVED]
    )
    return render(request, "clubs/club_list.html", {
        "mine": mine,
        "open_clubs": Paginator(open_clubs.order_by("name", "pk"), CLUBS_PER_PAGE).get_page(
            request.GET.get("page")),
        "is_coordinator": is_coordinator(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def club_new(request: HttpRequest) -> HttpResponse:
    form = ClubCharterForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            club = services.club_found(
                founder=request.user,
                founder_name=getattr(request.user, "full_name", "") or request.user.get_username(),
                initial_unit_value=Decimal("10.00"),
                **data,
            )
        except services.ClubError as exc:
            form.add_error(None, localized(exc))
        else:
            messages.success(request, _("The club is founded. You are its manager."))
            return redirect("clubs:detail", slug=club.slug)
    return render(request, "clubs/club_new.html", {"form": form})


def club_detail(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    stmt = selectors.club_statement(club)
    return render(request, "clubs/club_detail.html", club_context(
        request, club, stmt=stmt,
        meetings=Meeting.objects.filter(club=club).order_by("-starts_at")[:3],
        voting=Proposal.objects.filter(club=club, status=Proposal.Status.VOTING),
    ))


@require_http_methods(["GET", "POST"])
def club_members(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    manager = permissions.can_run_governance(request.user, club)
    if request.method == "POST":
        permissions.require(manager)
        if "role-member" in request.POST:
            member = get_object_or_404(Member, club=club, pk=request.POST["role-member"])
            role_form = RoleForm(request.POST)
            if role_form.is_valid():
                try:
                    services.member_set_role(
                        member=member, role=role_form.cleaned_data["role"], actor=request.user
                    )
                except services.ClubError as exc:
                    messages.error(request, localized(exc))
                else:
                    messages.success(request, _("The role is changed."))
        # New members come by invitation or as members without an account: invitations.py.
        return redirect("clubs:members", slug=club.slug)
    # Names and roles are the club's; amounts only where the reader may see them.
    scope = permissions.figure_scope(request.user, club)
    stmt = selectors.statement_seen_by(selectors.club_statement(club), scope)
    figures = {m["name"]: m for m in stmt["members"]}
    audit_role = permissions.reads_for_audit(request.user, club)
    members = [
        (member, figures.get(member.name), scope.covers(member.name) or audit_role)
        for member in Member.objects.filter(club=club).select_related("user")
    ]
    return render(request, "clubs/club_members.html", club_context(
        request, club, members=members, can_edit=manager,
        roles=Member.Role.choices, stmt=stmt, all_figures=scope.everyone,
    ))


@login_required
@require_http_methods(["GET", "POST"])
def my_membership(request: HttpRequest, slug: str) -> HttpResponse:
    """The member's own page, also after they left: their figures and their consents; the
    club's votes and meetings only while they are in it."""
    club = club_known_to(request.user, slug)
    member = permissions.membership(request.user, club)
    permissions.require(member is not None, _("You are not a member of this club."))
    assert member is not None
    consents = ConsentsForm(posted(request), initial={
        "name_public": member.name_public, "coordinator_may_read": member.coordinator_may_read,
    })
    if request.method == "POST" and consents.is_valid():
        try:
            services.member_set_consents(
                member=member, actor=request.user, **consents.cleaned_data
            )
        except services.ClubError as exc:
            consents.add_error(None, localized(exc))
        else:
            messages.success(request, _("Your consents are saved."))
            return redirect("clubs:me", slug=club.slug)
    # One load of the book for the statement and the pledge (it was two).
    data = selectors.member_page(club, member)
    pledge = data["pledge"]
    active = member.is_active
    return render(request, "clubs/my_membership.html", club_context(
        request, club, member=member, mine=data["member"], stmt=data["club"],
        events=data["events"], pledge=pledge, consents=consents,
        meetings=Meeting.objects.filter(club=club).order_by("-starts_at")[:5] if active else [],
        voting=(
            Proposal.objects.filter(club=club, status=Proposal.Status.VOTING) if active else []
        ),
    ))


def club_audit(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    # Pages of AUDIT_PER_PAGE rows, latest first: the whole log of a long-lived club is never
    # loaded at once, and its oldest rows stay reachable (the page used to stop at 500).
    page = Paginator(club.audit_log.all(), AUDIT_PER_PAGE).get_page(request.GET.get("page"))
    entries = selectors.audit_entries_seen_by(
        club, permissions.figure_scope(request.user, club),
        show_choices=permissions.can_see_vote_choices(request.user, club),
        offset=(page.number - 1) * AUDIT_PER_PAGE, limit=AUDIT_PER_PAGE,
    )
    return render(request, "clubs/club_audit.html", club_context(
        request, club, entries=entries, page=page))


@login_required
def region_overview_page(request: HttpRequest) -> HttpResponse:
    permissions.require(
        is_coordinator(request.user), _("Only regional coordinators can see this overview.")
    )
    # Pages of REGION_PER_PAGE clubs, in the overview's order (region, then name).
    page = Paginator(selectors.region_overview(request.user), REGION_PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "clubs/region_overview.html", {"rows": page, "page": page})
