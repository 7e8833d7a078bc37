"""A club covers more than one region (issue 11 §6): Litija is in Zasavska (SI035) since 2015,
Šmartno pri Litiji stayed in Osrednjeslovenska (SI041). A coordinator of any region the club
covers reads it, sees it in the regional overview and sees the requests that name it; a
coordinator of a region the club does not cover does not."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from microfuture.accounts.models import RoleGrant
from microfuture.clubs.models import Club, InterestRequest
from microfuture.clubs.selectors import region_overview
from microfuture.clubs.selectors_interest import requests_to_handle
from microfuture.clubs.services import club_create, club_update_charter
from microfuture.clubs.services.interest import interest_join_club
from microfuture.clubs.services.money import ClubError
from microfuture.conftest import make_user

pytestmark = pytest.mark.django_db


def coordinator_of(*regions: str) -> Any:
    user = make_user("coord-" + "-".join(regions).lower())
    for region in regions:
        RoleGrant.objects.create(user=user, role=RoleGrant.Role.COORDINATOR, region=region)
    return user


@pytest.fixture
def litija(db: Any) -> Club:
    return club_create(name="Klub Srce Slovenije", region="SI035", other_regions=["SI041"],
                       start_date=date(2026, 1, 5))


def page(user: Any, club: Club) -> int:
    client = Client()
    client.force_login(user)
    return client.get(reverse("clubs:detail", args=[club.slug])).status_code


def test_the_club_stores_its_other_regions(litija: Club) -> None:
    litija.refresh_from_db()
    assert (litija.region, litija.other_regions) == ("SI035", ["SI041"])
    assert litija.regions == ("SI035", "SI041")


def test_a_coordinator_of_any_of_its_regions_reads_the_club(litija: Club) -> None:
    home, other, elsewhere = (coordinator_of("SI035"), coordinator_of("SI041"),
                              coordinator_of("SI042"))
    both = coordinator_of("SI035", "SI041")
    assert page(home, litija) == 200
    assert page(other, litija) == 200
    assert page(both, litija) == 200
    assert page(elsewhere, litija) == 404  # like a club that does not exist
    assert [row.club for row in region_overview(other)] == [litija]
    assert [row.club for row in region_overview(both)] == [litija]  # once, not twice
    assert region_overview(elsewhere) == []


def test_the_club_pages_name_every_region(litija: Club) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(coordinator_of("SI041"))
    html = client.get(reverse("clubs:detail", args=[litija.slug])).content.decode()
    assert "Zasavska, Osrednjeslovenska" in html
    assert "Zasavska, Osrednjeslovenska" in client.get(reverse("clubs:region")).content.decode()


def test_a_club_of_one_region_is_not_read_by_a_neighbour(db: Any) -> None:
    club = club_create(name="Zasavski krog", region="SI035", start_date=date(2026, 1, 5))
    assert page(coordinator_of("SI041"), club) == 404
    assert page(coordinator_of("SI035"), club) == 200


def test_a_request_naming_the_club_reaches_every_coordinator_of_its_regions(
        litija: Club) -> None:
    person = make_user("vlagateljica")
    interest_join_club(actor=person, region="SI041", club=litija, message="Iz Šmartnega sem.")
    request = InterestRequest.objects.get()
    assert request.region == "SI035"  # the club's own region
    assert list(requests_to_handle(coordinator_of("SI041"))) == [request]
    assert list(requests_to_handle(coordinator_of("SI042"))) == []


def test_other_regions_are_checked(db: Any) -> None:
    with pytest.raises(ClubError):
        club_create(name="Klub A", region="SI035", other_regions=["SI999"],
                    start_date=date(2026, 1, 5))
    with pytest.raises(ClubError):
        club_create(name="Klub B", region="SI035", other_regions=["SI035"],
                    start_date=date(2026, 1, 5))
    assert not Club.objects.exists()


def test_officers_change_the_other_regions_as_a_particular(admin: Any, litija: Club) -> None:
    club_update_charter(club=litija, actor=admin, other_regions=["SI041", "SI034", "SI041"])
    litija.refresh_from_db()
    assert litija.other_regions == ["SI034", "SI041"]
    # Moving the club's home into one of its other regions takes it off that list.
    club_update_charter(club=litija, actor=admin, region="SI041")
    litija.refresh_from_db()
    assert (litija.region, litija.other_regions) == ("SI041", ["SI034"])
    with pytest.raises(ClubError):
        club_update_charter(club=litija, actor=admin, other_regions=["SI041"])
