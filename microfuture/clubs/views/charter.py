"""The charter, officers' roles and payments waiting for a second officer.

HTTP only: parse a form, call a service (which checks who may, under the club's lock), show
what it did. Which form a person sees is asked of `clubs.permissions`, never decided here.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microfuture.clubs import permissions, services
from microfuture.clubs.decisions import CHARTER_RULES, charter_value
from microfuture.clubs.forms import StatusForm
from microfuture.clubs.forms_charter import (
    CharterRulesForm,
    ParticularsForm,
    PaymentDecisionForm,
    RoleChangeForm,
)
from microfuture.clubs.messages import localized
from microfuture.clubs.models import Club, Member, PaymentApproval, Proposal
from microfuture.clubs.services import charter as charter_services
from microfuture.clubs.services import payments
from microfuture.clubs.views.club import club_context, get_club, posted


def _open_proposals(club: Club, kind: str) -> list[Proposal]:
    return list(Proposal.objects.filter(
        club=club, kind=kind, status__in=[Proposal.Status.SUBMITTED, Proposal.Status.VOTING],
    ).order_by("-created_at"))


@require_http_methods(["GET", "POST"])
def club_charter(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    if request.method == "POST" and action is None and "status" in request.POST:
        action = "status"
    set_directly = permissions.may_set_charter_directly(user, club)
    may_propose = permissions.may_propose_change(user, club)
    rules_form = CharterRulesForm(
        posted(request) if action == "rules" else None,
        initial=CharterRulesForm.initial_for(club),
    )
    particulars_form = ParticularsForm(
        posted(request) if action == "particulars" else None,
        initial={"region": club.region, "other_regions": list(club.other_regions or ()),
                 "open_to_projects": club.open_to_projects,
                 "description": club.description, "contact_email": club.contact_email},
    )
    status_form = StatusForm(
        posted(request) if action == "status" else None, initial={"status": club.status}
    )
    allowed = services.money.ALLOWED_STATUS_CHANGES.get(Club.Status(club.status), set())
    status_form.fields["status"].choices = [  # type: ignore[attr-defined]
        (value, label) for value, label in Club.Status.choices if value in allowed
    ]
    if request.method == "POST":
        permissions.require(permissions.can_run_governance(user, club))
        try:
            if action == "status" and status_form.is_valid():
                services.club_set_status(
                    club=club, status=status_form.cleaned_data["status"], actor=user
                )
                messages.success(request, _("The club's stage is changed."))
                return redirect("clubs:charter", slug=club.slug)
            if action == "particulars" and particulars_form.is_valid():
                charter_services.club_update_charter(
                    club=club, actor=user, **particulars_form.cleaned_data
                )
                messages.success(request, _("The club's details are saved."))
                return redirect("clubs:charter", slug=club.slug)
            if action == "rules" and rules_form.is_valid():
                rules = rules_form.rules()
                if set_directly:
                    charter_services.club_update_charter(club=club, actor=user, **rules)
                    messages.success(request, _("The charter is saved."))
                    return redirect("clubs:charter", slug=club.slug)
                proposal = charter_services.charter_propose_change(
                    club=club, actor=user, changes=rules,
                    summary=rules_form.cleaned_data["summary"],
                )
                messages.success(request, _(
                    "The change is proposed. It comes into force only if the members approve "
                    "it: open the vote on the proposal's page."
                ))
                return redirect("clubs:proposal", slug=club.slug, pk=proposal.pk)
        except services.ClubError as exc:
            form = {"rules": rules_form, "particulars": particulars_form}.get(action or "")
            if form is not None:
                form.add_error(None, localized(exc))
            else:
                messages.error(request, localized(exc))
                return redirect("clubs:charter", slug=club.slug)
    in_force = [
        (label, charter_value(club, field, getattr(club, field)))
        for field, label in CHARTER_RULES.items()
    ]
    return render(request, "clubs/club_charter.html", club_context(
        request, club, rules_form=rules_form, particulars_form=particulars_form,
        status_form=status_form, in_force=in_force, set_directly=set_directly,
        may_propose=may_propose and not set_directly,
        can_edit=permissions.may_edit_particulars(user, club),
        can_change_status=permissions.can_run_governance(user, club) and bool(allowed),
        open_changes=_open_proposals(club, Proposal.Kind.CHARTER),
    ))


@require_http_methods(["GET", "POST"])
def club_roles(request: HttpRequest, slug: str) -> HttpResponse:
    """Who holds which role; officers propose a change, or make it where the charter lets
    them (the founders while forming; the manager for treasurer and secretary)."""
    club = get_club(request, slug)
    user = request.user
    form = RoleChangeForm(posted(request), club=club)
    if request.method == "POST":
        permissions.require(permissions.may_propose_change(user, club))
        if form.is_valid():
            member: Member = form.cleaned_data["member"]
            role = form.cleaned_data["role"]
            try:
                if permissions.may_set_role_directly(user, club, member, role):
                    services.member_set_role(member=member, role=role, actor=user)
                    messages.success(request, _("The role is changed."))
                    return redirect("clubs:roles", slug=club.slug)
                proposal = charter_services.role_propose_change(
                    club=club, actor=user, member=member, role=role,
                    summary=form.cleaned_data["summary"],
                )
            except services.ClubError as exc:
                form.add_error(None, localized(exc))
            else:
                messages.success(request, _(
                    "The change is proposed. It comes into force only if the members approve "
                    "it: open the vote on the proposal's page."
                ))
                return redirect("clubs:proposal", slug=club.slug, pk=proposal.pk)
    officers = Member.objects.filter(
        club=club, joined_on__isnull=False, exited_on__isnull=True,
    ).exclude(role=Member.Role.MEMBER).order_by("role", "name")
    return render(request, "clubs/governance/roles.html", club_context(
        request, club, form=form, officers=officers,
        may_propose=permissions.may_propose_change(user, club),
        open_changes=_open_proposals(club, Proposal.Kind.ROLE),
    ))


@require_http_methods(["GET", "POST"])
def club_payments(request: HttpRequest, slug: str) -> HttpResponse:
    """Large payments waiting for a second officer, and what became of earlier ones."""
    club = get_club(request, slug)
    user = request.user
    permissions.require(
        permissions.can_run_governance(user, club),
        _("Only the club's officers see payments waiting for confirmation."),
    )
    if request.method == "POST":
        approval = get_object_or_404(PaymentApproval, club=club, pk=request.POST.get("approval"))
        form = PaymentDecisionForm(request.POST)
        form.is_valid()
        try:
            if request.POST.get("action") == "confirm":
                row = payments.payment_confirm(approval=approval, actor=user)
                messages.success(request, _(
                    "Confirmed: the payment is recorded (event %(seq)s)."
                ) % {"seq": row.seq})
            else:
                payments.payment_cancel(approval=approval, actor=user,
                                        reason=form.cleaned_data.get("reason", ""))
                messages.success(request, _("The payment is cancelled; nothing was recorded."))
        except services.ClubError as exc:
            messages.error(request, localized(exc))
        return redirect("clubs:payments", slug=club.slug)
    rows = list(
        PaymentApproval.objects.filter(club=club)
        .select_related("proposal", "proposal__enterprise", "member", "requested_by",
                        "decided_by", "event")[:200]
    )
    pending = [
        (a, permissions.may_confirm_payment(user, club, a),
         permissions.may_cancel_payment(user, club, a))
        for a in rows if a.status == PaymentApproval.Status.PENDING
    ]
    return render(request, "clubs/governance/payments.html", club_context(
        request, club, pending=pending,
        decided=[a for a in rows if a.status != PaymentApproval.Status.PENDING],
        form=PaymentDecisionForm(),
    ))
