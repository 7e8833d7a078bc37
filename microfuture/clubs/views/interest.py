"""People's requests: ask to join a club, see one's own requests, and the page where club
officers and regional coordinators see and mark them handled (HTTP only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from microfuture.clubs import permissions, selectors_interest
from microfuture.clubs.forms_invitations import JoinClubForm
from microfuture.clubs.messages import localized
from microfuture.clubs.models import InterestRequest
from microfuture.clubs.services.interest import interest_join_club, interest_mark_handled
from microfuture.clubs.services.money import ClubError

#: Requests on one page of the inbox.
INBOX_PER_PAGE = 50


@login_required
def my_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "clubs/interest/mine.html", {
        "requests": selectors_interest.requests_of(request.user),
        "has_inbox": selectors_interest.requests_to_handle(request.user).exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def join_club(request: HttpRequest) -> HttpResponse:
    clubs = selectors_interest.clubs_taking_members()
    initial = {}
    chosen = request.GET.get("club")
    if chosen and chosen.isdigit():
        club = clubs.filter(pk=int(chosen)).first()
        if club is not None:
            initial = {"club": club.pk, "region": club.region}
    form = JoinClubForm(
        request.POST if request.method == "POST" else None, clubs=clubs, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            interest_join_club(
                actor=request.user, region=form.cleaned_data["region"],
                club=form.cleaned_data["club"], message=form.cleaned_data["message"],
                site_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except ClubError as exc:
            form.add_error(None, localized(exc))
        else:
            messages.success(request, _(
                "Your request is sent. The club's officers or the region's coordinator will "
                "get in touch with you."
            ))
            return redirect("clubs:interest")
    return render(request, "clubs/interest/join.html", {"form": form, "clubs": clubs})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    # Pages of INBOX_PER_PAGE requests, waiting ones first; every request stays reachable
    # (the page used to stop at the latest 500).
    page = Paginator(selectors_interest.requests_to_handle(request.user), INBOX_PER_PAGE
                     ).get_page(request.GET.get("page"))
    return render(request, "clubs/interest/inbox.html", {"requests": page, "page": page})


@login_required
@require_POST
def mark_handled(request: HttpRequest, pk: int) -> HttpResponse:
    interest = get_object_or_404(InterestRequest, pk=pk)
    if not permissions.may_handle_interest(request.user, interest.region, interest.club):
        # Someone who may not see the request learns nothing of it: the 404 of a missing one.
        # The service asks the same rule again under the row's lock.
        raise Http404
    try:
        interest_mark_handled(request=interest, actor=request.user)
    except ClubError as exc:
        messages.error(request, localized(exc))
    else:
        messages.success(request, _("The request is marked as handled."))
    return redirect("clubs:interest_inbox")
