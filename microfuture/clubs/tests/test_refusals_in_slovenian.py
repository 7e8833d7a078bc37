"""The money core's refusals on the club's pages: in Slovenian on the Slovenian pages, word for
word the core's English on the English ones, and always English in the JSON API and commands.

Every refusal goes through the public interface (a form posted with the test client, the API,
a management command) and the test checks that nothing was stored.
"""

from __future__ import annotations

import html
import json
from datetime import date
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from microfuture.clubs.core import Event
from microfuture.clubs.models import ClubEvent, Enterprise, EventReversal, Member, Proposal
from microfuture.clubs.services import club_record_event, club_record_events
from microfuture.clubs.services.governance import (
    club_invest_from_proposal,
    meeting_schedule,
    proposal_close_vote,
    proposal_open_vote,
    proposal_submit,
)
from microfuture.clubs.tests.voting import vote_as_member

pytestmark = pytest.mark.django_db

API = "/api/v1/clubs/zadruga-srce"


def browser(user: Any, language: str) -> Client:
    """A signed-in person whose browser asks for `language` (as a Slovenian treasurer's does)."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def page_text(response: Any) -> str:
    assert response.status_code == 200
    text: str = html.unescape(response.content.decode())
    return text


def api_post(user: Any, path: str, body: dict[str, Any], language: str = "sl") -> Any:
    return browser(user, language).post(
        f"{API}{path}", json.dumps(body), content_type="application/json"
    )


def money_events(club: Any) -> int:
    return ClubEvent.objects.filter(club=club).exclude(type="join").count()


def save(club: Any, treasurer: Any, on: date, **amounts: str) -> None:
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=on, type="contribution", member=name, amount=Decimal(amount))
        for name, amount in amounts.items()
    ])


# An exit the cash cannot pay ------------------------------------------------------------------

EXIT_EN = "cash would go negative: the club has 1234.50 EUR and this exit needs 1500.00"
EXIT_SL = (
    "denarna sredstva bi bila negativna: klub ima 1.234,50 EUR, dogodek »izstop člana« pa "
    "zahteva 1.500,00"
)


def test_an_exit_the_cash_cannot_pay_is_refused_in_the_reader_s_language(club, treasurer):
    save(club, treasurer, date(2026, 2, 1), Miha="1234.50")
    url = reverse("clubs:record_event", args=[club.slug, "exit"])
    form = {"date": "2026-02-02", "member": "Nina", "amount": "1500"}

    sl = page_text(browser(treasurer, "sl").post(url, form))
    assert EXIT_SL in sl
    assert "cash would go negative" not in sl and "this exit needs" not in sl

    en = page_text(browser(treasurer, "en").post(url, form))
    assert EXIT_EN in en
    assert money_events(club) == 1


def test_the_api_refuses_the_same_exit_in_english_whatever_the_language(club, treasurer):
    save(club, treasurer, date(2026, 2, 1), Miha="1234.50")
    body = {"date": "2026-02-02", "type": "exit", "member": "Nina", "amount": "1500.00"}
    for language in ("sl", "en"):
        response = api_post(treasurer, "/events", body, language)
        assert response.status_code == 400
        assert response.json()["detail"] == EXIT_EN
    assert money_events(club) == 1


# Dates out of order, on one event and on a collection sheet -----------------------------------


def test_an_event_before_the_last_one_names_both_dates_as_slovenian_dates(club, treasurer):
    save(club, treasurer, date(2026, 3, 1), Miha="50")
    url = reverse("clubs:record_event", args=[club.slug, "expense"])
    form = {"date": "2026-02-01", "amount": "1"}
    sl = page_text(browser(treasurer, "sl").post(url, form))
    assert (
        "dogodke je treba beležiti po vrsti datumov: dogodek »odhodek« ima datum 1. 2. 2026, "
        "zadnji dogodek kluba pa je z dne 1. 3. 2026"
    ) in sl
    en = page_text(browser(treasurer, "en").post(url, form))
    assert (
        "events must be recorded in date order: this expense is dated 2026-02-01, before the "
        "club's last event on 2026-03-01"
    ) in en
    assert money_events(club) == 1


def test_a_collection_row_the_core_refuses_is_in_slovenian_with_the_member_s_name(
    club, treasurer
):
    save(club, treasurer, date(2026, 3, 1), Maja="20")
    members = Member.objects.filter(club=club, exited_on__isnull=True)
    sheet = {"date": "2026-02-06", "reference_prefix": ""}
    sheet |= {f"amount-{m.pk}": ("20" if m.name == "Miha" else "") for m in members}
    url = reverse("clubs:collection", args=[club.slug])
    sl = page_text(browser(treasurer, "sl").post(url, sheet))
    assert (
        "Miha: dogodke je treba beležiti po vrsti datumov: dogodek »vplačilo« ima datum "
        "6. 2. 2026, zadnji dogodek kluba pa je z dne 1. 3. 2026"
    ) in sl
    en = page_text(browser(treasurer, "en").post(url, sheet))
    assert (
        "Miha: events must be recorded in date order: this contribution is dated 2026-02-06, "
        "before the club's last event on 2026-03-01"
    ) in en
    assert money_events(club) == 1


# The journal file: someone who never joined, a loan's grace, a bad cell, a cell too many ------

JOURNAL = """date,type,member,enterprise,instrument,amount,rate,term,grace,reference
2026-02-01,contribution,Miha,,,100,,,,s-1
2026-02-01,contribution,Zala,,,10,,,,s-2
2026-02-02,investment,,Kmetija Breg,loan,50,4,6,6,s-3
2026-02-03,investment,,Kmetija Breg,loan,50,-1,6,,s-4
2026-02-04,join,Ana,,,5,,,,s-5
2026-02-05,expense,,,,5000,,,,s-6
"""

JOURNAL_EN = [
    "Line 3: Zala has not joined the club",
    "Line 4: the grace period (6 months) must be shorter than the term (6 months)",
    "Line 5: rate '-1' is not a plain decimal percentage such as 3.5",
    "Line 6: amount does not apply to a join row; leave the cell empty",
    "Line 7: cash would go negative: the club has 100.00 EUR and this expense needs 5000.00",
]
JOURNAL_SL = [
    "Vrstica 3: Zala ni med člani kluba",
    "Vrstica 4: moratorij (mesecev: 6) mora biti krajši od dobe posojila (mesecev: 6)",
    "Vrstica 5: vrednost '-1' v stolpcu rate ni navaden decimalni odstotek, kot je 3.5",
    "Vrstica 6: stolpec amount ne velja za vrstico z dogodkom »pristop člana«; pustite "
    "celico prazno",
    "Vrstica 7: denarna sredstva bi bila negativna: klub ima 100,00 EUR, dogodek »odhodek« "
    "pa zahteva 5.000,00",
]


def upload(client: Client, club: Any) -> str:
    return page_text(client.post(
        reverse("clubs:journal", args=[club.slug]),
        {"file": SimpleUploadedFile("journal.csv", JOURNAL.encode(), content_type="text/csv")},
    ))


def test_journal_errors_are_listed_in_slovenian_on_the_slovenian_page(club, treasurer):
    sl = upload(browser(treasurer, "sl"), club)
    for line in JOURNAL_SL:
        assert line in sl
    for line in JOURNAL_EN:
        assert line.split(": ", 1)[1] not in sl
    en = upload(browser(treasurer, "en"), club)
    for line in JOURNAL_EN:
        assert line in en
    assert money_events(club) == 0


def test_journal_errors_stay_english_in_the_api_and_the_command(club, treasurer, tmp_path):
    response = api_post(treasurer, "/journal", {"csv": JOURNAL})
    assert response.status_code == 400
    assert [f"Line {e['line']}: {e['message']}" for e in response.json()["errors"]] == JOURNAL_EN

    path = tmp_path / "journal.csv"
    path.write_text(JOURNAL)
    err = StringIO()
    with translation.override("sl"), pytest.raises(SystemExit):
        call_command("import_club_journal", str(path), club=club.name, stderr=err)
    written = err.getvalue().splitlines()
    assert written[:5] == [f"journal.csv: {line.replace('Line', 'line')}" for line in JOURNAL_EN]
    assert money_events(club) == 0


# A reversal that a later event depends on -----------------------------------------------------


def test_a_refused_reversal_explains_itself_in_slovenian(club, treasurer):
    first, _expense = club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("100")),
        Event(date=date(2026, 2, 2), type="expense", amount=Decimal("60")),
    ])
    url = reverse("clubs:reverse_event", args=[club.slug, first.seq])
    sl = page_text(browser(treasurer, "sl").post(url, {"reason": "napačen član"}))
    assert (
        "Brez njega bi bil poznejši dogodek z dne 2. 2. 2026 (»odhodek«) zavrnjen: denarna "
        "sredstva bi bila negativna: klub ima 0,00 EUR, dogodek »odhodek« pa zahteva 60,00. "
        "Najprej stornirajte poznejši dogodek."
    ) in sl
    english = (
        "Without it, the later event on 2026-02-02 (expense) would be refused: cash would go "
        "negative: the club has 0.00 EUR and this expense needs 60.00 Reverse that one first."
    )
    assert english in page_text(browser(treasurer, "en").post(url, {"reason": "wrong"}))
    response = api_post(treasurer, f"/events/{first.seq}/reverse", {"reason": "wrong"})
    assert response.status_code == 400 and response.json()["detail"] == english
    assert not EventReversal.objects.exists()


# A member added twice, an investment without the cash -----------------------------------------


def test_adding_a_member_who_already_joined_is_refused_in_slovenian(club, manager):
    url = reverse("clubs:invitations", args=[club.slug])
    form = {"paper": "1", "paper-name": "Miha", "paper-date": "2026-02-01"}
    sl = page_text(browser(manager, "sl").post(url, form))
    assert (
        "Miha je že v evidencah tega kluba; nekdanji član, ki se vrne, pristopi pod drugim "
        "imenom, po katerem ga je mogoče ločiti"
    ) in sl
    en = page_text(browser(manager, "en").post(url, form))
    assert (
        "Miha has already joined this club; a former member who comes back joins under a "
        "distinguishable name"
    ) in en
    assert Member.objects.filter(club=club, name="Miha").count() == 1


def approved(club: Any, enterprise: Any, manager: Any, amount: str) -> Proposal:
    proposal = proposal_submit(
        club=club, enterprise=enterprise, actor=manager, title="Peč", summary="Krušna peč.",
        instrument="advance", amount=Decimal(amount),
    )
    meeting = meeting_schedule(club=club, actor=manager, title="Glasovanje",
                               starts_at=timezone.now())
    proposal_open_vote(proposal=proposal, actor=manager, meeting=meeting)
    for name in ("Maja", "Tine", "Sara"):
        vote_as_member(proposal=proposal, member=Member.objects.get(club=club, name=name),
                       choice="yes")
    return proposal_close_vote(proposal=proposal, actor=manager)


def test_funding_a_proposal_without_the_cash_is_refused_in_slovenian(
    club, enterprise, manager, treasurer
):
    club.max_enterprise_share_percent = 100
    club.save()
    club_record_event(club=club, recorded_by=treasurer, event=Event(
        date=date(2026, 2, 1), type="contribution", member="Miha", amount=Decimal("100.00")))
    other = Enterprise.objects.create(name="Kolesarnica", slug="kolesarnica")
    club_invest_from_proposal(club=club, proposal=approved(club, other, manager, "100.00"),
                              on=date(2026, 3, 2), actor=treasurer)
    proposal = approved(club, enterprise, manager, "50.00")
    url = reverse("clubs:proposal", args=[club.slug, proposal.pk])
    form = {"action": "invest", "on": "2026-03-03"}

    sl = page_text(browser(treasurer, "sl").post(url, form, follow=True))
    assert (
        "denarna sredstva bi bila negativna: klub ima 0,00 EUR, dogodek »naložba« pa zahteva "
        "50,00"
    ) in sl
    en = page_text(browser(treasurer, "en").post(url, form, follow=True))
    assert "cash would go negative: the club has 0.00 EUR and this investment needs 50.00" in en
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.APPROVED
    assert ClubEvent.objects.filter(club=club, type="investment").count() == 1
