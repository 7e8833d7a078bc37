"""The ministry role (issue 13) in the access matrix: read-only, every region, aggregates only,
no personal data (docs/privacy.md, docs/accounts.md).

The `ministry` persona also runs through every case of `test_access_matrix.py`,
`test_access_matrix_more.py` and `accounts/tests/test_access_matrix_account.py` (as a person
who may not know a club exists) and of `network/tests/test_access_matrix_network.py`. This
module adds what those leave out: every personal read, page and API, answers as to a stranger
and no page it opens shows a member's name or address; it reads the public pages; and it
cannot raise its own rights.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client

from microfuture.accounts.models import RoleGrant, User
from microfuture.accounts.permissions import (
    coordinated_regions,
    is_coordinator,
    is_curator,
    is_ministry,
    is_platform_admin,
)
from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, InterestRequest, Member
from microfuture.clubs.services import club_record_events
from microfuture.clubs.services.interest import interest_join_club
from microfuture.network import permissions as network_permissions

pytestmark = pytest.mark.django_db

#: What must never reach the ministry: members' names (in the books and on their accounts),
#: their addresses, and what people wrote in their requests.
PERSONAL = ["Miha", "Nina", "Tine", "Sara", "Maja", "Član", "Blagajnik", "Upraviteljica",
            "member@example.org", "member2@example.org", "treasurer@example.org",
            "oto@example.org", "outsider@example.org", "Oto Zunanji", "I bake bread."]


@pytest.fixture
def world(club: Club, treasurer: Any, outsider: Any) -> dict[str, Any]:
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha",
              amount=Decimal("300.00")),
        Event(date=date(2026, 2, 1), type="contribution", member="Nina",
              amount=Decimal("50.00")),
    ])
    waiting = interest_join_club(actor=outsider, region="SI041", club=club,
                                 message="I bake bread.")
    return {"club": club, "miha": Member.objects.get(club=club, name="Miha"),
            "request": waiting}


def _reads(w: dict[str, Any]) -> list[tuple[str, int]]:
    """Each personal read with the answer a person who may not know the club gets."""
    slug, miha = w["club"].slug, w["miha"].pk
    web, api = f"/clubs/{slug}", f"/api/v1/clubs/{slug}"
    return [
        (f"{web}/", 404), (f"{web}/members/", 404), (f"{web}/me/", 404),
        (f"{web}/statement/", 404), (f"{web}/statement/pdf/", 404),
        (f"{web}/statement/json/", 404), (f"{web}/statement/xlsx/", 404),
        (f"{web}/statement/member/{miha}/", 404), (f"{web}/statement/member/{miha}/pdf/", 404),
        (f"{web}/events/", 404), (f"{web}/audit/", 404), (f"{web}/journal/export/", 404),
        (f"{web}/pledges/", 404), (f"{web}/collection/", 404), (f"{web}/charter/", 404),
        (f"{web}/roles/", 404), (f"{web}/meetings/", 404), (f"{web}/proposals/", 404),
        (f"{web}/mentoring/", 404), (f"{web}/invitations/", 404),
        (api, 404), (f"{api}/statement", 404), (f"{api}/members/{miha}/statement", 404),
        (f"{api}/events", 404), (f"{api}/journal", 404), (f"{api}/pledges", 404),
        (f"{api}/payments", 404), (f"{api}/mentoring", 404),
        # The regional overview lists clubs one by one: coordinators' (the ministry has the
        # impact dashboards' aggregates instead).
        ("/clubs/region/", 403), ("/api/v1/clubs/region-overview", 403),
        # Requests to join: to anyone who does not handle them, this one does not exist.
        (f"/clubs/interest/{w['request'].pk}/handled/", 404),
        # The registrations of public events and the network's interest lists: staff only.
        ("/network/interest/overview/", 403),
        # The catalogue's review queue (curators).
        ("/finder/review/", 403),
    ]


def test_the_ministry_reaches_no_personal_read(
    client: Client, world: dict[str, Any], ministry: User,
) -> None:
    client.force_login(ministry)
    wrong = []
    for url, status in _reads(world):
        method = client.post if url.endswith("/handled/") else client.get
        response = method(url)
        if response.status_code != status:
            wrong.append(f"{url}: {response.status_code}, expected {status}")
        body = response.content.decode(errors="replace")
        shown = [s for s in PERSONAL if s in body]
        if shown:
            wrong.append(f"{url} shows {shown}")
    assert not wrong, "\n".join(wrong)
    world["request"].refresh_from_db()
    assert world["request"].handled_at is None


def test_the_ministry_finds_no_club_and_no_request_in_its_lists(
    client: Client, world: dict[str, Any], ministry: User,
) -> None:
    client.force_login(ministry)
    assert client.get("/api/v1/clubs/").json()["items"] == []
    for url in ("/clubs/", "/clubs/interest/inbox/", "/privacy/my-data/", "/accounts/me/"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not [s for s in PERSONAL if s in body], url
    assert InterestRequest.objects.filter(handled_at__isnull=True).count() == 1


def test_the_ministry_reads_the_public_pages(client: Client, ministry: User) -> None:
    client.force_login(ministry)
    for url in ("/", "/privacy/", "/finder/", "/practices/", "/network/", "/events/",
                "/open-data/"):
        assert client.get(url).status_code == 200, url


def test_the_role_gives_no_other_right(ministry: User) -> None:
    assert is_ministry(ministry)
    assert not is_platform_admin(ministry) and not is_curator(ministry)
    assert not is_coordinator(ministry) and coordinated_regions(ministry) == set()
    assert not network_permissions.is_staff(ministry)
    assert network_permissions.coordinator_regions(ministry) == set()
    assert not ministry.is_staff and not ministry.is_superuser


def test_the_ministry_cannot_raise_its_own_rights(client: Client, ministry: User) -> None:
    """No way in to the admin (where roles are granted), no grant of its own making."""
    client.force_login(ministry)
    assert client.get("/admin/").status_code == 302
    for url in ("/admin/accounts/user/", f"/admin/accounts/user/{ministry.pk}/change/",
                "/admin/finder/provider/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    response = client.post(f"/admin/accounts/user/{ministry.pk}/change/", {
        "username": "ministry", "email": ministry.email, "is_active": "on", "is_staff": "on",
        "is_superuser": "on", "role_grants-TOTAL_FORMS": "1",
        "role_grants-INITIAL_FORMS": "0", "role_grants-0-role": "coordinator",
        "role_grants-0-region": "SI041",
    })
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    ministry.refresh_from_db()
    assert not ministry.is_staff and not ministry.is_superuser
    assert list(RoleGrant.objects.filter(user=ministry).values_list("role", flat=True)) == [
        "ministry"]
    assert not LogEntry.objects.exists()
    # The account API is read-only.
    assert client.patch("/api/v1/accounts/me", {"is_superuser": True},
                        content_type="application/json").status_code in (404, 405)
    assert client.get("/api/v1/accounts/me").json()["username"] == "ministry"


def test_an_administrator_grants_the_role_in_the_admin_and_it_is_logged(
    client: Client, admin: User, outsider: User,
) -> None:
    """The way roles are granted today: an administrator adds a role line on the person's
    page in the admin; Django's admin history records who did it and when."""
    client.force_login(admin)
    page = client.get(f"/admin/accounts/user/{outsider.pk}/change/")
    assert page.status_code == 200
    assert 'value="ministry"' in page.content.decode()
    response = client.post(f"/admin/accounts/user/{outsider.pk}/change/", {
        "username": outsider.username, "email": outsider.email, "full_name": outsider.full_name,
        "is_active": "on", "date_joined_0": "2026-12-01", "date_joined_1": "10:00:00",
        "initial-date_joined_0": "2026-12-01", "initial-date_joined_1": "10:00:00",
        "role_grants-TOTAL_FORMS": "1", "role_grants-INITIAL_FORMS": "0",
        "role_grants-MIN_NUM_FORMS": "0", "role_grants-MAX_NUM_FORMS": "1000",
        "role_grants-0-role": "ministry", "role_grants-0-region": "",
        "role_grants-0-user": str(outsider.pk),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert is_ministry(outsider)
    entry = LogEntry.objects.get(object_id=str(outsider.pk))
    assert entry.user_id == admin.pk
    assert "role grant" in entry.get_change_message().lower()
    assert not network_permissions.is_staff(outsider)


def test_a_ministry_grant_names_no_region(client: Client, admin: User, outsider: User) -> None:
    """The role covers every region: a grant for one region would say what is not so."""
    from django.core.exceptions import ValidationError

    grant = RoleGrant(user=outsider, role=RoleGrant.Role.MINISTRY, region="SI041")
    with pytest.raises(ValidationError):
        grant.full_clean()
    client.force_login(admin)
    response = client.post(f"/admin/accounts/user/{outsider.pk}/change/", {
        "username": outsider.username, "email": outsider.email, "full_name": outsider.full_name,
        "is_active": "on", "date_joined_0": "2026-12-01", "date_joined_1": "10:00:00",
        "role_grants-TOTAL_FORMS": "1", "role_grants-INITIAL_FORMS": "0",
        "role_grants-0-role": "ministry", "role_grants-0-region": "SI041",
        "role_grants-0-user": str(outsider.pk),
    })
    assert response.status_code == 200  # the form again, with the reason
    assert "leave the region empty" in response.content.decode()
    assert not RoleGrant.objects.filter(user=outsider).exists()
    assert not LogEntry.objects.exists()
