"""Secret ballots (docs/privacy.md): while the charter keeps online votes secret (the
default), nobody, officers included, reads who voted how in the audit log; who has voted
stays visible for the quorum. A club whose charter says otherwise sees the choices."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from microfuture.clubs.models import AuditLog, Club
from microfuture.clubs.services.governance import proposal_open_vote, proposal_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_ballot(club):
    """The charter says online votes are not secret (before any vote opens)."""
    Club.objects.filter(pk=club.pk).update(secret_ballot=False)
    club.refresh_from_db()
    return club


@pytest.fixture
def voted(club, enterprise, manager, client, member):
    """Miha voted no, online, on a funding proposal."""
    club.refresh_from_db()
    proposal = proposal_submit(
        club=club, enterprise=enterprise, actor=manager, title="Oven", summary="Oven.",
        instrument="equity", amount=Decimal("1000"),
    )
    proposal_open_vote(proposal=proposal, actor=manager,
                       deadline=timezone.now() + timedelta(days=1))
    client.force_login(member)
    client.post(f"/clubs/{club.slug}/proposals/{proposal.pk}/",
                {"action": "vote", "choice": "no"})
    assert AuditLog.objects.filter(club=club, action="vote.cast").exists()
    return proposal


def vote_rows(client, club, user):
    client.force_login(user)
    response = client.get(reverse("clubs:audit", args=[club.slug]))
    assert response.status_code == 200
    rows = [e for e in response.context["entries"] if e.action.startswith("vote.")]
    return rows, response.content.decode()


@pytest.mark.parametrize("who", ["manager", "treasurer", "secretary", "member", "admin",
                                 "coordinator"])
def test_a_secret_ballot_shows_who_voted_not_how(client, club, voted, request, who):
    rows, text = vote_rows(client, club, request.getfixturevalue(who))
    assert len(rows) == 1
    assert "choice" not in rows[0].detail
    assert rows[0].detail["member"] == "Miha"  # who has voted, for the quorum
    assert "choice: no" not in text


def test_a_secret_ballot_keeps_no_choice_in_the_audit_log(voted):
    row = AuditLog.objects.get(action="vote.cast")
    assert "choice" not in row.detail and row.detail["member"] == "Miha"


def test_a_ballot_cast_in_secret_stays_secret_when_the_charter_opens_ballots(
    client, club, voted, member2
):
    Club.objects.filter(pk=club.pk).update(secret_ballot=False)
    client.force_login(member2)
    page = client.get(f"/clubs/{club.slug}/proposals/{voted.pk}/")
    assert [(b.member, b.choice) for b in page.context["ballots"]] == [("Miha", None)]
    api = client.get(f"/api/v1/clubs/{club.slug}/proposals/{voted.pk}").json()
    assert api["voters"] == [{"member": "Miha", "choice": None}]


def test_an_open_ballot_shows_the_choices(client, open_ballot, voted, member2):
    club = open_ballot
    rows, _text = vote_rows(client, club, member2)
    assert [r.detail["choice"] for r in rows] == ["no"]


def test_the_proposal_lists_who_has_voted_never_how_while_secret(
    client, club, voted, treasurer
):
    client.force_login(treasurer)
    page = client.get(f"/clubs/{club.slug}/proposals/{voted.pk}/")
    assert [(b.member, b.choice) for b in page.context["ballots"]] == [("Miha", None)]
    text = page.content.decode()
    assert "Who has voted" in text and "Miha" in text and "never how" in text
    api = client.get(f"/api/v1/clubs/{club.slug}/proposals/{voted.pk}").json()
    assert api["voters"] == [{"member": "Miha", "choice": None}]
    assert api["tally"]["no"] == 1  # the tally is the club's


def test_an_open_ballot_lists_the_choices_on_the_proposal(
    client, open_ballot, voted, member2
):
    club = open_ballot
    client.force_login(member2)
    page = client.get(f"/clubs/{club.slug}/proposals/{voted.pk}/")
    assert "Miha: No" in page.content.decode()
    api = client.get(f"/api/v1/clubs/{club.slug}/proposals/{voted.pk}").json()
    assert api["voters"] == [{"member": "Miha", "choice": "no"}]


def test_who_has_voted_in_slovenian(club, voted, treasurer):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="sl")
    client.force_login(treasurer)
    text = client.get(f"/clubs/{club.slug}/proposals/{voted.pk}/").content.decode()
    assert "Kdo je glasoval" in text and "nikoli pa, kako" in text
