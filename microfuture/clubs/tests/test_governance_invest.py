"""Investing from a proposal: only when approved, once, and within the charter's limits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from microfuture.clubs.books import load_book
from microfuture.clubs.core import Event
from microfuture.clubs.models import ClubEvent, Member, Proposal
from microfuture.clubs.selectors import club_problems
from microfuture.clubs.services.governance import (
    club_invest_from_proposal,
    meeting_schedule,
    proposal_close_vote,
    proposal_open_vote,
    proposal_submit,
)
from microfuture.clubs.services.money import ClubError, club_record_event
from microfuture.clubs.tests.voting import vote_as_member

PAID = date(2026, 3, 2)


@pytest.fixture
def saved(club, treasurer):
    """Every member saved 1,000.00: cash and NAV 5,000.00."""
    for name in ("Maja", "Tine", "Sara", "Miha", "Nina"):
        club_record_event(
            club=club, recorded_by=treasurer,
            event=Event(date=date(2026, 2, 1), type="contribution", member=name,
                        amount=Decimal("1000.00")),
        )
    # These tests are about the charter's limits; the four eyes on large payments are
    # tested in test_governance_four_eyes.py.
    club.second_officer_above_cents = 10_000_000
    club.save(update_fields=["second_officer_above_cents"])
    return club


def approved(
    club: Any, enterprise: Any, manager: Any, amount: str, instrument: str = "equity",
    **loan: Any,
) -> Proposal:
    proposal = proposal_submit(
        club=club, enterprise=enterprise, actor=manager, title="New oven",
        summary="A wood-fired oven.", instrument=instrument, amount=Decimal(amount), **loan,
    )
    meeting = meeting_schedule(club=club, actor=manager, title="Vote", starts_at=timezone.now())
    proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)
    for name in ("Maja", "Tine", "Sara"):
        vote_as_member(proposal=proposal, member=Member.objects.get(club=club, name=name),
                       choice="yes")
    proposal = proposal_close_vote(proposal=proposal, actor=manager)
    assert proposal.status == Proposal.Status.APPROVED
    return proposal


def test_refused_without_approval(saved, enterprise, manager, treasurer):
    proposal = proposal_submit(
        club=saved, enterprise=enterprise, actor=manager, title="Oven", summary="Oven.",
        instrument="equity", amount=Decimal("1000"),
    )
    with pytest.raises(ClubError, match="Only an approved proposal can be funded"):
        club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)
    assert not ClubEvent.objects.filter(type="investment").exists()


def test_accepted_within_limits_and_books_stay_sound(saved, enterprise, manager, treasurer):
    # 30 % of a NAV of 5,000.00 is exactly 1,500.00; 33 % of 10,000.00 is 3,300.00.
    proposal = approved(saved, enterprise, manager, "1500.00")
    row = club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)
    assert isinstance(row, ClubEvent)
    assert (row.type, row.enterprise, row.instrument, row.amount_cents) == (
        "investment", "Pekarna Zlato Zrno", "equity", 150_000)
    assert row.reference == f"proposal-{proposal.pk}"
    assert row.proposal == proposal
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.FUNDED
    book = load_book(saved)
    assert (book.cash_cents, book.nav_cents) == (350_000, 500_000)
    assert club_problems(saved) == []
    with pytest.raises(ClubError, match="already been funded"):
        club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)


def test_refused_above_the_share_of_assets(saved, enterprise, manager, treasurer):
    proposal = approved(saved, enterprise, manager, "1500.01")
    with pytest.raises(ClubError) as exc:
        club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)
    assert "1500.01 EUR" in str(exc.value)
    assert "30 % of its net asset value of 5000.00 EUR" in str(exc.value)
    assert "at most 1500.00 EUR" in str(exc.value)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.APPROVED
    assert not ClubEvent.objects.filter(type="investment").exists()


def test_share_of_assets_counts_every_open_holding_in_the_enterprise(
    saved, enterprise, manager, treasurer
):
    first = approved(saved, enterprise, manager, "1000.00", instrument="advance")
    club_invest_from_proposal(club=saved, proposal=first, on=PAID, actor=treasurer)
    second = approved(saved, enterprise, manager, "600.00")
    with pytest.raises(ClubError, match=r"would hold 1600\.00 EUR"):
        club_invest_from_proposal(club=saved, proposal=second, on=PAID, actor=treasurer)


def test_refused_above_the_stake_in_capital(saved, enterprise, manager, treasurer):
    saved.max_enterprise_share_percent = 100
    saved.save()
    ok = approved(saved, enterprise, manager, "3300.00")
    club_invest_from_proposal(club=saved, proposal=ok, on=PAID, actor=treasurer)
    more = approved(saved, enterprise, manager, "0.01")
    with pytest.raises(ClubError) as exc:
        club_invest_from_proposal(club=saved, proposal=more, on=PAID, actor=treasurer)
    assert "shares in Pekarna Zlato Zrno would cost 3300.01 EUR" in str(exc.value)
    assert "33 % of its share capital of 10000.00 EUR" in str(exc.value)
    assert club_problems(saved) == []


def test_loans_are_not_a_stake(saved, enterprise, manager, treasurer):
    saved.max_enterprise_share_percent = 100
    saved.save()
    enterprise.share_capital_cents = None
    enterprise.save()
    proposal = approved(saved, enterprise, manager, "4000.00", instrument="loan",
                        rate=Decimal("3"), term=24, grace=2, method="linear")
    row = club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer,
                                    first_due=date(2026, 5, 1))
    assert isinstance(row, ClubEvent)
    assert (row.rate, row.term, row.grace, row.method, row.first_due) == (
        "3", 24, 2, "linear", date(2026, 5, 1))
    assert load_book(saved).loan_schedule(1)[0].due == date(2026, 5, 1)
    assert club_problems(saved) == []


def test_refused_when_share_capital_unknown(saved, enterprise, manager, treasurer):
    enterprise.share_capital_cents = None
    enterprise.save()
    proposal = approved(saved, enterprise, manager, "1000.00")
    with pytest.raises(ClubError, match="share capital of Pekarna Zlato Zrno is not known"):
        club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=treasurer)


def test_cash_cannot_go_negative(club, enterprise, manager, treasurer):
    """Within the limits but without the cash: the money core refuses, nothing is recorded."""
    from microfuture.clubs.models import Enterprise

    club.max_enterprise_share_percent = 100
    club.save()
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("100.00")))
    other = Enterprise.objects.create(name="Kolesarnica", slug="kolesarnica")
    first = approved(club, other, manager, "100.00", instrument="advance")
    club_invest_from_proposal(club=club, proposal=first, on=PAID, actor=treasurer)
    second = approved(club, enterprise, manager, "50.00", instrument="advance")
    with pytest.raises(ClubError):
        club_invest_from_proposal(club=club, proposal=second, on=PAID, actor=treasurer)
    second.refresh_from_db()
    assert second.status == Proposal.Status.APPROVED
    assert ClubEvent.objects.filter(type="investment").count() == 1
    assert club_problems(club) == []


def test_only_treasurer_or_manager(saved, enterprise, manager, secretary):
    proposal = approved(saved, enterprise, manager, "1000.00")
    with pytest.raises(ClubError, match="treasurer or the manager"):
        club_invest_from_proposal(club=saved, proposal=proposal, on=PAID, actor=secretary)
