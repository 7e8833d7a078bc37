"""An enterprise as the law sees it (issue 11 §7): a legal form, and separately the
social-enterprise status; no shares in a sole trader; the ZSocP cap shown on shares in a
registered social enterprise. Through the services, the forms, the pages and the API."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from microfuture.clubs.core import Event
from microfuture.clubs.forms_governance import EnterpriseForm
from microfuture.clubs.models import AuditLog, ClubEvent, Enterprise, Proposal
from microfuture.clubs.services.enterprise import (
    enterprise_register,
    enterprise_update_details,
)
from microfuture.clubs.services.governance import (
    charter_limit_problems,
    club_invest_from_proposal,
    proposal_submit,
)
from microfuture.clubs.services.money import ClubError, club_record_event
from microfuture.clubs.tests.test_governance_invest import PAID, approved, saved  # noqa: F401

API = "/api/v1/clubs"


def _sole_trader(entrepreneur: Any) -> Enterprise:
    ent = enterprise_register(actor=entrepreneur, name="Knjigarnica Ana", legal_form="sp",
                              region="SI035")
    return ent


# Services ---------------------------------------------------------------------------------


def test_form_and_status_are_stored_separately(entrepreneur):
    ent = enterprise_register(actor=entrepreneur, name="Prepih", legal_form="zavod",
                              social_enterprise=True, region="SI041")
    ent.refresh_from_db()
    assert (ent.legal_form, ent.social_enterprise) == ("zavod", True)
    row = AuditLog.objects.get(action="enterprise.registered")
    assert (row.detail["legal_form"], row.detail["social_enterprise"]) == ("zavod", True)


def test_a_sole_trader_cannot_hold_the_status(entrepreneur):
    with pytest.raises(ClubError, match=r"sole trader \(s\.p\.\) cannot hold social-enterprise"):
        enterprise_register(actor=entrepreneur, name="Čebelarstvo", legal_form="sp",
                            social_enterprise=True)
    assert not Enterprise.objects.filter(name="Čebelarstvo").exists()


def test_a_sole_trader_has_no_share_capital(entrepreneur):
    with pytest.raises(ClubError, match="has no share capital"):
        enterprise_register(actor=entrepreneur, name="Čebelarstvo", legal_form="sp",
                            share_capital=Decimal("7500"))
    assert not Enterprise.objects.exists()


def test_an_unknown_form_is_refused(entrepreneur):
    with pytest.raises(ClubError, match="Choose the legal form from the list"):
        enterprise_register(actor=entrepreneur, name="X", legal_form="so.p.")
    assert not Enterprise.objects.exists()


def test_changing_to_sole_trader_drops_nothing_silently(entrepreneur, enterprise):
    # The fixture is a zavod with the status: turning it into an s.p. while keeping the
    # status is refused, and the stored details stay as they were.
    with pytest.raises(ClubError, match="cannot hold social-enterprise status"):
        enterprise_update_details(enterprise=enterprise, actor=entrepreneur, legal_form="sp",
                                  social_enterprise=True, description="", share_capital=None,
                                  contact_email="")
    enterprise.refresh_from_db()
    assert (enterprise.legal_form, enterprise.social_enterprise) == ("zavod", True)
    enterprise_update_details(enterprise=enterprise, actor=entrepreneur, legal_form="doo",
                              social_enterprise=False, description="Bakery",
                              share_capital=Decimal("7500"), contact_email="")
    enterprise.refresh_from_db()
    assert (enterprise.legal_form, enterprise.social_enterprise) == ("doo", False)
    row = AuditLog.objects.filter(action="enterprise.details").latest("id")
    assert row.detail["legal_form"] == ["zavod", "doo"]
    assert row.detail["social_enterprise"] == [True, False]


def test_the_database_refuses_a_sole_trader_with_the_status(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enterprise.objects.create(name="Raw", slug="raw", legal_form="sp",
                                  social_enterprise=True)


def test_no_equity_proposal_to_a_sole_trader(club, entrepreneur):
    ent = _sole_trader(entrepreneur)
    with pytest.raises(ClubError, match="Offer a loan instead"):
        proposal_submit(club=club, enterprise=ent, actor=entrepreneur, title="Shelves",
                        summary="New shelves.", instrument="equity", amount=Decimal("1000"))
    assert not Proposal.objects.exists()
    loan = proposal_submit(club=club, enterprise=ent, actor=entrepreneur, title="Shelves",
                           summary="New shelves.", instrument="loan", amount=Decimal("1000"),
                           rate=Decimal("2"), term=24)
    assert loan.instrument == "loan"


def test_no_equity_investment_once_the_form_is_known(saved, enterprise, manager,  # noqa: F811
                                                     treasurer, entrepreneur):
    # Applied for shares while a zavod; the enterprise then records that it is an s.p.
    proposal = approved(saved, enterprise, manager, "1000.00")
    enterprise_update_details(enterprise=enterprise, actor=entrepreneur, legal_form="sp",
                              social_enterprise=False, description="", share_capital=None,
                              contact_email="")
    problems = charter_limit_problems(club=saved, proposal=proposal)
    assert any("Offer a loan instead" in p for p in problems)
    with pytest.raises(ClubError, match="Offer a loan instead"):
        club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)
    assert not ClubEvent.objects.filter(type="investment").exists()


def test_no_equity_event_in_a_sole_trader(saved, entrepreneur, treasurer):  # noqa: F811
    ent = _sole_trader(entrepreneur)
    with pytest.raises(ClubError,
                       match=r"Knjigarnica Ana is a sole trader \(s\.p\.\), which has no"):
        club_record_event(club=saved, recorded_by=treasurer, event=Event(
            date=PAID, type="investment", enterprise=ent.name, instrument="equity",
            amount=Decimal("500")))
    assert not ClubEvent.objects.filter(type="investment").exists()
    row = club_record_event(club=saved, recorded_by=treasurer, event=Event(
        date=PAID, type="investment", enterprise=ent.name, instrument="loan",
        amount=Decimal("500"), rate=Decimal("2"), term=12))
    assert row.instrument == "loan"


# Forms ------------------------------------------------------------------------------------


def test_form_offers_codes_and_refuses_the_status_on_a_sole_trader():
    form = EnterpriseForm({"name": "A", "legal_form": "sp", "social_enterprise": "on",
                           "region": "SI035", "share_capital": "100"})
    assert not form.is_valid()
    assert "social_enterprise" in form.errors and "share_capital" in form.errors
    old = EnterpriseForm({"name": "A", "legal_form": "so.p.", "region": "SI035"})
    assert not old.is_valid() and "legal_form" in old.errors
    good = EnterpriseForm({"name": "A", "legal_form": "zadruga", "social_enterprise": "on",
                           "region": "SI035"})
    assert good.is_valid(), good.errors
    assert (good.cleaned_data["legal_form"], good.cleaned_data["social_enterprise"]) == (
        "zadruga", True)


# Pages ------------------------------------------------------------------------------------


def test_enterprise_page_shows_form_status_and_the_cap(entrepreneur, enterprise):
    client = Client()
    client.force_login(entrepreneur)
    html = client.get(f"/clubs/enterprise/{enterprise.slug}/",
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Private institute (zavod), registered social enterprise (so.p.)" in html
    assert "at most 20 % of its profit" in html and "assets are never distributed" in html


def test_sole_trader_page_says_shares_are_impossible(entrepreneur):
    ent = _sole_trader(entrepreneur)
    client = Client()
    client.force_login(entrepreneur)
    html = client.get(f"/clubs/enterprise/{ent.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sole trader (s.p.)" in html and 'id="no-shares"' in html
    assert 'id="equity-note"' not in html


def test_proposal_page_shows_the_cap_for_shares_only(club, enterprise, manager, member):
    shares = proposal_submit(club=club, enterprise=enterprise, actor=manager, title="Oven",
                             summary="Oven.", instrument="equity", amount=Decimal("1000"))
    loan = proposal_submit(club=club, enterprise=enterprise, actor=manager, title="Van",
                           summary="Van.", instrument="loan", amount=Decimal("1000"),
                           rate=Decimal("2"), term=24)
    client = Client()
    client.force_login(member)
    page = client.get(f"/clubs/{club.slug}/proposals/{shares.pk}/",
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="equity-note"' in page and "at most 20 % of its profit" in page
    assert "Private institute (zavod), registered social enterprise (so.p.)" in page
    page = client.get(f"/clubs/{club.slug}/proposals/{loan.pk}/",
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="equity-note"' not in page


def test_registering_on_the_page_with_form_and_status(outsider):
    client = Client()
    client.force_login(outsider)
    response = client.post("/clubs/enterprise/", {
        "name": "Zadruga Kal", "legal_form": "zadruga", "social_enterprise": "on",
        "region": "SI035", "contact_email": ""})
    assert response.status_code == 302
    ent = Enterprise.objects.get(name="Zadruga Kal")
    assert (ent.legal_form, ent.social_enterprise) == ("zadruga", True)
    response = client.post("/clubs/enterprise/", {
        "name": "Čebele Ana", "legal_form": "sp", "social_enterprise": "on",
        "region": "SI035", "contact_email": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "cannot hold social-enterprise status" in response.content.decode()
    assert not Enterprise.objects.filter(name="Čebele Ana").exists()


# API --------------------------------------------------------------------------------------


def _json(client: Client, method: str, url: str, body: dict[str, Any]) -> Any:
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_api_registers_and_edits_form_and_status(outsider):
    client = Client()
    client.force_login(outsider)
    response = _json(client, "post", f"{API}/enterprises/new", {
        "name": "Zavod Most", "legal_form": "zavod", "social_enterprise": True,
        "region": "SI035"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["legal_form"], body["social_enterprise"], body["takes_equity"]) == (
        "zavod", True, True)
    assert "20 %" in body["equity_note"]
    ent = Enterprise.objects.get(name="Zavod Most")
    assert list(ent.representatives.all()) == [outsider]
    # Only what is sent changes.
    response = _json(client, "patch", f"{API}/enterprises/{ent.slug}/details",
                     {"description": "Bridges people and work."})
    assert response.status_code == 200
    ent.refresh_from_db()
    assert (ent.legal_form, ent.social_enterprise, ent.description) == (
        "zavod", True, "Bridges people and work.")
    response = _json(client, "patch", f"{API}/enterprises/{ent.slug}/details",
                     {"legal_form": "sp"})
    assert response.status_code == 400
    assert "cannot hold social-enterprise status" in response.json()["detail"]
    ent.refresh_from_db()
    assert ent.legal_form == "zavod"
    response = _json(client, "patch", f"{API}/enterprises/{ent.slug}/details",
                     {"legal_form": "sp", "social_enterprise": False})
    assert response.status_code == 200
    assert (response.json()["takes_equity"], response.json()["equity_note"]) == (False, None)
    assert client.get(f"{API}/enterprises/{ent.slug}/details").json()["legal_form"] == "sp"


def test_api_refuses_an_unknown_code_and_strangers(outsider, entrepreneur, enterprise):
    client = Client()
    client.force_login(outsider)
    response = _json(client, "post", f"{API}/enterprises/new",
                     {"name": "Y", "legal_form": "so.p."})
    assert response.status_code == 422
    assert not Enterprise.objects.filter(name="Y").exists()
    response = _json(client, "patch", f"{API}/enterprises/{enterprise.slug}/details",
                     {"legal_form": "doo"})
    assert response.status_code == 404
    enterprise.refresh_from_db()
    assert enterprise.legal_form == "zavod"


def test_demo_enterprises_have_forms_and_status(db):
    from microfuture.clubs.demo import seed_clubs

    seed_clubs(today=date(2026, 12, 1))
    forms = {e.name: (e.legal_form, e.social_enterprise, e.share_capital_cents)
             for e in Enterprise.objects.all()}
    assert forms["Socialno podjetje Prepih"] == ("zavod", True, 2_000_000)
    assert forms["Zadruga Mlinček"] == ("zadruga", True, 2_000_000)
    assert forms["Knjigarnica Zasavje"] == ("sp", False, None)
    assert all(code in {"doo", "zadruga", "zavod", "sp"} for code, _s, _c in forms.values())


@pytest.mark.parametrize(("text", "code", "social"), [
    ("so.p.", "", True),
    ("zavod, so.p.", "zavod", True),
    ("d.o.o.", "doo", False),
    ("D.O.O., so.p.", "doo", True),
    ("s.p.", "sp", False),
    ("s.p., so.p.", "sp", False),  # a sole trader never keeps the status
    ("zadruga z.o.o.", "zadruga", False),
    ("društvo", "drustvo", False),
    ("Ltd", "other", False),
    ("", "", False),
])
def test_migration_reads_the_old_free_text(text: str, code: str, social: bool) -> None:
    import importlib

    migration = importlib.import_module(
        "microfuture.clubs.migrations.0011_enterprise_legal_form_codes")
    assert migration.code_of(text) == (code, social)


def test_api_registration_retried_with_its_key_registers_once(outsider):
    client = Client()
    client.force_login(outsider)
    body = json.dumps({"name": "Zavod Most", "legal_form": "zavod"})
    first = client.post(f"{API}/enterprises/new", body, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="reg-1")
    again = client.post(f"{API}/enterprises/new", body, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="reg-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert Enterprise.objects.filter(name="Zavod Most").count() == 1
    operation = client.get("/api/v1/openapi.json").json()["paths"][
        "/api/v1/clubs/enterprises/new"]["post"]
    assert [p["name"] for p in operation["parameters"] if p["in"] == "header"] == [
        "Idempotency-Key"]
