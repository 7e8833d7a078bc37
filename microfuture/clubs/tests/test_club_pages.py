"""The club pages a member, manager and coordinator use: directory, founding, overview,
charter, members, my savings, audit log, regional overview."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from microfuture.clubs.core import Event
from microfuture.clubs.models import Club, Member, Proposal
from microfuture.clubs.services import club_record_events

pytestmark = pytest.mark.django_db


def as_user(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def save(club, treasurer):
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member=name, amount=Decimal(amount))
        for name, amount in [("Miha", "1234.50"), ("Nina", "20")]
    ])


def test_directory_lists_clubs_open_to_projects_for_everyone(club):
    html = Client().get("/clubs/").content.decode()
    assert "Zadruga Srce" in html
    assert "/clubs/zadruga-srce/" not in html  # the club's own pages are for its members


def test_founding_a_club_through_the_form(outsider):
    client = as_user(outsider)
    response = client.post("/clubs/new/", {
        "name": "Krog Pomurje", "region": "SI031", "start_date": "2026-04-01",
        "currency": "EUR", "share_policy": "units", "monthly_pledge": "25.00",
        "decision_rule": "majority", "quorum_percent": "50",
        "max_enterprise_share_percent": "30", "max_stake_percent": "33",
    })
    assert response.status_code == 302
    club = Club.objects.get(name="Krog Pomurje")
    assert club.status == "forming"
    assert Member.objects.get(club=club, user=outsider).role == "manager"


def test_founding_form_errors_are_shown_and_nothing_is_stored(outsider):
    response = as_user(outsider).post("/clubs/new/", {"name": "", "region": "XX",
                                                      "monthly_pledge": "-1"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Club.objects.exists()


def test_member_sees_the_overview_outsider_is_refused(club, member, outsider, treasurer):
    save(club, treasurer)
    html = as_user(member).get("/clubs/zadruga-srce/").content.decode()
    assert "€1,254.50" in html
    # outsiders may not know the club exists (docs/security.md, "Oracles")
    assert as_user(outsider).get("/clubs/zadruga-srce/").status_code == 404
    assert Client().get("/clubs/zadruga-srce/").status_code == 404


def test_overview_in_slovenian_uses_slovenian_number_format(club, member, treasurer):
    save(club, treasurer)
    client = as_user(member)
    client.post("/i18n/setlang/", {"language": "sl", "next": "/"})
    html = client.get("/clubs/zadruga-srce/").content.decode()
    assert "1.254,50 €" in html


def test_my_savings_page(club, member, treasurer):
    save(club, treasurer)
    html = as_user(member).get("/clubs/zadruga-srce/me/").content.decode()
    assert "€1,234.50" in html
    assert "98.41 %" in html  # 123.45 of 125.45 units


def test_manager_proposes_a_charter_change_member_cannot(club, manager, member):
    # Issue 9: once the club is active its rules change only by the members' decision, so
    # the manager's form makes a proposal for the vote instead of saving the charter.
    form = {"action": "rules", "decision_rule": "two_thirds", "quorum_percent": "60",
            "max_enterprise_share_percent": "25", "max_stake_percent": "33",
            "monthly_pledge": "30.00", "second_officer_above": "1000.00",
            "secret_ballot": "on"}
    assert as_user(member).post("/clubs/zadruga-srce/charter/", form).status_code == 403
    assert as_user(manager).post("/clubs/zadruga-srce/charter/", form).status_code == 302
    club.refresh_from_db()
    assert (club.decision_rule, club.quorum_percent, club.monthly_pledge_cents) == (
        "majority", 50, 2000)
    proposal = Proposal.objects.get(kind="charter")
    assert proposal.changes == {"decision_rule": "two_thirds", "quorum_percent": 60,
                                "max_enterprise_share_percent": 25,
                                "monthly_pledge_cents": 3000}


def test_manager_moves_the_club_to_management(club, manager):
    response = as_user(manager).post("/clubs/zadruga-srce/charter/", {"status": "management"})
    assert response.status_code == 302
    club.refresh_from_db()
    assert club.status == "management"


def test_manager_adds_a_member_without_an_account(club, manager):
    # Members with an account come by invitation (test_invitations.py); this is the name-only
    # member of clubs that keep paper members.
    response = as_user(manager).post("/clubs/zadruga-srce/invitations/", {
        "paper": "1", "paper-name": "Oto", "paper-date": "2026-02-01"})
    assert response.status_code == 302
    oto = Member.objects.get(club=club, name="Oto")
    assert (oto.user, oto.joined_on, oto.role) == (None, date(2026, 2, 1), "member")
    dup = as_user(manager).post("/clubs/zadruga-srce/invitations/", {
        "paper": "1", "paper-name": "Oto", "paper-date": "2026-02-02"})
    assert "joins a club once" in dup.content.decode() or "already" in dup.content.decode()


def test_manager_changes_a_role(club, manager):
    # Issue 9: officers are appointed by the members' decision, or by the manager for the
    # treasurer and secretary roles when the charter says so.
    miha = Member.objects.get(club=club, name="Miha")
    as_user(manager).post("/clubs/zadruga-srce/members/", {"role-member": miha.pk,
                                                          "role": "treasurer"})
    miha.refresh_from_db()
    assert miha.role == "member"
    Club.objects.filter(pk=club.pk).update(manager_appoints_officers=True)
    as_user(manager).post("/clubs/zadruga-srce/members/", {"role-member": miha.pk,
                                                          "role": "secretary"})
    miha.refresh_from_db()
    assert miha.role == "secretary"


def test_audit_log_shows_money_events(club, member, treasurer):
    save(club, treasurer)
    html = as_user(member).get("/clubs/zadruga-srce/audit/").content.decode()
    assert "Money event recorded: Contribution." in html  # worded, no longer the raw code


def test_regional_overview_for_coordinators_only(club, coordinator, member, treasurer):
    save(club, treasurer)
    html = as_user(coordinator).get("/clubs/region/").content.decode()
    assert "Zadruga Srce" in html and "€1,254.50" in html
    assert as_user(member).get("/clubs/region/").status_code == 403
