"""A member's own consents (docs/privacy.md): set on their membership page by themself only,
audited, and honoured by the finance finder and the regional coordinator's reads."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from microfuture.clubs.models import AuditLog, Club, Member
from microfuture.clubs.services import ClubError, member_set_consents

pytestmark = pytest.mark.django_db


def me_url(club: Club) -> str:
    return reverse("clubs:me", args=[club.slug])


def test_a_member_sets_their_own_consents_on_their_page(client, club, member):
    client.force_login(member)
    page = client.get(me_url(club)).content.decode()
    assert "My consents" in page and 'name="coordinator_may_read"' in page
    response = client.post(me_url(club), {"coordinator_may_read": "on"})
    assert response.status_code == 302
    miha = Member.objects.get(club=club, name="Miha")
    assert (miha.coordinator_may_read, miha.name_public) == (True, False)
    row = AuditLog.objects.get(club=club, action="member.consents")
    assert row.actor == member
    assert row.detail == {"member": "Miha", "coordinator_may_read": [False, True]}
    # Withdrawn the same way; the page shows what is set.
    assert 'checked' in client.get(me_url(club)).content.decode()
    client.post(me_url(club), {})
    miha.refresh_from_db()
    assert miha.coordinator_may_read is False
    assert AuditLog.objects.filter(club=club, action="member.consents").count() == 2


def test_saving_unchanged_consents_writes_nothing(client, club, member):
    client.force_login(member)
    client.post(me_url(club), {})
    assert not AuditLog.objects.filter(action="member.consents").exists()


@pytest.mark.parametrize("who", ["manager", "treasurer", "admin", "coordinator", "anonymous"])
def test_nobody_else_sets_a_member_s_consents(club, request, who):
    actor = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    nina = Member.objects.get(club=club, name="Nina")
    with pytest.raises(ClubError, match="Only the member themself"):
        member_set_consents(member=nina, actor=actor, name_public=True,
                            coordinator_may_read=True)
    nina.refresh_from_db()
    assert (nina.name_public, nina.coordinator_may_read) == (False, False)
    assert not AuditLog.objects.filter(action="member.consents").exists()


def test_the_page_changes_only_the_reader_s_own_membership(client, club, member):
    """A posted member id is ignored: the form has none, the page is always one's own."""
    nina = Member.objects.get(club=club, name="Nina")
    client.force_login(member)
    client.post(me_url(club), {"name_public": "on", "member": nina.pk})
    nina.refresh_from_db()
    assert nina.name_public is False
    assert Member.objects.get(club=club, name="Miha").name_public is True


def test_the_coordinator_reads_a_statement_once_the_member_agrees(club, member2, coordinator):
    nina = Member.objects.get(club=club, name="Nina")
    url = reverse("clubs:member_statement", args=[club.slug, nina.pk])
    reader = Client()
    reader.force_login(coordinator)
    assert reader.get(url).status_code == 403
    owner = Client()
    owner.force_login(member2)
    owner.post(me_url(club), {"coordinator_may_read": "on"})
    assert reader.get(url).status_code == 200
    owner.post(me_url(club), {})
    assert reader.get(url).status_code == 403


def finder_contact(club: Club) -> str:
    """What the finance finder's result page says about whom to contact at the club."""
    page = Client().get(reverse("finder:results"), {
        "country": "SI", "region": club.region, "entity_type": "individual", "lang": "en",
    })
    assert page.status_code == 200
    return str(page.content.decode())


def test_the_finder_shows_the_club_s_address_not_the_manager_s_name(client, club, manager):
    Club.objects.filter(pk=club.pk).update(contact_email="srce@example.org")
    Member.objects.filter(club=club, name="Maja").update(name="Maja Upraviteljica")
    text = finder_contact(club)
    assert "Zadruga Srce" in text and "srce@example.org" in text
    assert "Maja Upraviteljica" not in text
    # Once the manager agrees on their own page, their name is shown too.
    client.force_login(manager)
    client.post(me_url(club), {"name_public": "on"})
    text = finder_contact(club)
    assert "Maja Upraviteljica" in text and "srce@example.org" in text


def test_the_finder_names_nobody_when_the_club_has_no_address(club: Any):
    Member.objects.filter(club=club, name="Maja").update(name="Maja Upraviteljica")
    assert "Maja Upraviteljica" not in finder_contact(club)


def test_the_consents_in_slovenian(club, member):
    client = Client(HTTP_ACCEPT_LANGUAGE="sl")
    client.force_login(member)
    page = client.get(me_url(club)).content.decode()
    assert "Moje privolitve" in page
    assert "Regionalni koordinator lahko vidi moj osebni izpisek" in page
    response = client.post(me_url(club), {"name_public": "on"}, follow=True)
    assert "Vaše privolitve so shranjene." in response.content.decode()
