"""Coordinators see interest by municipality in their regions and invite to info sessions."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from microfuture.accounts.models import RoleGrant
from microfuture.conftest import make_user
from microfuture.network.models import ClubInterest
from microfuture.network.tests.events_helpers import make_event

pytestmark = pytest.mark.django_db


def interested(name: str, municipality: str, region: str) -> ClubInterest:
    return ClubInterest.objects.create(
        name=name, email=f"{name.lower().replace(' ', '.')}@example.org",
        municipality=municipality, region=region, consent_at=timezone.now(),
        consent_text="yes")


@pytest.fixture
def interest() -> list[ClubInterest]:
    people = [interested(f"Domzale {i}", "023", "SI041") for i in range(5)]
    people += [interested(f"Ljubljana {i}", "061", "SI041") for i in range(2)]
    people += [interested("Kranj 1", "052", "SI042")]
    people += [interested("Maribor 1", "070", "SI032")]
    gone = interested("Gone", "023", "SI041")
    gone.withdrawn_at = timezone.now()
    gone.save()
    return people


def test_a_coordinator_sees_only_their_region(client: Any, coordinator: Any,
                                              interest: Any) -> None:
    client.force_login(coordinator)
    response = client.get(reverse("network:interest_overview"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g.code for g in groups] == ["SI041"]
    assert [(m.name, m.people, m.enough) for m in groups[0].municipalities] == [
        ("Domžale", 5, True), ("Ljubljana", 2, False)]
    page = response.content.decode()
    assert "enough for an info session" in page
    assert "Kranj" not in page and "Maribor" not in page and "gone@example.org" not in page


def test_a_coordinator_of_two_regions_sees_both(client: Any, interest: Any) -> None:
    both = make_user("both", full_name="Dvojna Koordinatorka")
    RoleGrant.objects.create(user=both, role=RoleGrant.Role.COORDINATOR, region="SI041")
    RoleGrant.objects.create(user=both, role=RoleGrant.Role.COORDINATOR, region="SI042")
    client.force_login(both)
    groups = client.get(reverse("network:interest_overview")).context["groups"]
    assert [(g.code, g.people) for g in groups] == [("SI041", 7), ("SI042", 1)]


def test_outsiders_are_refused(client: Any, outsider: Any, curator: Any,
                               interest: Any) -> None:
    url = reverse("network:interest_overview")
    assert client.get(url).status_code == 302
    for person in (outsider, curator):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 403
        assert b"domzale.0@example.org" not in response.content


def test_inviting_a_municipality_is_idempotent(
    client: Any, coordinator: Any, interest: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    session = make_event()
    client.force_login(coordinator)
    url = reverse("network:interest_overview")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"meeting": session.pk, "municipalities": ["023"]},
                               HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    domzale = ClubInterest.objects.filter(municipality="023", withdrawn_at__isnull=True)
    assert all(p.invited_to_id == session.pk and p.invited_at for p in domzale)
    assert not ClubInterest.objects.filter(municipality="061", invited_to__isnull=False)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in domzale)
    body = mail.outbox[0].body
    assert f"/events/{session.pk}/" in body and "/network/interest/withdraw/" in body
    # Again, plus one person of Ljubljana: only she is written to.
    ljubljana = ClubInterest.objects.filter(municipality="061").first()
    assert ljubljana is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"meeting": session.pk, "municipalities": ["023"],
                                     "people": [ljubljana.pk]}, HTTP_ACCEPT_LANGUAGE="en",
                               follow=True)
    assert len(mail.outbox) == 6 and mail.outbox[-1].to == [ljubljana.email]
    page = response.content.decode()
    assert "1 person invited" in page and "5 people skipped" in page


def test_no_invitation_outside_the_coordinators_regions(
    client: Any, coordinator: Any, interest: Any,
) -> None:
    from microfuture.network.errors import NetworkError
    from microfuture.network.services_events import interest_invite

    session = make_event()
    maribor = ClubInterest.objects.get(municipality="070")
    with pytest.raises(NetworkError):
        interest_invite(actor=coordinator, meeting=session, interests=[maribor],
                        site_url="http://testserver")
    # On the page, someone outside the regions is not even a choice.
    client.force_login(coordinator)
    response = client.post(reverse("network:interest_overview"),
                           {"meeting": session.pk, "people": [maribor.pk]})
    assert response.status_code == 200
    maribor.refresh_from_db()
    assert maribor.invited_to is None and not mail.outbox


def test_only_a_public_upcoming_info_session(coordinator: Any, interest: Any) -> None:
    from microfuture.network.errors import NetworkError
    from microfuture.network.models import Meeting
    from microfuture.network.services_events import interest_invite

    for session in (make_event(public=False), make_event(kind=Meeting.Kind.WORKSHOP),
                    make_event(days=-1)):
        with pytest.raises(NetworkError):
            interest_invite(actor=coordinator, meeting=session, interests=interest[:1],
                            site_url="http://testserver")
    assert not ClubInterest.objects.filter(invited_to__isnull=False).exists()
