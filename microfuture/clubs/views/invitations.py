"""Invitations: the officers' page (invite, cancel, members without an account) and the
invited person's page to accept (HTTP only; rules in services/invitations.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from microfuture.clubs import permissions, selectors_interest
from microfuture.clubs.forms_invitations import InvitationForm, PaperMemberForm
from microfuture.clubs.messages import localized
from microfuture.clubs.models import Invitation, Member
from microfuture.clubs.services import member_add
from microfuture.clubs.services.invitations import (
    invitation_accept as accept,
)
from microfuture.clubs.services.invitations import (
    invitation_by_token,
    invitation_cancel,
    invitation_is_open,
    invitation_send,
)
from microfuture.clubs.services.money import ClubError
from microfuture.clubs.views.club import club_context, get_club


@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_club(request, slug)
    permissions.require(permissions.may_run_governance(request.user, club))
    posted = request.POST if request.method == "POST" else None
    invite = InvitationForm(posted if posted and "invite" in posted else None, prefix="invite")
    paper = PaperMemberForm(posted if posted and "paper" in posted else None, prefix="paper")
    if posted is not None and "invite" in posted and invite.is_valid():
        try:
            invitation_send(
                club=club, actor=request.user, name=invite.cleaned_data["name"],
                email=invite.cleaned_data["email"],
                site_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except ClubError as exc:
            invite.add_error(None, localized(exc))
        else:
            # The same answer whether or not the address has an account here.
            messages.success(request, _("The invitation is sent."))
            return redirect("clubs:invitations", slug=club.slug)
    if posted is not None and "paper" in posted and paper.is_valid():
        try:
            member_add(
                club=club, name=paper.cleaned_data["name"], on=paper.cleaned_data["date"],
                role=Member.Role.MEMBER, user=None, actor=request.user,
            )
        except ClubError as exc:
            paper.add_error(None, localized(exc))
        else:
            messages.success(request, _("The member has joined."))
            return redirect("clubs:invitations", slug=club.slug)
    return render(request, "clubs/invitations.html", club_context(
        request, club, invite=invite, paper=paper,
        can_invite=permissions.may_invite(request.user, club),
        pending=selectors_interest.pending_invitations(club),
        past=selectors_interest.past_invitations(club),
    ))


@require_POST
def invitation_cancel_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    club = get_club(request, slug)
    invitation = get_object_or_404(Invitation, club=club, pk=pk)
    try:
        invitation_cancel(invitation=invitation, actor=request.user)
    except ClubError as exc:
        messages.error(request, localized(exc))
    else:
        messages.success(request, _("The invitation is cancelled."))
    return redirect("clubs:invitations", slug=club.slug)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponseBase:
    """Anyone with the link sees the invitation; accepting needs an account (a GET never
    accepts, so a mail scanner opening the link changes nothing)."""
    invitation = invitation_by_token(token)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(reverse("accounts:login") + "?" + urlencode({"next": request.path}))
        try:
            member = accept(token=token, actor=request.user)
        except ClubError as exc:
            messages.error(request, localized(exc))
            return redirect("clubs:invitation_accept", token=token)
        messages.success(request, _("Welcome to %(club)s: you are a member now.")
                         % {"club": member.club.name})
        return redirect("clubs:me", slug=member.club.slug)
    usable = invitation is not None and invitation_is_open(invitation)
    return render(request, "clubs/invitation_accept.html", {
        "invitation": invitation if usable else None,
        "next": urlencode({"next": request.path}),
    })
