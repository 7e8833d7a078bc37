"""The entrepreneur's pages: register, apply to a club, post news, keep details, see loans."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, Enterprise, EnterpriseUpdate, Proposal
from microfuture.clubs.services.money import club_record_event


def test_home_explains_and_invites_to_sign_in(client, club):
    page = client.get("/clubs/enterprise/").content.decode()
    assert "What a club offers" in page
    assert "Zadruga Srce" in page  # open to projects
    assert "Sign in to register" in page
    assert client.post("/clubs/enterprise/", {"name": "X"}).status_code == 403


def test_register_and_become_representative(client, outsider):
    client.force_login(outsider)
    response = client.post("/clubs/enterprise/", {
        "name": "Kolesarnica Hitri Obrat", "legal_form": "doo", "region": "SI041",
        "description": "Bike repairs.", "share_capital": "7500.00",
        "contact_email": "info@example.org"}, follow=True)
    ent = Enterprise.objects.get()
    assert response.redirect_chain[-1][0] == f"/clubs/enterprise/{ent.slug}/"
    assert (ent.slug, ent.share_capital_cents) == ("kolesarnica-hitri-obrat", 750_000)
    assert list(ent.representatives.all()) == [outsider]
    assert AuditLog.objects.filter(action="enterprise.registered").exists()
    again = client.post("/clubs/enterprise/", {"name": "kolesarnica hitri obrat",
                                               "region": "SI041"})
    assert "already registered" in again.content.decode()
    assert "Kolesarnica Hitri Obrat" in client.get("/clubs/enterprise/").content.decode()


def test_apply_to_a_club(client, club, entrepreneur, enterprise):
    client.force_login(entrepreneur)
    url = f"/clubs/enterprise/{enterprise.slug}/"
    response = client.post(url, {
        "action": "apply", "apply-club": club.pk, "apply-title": "New oven",
        "apply-summary": "A wood-fired oven.", "apply-instrument": "equity",
        "apply-amount": "2000.00"}, follow=True)
    assert "Your proposal is sent to Zadruga Srce." in response.content.decode()
    proposal = Proposal.objects.get()
    assert (proposal.club, proposal.submitted_by, proposal.amount_cents) == (
        club, entrepreneur, 200_000)
    assert "New oven" in response.content.decode()


def test_cannot_apply_to_a_closed_club(client, club, entrepreneur, enterprise):
    club.open_to_projects = False
    club.save()
    client.force_login(entrepreneur)
    response = client.post(f"/clubs/enterprise/{enterprise.slug}/", {
        "action": "apply", "apply-club": club.pk, "apply-title": "New oven",
        "apply-summary": "Oven.", "apply-instrument": "equity", "apply-amount": "2000.00"})
    assert "No club is open to new projects" in response.content.decode()
    assert not Proposal.objects.exists()


def test_post_news_and_record_share_capital(client, entrepreneur, enterprise):
    client.force_login(entrepreneur)
    url = f"/clubs/enterprise/{enterprise.slug}/"
    client.post(url, {"action": "update", "update-date": "2026-04-01", "update-jobs": "4",
                      "update-turnover": "120000.00", "update-milestone": "Second shop."})
    update = EnterpriseUpdate.objects.get()
    assert (update.jobs, update.turnover_cents, update.milestone) == (4, 12_000_000,
                                                                     "Second shop.")
    client.post(url, {"action": "details", "details-legal_form": "doo",
                      "details-share_capital": "25000.00", "details-description": "Bakery",
                      "details-contact_email": ""})
    enterprise.refresh_from_db()
    assert (enterprise.legal_form, enterprise.share_capital_cents) == ("doo", 2_500_000)


def test_loans_show_next_due_and_arrears(client, club, entrepreneur, enterprise, treasurer,
                                         member):
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 1, 10), type="contribution", member="Miha", amount=Decimal("5000")))
    # Recorded straight through the money service, as the setup of this page test: a loan
    # above the four-eyes threshold would otherwise wait for a second officer.
    club.second_officer_above_cents = 200_000
    club.save(update_fields=["second_officer_above_cents"])
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 1, 15), type="investment", enterprise=enterprise.name,
        instrument="loan", amount=Decimal("1200"), rate=Decimal("0"), term=12))
    client.force_login(entrepreneur)
    page = client.get(f"/clubs/enterprise/{enterprise.slug}/").content.decode()
    assert "Loan from Zadruga Srce" in page
    assert "Repayment schedule" in page and "€100.00" in page
    assert "In arrears" in page
    # A member of the lending club reads the same page, without the entrepreneur's forms.
    client.force_login(member)
    page = client.get(f"/clubs/enterprise/{enterprise.slug}/").content.decode()
    assert "Loan from Zadruga Srce" in page and "Apply to a club" not in page
