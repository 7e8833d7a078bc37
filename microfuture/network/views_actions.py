"""Pages of the action plan: the regional plan, one item (where it came from, its history,
what it led to; staff change its status and record outcomes), a new item, and what came of a
meeting. Reading is public record (docs/network.md); only staff write, through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from microfuture.network import permissions, selectors_actions, services_actions
from microfuture.network.errors import NetworkError
from microfuture.network.forms_actions import ItemForm, OutcomeForm, PlanFilterForm, StatusForm
from microfuture.network.models import Decision, Meeting, Outcome


@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    staff = permissions.is_staff(request.user)
    form = PlanFilterForm(request.GET or None,
                          owners=selectors_actions.owner_choices(staff=staff),
                          regions=selectors_actions.plan_regions())
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {"statuses": form.statuses(), "owner": form.cleaned_data["owner"],
                   "region": form.cleaned_data["region"]}
    items = selectors_actions.plan_items(today=today, **filters)
    groups = selectors_actions.plan_by_owner(items, user=request.user, today=today)
    return render(request, "network/actions/plan.html", {
        "form": form, "groups": groups, "today": today, "staff": staff,
        "count": sum(len(group.rows) for group in groups),
        "filtered": form.is_bound,
    })


def _item_page(request: HttpRequest, pk: int, *, status_form: StatusForm | None = None,
               outcome_form: OutcomeForm | None = None, status: int = 200) -> HttpResponse:
    item = selectors_actions.item_detail(pk)
    if item is None:
        raise Http404(_("There is no such action item."))
    today = timezone.localdate()
    staff = permissions.is_staff(request.user)
    row = selectors_actions.item_row(item, user=request.user, staff=staff, today=today)
    context: dict[str, Any] = {
        "item": item, "row": row, "staff": staff, "history": list(item.history.all()),
        "outcomes": list(zip(item.outcomes.all(), row.led_to, strict=True)),
        "meeting_url": selectors_actions.page_path("network:meeting", item.meeting_id)
        if item.meeting_id else None,
        "initiative_url": selectors_actions.page_path("network:initiative", item.initiative_id)
        if item.initiative_id else None,
    }
    context["error_forms"] = [f for f in (status_form, outcome_form) if f is not None]
    if staff:
        context["status_form"] = status_form or StatusForm(initial={"status": item.status})
        context["outcome_form"] = outcome_form or OutcomeForm()
    return render(request, "network/actions/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return _item_page(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("Only the network's staff may change the action plan."))
    item = selectors_actions.item_detail(pk)
    if item is None:
        raise Http404(_("There is no such action item."))
    which = request.POST.get("form", "")
    try:
        if which == "status":
            status_form = StatusForm(request.POST)
            if not status_form.is_valid():
                return _item_page(request, pk, status_form=status_form, status=400)
            services_actions.item_set_status(
                actor=request.user, item=item, status=status_form.cleaned_data["status"],
                note=status_form.cleaned_data["note"])
            messages.success(request, _("The status is changed and kept in the history."))
        elif which == "outcome":
            outcome_form = OutcomeForm(request.POST)
            if not outcome_form.is_valid():
                return _item_page(request, pk, outcome_form=outcome_form, status=400)
            kind, record = outcome_form.kind_and_record()
            services_actions.item_add_outcome(actor=request.user, item=item, kind=kind,
                                              record=record)
            messages.success(request, _("What the item led to is recorded."))
        elif which == "remove":
            outcome = get_object_or_404(Outcome, pk=request.POST.get("outcome", "0") or 0,
                                        item=item)
            services_actions.item_remove_outcome(actor=request.user, outcome=outcome)
            messages.success(request, _("The link is removed; the record itself stays."))
        else:
            messages.error(request, _("Nothing was changed: the form was not recognised."))
    except NetworkError as exc:
        messages.error(request, str(exc))
    return redirect("network:action", pk=pk)


@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("Only the network's staff may change the action plan."))
    if request.method == "POST":
        form = ItemForm(request.POST)
        if form.is_valid():
            person, organisation = form.owner_records()
            data = form.cleaned_data
            try:
                item = services_actions.item_create(
                    actor=request.user, title=data["title"], details=data["details"],
                    due_on=data["due_on"], owner_person=person,
                    owner_organisation=organisation, meeting=data["meeting"],
                    decision=data["decision"], initiative=data["initiative"],
                    language=data["language"])
            except NetworkError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The action item is added to the plan."))
                return redirect("network:action", pk=item.pk)
    else:
        language = (get_language() or "sl")[:2]
        initial: dict[str, Any] = {"language": language if language in ("sl", "en") else "sl"}
        decision = Decision.objects.filter(pk=_int(request.GET.get("decision"))).first()
        meeting = Meeting.objects.filter(pk=_int(request.GET.get("meeting"))).first()
        if decision is not None:
            initial.update(decision=decision, meeting=decision.meeting)
        elif meeting is not None:
            initial["meeting"] = meeting
        form = ItemForm(initial=initial)
    return render(request, "network/actions/new.html", {"form": form, "form_list": [form]})


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


@require_GET
def meeting_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("organiser")
                                .prefetch_related("decisions"), pk=pk)
    staff = permissions.is_staff(request.user)
    outcomes = selectors_actions.meeting_outcomes(meeting, user=request.user, staff=staff)
    return render(request, "network/actions/meeting_outcomes.html", {
        "meeting": meeting, "outcomes": outcomes, "staff": staff,
        "meeting_url": selectors_actions.page_path("network:meeting", meeting.pk),
    })
