"""Recording money events through the treasurer's forms: every type, bad input, permissions.

Each test goes through the page (django.test.Client) and asserts on what the page says and on
the database: the events stored, the statement they give, and a sound ledger
(`selectors.club_problems(club) == []`, the check `verify_ledger` runs).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from microfuture.clubs.core import Event
from microfuture.clubs.models import ClubEvent, Member, Proposal
from microfuture.clubs.selectors import club_problems, club_statement
from microfuture.clubs.services import club_record_event, club_record_events

pytestmark = pytest.mark.django_db


def url(club: Any, event_type: str) -> str:
    return reverse("clubs:record_event", args=[club.slug, event_type])


def post(client: Any, club: Any, event_type: str, **data: Any) -> Any:
    return client.post(url(club, event_type), data, follow=True)


def money_events(club: Any) -> int:
    return ClubEvent.objects.filter(club=club).exclude(type="join").count()


def contribute(club: Any, who: Any, on: date, *pairs: tuple[str, str]) -> None:
    club_record_events(
        club=club, recorded_by=who,
        events=[Event(date=on, type="contribution", member=name, amount=Decimal(amount))
                for name, amount in pairs],
    )


def test_record_hub_lists_every_type_with_its_effect_and_form(client, club, treasurer):
    client.force_login(treasurer)
    page = client.get(reverse("clubs:record", args=[club.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    for event_type in ("join", "contribution", "investment", "repayment", "income", "expense",
                       "valuation", "sale", "write_off", "exit", "dissolve"):
        assert url(club, event_type) in text
    assert "a holding is opened at cost" in text


def test_every_event_type_through_its_form(client, club, treasurer, enterprise):
    client.force_login(treasurer)

    # join: a new member enters the books.
    page = post(client, club, "join", date="2026-02-01", member="Ana Novak")
    assert "Ana Novak joined the club" in page.content.decode()
    assert Member.objects.get(club=club, name="Ana Novak").joined_on == date(2026, 2, 1)

    # contribution: the form explains the effect before, the message names it after.
    form = client.get(url(club, "contribution")).content.decode()
    assert "cash goes up by the amount" in form
    page = post(client, club, "contribution", date="2026-02-01", member="Miha",
                amount="500", reference="bank-1")
    text = page.content.decode()
    assert "Miha paid in €500.00" in text and "cash went up by €500.00" in text
    post(client, club, "contribution", date="2026-02-01", member="Nina", amount="500.00")
    row = ClubEvent.objects.get(club=club, reference="bank-1")
    assert (row.type, row.member, row.amount_cents, row.recorded_by) == (
        "contribution", "Miha", 50_000, treasurer)

    # Investments come from approved proposals; set two up through the service.
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 10), type="investment", enterprise=enterprise.name,
              instrument="equity", amount=Decimal("150")),
        Event(date=date(2026, 2, 10), type="investment", enterprise="Kmetija Breg",
              instrument="loan", amount=Decimal("200"), rate=Decimal("6"), term=12),
    ])

    # repayment of the loan: 50.00 pays instalments 1, 2 and part of 3 (spec §5):
    # interest 1.00 + 0.92 + 0.84 = 2.76, principal 47.24, outstanding 152.76.
    form = client.get(url(club, "repayment")).content.decode()
    assert "Kmetija Breg" in form and enterprise.name not in form  # only loans and advances
    page = post(client, club, "repayment", date="2026-03-10", enterprise="Kmetija Breg",
                amount="50")
    assert "Kmetija Breg repaid €50.00" in page.content.decode()
    stmt = club_statement(club, as_of=date(2026, 3, 10))
    loan = next(h for h in stmt["holdings"] if h["instrument"] == "loan")
    assert loan["principal_outstanding"] == "152.76"
    assert stmt["income"] == "2.76"

    post(client, club, "income", date="2026-03-15", enterprise=enterprise.name, amount="20")
    post(client, club, "expense", date="2026-03-15", amount="5", note="bank fees")
    page = post(client, club, "valuation", date="2026-03-31", enterprise=enterprise.name,
                amount="180")
    assert "valued at €180.00" in page.content.decode()
    stmt = club_statement(club, as_of=date(2026, 3, 31))
    assert stmt["unrealised_gains"] == "30.00"
    assert stmt["income"] == "22.76" and stmt["expenses"] == "5.00"

    post(client, club, "sale", date="2026-04-01", enterprise=enterprise.name, amount="200")
    page = post(client, club, "write_off", date="2026-04-01", enterprise="Kmetija Breg")
    assert "written off" in page.content.decode()
    stmt = club_statement(club, as_of=date(2026, 4, 1))
    # Sale: 200 − 150 = +50; write-off: −152.76.
    assert stmt["realised_gains"] == "-102.76"
    assert stmt["unrealised_gains"] == "0.00"
    assert {h["status"] for h in stmt["holdings"]} == {"sold", "written_off"}
    # 1000 − 350 + 50 + 20 − 5 + 200 = 915.00
    assert stmt["cash"] == "915.00" and stmt["nav"] == "915.00"

    page = post(client, club, "exit", date="2026-04-02", member="Nina")
    assert "Nina left the club" in page.content.decode()
    nina = next(m for m in club_statement(club)["members"] if m["name"] == "Nina")
    assert nina["status"] == "exited" and nina["paid_out"] == "457.50"
    assert Member.objects.get(club=club, name="Nina").exited_on == date(2026, 4, 2)

    page = post(client, club, "dissolve", date="2026-04-03", confirm="on")
    assert "dissolved" in page.content.decode()
    club.refresh_from_db()
    assert club.status == "dissolved"
    stmt = club_statement(club)
    assert stmt["status"] == "dissolved" and stmt["cash"] == "0.00"
    miha = next(m for m in stmt["members"] if m["name"] == "Miha")
    assert miha["paid_out"] == "457.50"
    types = ClubEvent.objects.filter(club=club).values_list("type", flat=True)
    assert set(types) == {"join", "contribution", "investment", "repayment", "income",
                          "expense", "valuation", "sale", "write_off", "exit", "dissolve"}
    assert club_problems(club) == []


def test_date_defaults_to_today(client, club, treasurer):
    client.force_login(treasurer)
    form = client.get(url(club, "expense")).content.decode()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in form


def test_investment_form_points_to_proposals_and_records_nothing(
    client, club, treasurer, enterprise
):
    contribute(club, treasurer, date(2026, 2, 1), ("Miha", "100"))
    Proposal.objects.create(
        club=club, enterprise=enterprise, title="Oven", summary="A new oven",
        instrument="loan", amount_cents=5000, status=Proposal.Status.APPROVED,
    )
    client.force_login(treasurer)
    page = client.get(url(club, "investment"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Investments are made from a proposal the members have approved" in text
    assert "Oven" in text
    assert "<form method=\"post\"" not in text.split("<main")[1]
    before = ClubEvent.objects.count()
    assert client.post(url(club, "investment"), {
        "date": "2026-02-02", "enterprise": enterprise.name, "instrument": "equity",
        "amount": "50"}).status_code == 405
    assert ClubEvent.objects.count() == before


def test_investment_form_for_funding_takes_the_loan_terms():
    from microfuture.clubs.core import ClubBook
    from microfuture.clubs.forms_money import InvestmentForm

    loan = InvestmentForm({"date": "2026-02-01", "instrument": "loan", "amount": "120",
                           "rate": "4.5", "term": "12", "grace": "2", "method": "linear",
                           "first_due": "2026-03-31"})
    assert loan.is_valid(), loan.errors
    event = loan.to_event(enterprise="Kmetija Breg")
    assert (event.rate, event.term, event.grace, event.method, event.first_due) == (
        Decimal("4.5"), 12, 2, "linear", date(2026, 3, 31))
    book = ClubBook()
    book.apply(Event(date=date(2026, 1, 1), type="join", member="Miha"))
    book.apply(Event(date=date(2026, 1, 1), type="contribution", member="Miha",
                     amount=Decimal("200")))
    book.apply(event)
    assert book.cash() == Decimal("80.00")

    no_terms = InvestmentForm({"date": "2026-02-01", "instrument": "loan", "amount": "120"})
    assert not no_terms.is_valid()
    assert set(no_terms.errors) == {"rate", "term"}
    equity = InvestmentForm({"date": "2026-02-01", "instrument": "equity", "amount": "120",
                             "rate": "3"})
    assert not equity.is_valid() and "Only a loan has this" in str(equity.errors["rate"])
    long_grace = InvestmentForm({"date": "2026-02-01", "instrument": "loan", "amount": "1",
                                 "rate": "0", "term": "3", "grace": "3"})
    assert not long_grace.is_valid() and "grace" in long_grace.errors


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("10.005", "at most two decimals"),
        ("-5", "cannot be negative"),
        ("0", "more than zero"),
        ("", "Enter the amount"),
        ("ten", "Enter an amount such as 25"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_stored(client, club, treasurer, amount, message):
    client.force_login(treasurer)
    before = ClubEvent.objects.count()
    page = client.post(url(club, "contribution"),
                       {"date": "2026-02-01", "member": "Miha", "amount": amount})
    assert page.status_code == 200
    text = page.content.decode()
    assert "error-summary" in text and message in text
    assert ClubEvent.objects.count() == before


def test_cash_going_negative_is_refused_plainly(client, club, treasurer):
    contribute(club, treasurer, date(2026, 2, 1), ("Miha", "30"))
    client.force_login(treasurer)
    page = client.post(url(club, "expense"), {"date": "2026-02-02", "amount": "30.01"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "error-summary" in text and "cash would go negative" in text
    assert money_events(club) == 1
    assert club_problems(club) == []


def test_repayment_above_what_is_owed_is_refused(client, club, treasurer):
    contribute(club, treasurer, date(2026, 2, 1), ("Miha", "500"))
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 2), type="investment", enterprise="Kmetija Breg", instrument="loan",
        amount=Decimal("100"), rate=Decimal("0"), term=2))
    client.force_login(treasurer)
    page = client.post(url(club, "repayment"),
                       {"date": "2026-03-02", "enterprise": "Kmetija Breg", "amount": "100.01"})
    assert page.status_code == 200
    assert "error-summary" in page.content.decode()
    assert not ClubEvent.objects.filter(club=club, type="repayment").exists()
    # What is owed exactly is accepted, and the loan is repaid.
    page = post(client, club, "repayment", date="2026-03-02", enterprise="Kmetija Breg",
                amount="100")
    assert club_statement(club)["holdings"][0]["status"] == "repaid"


def test_contribution_by_someone_not_a_member_is_refused(client, club, treasurer):
    client.force_login(treasurer)
    page = client.post(url(club, "contribution"),
                       {"date": "2026-02-01", "member": "Oto", "amount": "10"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Oto is not a member of the club who can do this" in text
    assert money_events(club) == 0


def test_a_member_who_left_is_not_offered_and_is_refused(client, club, treasurer):
    client.force_login(treasurer)
    post(client, club, "exit", date="2026-02-01", member="Nina")
    form = client.get(url(club, "contribution")).content.decode()
    assert '<option value="Nina"' not in form and '<option value="Miha"' in form
    page = client.post(url(club, "contribution"),
                       {"date": "2026-02-02", "member": "Nina", "amount": "10"})
    assert "Nina is not a member" in page.content.decode()
    assert not ClubEvent.objects.filter(club=club, type="contribution").exists()


def test_event_before_the_last_one_is_refused(client, club, treasurer):
    contribute(club, treasurer, date(2026, 3, 1), ("Miha", "50"))
    client.force_login(treasurer)
    page = client.post(url(club, "expense"), {"date": "2026-02-01", "amount": "1"})
    assert page.status_code == 200
    assert "date order" in page.content.decode()
    assert money_events(club) == 1


def test_repeated_reference_is_refused(client, club, treasurer):
    client.force_login(treasurer)
    post(client, club, "contribution", date="2026-02-01", member="Miha", amount="5",
         reference="r1")
    page = client.post(url(club, "contribution"), {
        "date": "2026-02-01", "member": "Nina", "amount": "5", "reference": "r1"})
    assert "already recorded" in page.content.decode()
    assert money_events(club) == 1


def test_dissolve_needs_confirmation_and_no_open_holding(client, club, treasurer):
    contribute(club, treasurer, date(2026, 2, 1), ("Miha", "100"))
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 2), type="investment", enterprise="Kmetija Breg",
        instrument="advance", amount=Decimal("50")))
    client.force_login(treasurer)
    page = client.post(url(club, "dissolve"), {"date": "2026-02-03"})
    assert "Confirm that the members decided it" in page.content.decode()
    page = client.post(url(club, "dissolve"), {"date": "2026-02-03", "confirm": "on"})
    assert page.status_code == 200 and "error-summary" in page.content.decode()
    club.refresh_from_db()
    assert club.status == "active"
    assert not ClubEvent.objects.filter(club=club, type="dissolve").exists()


def test_unknown_type_is_404(client, club, treasurer):
    client.force_login(treasurer)
    assert client.get(url(club, "gift")).status_code == 404


@pytest.mark.parametrize("who", ["member", "secretary", "outsider", "coordinator"])
def test_people_without_a_money_role_cannot_record(client, club, request, who):
    client.force_login(request.getfixturevalue(who))
    for path in (reverse("clubs:record", args=[club.slug]), url(club, "contribution")):
        assert client.get(path).status_code == (404 if who == "outsider" else 403)
    page = client.post(url(club, "contribution"),
                       {"date": "2026-02-01", "member": "Miha", "amount": "10"})
    assert page.status_code == (404 if who == "outsider" else 403)
    assert money_events(club) == 0


def test_manager_and_admin_may_record(client, club, manager, admin):
    for user, amount in ((manager, "1"), (admin, "2")):
        client.force_login(user)
        page = post(client, club, "income", date="2026-02-01", amount=amount)
        assert page.status_code == 200
    assert ClubEvent.objects.filter(club=club, type="income").count() == 2


def test_anonymous_cannot_record(client, club):
    page = client.post(url(club, "income"), {"date": "2026-02-01", "amount": "1"})
    assert page.status_code in (302, 404)
    assert money_events(club) == 0
