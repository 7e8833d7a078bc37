"""A practice's contacts become directory organisations linked to it: the data migration for
the practices already there, the receiver for every later save; the practice page links
each one to its directory entry."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps as global_apps
from django.test import Client
from django.urls import reverse

from microfuture.network.models import Organisation
from microfuture.network.services_directory import contact_kind
from microfuture.practices.models import Practice

pytestmark = pytest.mark.django_db


def practice(slug: str, contacts: list[Any], *, country: str = "FR",
             status: str = Practice.Status.APPROVED) -> Practice:
    return Practice.objects.create(slug=slug, title_en=slug.title(), country=country,
                                   status=status, contacts=contacts)


def linked(p: Practice) -> list[str]:
    return sorted(Organisation.objects.filter(practices=p).values_list("name", flat=True))


def test_the_migration_makes_each_distinct_contact_an_organisation() -> None:
    cigales = practice("cigales", ["Fédération des CIGALES", " Fédération  des CIGALES "])
    orebro = practice("orebro", ["Coompanion", "Mikrofonden Sverige", "Region Örebro län"],
                      country="SE")
    adie = practice("adie", ["Département de la Seine-Saint-Denis", "Fédération des CIGALES",
                             "", 42])
    # As before the migration: practices with contacts, no directory.
    Organisation.objects.all().delete()
    migration = importlib.import_module(
        "microfuture.network.migrations.0003_practice_contacts_as_organisations")
    migration.link_contacts(global_apps, None)

    assert Organisation.objects.count() == 5
    assert linked(cigales) == ["Fédération des CIGALES"]
    assert linked(orebro) == ["Coompanion", "Mikrofonden Sverige", "Region Örebro län"]
    assert linked(adie) == ["Département de la Seine-Saint-Denis", "Fédération des CIGALES"]
    fed = Organisation.objects.get(name="Fédération des CIGALES")
    assert (fed.kind, fed.country) == ("support_org", "FR")  # the first practice naming it
    assert Organisation.objects.get(name="Coompanion").country == "SE"
    assert Organisation.objects.get(name="Region Örebro län").kind == "policymaker"
    assert Organisation.objects.get(
        name="Département de la Seine-Saint-Denis").kind == "policymaker"
    # Running it again changes nothing.
    migration.link_contacts(global_apps, None)
    assert Organisation.objects.count() == 5


@pytest.mark.parametrize(("name", "kind"), [
    ("Mikrofonden Sverige", "financial_institution"),
    ("AFIN IFN", "financial_institution"),
    ("Ministrstvo za gospodarstvo, turizem in šport", "policymaker"),
    ("Občina Trbovlje", "policymaker"),
    ("Univerza v Ljubljani", "research"),
    ("Coompanion", "support_org"),
    ("Adie", "support_org"),
])
def test_a_contacts_kind_is_guessed_only_when_obvious(name: str, kind: str) -> None:
    assert contact_kind(name) == kind


def test_new_and_changed_contacts_stay_linked(agency: Any) -> None:
    p = practice("clubs-cigales", ["Fédération des CIGALES"])
    assert linked(p) == ["Fédération des CIGALES"]
    # An organisation already in the directory is linked as it is, not duplicated.
    p.contacts = ["Fédération des CIGALES", "Razvojni center Srca Slovenije"]
    p.save()
    assert linked(p) == ["Fédération des CIGALES", "Razvojni center Srca Slovenije"]
    agency.refresh_from_db()
    assert agency.kind == "support_org" and agency.country == "SI"
    # A contact dropped from the practice is unlinked; its directory entry stays.
    p.contacts = ["Razvojni center Srca Slovenije"]
    p.save()
    assert linked(p) == ["Razvojni center Srca Slovenije"]
    assert Organisation.objects.filter(name="Fédération des CIGALES").exists()


def test_a_link_made_by_the_staff_survives_a_change_of_contacts(ministry: Any) -> None:
    p = practice("adie", ["Adie"])
    ministry.practices.add(p)
    p.contacts = ["Adie", "Département de la Seine-Saint-Denis"]
    p.save()
    assert linked(p) == ["Adie", "Département de la Seine-Saint-Denis", ministry.name]


def test_a_save_without_a_change_of_contacts_does_not_touch_the_directory() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    p = practice("adie", ["Adie"])
    p.title_en = "Adie microcredit"
    with CaptureQueriesContext(connection) as done:
        p.save()
    assert not [q for q in done.captured_queries if "network_organisation" in q["sql"]]


def test_the_practice_page_links_each_contact_to_its_directory_entry() -> None:
    p = practice("cigales", ["Fédération des CIGALES"])
    org = Organisation.objects.get(name="Fédération des CIGALES")
    page = Client().get(reverse("practices:detail", args=[p.slug])).content.decode()
    url = reverse("network:organisation", args=[org.pk])
    assert f'<a href="{url}">Fédération des CIGALES</a>' in page
    # And the organisation's page links back to the practice (public only).
    back = Client().get(url).content.decode()
    assert reverse("practices:detail", args=[p.slug]) in back
