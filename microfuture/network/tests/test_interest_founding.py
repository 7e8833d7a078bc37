"""A founding meeting founds the club with its founder and invites the other founders."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from microfuture.clubs.models import Club, Invitation, Member
from microfuture.conftest import make_user
from microfuture.network.errors import NetworkError
from microfuture.network.models import ClubInterest, Meeting, Registration
from microfuture.network.services_events import founding_meeting_found_club
from microfuture.network.tests.events_helpers import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def founding() -> Any:
    return make_event(kind=Meeting.Kind.FOUNDING_MEETING, public=False, days=-1,
                      title_sl="Ustanovni sestanek kluba v Domžalah",
                      title_en="Founding meeting of the Domžale club")


@pytest.fixture
def founder() -> Any:
    return make_user("fran", full_name="Fran Ustanovitelj")


def people(n: int) -> list[ClubInterest]:
    return [ClubInterest.objects.create(
        name=f"Član {i}", email=f"clan{i}@example.org", municipality="023", region="SI041",
        consent_at=timezone.now(), consent_text="yes") for i in range(n)]


def test_the_page_founds_the_club_and_invites_the_others(
    client: Any, coordinator: Any, founding: Any, founder: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    interest = people(3)
    came = Registration.objects.create(meeting=founding, name="Rok Prišel",
                                       email="rok@example.org", consent_at=timezone.now(),
                                       consent_text="yes")
    client.force_login(coordinator)
    url = reverse("network:interest_founding", args=[founding.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "clan0@example.org" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {
            "founder_email": "FRAN@example.org", "founder_name": "", "club_name": "Klub Domžale",
            "region": "SI041", "monthly_pledge": "25,50",
            "interests": [p.pk for p in interest], "registrations": [came.pk],
        }, HTTP_ACCEPT_LANGUAGE="sl", follow=True)
    assert response.status_code == 200
    club = Club.objects.get(name="Klub Domžale")
    assert club.status == Club.Status.FORMING and club.region == "SI041"
    assert club.monthly_pledge_cents == 2550
    manager = Member.objects.get(club=club)
    assert manager.user == founder and manager.role == Member.Role.MANAGER
    assert manager.name == "Fran Ustanovitelj"
    founding.refresh_from_db()
    assert founding.club == club
    assert sorted(Invitation.objects.filter(club=club).values_list("email", flat=True)) == [
        "clan0@example.org", "clan1@example.org", "clan2@example.org", "rok@example.org"]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "clan0@example.org", "clan1@example.org", "clan2@example.org", "rok@example.org"]
    assert all(p.club == club for p in ClubInterest.objects.all())
    # Five founders: no warning; the page now shows the club and no form.
    assert "Klub Domžale" in response.content.decode()
    assert "founder_email" not in response.content.decode()


def test_fewer_than_five_founders_warns(
    client: Any, coordinator: Any, founding: Any, founder: Any,
) -> None:
    client.force_login(coordinator)
    response = client.post(reverse("network:interest_founding", args=[founding.pk]), {
        "founder_email": "fran@example.org", "club_name": "Mali klub", "region": "SI041",
        "monthly_pledge": "20", "interests": [people(1)[0].pk],
    }, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert Club.objects.filter(name="Mali klub").exists()
    assert "The club has 2 founders" in response.content.decode()


def test_refusals_leave_nothing(coordinator: Any, founding: Any, founder: Any,
                                meeting: Any) -> None:
    def found(**changes: Any) -> Club:
        values: dict[str, Any] = {
            "actor": coordinator, "meeting": founding, "founder_email": "fran@example.org",
            "founder_name": "Fran", "club_name": "Klub", "region": "SI041",
            "monthly_pledge": Decimal("25"), "interests": [], "registrations": [],
            "site_url": "http://testserver"}
        values.update(changes)
        return founding_meeting_found_club(**values)

    with pytest.raises(NetworkError, match="at most 20 members"):
        found(interests=people(20))
    with pytest.raises(NetworkError, match="No account has the address"):
        found(founder_email="nobody@example.org")
    with pytest.raises(NetworkError, match="founding meeting"):
        found(meeting=meeting)
    with pytest.raises(NetworkError, match="regions you coordinate"):
        found(region="SI032")
    # Two founders with one name: the club's books cannot tell them apart.
    twins = [ClubInterest.objects.create(
        name="Ana", email=f"ana{i}@example.org", municipality="023", region="SI041",
        consent_at=timezone.now(), consent_text="yes") for i in range(2)]
    with pytest.raises(NetworkError):
        found(interests=twins)
    assert not Club.objects.exists() and not Invitation.objects.exists()
    founding.refresh_from_db()
    assert founding.club is None
    assert not ClubInterest.objects.filter(club__isnull=False).exists()
    found()
    with pytest.raises(NetworkError, match="already been founded"):
        found(club_name="Drugi")


def test_only_coordinators(client: Any, outsider: Any, founding: Any, founder: Any) -> None:
    client.force_login(outsider)
    url = reverse("network:interest_founding", args=[founding.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"founder_email": "fran@example.org", "club_name": "X",
                             "region": "SI041", "monthly_pledge": "1"}).status_code == 403
    with pytest.raises(NetworkError):
        founding_meeting_found_club(
            actor=outsider, meeting=founding, founder_email="fran@example.org",
            founder_name="", club_name="X", region="SI041", monthly_pledge=Decimal("1"),
            interests=[], registrations=[], site_url="http://testserver")
    assert not Club.objects.exists()
