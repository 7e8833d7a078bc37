"""Writes of the directory: organisations and people (only the network's staff write), and
the organisations named as a practice's contacts, kept linked to the practice.

Every write asks `permissions.is_staff` itself (the acting user is a required argument) and
raises `NetworkError` with a plain message in the reader's language when it refuses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microfuture.clubs.lookup import may_know_club
from microfuture.clubs.models import Club
from microfuture.finder.models import Mechanism
from microfuture.network import permissions
from microfuture.network.errors import NetworkError
from microfuture.network.models import Organisation, Person
from microfuture.practices.models import Practice

NAME_MAX = 250

# A contact's kind when it is obvious from its name (any of the languages of the partners);
# every other contact is a support organisation until the staff say otherwise. Whole words
# or word beginnings, case-insensitive.
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    (Organisation.Kind.POLICYMAKER,
     r"\b(ministr|minist[eè]re|ministero|department|d[ée]partement|region\b|r[ée]gion\b|"
     r"regione\b|county|municipality|ob[čc]ina|commune\b|mairie|government|vlada|"
     r"kommun\b|landsting)"),
    (Organisation.Kind.FINANCIAL_INSTITUTION,
     r"\b(bank|banka|banque|banca|cr[ée]dit|fond\b|fund\b|sklad\b|ifn\b|"
     r"caisse|sparkasse|hranilnica)|fonden\b"),
    (Organisation.Kind.RESEARCH,
     r"\b(universit|univerz|research|raziskoval|inštitut za raziskav)"),
)


def contact_kind(name: str) -> str:
    """The kind of a practice's contact organisation as far as its name tells it."""
    lowered = name.casefold()
    for kind, pattern in _KIND_WORDS:
        if re.search(pattern, lowered):
            return str(kind)
    return str(Organisation.Kind.SUPPORT_ORG)


def contact_names(contacts: Any) -> list[str]:
    """The distinct organisation names of a practice's `contacts` (a JSON list), in order."""
    names: list[str] = []
    if not isinstance(contacts, list):
        return names
    for raw in contacts:
        if not isinstance(raw, str):
            continue
        name = " ".join(raw.split())[:NAME_MAX]
        if name and name not in names:
            names.append(name)
    return names


def practice_contacts_link(*, practice: Any, before: Iterable[str] = (),
                           organisation_model: Any = Organisation) -> list[Any]:
    """Make each contact of `practice` a directory organisation linked to it (an existing
    organisation of that name is linked as it is), and unlink the organisations that were
    contacts in `before` and no longer are. Links the staff made by hand stay.

    `organisation_model` is the historical model in the data migration. Returns the
    organisations of the contacts."""
    names = contact_names(practice.contacts)
    existing = {o.name: o for o in organisation_model.objects.filter(name__in=names)}
    organisations = []
    for name in names:
        org = existing.get(name)
        if org is None:
            org = organisation_model.objects.create(
                name=name, kind=contact_kind(name), country=(practice.country or "SI")[:2],
            )
        organisations.append(org)
    if organisations:
        practice.organisations.add(*organisations)
    dropped = set(contact_names(list(before))) - set(names)
    if dropped:
        practice.organisations.remove(
            *organisation_model.objects.filter(name__in=dropped))
    return organisations


# Organisations ----------------------------------------------------------------------------


def _require_staff(actor: Any) -> None:
    if not permissions.is_staff(actor):
        raise NetworkError(_("Only the network's staff can change the directory."))


def _check_name(name: str, *, organisation: Organisation | None) -> str:
    name = " ".join(name.split())
    if not name:
        raise NetworkError(_("Give the organisation's name."))
    same = Organisation.objects.filter(name__iexact=name)
    if organisation is not None:
        same = same.exclude(pk=organisation.pk)
    if same.exists():
        raise NetworkError(
            _("The directory already has an organisation called “%(name)s”.") % {"name": name})
    return name


@transaction.atomic
def organisation_save(
    *, actor: Any, organisation: Organisation | None = None, name: str, kind: str,
    country: str, region: str = "", website: str = "", about_sl: str = "", about_en: str = "",
    mechanisms: Iterable[Mechanism] = (), practices: Iterable[Practice] = (),
    clubs: Iterable[Club] = (),
) -> Organisation:
    """Create (`organisation=None`) or change an organisation. Clubs the actor may not know
    of keep their link: an editor can neither see nor drop them."""
    _require_staff(actor)
    if organisation is not None:
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    name = _check_name(name, organisation=organisation)
    if kind not in Organisation.Kind.values:
        raise NetworkError(_("Choose the kind of organisation."))
    chosen_clubs = list(clubs)
    for club in chosen_clubs:
        if not may_know_club(actor, club):
            raise NetworkError(_("There is no such club."))
    if organisation is None:
        organisation = Organisation(name=name)
        hidden_clubs: list[Club] = []
    else:
        hidden_clubs = [c for c in organisation.clubs.all() if not may_know_club(actor, c)]
    organisation.name = name
    organisation.kind = kind
    organisation.country = country.upper()[:2]
    organisation.region = region
    organisation.website = website
    organisation.about_sl = about_sl
    organisation.about_en = about_en
    organisation.save()
    organisation.mechanisms.set(list(mechanisms))
    organisation.practices.set(list(practices))
    organisation.clubs.set(chosen_clubs + hidden_clubs)
    return organisation


# People -----------------------------------------------------------------------------------


def consent_date(*, consent_on: date | None, listed: bool, contacted: bool,
                 today: date | None = None) -> date | None:
    """The day of a consent: as given, or today when a scope is given without a day."""
    if consent_on is None and (listed or contacted):
        return today or timezone.localdate()
    return consent_on


@transaction.atomic
def person_save(
    *, actor: Any, person: Person | None = None, name: str,
    organisation: Organisation | None = None, role: str = "", email: str = "", phone: str = "",
    languages: Iterable[str] = (), consent_on: date | None = None,
    consent_listed: bool = False, consent_contacted: bool = False, consent_text: str = "",
) -> Person:
    """Create (`person=None`) or change a person with their consent. Consent given without a
    day is dated today (the staff's form asks for the day instead: `forms_directory`)."""
    _require_staff(actor)
    name = " ".join(name.split())
    if not name:
        raise NetworkError(_("Give the person's name."))
    if consent_on is not None and consent_on > timezone.localdate():
        raise NetworkError(_("The day of the consent cannot be in the future."))
    if person is None:
        person = Person()
    else:
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.erased_at is not None:
            raise NetworkError(_("This person's data has been erased; it cannot be changed."))
    person.name = name
    person.organisation = organisation
    person.role = role.strip()
    person.email = email.strip()
    person.phone = phone.strip()
    person.languages = list(languages)
    person.consent_on = consent_date(consent_on=consent_on, listed=consent_listed,
                                     contacted=consent_contacted)
    person.consent_listed = consent_listed
    person.consent_contacted = consent_contacted
    person.consent_text = consent_text.strip()
    person.save()
    return person
