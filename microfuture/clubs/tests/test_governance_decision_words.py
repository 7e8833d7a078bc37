"""A vote's decision is stored as codes and figures and worded in the reader's language
wherever it shows (issue 9: it was stored in the language of whoever closed the vote)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from microfuture.clubs.models import AuditLog, Member, Proposal
from microfuture.clubs.services.governance import (
    meeting_schedule,
    proposal_close_vote,
    proposal_open_vote,
    proposal_submit,
)
from microfuture.clubs.tests.voting import vote_as_member


def _decided_in_slovenian(club, enterprise, manager, rule="two_thirds"):
    club.decision_rule = rule
    club.save(update_fields=["decision_rule"])
    proposal = proposal_submit(club=club, enterprise=enterprise, actor=manager, title="Oven",
                               summary="Oven.", instrument="equity", amount=Decimal("800"))
    meeting = meeting_schedule(club=club, actor=manager, title="AGM", starts_at=timezone.now())
    proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)
    for name, choice in {"Maja": "yes", "Tine": "yes", "Sara": "no"}.items():
        vote_as_member(proposal=proposal, member=Member.objects.get(club=club, name=name),
                       choice=choice)
    with translation.override("sl"):  # closed by someone reading in Slovenian
        return proposal_close_vote(proposal=proposal, actor=manager)


def test_the_decision_is_codes_and_figures(club, enterprise, manager):
    decided = _decided_in_slovenian(club, enterprise, manager)
    assert decided.decision == {
        "outcome": "approved", "reason": "rule_met", "rule": "two_thirds",
        "quorum_percent": 50, "yes": 2, "no": 1, "abstain": 0, "cast": 3, "eligible": 5,
        "needed": 3,
    }
    assert decided.decision_note == ""
    audit = AuditLog.objects.get(action="proposal.decided")
    assert "note" not in audit.detail
    assert (audit.detail["outcome"], audit.detail["reason"], audit.detail["rule"]) == (
        "approved", "rule_met", "two_thirds")


def test_each_reader_reads_it_in_their_language(club, enterprise, manager, member):
    decided = _decided_in_slovenian(club, enterprise, manager)
    url = f"/clubs/{club.slug}/proposals/{decided.pk}/"
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    english.force_login(member)
    assert "Approved (Two thirds): 2 yes, 1 no, 0 abstaining; 3 of 5 members voted." in (
        english.get(url).content.decode())
    slovene = Client(HTTP_ACCEPT_LANGUAGE="sl")
    slovene.force_login(member)
    page = slovene.get(url).content.decode()
    assert "Odobreno (" in page and "Approved" not in page
    ent = slovene.get(f"/clubs/enterprise/{enterprise.slug}/").content.decode()
    assert "Odobreno (" in ent


def test_the_api_gives_codes_and_english(club, enterprise, manager, member):
    decided = _decided_in_slovenian(club, enterprise, manager, rule="unanimity")
    client = Client(HTTP_ACCEPT_LANGUAGE="sl")
    client.force_login(member)
    body = client.get(f"/api/v1/clubs/{club.slug}/proposals/{decided.pk}").json()
    assert body["decision"]["outcome"] == "rejected"
    assert body["decision"]["reason"] == "rule_not_met"
    assert body["decision_note"].startswith("Rejected: a unanimous decision needs no vote")


def test_a_decision_written_before_keeps_its_words(club, enterprise, manager, member):
    legacy = proposal_submit(club=club, enterprise=enterprise, actor=manager, title="Old",
                             summary="Old.", instrument="equity", amount=Decimal("100"))
    Proposal.objects.filter(pk=legacy.pk).update(
        status="approved", decision_note="Odobreno na sestanku.", decided_at=timezone.now())
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(member)
    page = client.get(f"/clubs/{club.slug}/proposals/{legacy.pk}/").content.decode()
    assert "Odobreno na sestanku." in page


def test_close_due_votes_words_it_in_english(club, enterprise, manager):
    proposal = proposal_submit(club=club, enterprise=enterprise, actor=manager, title="Van",
                               summary="Van.", instrument="equity", amount=Decimal("100"))
    proposal_open_vote(proposal=proposal, actor=manager,
                       deadline=timezone.now() + timedelta(hours=1))
    Proposal.objects.filter(pk=proposal.pk).update(
        vote_deadline=timezone.now() - timedelta(minutes=1))
    out = StringIO()
    with translation.override("sl"):
        call_command("close_due_votes", stdout=out)
    assert "Quorum not reached: 0 of 5 members voted, 3 needed." in out.getvalue()
