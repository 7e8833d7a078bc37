"""Pages of the road to a club under /network/interest/: anyone says they would like to join
or start a savings club; coordinators see interest by municipality, invite people to an info
session, and found the club at a founding meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from microfuture.network import permissions, selectors_events, services_events
from microfuture.network.errors import NetworkError
from microfuture.network.forms_events import FoundingForm, InterestForm, InviteForm
from microfuture.network.models import CLUB_LEAST, CLUB_MOST, ClubInterest, Meeting


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_http_methods(["GET", "POST"])
def interest_new(request: HttpRequest) -> HttpResponse:
    consent_text = services_events.interest_consent_text()
    form = InterestForm(request.POST if request.method == "POST" else None,
                        consent_text=consent_text)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services_events.interest_create(
                name=data["name"], email=data["email"], municipality=data["municipality"],
                note=data["note"], consent=data["consent"], consent_text=consent_text,
                site_url=_site(request),
            )
        except NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("network:interest_thanks")
    return render(request, "network/interest/new.html", {
        "form": form, "least": CLUB_LEAST, "most": CLUB_MOST,
    })


@require_GET
def interest_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "network/interest/thanks.html")


@require_http_methods(["GET", "POST"])
def interest_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    interest = services_events.interest_by_token(token)
    if request.method == "POST":
        try:
            services_events.interest_withdraw(token=token)
        except NetworkError as exc:
            return render(request, "network/interest/withdraw.html",
                          {"problem": str(exc)}, status=400)
        return render(request, "network/interest/withdraw.html", {"done": True})
    problem = ""
    if interest is None:
        problem = _("This link is not valid. Check that you copied all of it from the e-mail.")
    elif interest.withdrawn_at is not None:
        problem = _("You have already taken your name off the list.")
    return render(request, "network/interest/withdraw.html",
                  {"interest": interest, "problem": problem},
                  status=404 if interest is None else 200)


def _coordinator_regions(request: HttpRequest) -> set[str]:
    regions = permissions.coordinator_regions(request.user)
    if not regions:
        raise PermissionDenied(_("Only regional coordinators see the interest in clubs."))
    return regions


@login_required
@require_http_methods(["GET", "POST"])
def interest_overview(request: HttpRequest) -> HttpResponse:
    regions = _coordinator_regions(request)
    groups = selectors_events.interest_by_region(regions)
    people = selectors_events.interest_people(regions)
    sessions = selectors_events.info_sessions_to_invite_to(regions)
    municipality_choices = [(m.code, f"{m.name} ({g.name})")
                            for g in groups for m in g.municipalities]
    form = InviteForm(
        request.POST if request.method == "POST" else None, sessions=sessions,
        municipalities=municipality_choices,
        people=ClubInterest.objects.filter(pk__in=[p.pk for p in people]),
    )
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["municipalities"])
        picked = [p for p in people if p.municipality in chosen]
        picked += [p for p in form.cleaned_data["people"] if p not in picked]
        try:
            result = services_events.interest_invite(
                actor=request.user, meeting=form.cleaned_data["meeting"], interests=picked,
                site_url=_site(request),
            )
        except NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, ngettext(
                "%(count)d person invited.", "%(count)d people invited.", result.invited,
            ) % {"count": result.invited})
            if result.skipped:
                messages.info(request, ngettext(
                    "%(count)d person skipped: already invited to this session or no "
                    "longer interested.",
                    "%(count)d people skipped: already invited to this session or no "
                    "longer interested.", result.skipped,
                ) % {"count": result.skipped})
            return redirect("network:interest_overview")
    return render(request, "network/interest/overview.html", {
        "groups": groups, "people": people, "form": form, "has_sessions": sessions.exists(),
        "least": CLUB_LEAST, "most": CLUB_MOST,
        "founding_meetings": selectors_events.founding_meetings(regions),
    })


@login_required
@require_http_methods(["GET", "POST"])
def founding_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    regions = _coordinator_regions(request)
    meeting = get_object_or_404(Meeting, pk=pk, kind=Meeting.Kind.FOUNDING_MEETING)
    if meeting.region and meeting.region not in regions:
        raise PermissionDenied(_("This founding meeting is in a region you do not coordinate."))
    interests, registrations = selectors_events.founding_candidates(meeting, regions)
    form = FoundingForm(
        request.POST if request.method == "POST" else None,
        initial={"region": meeting.region},
        regions=regions, interests=interests, registrations=registrations,
    )
    if request.method == "POST" and meeting.club_id is None and form.is_valid():
        data = form.cleaned_data
        try:
            club = services_events.founding_meeting_found_club(
                actor=request.user, meeting=meeting, founder_email=data["founder_email"],
                founder_name=data["founder_name"], club_name=data["club_name"],
                region=data["region"], monthly_pledge=data["monthly_pledge"],
                interests=list(data["interests"]), registrations=list(data["registrations"]),
                site_url=_site(request),
            )
        except NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            founders = 1 + len({p.email for p in [*data["interests"], *data["registrations"]]}
                               - {data["founder_email"].strip().lower()})
            messages.success(request, _(
                "The club %(club)s is founded; its founder manages it and the other founders "
                "have been sent an invitation to join."
            ) % {"club": club.name})
            if founders < CLUB_LEAST:
                messages.warning(request, _(
                    "The club has %(count)d founders: a savings club needs at least %(least)d "
                    "members. It stays forming until it has them."
                ) % {"count": founders, "least": CLUB_LEAST})
            return redirect("network:interest_founding", pk=meeting.pk)
    return render(request, "network/interest/founding.html", {
        "meeting": meeting, "form": form, "least": CLUB_LEAST,
        "most": CLUB_MOST,
    })
