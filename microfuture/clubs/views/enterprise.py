"""The entrepreneur's pages: what clubs offer, registering an enterprise, its own page.

An enterprise's page is for its representatives. Members and coordinators of a club that
funded it, or received a proposal from it, may read it (only what concerns their clubs);
to everyone else it answers like an enterprise that does not exist (404).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microfuture.clubs import legal_form as law
from microfuture.clubs import permissions, selectors
from microfuture.clubs.core import from_cents
from microfuture.clubs.forms_governance import (
    ApplyForm,
    EnterpriseDetailsForm,
    EnterpriseForm,
    EnterpriseUpdateForm,
)
from microfuture.clubs.messages import localized
from microfuture.clubs.models import Club, Enterprise, Mentorship, Proposal
from microfuture.clubs.services import enterprise as enterprise_service
from microfuture.clubs.services import governance, interest, mentoring
from microfuture.clubs.services.money import ClubError
from microfuture.clubs.stages import STAGES_TAKING_PROJECTS


def clubs_taking_projects() -> Any:
    return Club.objects.filter(
        open_to_projects=True, status__in=list(STAGES_TAKING_PROJECTS)
    ).order_by("name")


def related_clubs(enterprise: Enterprise) -> list[Club]:
    """Clubs the enterprise applied to, or that invested in it."""
    return list(
        Club.objects.filter(
            Q(proposals__enterprise=enterprise)
            | Q(events__type="investment", events__enterprise=enterprise.name)
        ).distinct().order_by("name")
    )


def visible_clubs(user: Any, enterprise: Enterprise) -> list[Club]:
    """Related clubs the person may see (as member, coordinator or administrator)."""
    return [c for c in related_clubs(enterprise) if permissions.can_view_club(user, c)]


@require_http_methods(["GET", "POST"])
def enterprise_home(request: HttpRequest) -> HttpResponse:
    form = EnterpriseForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            raise PermissionDenied(_("Sign in to register an enterprise."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                ent = interest.interest_register_enterprise(
                    actor=request.user, name=data["name"], legal_form=data["legal_form"],
                    social_enterprise=data["social_enterprise"],
                    region=data["region"], description=data["description"],
                    share_capital=data["share_capital"], contact_email=data["contact_email"],
                    site_url=request.build_absolute_uri("/").rstrip("/"),
                )
            except ClubError as exc:
                form.add_error(None, localized(exc))
            else:
                messages.success(request, _("The enterprise is registered. You represent it."))
                return redirect("clubs:enterprise_detail", ent_slug=ent.slug)
    mine = (
        Enterprise.objects.filter(representatives=request.user)
        if request.user.is_authenticated else Enterprise.objects.none()
    )
    return render(request, "clubs/enterprise/home.html", {
        "form": form, "mine": mine, "open_clubs": clubs_taking_projects(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_detail(request: HttpRequest, ent_slug: str) -> HttpResponse:
    ent = get_object_or_404(Enterprise, slug=ent_slug)
    user = request.user
    is_rep = permissions.represents(user, ent)
    clubs = related_clubs(ent) if is_rep else visible_clubs(user, ent)
    if not (is_rep or clubs):
        # Whoever may not read it learns nothing: the 404 of an enterprise that does not exist
        # (docs/security.md, "Oracles").
        raise Http404
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None:
        permissions.require(is_rep, _("Only the enterprise's representatives can do this."))
    today = timezone.localdate()
    apply_form = ApplyForm(
        request.POST if action == "apply" else None, clubs=clubs_taking_projects(),
        prefix="apply",
    )
    update_form = EnterpriseUpdateForm(
        request.POST if action == "update" else None, prefix="update", initial={"date": today}
    )
    details_form = EnterpriseDetailsForm(
        request.POST if action == "details" else None, prefix="details", initial={
            "legal_form": ent.legal_form, "social_enterprise": ent.social_enterprise,
            "description": ent.description,
            "share_capital": from_cents(ent.share_capital_cents)
            if ent.share_capital_cents is not None else None,
            "contact_email": ent.contact_email,
        },
    )
    try:
        if action == "apply" and apply_form.is_valid():
            proposal = governance.proposal_submit(
                club=apply_form.cleaned_data["club"], enterprise=ent, actor=user,
                **apply_form.proposal_fields(),
            )
            messages.success(request, _("Your proposal is sent to %(club)s.")
                             % {"club": proposal.club.name})
            return redirect("clubs:enterprise_detail", ent_slug=ent.slug)
        if action == "update" and update_form.is_valid():
            data = update_form.cleaned_data
            mentoring.enterprise_post_update(
                enterprise=ent, actor=user, on=data["date"], jobs=data["jobs"],
                turnover=data["turnover"], milestone=data["milestone"],
            )
            messages.success(request, _("Your news is posted to your clubs."))
            return redirect("clubs:enterprise_detail", ent_slug=ent.slug)
        if action == "withdraw":
            proposal = get_object_or_404(
                Proposal, enterprise=ent, pk=request.POST.get("proposal") or 0
            )
            governance.proposal_withdraw(proposal=proposal, actor=user)
            messages.success(request, _("The proposal is withdrawn."))
            return redirect("clubs:enterprise_detail", ent_slug=ent.slug)
        if action == "details" and details_form.is_valid():
            data = details_form.cleaned_data
            enterprise_service.enterprise_update_details(
                enterprise=ent, actor=user, legal_form=data["legal_form"],
                social_enterprise=data["social_enterprise"],
                description=data["description"], share_capital=data["share_capital"],
                contact_email=data["contact_email"],
            )
            messages.success(request, _("The details are saved."))
            return redirect("clubs:enterprise_detail", ent_slug=ent.slug)
    except ClubError as exc:
        if action == "withdraw":
            messages.error(request, localized(exc))
            return redirect("clubs:enterprise_detail", ent_slug=ent.slug)
        forms = {"apply": apply_form, "update": update_form, "details": details_form}
        forms[action or "apply"].add_error(None, localized(exc))
    club_ids = [c.pk for c in clubs]
    proposals = Proposal.objects.filter(enterprise=ent, club_id__in=club_ids).select_related(
        "club"
    )
    loans = [loan for loan in selectors.enterprise_loans(ent) if loan.club.pk in club_ids]
    mentors = Mentorship.objects.filter(enterprise=ent, club_id__in=club_ids).select_related(
        "club", "mentor"
    )
    return render(request, "clubs/enterprise/detail.html", {
        "enterprise": ent, "is_rep": is_rep, "proposals": proposals, "loans": loans,
        "mentors": mentors, "updates": ent.updates.all()[:10],
        "apply_form": apply_form, "update_form": update_form, "details_form": details_form,
        "share_capital": from_cents(ent.share_capital_cents)
        if ent.share_capital_cents is not None else None,
        "legal_form": law.describe(legal_form=ent.legal_form,
                                   social_enterprise=ent.social_enterprise),
        "equity_note": law.equity_note(social_enterprise=ent.social_enterprise),
        "no_shares": ent.legal_form in law.WITHOUT_SHARES,
        "any_club_open": clubs_taking_projects().exists(),
        "today": today,
        "withdrawable": {Proposal.Status.SUBMITTED, Proposal.Status.VOTING,
                         Proposal.Status.APPROVED},
    })
