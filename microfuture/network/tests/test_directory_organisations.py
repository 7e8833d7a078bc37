"""An organisation's page and API: public; the mechanisms it offers, its public practices,
the clubs it is (linked only for those who may know the club); the list's filters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from microfuture.conftest import make_user
from microfuture.network.models import Organisation
from microfuture.practices.models import Practice

pytestmark = pytest.mark.django_db

API = "/api/v1/network"


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def club(db: Any) -> Any:
    from microfuture.clubs.models import Club
    from microfuture.clubs.services import club_found

    return club_found(
        founder=make_user("founder", full_name="Franc Ustanovitelj"), founder_name="Franc",
        name="Klub Srce", region="SI041", start_date=date(2026, 1, 5),
        monthly_pledge=Decimal("20.00"), decision_rule=Club.DecisionRule.MAJORITY,
        quorum_percent=50,
    )


@pytest.fixture
def mechanism(db: Any) -> Any:
    from microfuture.finder.models import Mechanism
    from microfuture.finder.services import seed_catalogue

    seed_catalogue()
    return Mechanism.objects.order_by("slug").first()


@pytest.fixture
def linked_agency(agency: Any, club: Any, mechanism: Any) -> Any:
    public = Practice.objects.create(slug="clubs-cigales", title_en="Clubs CIGALES",
                                     title_sl="Klubi CIGALES", country="FR",
                                     status=Practice.Status.APPROVED)
    draft = Practice.objects.create(slug="secret-draft", title_en="A draft practice",
                                    country="SI", status=Practice.Status.DRAFT)
    agency.practices.add(public, draft)
    agency.mechanisms.add(mechanism)
    agency.clubs.add(club)
    return agency


@pytest.mark.parametrize("reader", ["anonymous", "outsider", "coordinator", "admin"])
def test_the_organisation_page_links_what_it_offers_runs_and_is(
        reader: str, linked_agency: Any, club: Any, mechanism: Any, outsider: Any,
        coordinator: Any, admin: Any) -> None:
    user = {"anonymous": None, "outsider": outsider, "coordinator": coordinator,
            "admin": admin}[reader]
    client = client_for(user)
    response = client.get(reverse("network:organisation", args=[linked_agency.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Support organisation" in page and "Zasavska" in page
    assert reverse("finder:mechanism", args=[mechanism.slug]) in page
    assert reverse("practices:detail", args=["clubs-cigales"]) in page
    assert "secret-draft" not in page and "A draft practice" not in page
    club_url = reverse("clubs:detail", args=[club.slug])
    may_know = reader in ("coordinator", "admin")  # the club is in SI041
    assert "Klub Srce" in page
    assert (club_url in page) is may_know

    data = client.get(f"{API}/organisations/{linked_agency.pk}").json()
    assert data["kind"] == "support_org" and data["region"] == "SI035"
    assert [p["slug"] for p in data["practices"]] == ["clubs-cigales"]
    assert [m["url"] for m in data["mechanisms"]] == [
        reverse("finder:mechanism", args=[mechanism.slug])]
    assert data["clubs"] == [{"slug": club.slug, "name": "Klub Srce",
                              "url": club_url if may_know else None}]


def test_the_about_text_is_in_the_readers_language(agency: Any) -> None:
    agency.about_sl = "Razvojna agencija Zasavja."
    agency.about_en = "The development agency of Zasavje."
    agency.save()
    url = reverse("network:organisation", args=[agency.pk])
    assert "The development agency" in Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    sl = Client()
    sl.cookies["django_language"] = "sl"
    assert "Razvojna agencija Zasavja." in sl.get(url).content.decode()


def test_a_missing_organisation_is_a_404() -> None:
    assert Client().get(reverse("network:organisation", args=[999])).status_code == 404
    assert Client().get(f"{API}/organisations/999").status_code == 404


def test_the_list_filters_by_kind_country_and_name(agency: Any, ministry: Any) -> None:
    Organisation.objects.create(name="Fédération des CIGALES", kind="support_org",
                                country="FR")
    client = Client()
    page = client.get(reverse("network:organisations"), {"kind": "support_org"}).content.decode()
    assert agency.name in page and "CIGALES" in page and ministry.name not in page
    page = client.get(reverse("network:organisations"),
                      {"kind": "support_org", "country": "FR"}).content.decode()
    assert "CIGALES" in page and agency.name not in page
    page = client.get(reverse("network:organisations"), {"q": "ministrstvo"}).content.decode()
    assert ministry.name in page and agency.name not in page

    def names(**params: str) -> list[str]:
        return [o["name"] for o in client.get(f"{API}/organisations", params).json()["items"]]

    assert names() == ["Fédération des CIGALES", ministry.name, agency.name]
    assert names(kind="policymaker") == [ministry.name]
    assert names(country="fr") == ["Fédération des CIGALES"]
    assert client.get(f"{API}/organisations").json()["count"] == 3


def test_a_staff_editor_keeps_the_links_to_clubs_they_may_not_know(
        agency: Any, club: Any) -> None:
    from microfuture.accounts.models import RoleGrant

    elsewhere = make_user("koroska", full_name="Klara Koroška")
    RoleGrant.objects.create(user=elsewhere, role=RoleGrant.Role.COORDINATOR, region="SI033")
    agency.clubs.add(club)
    client = client_for(elsewhere)
    form = client.get(reverse("network:organisation_edit", args=[agency.pk])).content.decode()
    assert "Klub Srce" not in form
    client.post(reverse("network:organisation_edit", args=[agency.pk]), {
        "name": agency.name, "kind": "support_org", "country": "SI", "region": "SI035"})
    assert list(agency.clubs.all()) == [club]
