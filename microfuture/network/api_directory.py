"""The network API: the directory (docs/api.md, docs/network.md "Directory").

- `GET /organisations` (anyone; `kind`, `country`, `q` filters; paged) and
  `GET /organisations/{id}` (with the mechanisms it offers, its public practices, the clubs it
  is (a club's `url` only for those who may know the club) and the people the caller sees).
- `GET /people` and `GET /people/{id}` (signed in: 401 otherwise): staff see everyone,
  others the people who agreed to be listed; `email` and `phone` are null unless the caller is
  staff or the person agreed to be contacted. A person the caller may not see is a 404 like a
  missing one. Errors are `{"detail": "..."}`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from microfuture.api import django_auth
from microfuture.kernel.pagination import Mapped, Page
from microfuture.network import permissions, selectors_directory
from microfuture.network.models import Organisation, Person

router = Router()


class Error(Schema):
    detail: str


ERRORS: dict[int, Any] = {401: Error, 404: Error, 422: Error}


class DirectoryOrganisationRef(Schema):
    id: int
    name: str


class DirectoryOrganisationOut(Schema):
    id: int
    name: str
    kind: str
    country: str
    region: str
    website: str
    url: str


class DirectoryLinkOut(Schema):
    slug: str
    name: str
    url: str | None


class DirectoryPersonOut(Schema):
    id: int
    name: str
    organisation: DirectoryOrganisationRef | None
    role: str
    languages: list[str]
    email: str | None
    phone: str | None
    listed: bool
    url: str


class DirectoryOrganisationDetailOut(DirectoryOrganisationOut):
    about_sl: str
    about_en: str
    mechanisms: list[DirectoryLinkOut]
    practices: list[DirectoryLinkOut]
    clubs: list[DirectoryLinkOut]
    people: list[DirectoryPersonOut]


class DirectoryPersonDetailOut(DirectoryPersonOut):
    consent_on: dt.date | None = None
    consent_listed: bool | None = None
    consent_contacted: bool | None = None


def _organisation_fields(org: Organisation) -> dict[str, Any]:
    return {
        "id": org.pk, "name": org.name, "kind": org.kind, "country": org.country,
        "region": org.region, "website": org.website,
        "url": reverse("network:organisation", args=[org.pk]),
    }


def _person_out(person: Person, *, staff: bool) -> DirectoryPersonOut:
    """A person already known to be visible to the caller."""
    contact = selectors_directory.contact_shown(person, staff=staff)
    org = person.organisation
    return DirectoryPersonOut(
        id=person.pk, name=person.name,
        organisation=DirectoryOrganisationRef(id=org.pk, name=org.name) if org else None,
        role=person.role, languages=[str(x) for x in (person.languages or [])],
        email=(person.email or None) if contact else None,
        phone=(person.phone or None) if contact else None,
        listed=person.listed, url=reverse("network:person", args=[person.pk]),
    )


@router.get("/organisations", response={200: list[DirectoryOrganisationOut], **ERRORS},
            summary="The directory's organisations by name (anyone)")
@paginate(Page)
def list_organisations(request: HttpRequest, kind: str = "", country: str = "",
                       q: str = "") -> Any:
    rows = selectors_directory.organisations(kind=kind, country=country, q=q[:200])
    return Mapped(rows, lambda org: DirectoryOrganisationOut(**_organisation_fields(org)))


@router.get("/organisations/{organisation_id}",
            response={200: DirectoryOrganisationDetailOut, **ERRORS},
            summary="An organisation with its mechanisms, practices, clubs and people")
def get_organisation(request: HttpRequest, organisation_id: int) -> DirectoryOrganisationDetailOut:
    page = selectors_directory.organisation_page(request.user, organisation_id)
    staff = permissions.is_staff(request.user)
    org = page.organisation
    return DirectoryOrganisationDetailOut(
        **_organisation_fields(org), about_sl=org.about_sl, about_en=org.about_en,
        mechanisms=[DirectoryLinkOut(slug=m.slug, name=m.name_sl or m.name_en or m.slug,
                            url=reverse("finder:mechanism", args=[m.slug]))
                    for m in page.mechanisms],
        practices=[DirectoryLinkOut(slug=p.slug, name=p.title_sl or p.title_en or p.slug,
                           url=reverse("practices:detail", args=[p.slug]))
                   for p in page.practices],
        clubs=[DirectoryLinkOut(slug=seen.club.slug, name=seen.club.name,
                       url=reverse("clubs:detail", args=[seen.club.slug]) if seen.linked
                       else None)
               for seen in page.clubs],
        people=[_person_out(p, staff=staff) for p in page.people],
    )


@router.get("/people", response={200: list[DirectoryPersonOut], **ERRORS}, auth=django_auth,
            summary="The people the caller may see (signed in)")
@paginate(Page)
def list_people(request: HttpRequest, q: str = "", organisation: int | None = None) -> Any:
    rows = selectors_directory.people_search(request.user, q=q[:200], organisation=organisation)
    staff = permissions.is_staff(request.user)
    return Mapped(rows, lambda person: _person_out(person, staff=staff))


@router.get("/people/{person_id}", response={200: DirectoryPersonDetailOut, **ERRORS},
            auth=django_auth,
            summary="A person, if the caller may see them (staff also see the consent)")
def get_person(request: HttpRequest, person_id: int) -> DirectoryPersonDetailOut:
    try:
        person = selectors_directory.person_for(request.user, person_id)
    except Http404:
        raise Http404(selectors_directory.NO_SUCH_PERSON) from None
    staff = permissions.is_staff(request.user)
    out = DirectoryPersonDetailOut(**_person_out(person, staff=staff).dict())
    if staff:
        out.consent_on = person.consent_on
        out.consent_listed = person.consent_listed
        out.consent_contacted = person.consent_contacted
    return out
