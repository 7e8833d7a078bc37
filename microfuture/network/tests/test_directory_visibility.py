"""Who sees whom in the directory, on the pages and in the API: anonymous, a signed-in
outsider, a coordinator and an administrator, each with a listed and an unlisted person."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

API = "/api/v1/network"


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def readers(admin: Any, coordinator: Any, outsider: Any) -> dict[str, Any]:
    return {"anonymous": None, "outsider": outsider, "coordinator": coordinator,
            "admin": admin}


# What each reader sees of each person: (page status, API status) and whether the e-mail shows.
SEES = {
    # reader: (listed person, unlisted person)
    "anonymous": (False, False),
    "outsider": (True, False),
    "coordinator": (True, True),
    "admin": (True, True),
}


@pytest.mark.parametrize("reader", list(SEES))
def test_person_page_is_seen_only_by_who_may(reader: str, readers: dict[str, Any],
                                             listed_person: Any, unlisted_person: Any) -> None:
    client = client_for(readers[reader])
    for person, may_see in zip((listed_person, unlisted_person), SEES[reader], strict=True):
        response = client.get(reverse("network:person", args=[person.pk]))
        if may_see:
            assert response.status_code == 200
            assert person.name in response.content.decode()
        else:
            assert response.status_code == 404
            assert person.name not in response.content.decode()


@pytest.mark.parametrize("reader", list(SEES))
def test_person_api_is_seen_only_by_who_may(reader: str, readers: dict[str, Any],
                                            listed_person: Any, unlisted_person: Any) -> None:
    client = client_for(readers[reader])
    for person, may_see in zip((listed_person, unlisted_person), SEES[reader], strict=True):
        response = client.get(f"{API}/people/{person.pk}")
        if reader == "anonymous":
            assert response.status_code == 401
        elif may_see:
            assert response.status_code == 200
            assert response.json()["name"] == person.name
        else:
            assert response.status_code == 404
            assert person.name not in response.content.decode()


def test_missing_and_hidden_person_answer_alike(outsider: Any, unlisted_person: Any) -> None:
    client = client_for(outsider)
    hidden = client.get(f"{API}/people/{unlisted_person.pk}")
    missing = client.get(f"{API}/people/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_people_list_needs_signing_in(listed_person: Any) -> None:
    response = Client().get(reverse("network:people"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert Client().get(f"{API}/people").status_code == 401


def test_outsider_sees_listed_people_only(outsider: Any, listed_person: Any,
                                          unlisted_person: Any) -> None:
    client = client_for(outsider)
    page = client.get(reverse("network:people")).content.decode()
    assert "Petra Listed" in page and "Urban Unlisted" not in page
    assert "not listed" not in page
    names = [row["name"] for row in client.get(f"{API}/people").json()["items"]]
    assert names == ["Petra Listed"]


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_staff_see_everyone_with_the_unlisted_marked(who: str, readers: dict[str, Any],
                                                     listed_person: Any,
                                                     unlisted_person: Any) -> None:
    client = client_for(readers[who])
    page = client.get(reverse("network:people")).content.decode()
    assert "Petra Listed" in page and "Urban Unlisted" in page
    assert page.count("not listed — staff only") == 1
    rows = {row["name"]: row for row in client.get(f"{API}/people").json()["items"]}
    assert set(rows) == {"Petra Listed", "Urban Unlisted"}
    assert rows["Urban Unlisted"]["listed"] is False
    # Staff see the e-mail of everyone, also of those who did not agree to be contacted.
    assert rows["Urban Unlisted"]["email"] == "urban@example.org"
    detail = client.get(f"{API}/people/{unlisted_person.pk}").json()
    assert detail["consent_listed"] is False and detail["consent_on"] is None


def test_contact_details_need_consent_to_be_contacted(outsider: Any, listed_person: Any
                                                      ) -> None:
    client = client_for(outsider)
    page = client.get(reverse("network:person", args=[listed_person.pk])).content.decode()
    assert "petra@example.org" in page and "+386 1 000 00 00" in page
    listed_person.consent_contacted = False
    listed_person.save()
    page = client.get(reverse("network:person", args=[listed_person.pk])).content.decode()
    assert "petra@example.org" not in page and "+386 1 000 00 00" not in page
    row = client.get(f"{API}/people").json()["items"][0]
    assert row["email"] is None and row["phone"] is None
    detail = client.get(f"{API}/people/{listed_person.pk}").json()
    assert detail["email"] is None and detail["phone"] is None
    assert detail["consent_listed"] is None  # the consent itself is the staff's to see


@pytest.mark.parametrize("reader", list(SEES))
def test_organisation_page_shows_its_people_per_the_rule(
        reader: str, readers: dict[str, Any], agency: Any, listed_person: Any,
        unlisted_person: Any) -> None:
    unlisted_person.organisation = agency
    unlisted_person.save()
    client = client_for(readers[reader])
    response = client.get(reverse("network:organisation", args=[agency.pk]))
    assert response.status_code == 200  # organisations are public
    page = response.content.decode()
    sees_listed, sees_unlisted = SEES[reader]
    assert ("Petra Listed" in page) is sees_listed
    assert ("Urban Unlisted" in page) is sees_unlisted
    api = client.get(f"{API}/organisations/{agency.pk}").json()
    expected = {name for name, seen in (("Petra Listed", sees_listed),
                                        ("Urban Unlisted", sees_unlisted)) if seen}
    assert {p["name"] for p in api["people"]} == expected


def test_erased_person_is_not_listed_for_others(outsider: Any, listed_person: Any) -> None:
    from django.utils import timezone

    listed_person.erased_at = timezone.now()
    listed_person.save()
    client = client_for(outsider)
    assert client.get(reverse("network:person", args=[listed_person.pk])).status_code == 404
    assert client.get(f"{API}/people").json()["count"] == 0


@pytest.mark.parametrize("who", ["outsider", "coordinator"])
def test_the_people_list_takes_the_same_queries_for_few_or_many(
        who: str, readers: dict[str, Any], agency: Any) -> None:
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from microfuture.network.models import Person

    client = client_for(readers[who])

    def counts() -> tuple[int, ...]:
        result = []
        for url in (reverse("network:people"), f"{API}/people",
                    reverse("network:organisation", args=[agency.pk]),
                    f"{API}/organisations/{agency.pk}"):
            with CaptureQueriesContext(connection) as done:
                assert client.get(url).status_code == 200
            result.append(len(done.captured_queries))
        return tuple(result)

    def add(n: int) -> None:
        for i in range(n):
            Person.objects.create(name=f"Person {i}", organisation=agency, email=f"{i}@x.org",
                                  consent_on=date(2026, 1, 1), consent_listed=True,
                                  consent_contacted=bool(i % 2))

    add(2)
    few = counts()
    add(8)
    assert counts() == few
