"""Pages of the network's meetings: the list, one meeting's record (with the staff's forms on
it), scheduling and editing a meeting, and its `.ics` file. HTTP only: parse, call a service or
a selector, render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from microfuture.network import permissions, services_meetings
from microfuture.network.errors import NetworkError
from microfuture.network.forms_meetings import (
    AttendanceForm,
    DecisionForm,
    DocumentForm,
    InviteForm,
    MeetingForm,
    MinutesForm,
)
from microfuture.network.ics import calendar_bytes
from microfuture.network.mail import ics_filename
from microfuture.network.models import Meeting
from microfuture.network.selectors_meetings import (
    MeetingRecord,
    meeting_get,
    meeting_record,
    meeting_years,
    meetings_list,
)


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in Meeting.Kind.values:
        kind = ""
    years = meeting_years()
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and int(year_text) in years else None
    return render(request, "network/meetings/list.html", {
        "meetings": meetings_list(kind=kind, year=year),
        "kinds": Meeting.Kind.choices, "kind": kind, "years": years, "year": year,
        "is_staff": permissions.is_staff(request.user),
    })


def _attendance_choices(record: MeetingRecord) -> list[tuple[int, str]]:
    choices = [(p.pk, p.organisation.name if p.organisation else "")
               for p in record.organisations]
    choices += [(row.participant_id, row.person.name) for row in record.people]
    return choices


def _attended_ids(record: MeetingRecord) -> list[int]:
    return ([p.pk for p in record.organisations if p.attended]
            + [row.participant_id for row in record.people if row.attended])


def _page(request: HttpRequest, meeting: Meeting, *, status: int = 200,
          bound: dict[str, forms.Form] | None = None) -> HttpResponse:
    record = meeting_record(meeting, request.user)
    staff = permissions.is_staff(request.user)
    context: dict[str, Any] = {"meeting": meeting, "record": record, "is_staff": staff}
    if staff:
        context.update({
            "invite_form": InviteForm(),
            "attendance_form": AttendanceForm(choices=_attendance_choices(record),
                                              initial={"attended": _attended_ids(record)}),
            "document_form": DocumentForm(),
            "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
            "decision_form": DecisionForm(initial={"language": meeting.language}),
        })
        context.update(bound or {})
    return render(request, "network/meetings/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get(pk)
    if request.method != "POST":
        return _page(request, meeting)
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("Only the network's staff may change meetings."))
    action = request.POST.get("action", "")
    handler = _ACTIONS.get(action)
    if handler is None:
        messages.error(request, _("That is not something this page can do."))
        return redirect("network:meeting", pk=meeting.pk)
    try:
        result = handler(request, meeting)
    except NetworkError as error:
        messages.error(request, str(error))
        return redirect("network:meeting", pk=meeting.pk)
    if isinstance(result, dict):
        return _page(request, meeting, status=400, bound=result)
    messages.success(request, result)
    return redirect("network:meeting", pk=meeting.pk)


# Each action returns the message to show, or the bound forms that did not validate.
Result = str | dict[str, forms.Form]


def _invite(request: HttpRequest, meeting: Meeting) -> Result:
    form = InviteForm(request.POST)
    if not form.is_valid():
        return {"invite_form": form}
    added = services_meetings.participants_invite(
        actor=request.user, meeting=meeting,
        organisations=form.cleaned_data["organisations"], people=form.cleaned_data["people"],
    )
    return ngettext("%(n)d participant added.", "%(n)d participants added.", added) % {
        "n": added}


def _remove(request: HttpRequest, meeting: Meeting) -> Result:
    participant = request.POST.get("participant", "")
    if not participant.isdigit():
        raise NetworkError(_("That participant is not on this meeting's list."))
    services_meetings.participant_remove(actor=request.user, meeting=meeting,
                                         participant_id=int(participant))
    return _("Removed from the list.")


def _attendance(request: HttpRequest, meeting: Meeting) -> Result:
    record = meeting_record(meeting, request.user)
    form = AttendanceForm(request.POST, choices=_attendance_choices(record))
    if not form.is_valid():
        return {"attendance_form": form}
    services_meetings.attendance_mark(actor=request.user, meeting=meeting,
                                      attended_ids=form.cleaned_data["attended"])
    return _("Attendance saved.")


def _document(request: HttpRequest, meeting: Meeting) -> Result:
    form = DocumentForm(request.POST)
    if not form.is_valid():
        return {"document_form": form}
    services_meetings.document_add(actor=request.user, meeting=meeting, **form.cleaned_data)
    return _("Document added.")


def _minutes(request: HttpRequest, meeting: Meeting) -> Result:
    form = MinutesForm(request.POST)
    if not form.is_valid():
        return {"minutes_form": form}
    services_meetings.minutes_write(actor=request.user, meeting=meeting,
                                    minutes=form.cleaned_data["minutes"])
    return _("Minutes saved.")


def _decision(request: HttpRequest, meeting: Meeting) -> Result:
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return {"decision_form": form}
    services_meetings.decision_add(actor=request.user, meeting=meeting, **form.cleaned_data)
    return _("Decision added.")


def _send_invitations(request: HttpRequest, meeting: Meeting) -> Result:
    sent = services_meetings.invitations_send(actor=request.user, meeting=meeting,
                                              site_url=_site_url(request))
    if not sent:
        return _("Nobody new to invite by e-mail: everyone who may be contacted has had "
                 "the invitation.")
    return ngettext("Invitation sent to %(n)d person.", "Invitations sent to %(n)d people.",
                    sent) % {"n": sent}


def _send_minutes(request: HttpRequest, meeting: Meeting) -> Result:
    sent = services_meetings.minutes_send(actor=request.user, meeting=meeting,
                                          site_url=_site_url(request))
    return ngettext("Minutes sent to %(n)d person.", "Minutes sent to %(n)d people.",
                    sent) % {"n": sent}


def _cancel(request: HttpRequest, meeting: Meeting) -> Result:
    services_meetings.meeting_cancel(actor=request.user, meeting=meeting,
                                     site_url=_site_url(request))
    return _("The meeting is cancelled.")


_ACTIONS = {
    "invite": _invite, "remove": _remove, "attendance": _attendance, "document": _document,
    "minutes": _minutes, "decision": _decision, "send_invitations": _send_invitations,
    "send_minutes": _send_minutes, "cancel": _cancel,
}


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("Only the network's staff may change meetings."))
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services_meetings.meeting_create(actor=request.user,
                                                       **form.meeting_fields())
        except NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, pgettext("network", "The meeting is scheduled."))
            return redirect("network:meeting", pk=meeting.pk)
    status = 400 if form.errors else 200
    return render(request, "network/meetings/form.html", {"form": form, "meeting": None},
                  status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get(pk)
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("Only the network's staff may change meetings."))
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services_meetings.meeting_update(actor=request.user, meeting=meeting,
                                             **form.meeting_fields())
        except NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("network:meeting", pk=meeting.pk)
    status = 400 if form.errors else 200
    return render(request, "network/meetings/form.html", {"form": form, "meeting": meeting},
                  status=status)


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponseBase:
    return calendar_response(request, meeting_get(pk))


def calendar_response(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The meeting's `.ics`, in the reader's language (shared with the API)."""
    body = calendar_bytes([meeting], site_url=_site_url(request), language=get_language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(meeting)}"'
    return response

