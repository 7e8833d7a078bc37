"""Pages of the directory (HTTP only): organisations (public), people (signed in; per
`permissions.sees_person`), and the staff's forms for both.

A person the reader may not see is a 404 like a missing one; a write page is a redirect to
sign in for nobody signed in and a 403 for those who are not the network's staff.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from microfuture.network import permissions, selectors_directory, services_directory
from microfuture.network.errors import NetworkError
from microfuture.network.forms_directory import LANGUAGE_CHOICES, OrganisationForm, PersonForm
from microfuture.network.models import Organisation, Person
from microfuture.practices.templatetags.practice_labels import COUNTRY_NAMES

PER_PAGE = 50


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _require_staff(request: HttpRequest) -> None:
    if not permissions.is_staff(request.user):
        raise PermissionDenied


def _page(request: HttpRequest, rows: Any) -> tuple[Any, str, str]:
    """One page of `rows` with the links to the previous and next page (filters kept)."""
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))

    def link(number: int) -> str:
        params = {k: v for k, v in request.GET.items() if k != "page" and v}
        params["page"] = str(number)
        return "?" + urlencode(params)

    prev_url = link(page.previous_page_number()) if page.has_previous() else ""
    next_url = link(page.next_page_number()) if page.has_next() else ""
    return page, prev_url, next_url


# Organisations ----------------------------------------------------------------------------


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "").strip()
    if kind not in Organisation.Kind.values:
        kind = ""
    country = request.GET.get("country", "").strip().upper()[:2]
    q = request.GET.get("q", "").strip()[:200]
    rows = selectors_directory.organisations(kind=kind, country=country, q=q)
    page, prev_url, next_url = _page(request, rows)
    countries = [(code, str(COUNTRY_NAMES.get(code, code)))
                 for code in selectors_directory.organisation_countries()]
    return render(request, "network/directory/organisation_list.html", {
        "page": page, "organisations": page.object_list, "count": page.paginator.count,
        "prev_url": prev_url, "next_url": next_url,
        "kind": kind, "country": country, "q": q, "filtered": bool(kind or country or q),
        "kinds": Organisation.Kind.choices, "countries": countries,
        "staff": permissions.is_staff(request.user),
    })


@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors_directory.organisation_page(request.user, pk)
    staff = permissions.is_staff(request.user)
    people = [(p, selectors_directory.contact_shown(p, staff=staff)) for p in view.people]
    return render(request, "network/directory/organisation_detail.html", {
        "organisation": view.organisation, "mechanisms": view.mechanisms,
        "practices": view.practices, "clubs": view.clubs, "people": people,
        "staff": staff, "signed_in": permissions.is_member(request.user),
    })


def _organisation_form(request: HttpRequest, organisation: Organisation | None
                       ) -> HttpResponse:
    initial = OrganisationForm.initial_for(organisation) if organisation else None
    form = OrganisationForm(_posted(request), initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services_directory.organisation_save(
                actor=request.user, organisation=organisation, name=data["name"],
                kind=data["kind"], country=data["country"], region=data["region"],
                website=data["website"], about_sl=data["about_sl"], about_en=data["about_en"],
                mechanisms=data["mechanisms"], practices=data["practices"],
                clubs=data["clubs"],
            )
        except NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The organisation is saved."))
            return redirect("network:organisation", pk=saved.pk)
    return render(request, "network/directory/organisation_form.html", {
        "form": form, "form_list": [form], "organisation": organisation,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    return _organisation_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    return _organisation_form(request, get_object_or_404(Organisation, pk=pk))


# People -----------------------------------------------------------------------------------


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    rows = selectors_directory.people_search(request.user, q=q)
    page, prev_url, next_url = _page(request, rows)
    staff = permissions.is_staff(request.user)
    return render(request, "network/directory/person_list.html", {
        "page": page, "count": page.paginator.count, "prev_url": prev_url,
        "next_url": next_url, "q": q, "staff": staff,
        "people": [(p, selectors_directory.contact_shown(p, staff=staff))
                   for p in page.object_list],
    })


@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors_directory.person_for(request.user, pk)
    names = dict(LANGUAGE_CHOICES)
    return render(request, "network/directory/person_detail.html", {
        "person": person, "staff": permissions.is_staff(request.user),
        "languages": [str(names.get(code, code)) for code in person.languages or []],
        "contact": selectors_directory.shows_contact(request.user, person),
    })


def _person_form(request: HttpRequest, person: Person | None) -> HttpResponse:
    initial = PersonForm.initial_for(person) if person else None
    if person is None and request.GET.get("organisation", "").isdigit():
        initial = {"organisation": Organisation.objects.filter(
            pk=int(request.GET["organisation"])).first()}
    form = PersonForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services_directory.person_save(
                actor=request.user, person=person, name=data["name"],
                organisation=data["organisation"], role=data["role"], email=data["email"],
                phone=data["phone"], languages=data["languages"],
                consent_on=data["consent_on"], consent_listed=data["consent_listed"],
                consent_contacted=data["consent_contacted"],
                consent_text=data["consent_text"],
            )
        except NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The person is saved."))
            return redirect("network:person", pk=saved.pk)
    return render(request, "network/directory/person_form.html", {
        "form": form, "form_list": [form], "person": person,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    return _person_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    return _person_form(request, get_object_or_404(Person, pk=pk))
