"""The audit log reads as sentences in the reader's language: every action a sentence, its
values labelled, choices by their labels, dates and amounts in the locale; an action the
wording does not know yet still reads as a sentence, never as a raw code."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation

from microfuture.clubs.audit_text import SENTENCES, audit_line
from microfuture.clubs.core import Event
from microfuture.clubs.models import AuditLog, Club
from microfuture.clubs.services import club_record_events
from microfuture.clubs.services.audit import audit
from microfuture.clubs.services.governance import proposal_open_vote, proposal_submit

pytestmark = pytest.mark.django_db

RAW = ("vote.cast", "event.contribution", "club.created", "proposal.vote_opened",
       "two_thirds", "<code>", "quorum_percent", "choice:", "payment.approved", "member.role",
       "proposal.submitted", "2026-02-01")


@pytest.fixture
def history(club, enterprise, manager, treasurer, member):
    Club.objects.filter(pk=club.pk).update(secret_ballot=False)
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha",
              amount=Decimal("1234.50"))])
    proposal = proposal_submit(
        club=club, enterprise=enterprise, actor=manager, title="Oven", summary="Oven.",
        instrument="equity", amount=Decimal("1500"))
    proposal_open_vote(proposal=proposal, actor=manager,
                       deadline=timezone.now() + timedelta(days=1))
    client = Client()
    client.force_login(member)
    client.post(f"/clubs/{club.slug}/proposals/{proposal.pk}/",
                {"action": "vote", "choice": "no"})
    assert AuditLog.objects.filter(club=club, action="vote.cast").exists()
    # Rows the governance work writes, and one this wording has never heard of.
    audit(club=club, actor=manager, action="member.role", member="Sara", member_id=3,
          old="secretary", new="treasurer", by="decision")
    audit(club=club, actor=manager, action="club.charter", changed=["decision_rule"],
          by="decision", proposal=proposal.pk)
    audit(club=club, actor=manager, action="payment.approved", approval=7, amount="2500.00")
    audit(club=club, actor=manager, action="zzz.unheard_of", weird_key="x")
    return client


def page(client: Client, club: Club, lang: str) -> str:
    response = client.get(f"/clubs/{club.slug}/audit/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode().split("<main", 1)[1]


def test_audit_log_in_english(club, history) -> None:
    html = page(history, club, "en")
    for raw in RAW:
        assert raw not in html, raw
    assert "Money event recorded: Contribution." in html
    assert "Amount: €1,234.50" in html
    assert "A vote on a proposal was opened." in html and "Decision rule: Simple majority" in html
    assert "A vote was cast." in html and "Choice: No" in html
    assert "Instrument: Shares (equity)" in html
    assert "A member&#x27;s role changed." in html or "A member's role changed." in html
    assert "Before: Secretary" in html and "After: Treasurer" in html
    assert "Decided by: the members&#x27; decision" in html or \
        "Decided by: the members' decision" in html
    assert "Changed: Decision rule" in html
    assert "Payment out: a change was recorded." in html and "Amount: €2,500.00" in html
    assert "Payment no.: 7" in html
    assert "A change was recorded." in html and "Weird key: x" in html


def test_audit_log_in_slovenian(club, history) -> None:
    html = page(history, club, "sl")
    for raw in RAW:
        assert raw not in html, raw
    assert "Zabeležen poslovni dogodek: Vplačilo." in html
    assert "Znesek: 1.234,50 €" in html
    assert "Glasovanje o predlogu je odprto." in html
    assert "Izbira: Proti" in html
    assert "Instrument: Lastniški deleži" in html
    assert "Prej: Tajnik" in html and "Potem: Blagajnik" in html
    assert "Odločil(-i): sklep članov" in html and "Spremenjeno: Pravilo odločanja" in html
    assert "Izplačilo: zabeležena je sprememba." in html and "Znesek: 2.500,00 €" in html


@translation.override("en")
def test_every_known_action_has_a_sentence_and_labels() -> None:
    for action in SENTENCES:
        line = audit_line(action, {"amount": "10.00", "date": "2026-03-01", "kind": "funding"})
        assert line.sentence and action not in line.sentence
        assert ("Amount", "€10.00") in line.details
        assert all("_" not in label for label, _value in line.details)


@translation.override("en")
def test_a_decision_reads_as_a_sentence_with_its_rule() -> None:
    line = audit_line("proposal.decided", {
        "proposal": 4, "kind": "charter", "outcome": "approved", "reason": "",
        "rule": "two_thirds", "quorum_percent": 50, "yes": 3, "no": 1, "abstain": 0,
        "cast": 4, "eligible": 5, "needed": 3, "by": "schedule"})
    assert line.sentence.startswith("A proposal was decided.")
    assert "two_thirds" not in line.sentence
    assert ("Decision rule", "Two thirds") in line.details
    assert ("Quorum", "50 %") in line.details
    assert ("Kind", "Change of the charter") in line.details
    assert ("Decided by", "the end of the voting time") in line.details
    assert all(label not in ("Yes", "Cast", "Outcome") for label, _v in line.details)
