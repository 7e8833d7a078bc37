"""Pages of the public events under /events/: the list, an event with its registration form,
cancelling by link, the iCalendar feed, and the organiser's registration list (staff)."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from microfuture.clubs.core.journal import csv_text_out
from microfuture.network import permissions, selectors_events, services_events
from microfuture.network.errors import NetworkError
from microfuture.network.forms_events import RegistrationForm
from microfuture.network.ics import calendar_bytes
from microfuture.network.models import Meeting, Registration


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    events = list(selectors_events.public_events_upcoming())
    return render(request, "network/events/list.html", {
        "events": [(e, selectors_events.places_left(e)) for e in events],
    })


@require_http_methods(["GET", "POST"])
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors_events.public_event(pk)
    if meeting is None:
        raise Http404(_("There is no public event with this number."))
    consent_text = services_events.registration_consent_text()
    form = RegistrationForm(request.POST if request.method == "POST" else None,
                            consent_text=consent_text)
    now = timezone.now()
    open_for_registration = meeting.cancelled_at is None and meeting.starts_at > now
    if request.method == "POST" and form.is_valid():
        try:
            services_events.registration_create(
                meeting=meeting, name=form.cleaned_data["name"],
                email=form.cleaned_data["email"], consent=form.cleaned_data["consent"],
                consent_text=consent_text, site_url=_site(request),
            )
        except NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("events:registered", pk=meeting.pk)
    left = selectors_events.places_left(meeting)
    return render(request, "network/events/event.html", {
        "event": meeting, "form": form, "places_left": left,
        "open_for_registration": open_for_registration and left != 0,
        "full": open_for_registration and left == 0,
        "past": meeting.ends_at < now,
        "staff": permissions.is_staff(request.user),
    })


@require_GET
def event_registered(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors_events.public_event(pk)
    if meeting is None:
        raise Http404(_("There is no public event with this number."))
    return render(request, "network/events/registered.html", {"event": meeting})


@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = services_events.registration_by_token(token)
    if request.method == "POST":
        try:
            registration = services_events.registration_cancel(token=token)
        except NetworkError as exc:
            return render(request, "network/events/cancel.html",
                          {"problem": str(exc)}, status=400)
        return render(request, "network/events/cancel.html",
                      {"registration": registration, "done": True})
    problem = ""
    if registration is None:
        problem = _("This cancellation link is not valid. Check that you copied all of it "
                    "from the e-mail.")
    elif registration.cancelled_at is not None:
        problem = _("This registration has already been cancelled.")
    return render(request, "network/events/cancel.html",
                  {"registration": registration, "problem": problem},
                  status=404 if registration is None else 200)


@require_GET
def events_feed(request: HttpRequest) -> HttpResponse:
    site = _site(request)
    body = calendar_bytes(
        selectors_events.public_events_upcoming(), site_url=site,
        name=_("Microfuture Hub: public events"),
        page_for=lambda m: site + reverse("events:event", args=[m.pk]),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


# The organiser's list -----------------------------------------------------------------------


def _staff_event(request: HttpRequest, pk: int) -> Meeting:
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("Only the network's staff see who registered."))
    return get_object_or_404(Meeting, pk=pk, public=True)


@login_required
@require_GET
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _staff_event(request, pk)
    registrations = list(selectors_events.registrations_of(meeting))
    return render(request, "network/events/registrations.html", {
        "event": meeting, "registrations": registrations,
        "live": sum(1 for r in registrations if r.cancelled_at is None),
        "attended": sum(1 for r in registrations if r.attended),
        "places_left": selectors_events.places_left(meeting),
    })


@login_required
@require_GET
def registration_csv(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _staff_event(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registrations-{meeting.pk}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(["name", "email", "registered_at", "consent_at", "cancelled_at",
                     "attended"])
    for r in selectors_events.registrations_of(meeting):
        writer.writerow([
            # Typed by anyone: a name such as "=HYPERLINK(…)" must stay text in a spreadsheet.
            csv_text_out(r.name), csv_text_out(r.email), r.created_at.isoformat(),
            r.consent_at.isoformat(),
            r.cancelled_at.isoformat() if r.cancelled_at else "",
            "yes" if r.attended else "no",
        ])
    return response


@login_required
@require_POST
def registration_attended(request: HttpRequest, pk: int, registration: int) -> HttpResponse:
    meeting = _staff_event(request, pk)
    row = get_object_or_404(Registration, pk=registration, meeting=meeting)
    attended = request.POST.get("attended") == "1"
    try:
        services_events.registration_set_attended(actor=request.user, registration=row,
                                                  attended=attended)
    except NetworkError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(name)s: marked as attended.") % {"name": row.name}
                         if attended else
                         _("%(name)s: marked as not attended.") % {"name": row.name})
    return redirect("events:registrations", pk=meeting.pk)
