"""Reads of the directory: organisations (public) and people (per `permissions.sees_person`),
with what each reader may see of them (docs/network.md, "Who sees what" and "Directory")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from microfuture.clubs.lookup import may_know_club
from microfuture.clubs.models import Club
from microfuture.finder.models import Mechanism
from microfuture.network import permissions
from microfuture.network.models import Organisation, Person
from microfuture.practices.models import Practice

NO_SUCH_ORGANISATION = "There is no such organisation."
NO_SUCH_PERSON = "There is no such person."


def organisations(*, kind: str = "", country: str = "", q: str = "") -> QuerySet[Organisation]:
    """The directory's organisations, by name, filtered by kind, country and a part of the
    name."""
    rows = Organisation.objects.all()
    if kind:
        rows = rows.filter(kind=kind)
    if country:
        rows = rows.filter(country=country.upper())
    if q:
        rows = rows.filter(name__icontains=q)
    return rows.order_by("name", "id")


def organisation_countries() -> list[str]:
    """The countries the directory has organisations in (for the filter)."""
    return sorted(set(Organisation.objects.values_list("country", flat=True)))


def visible_people(user: Any) -> QuerySet[Person]:
    """The people `user` may see: staff everyone, signed-in people the listed ones, anonymous
    nobody (the same rule as `permissions.sees_person`, as a query)."""
    rows = Person.objects.select_related("organisation").order_by("name", "id")
    if permissions.is_staff(user):
        return rows
    if permissions.is_member(user):
        return rows.filter(consent_listed=True, erased_at__isnull=True)
    return rows.none()


def person_for(user: Any, pk: int) -> Person:
    """The person if `user` may see them; the 404 of a missing person otherwise."""
    person = Person.objects.select_related("organisation").filter(pk=pk).first()
    if person is None or not permissions.sees_person(user, person):
        raise Http404(NO_SUCH_PERSON)
    return person


def shows_contact(user: Any, person: Person) -> bool:
    """Whether `user` sees the person's e-mail and phone: staff always, others only when the
    person agreed to be contacted (and may see them at all)."""
    if not permissions.sees_person(user, person):
        return False
    return contact_shown(person, staff=permissions.is_staff(user))


def contact_shown(person: Person, *, staff: bool) -> bool:
    """`shows_contact` for a person already known to be visible to the reader (lists ask
    `is_staff` once, not once a row)."""
    return staff or (person.consent_contacted and person.erased_at is None)


@dataclass(frozen=True)
class ClubSeen:
    club: Club
    linked: bool  # the reader may open the club's page


@dataclass(frozen=True)
class OrganisationPage:
    organisation: Organisation
    mechanisms: list[Mechanism]
    practices: list[Practice]
    clubs: list[ClubSeen]
    people: list[Person]


def organisation_page(user: Any, pk: int) -> OrganisationPage:
    """An organisation with what it offers and runs, the clubs it is and the people of it the
    reader may see. Only public practices; a club is linked only for those who may know it."""
    organisation = (
        Organisation.objects.filter(pk=pk)
        .prefetch_related(
            Prefetch("mechanisms", queryset=Mechanism.objects.order_by("slug")),
            Prefetch("practices", queryset=Practice.objects.filter(
                status__in=Practice.PUBLIC).order_by("slug")),
            Prefetch("clubs", queryset=Club.objects.order_by("name")),
        )
        .first()
    )
    if organisation is None:
        raise Http404(NO_SUCH_ORGANISATION)
    people = visible_people(user).filter(organisation=organisation)
    return OrganisationPage(
        organisation=organisation,
        mechanisms=list(organisation.mechanisms.all()),
        practices=list(organisation.practices.all()),
        clubs=[ClubSeen(club=c, linked=may_know_club(user, c)) for c in organisation.clubs.all()],
        people=list(people),
    )


def people_search(user: Any, *, q: str = "", organisation: int | None = None
                  ) -> QuerySet[Person]:
    """The people `user` may see, filtered by a part of the name or role and an
    organisation."""
    rows = visible_people(user)
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(role__icontains=q))
    if organisation is not None:
        rows = rows.filter(organisation_id=organisation)
    return rows
