"""Pages of joint initiatives (spec §5): the public list and page of each initiative, and the
staff's forms to create and change one (its status included)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from microfuture.network import permissions, selectors_initiatives, services_initiatives
from microfuture.network.errors import NetworkError
from microfuture.network.forms_initiatives import InitiativeForm, StatusFilterForm
from microfuture.network.models import Initiative


def linkable(*names: str) -> dict[str, bool]:
    """Which of the network's pages (owned by other areas) exist, so a page links to them
    only when they do: {"organisation": True, ...} for `network:organisation` and so on."""
    found = {}
    for name in names:
        try:
            reverse(f"network:{name}", args=[1])
        except NoReverseMatch:
            found[name] = False
        else:
            found[name] = True
    return found


def initiative_list(request: HttpRequest) -> HttpResponse:
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    counts = selectors_initiatives.status_counts()
    return render(request, "network/initiatives/list.html", {
        "form": form,
        "status": status,
        "initiatives": selectors_initiatives.initiative_list(status=status),
        "counts": [(code, label, counts[code]) for code, label in Initiative.Status.choices],
        "total": sum(counts.values()),
        "can_edit": permissions.is_staff(request.user),
        "links": linkable("organisation"),
    })


def _initiative(pk: int) -> Initiative:
    try:
        return selectors_initiatives.initiative_detail(pk)
    except Initiative.DoesNotExist:
        raise Http404(_("There is no such joint initiative.")) from None


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(pk)
    return render(request, "network/initiatives/detail.html", {
        "initiative": initiative,
        "can_edit": permissions.is_staff(request.user),
        "statuses": [(code, label) for code, label in Initiative.Status.choices
                     if code != initiative.status],
        "links": linkable("organisation", "meeting", "action"),
    })


def _require_staff(request: HttpRequest) -> None:
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("Only the network's staff may create or change joint "
                                 "initiatives."))


def _save(request: HttpRequest, initiative: Initiative | None) -> HttpResponse:
    _require_staff(request)
    if request.method == "POST":
        form = InitiativeForm(request.POST)
        if form.is_valid():
            data: dict[str, Any] = form.cleaned_data
            try:
                if initiative is None:
                    initiative = services_initiatives.initiative_create(actor=request.user, **data)
                    messages.success(request, _("The joint initiative is saved."))
                else:
                    initiative = services_initiatives.initiative_update(
                        actor=request.user, initiative=initiative, **data)
                    messages.success(request, _("Your changes are saved."))
            except NetworkError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("network:initiative", pk=initiative.pk)
    else:
        form = InitiativeForm(initial=InitiativeForm.initial_of(initiative) if initiative
                              else {"status": Initiative.Status.PLANNED})
    return render(request, "network/initiatives/form.html", {
        "form": form, "form_list": [form], "initiative": initiative,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_new(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    return _save(request, _initiative(pk))


@login_required
@require_POST
def initiative_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The detail page's quick status change (the dates follow the status)."""
    _require_staff(request)
    initiative = _initiative(pk)
    status = request.POST.get("status", "")
    try:
        services_initiatives.initiative_set_status(
            actor=request.user, initiative=initiative, status=status)
    except NetworkError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The status is now “%(status)s”.")
                         % {"status": Initiative.Status(status).label})
    return redirect("network:initiative", pk=initiative.pk)
