"""People's requests to join a club or register an enterprise, and who sees and handles them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from microfuture.accounts.models import RoleGrant
from microfuture.clubs.models import AuditLog, Club, Enterprise, InterestRequest
from microfuture.conftest import make_user

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_asking_to_join_a_named_club(club, manager, member, coordinator, outsider):
    person = client_for(outsider)
    form = person.get(reverse("clubs:interest_join")).content.decode()
    assert "Zadruga Srce" in form
    response = person.post(reverse("clubs:interest_join"), {
        "region": "SI035", "club": club.pk, "message": "I can save 20 EUR a month.",
    }, follow=True)
    assert "Your request is sent." in response.content.decode()
    request = InterestRequest.objects.get(user=outsider)
    assert request.kind == InterestRequest.Kind.JOIN_CLUB
    assert request.club == club and request.region == "SI041"  # the club's own region
    assert AuditLog.objects.filter(action="interest.join_club", club=club).exists()
    # The person sees their own request.
    mine = person.get(reverse("clubs:interest")).content.decode()
    assert "Zadruga Srce" in mine and "waiting" in mine
    # The club's officers and the region's coordinator see it; a plain member does not.
    for viewer in (manager, coordinator):
        page = client_for(viewer).get(reverse("clubs:interest_inbox")).content.decode()
        assert "I can save 20 EUR a month." in page, viewer
    assert "I can save" not in client_for(member).get(
        reverse("clubs:interest_inbox")
    ).content.decode()
    # Asking twice while waiting is refused.
    again = person.post(reverse("clubs:interest_join"), {"region": "SI041", "club": club.pk})
    assert "already asked" in again.content.decode()
    assert InterestRequest.objects.filter(user=outsider).count() == 1


def test_a_request_without_a_club_goes_to_the_region(club, manager, coordinator, outsider):
    client_for(outsider).post(reverse("clubs:interest_join"), {"region": "SI041", "club": ""})
    request = InterestRequest.objects.get(user=outsider)
    assert request.club is None
    assert outsider.full_name in client_for(coordinator).get(
        reverse("clubs:interest_inbox")
    ).content.decode()
    # Officers of a club see only requests naming their club.
    assert outsider.full_name not in client_for(manager).get(
        reverse("clubs:interest_inbox")
    ).content.decode()


def test_marking_handled(club, manager, member, outsider):
    client_for(outsider).post(reverse("clubs:interest_join"), {"region": "SI041", "club": club.pk})
    request = InterestRequest.objects.get(user=outsider)
    refused = client_for(member).post(reverse("clubs:interest_handled", args=[request.pk]))
    assert refused.status_code == 404  # as for a missing request: no oracle
    request.refresh_from_db()
    assert request.handled_at is None
    client_for(manager).post(reverse("clubs:interest_handled", args=[request.pk]))
    request.refresh_from_db()
    assert request.handled_at is not None and request.handled_by == manager
    assert AuditLog.objects.filter(action="interest.handled", club=club).exists()
    assert "handled on" in client_for(outsider).get(reverse("clubs:interest")).content.decode()


def test_registering_an_enterprise_tells_the_region(coordinator):
    founder = make_user("founder", full_name="Fani Ustanoviteljica")
    response = client_for(founder).post(reverse("clubs:enterprise_home"), {
        "name": "Mlin na Savi", "legal_form": "zadruga", "social_enterprise": "on",
        "region": "SI041",
        "contact_email": "mlin@example.org", "description": "", "share_capital": "",
    })
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(name="Mlin na Savi")
    assert list(enterprise.representatives.all()) == [founder]
    assert enterprise.contact_email == "mlin@example.org"
    request = InterestRequest.objects.get(user=founder)
    assert request.kind == InterestRequest.Kind.ENTERPRISE and request.enterprise == enterprise
    assert "Mlin na Savi" in client_for(coordinator).get(
        reverse("clubs:interest_inbox")
    ).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in_with_a_way_to_sign_up():
    response = Client().get(reverse("clubs:interest_join"))
    assert response.status_code == 302
    login = Client().get(response["Location"]).content.decode()
    assert reverse("accounts:sign_up") + "?next=" in login
    page = Client().get(reverse("clubs:enterprise_home")).content.decode()
    assert reverse("accounts:sign_up") in page


def test_the_club_s_officers_and_the_region_s_coordinators_are_told_by_mail(
    club, manager, treasurer, secretary, member, coordinator, outsider,
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        client_for(outsider).post(
            reverse("clubs:interest_join"), {"region": "SI041", "club": club.pk}
        )
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == sorted(u.email for u in (manager, treasurer, secretary, coordinator))
    assert all(reverse("clubs:interest_inbox") in m.body for m in mail.outbox)
    assert all(outsider.email not in m.body for m in mail.outbox)  # only a link


def test_coordinators_of_every_region_the_club_covers_are_told_too(
    club, manager, treasurer, secretary, coordinator, outsider,
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    zasavje = make_user("zasavje", full_name="Zala Koordinatorka")
    RoleGrant.objects.create(user=zasavje, role="coordinator", region="SI035")
    gorenjska = make_user("gorenjska", full_name="Gal Koordinator")
    RoleGrant.objects.create(user=gorenjska, role="coordinator", region="SI042")
    Club.objects.filter(pk=club.pk).update(other_regions=["SI035"])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(outsider).post(
            reverse("clubs:interest_join"), {"region": "SI041", "club": club.pk}
        )
    told = {m.to[0] for m in mail.outbox}
    assert zasavje.email in told and coordinator.email in told
    assert gorenjska.email not in told


def test_an_enterprise_is_registered_with_its_region(outsider):
    response = client_for(outsider).post(reverse("clubs:enterprise_home"), {
        "name": "Brez Regije", "legal_form": "sp", "region": "", "contact_email": "",
    })
    assert response.status_code == 200
    assert not Enterprise.objects.filter(name="Brez Regije").exists()
    assert not InterestRequest.objects.exists()
