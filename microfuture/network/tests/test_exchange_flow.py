"""Knowledge exchange through the pages: a stakeholder asks the practitioners behind a practice,
the mail goes to the contact organisation's people who agreed to be contacted, a practitioner
answers through the secret link, the asker is mailed, the staff keep the answer with the
practice as an insight (only with consent), and both sides see the thread; nobody else does."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from microfuture.network.models import Organisation, Person, Thread, ThreadMessage
from microfuture.practices.models import Interview, InterviewAnswer, Practice, QuestionSet

pytestmark = pytest.mark.django_db(transaction=True)  # mail goes out on commit

QUESTION = "How do your clubs repay a leaving member?"


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def practice(db: Any) -> Practice:
    return Practice.objects.create(
        slug="cigales-clubs", title_sl="Klubi CIGALES", title_en="CIGALES clubs",
        country="FR", status=Practice.Status.APPROVED)


@pytest.fixture
def federation(practice: Practice) -> Organisation:
    organisation = Organisation.objects.create(
        name="Fédération des CIGALES", kind=Organisation.Kind.SUPPORT_ORG, country="FR")
    organisation.practices.add(practice)
    Person.objects.create(name="Claire Contactable", organisation=organisation,
                          email="claire@cigales.example", languages=["fr", "en"],
                          consent_on=date(2026, 1, 5), consent_contacted=True)
    Person.objects.create(name="Marc Notcontacted", organisation=organisation,
                          email="marc@cigales.example", consent_on=date(2026, 1, 5),
                          consent_listed=True)
    return organisation


@pytest.fixture
def stakeholder(db: Any) -> Any:
    from microfuture.conftest import make_user

    return make_user("stakeholder", full_name="Sara Stakeholder")


def ask(client: Client, slug: str = "cigales-clubs", **extra: Any) -> Any:
    data = {"subject": "Repaying a leaving member", "text": QUESTION}
    data.update(extra)
    return client.post(f"/network/questions/ask/{slug}/", data)


def answer_link(message: Any) -> str:
    found = re.search(r"https?://\S+/network/questions/answer/(\S+)/", message.body)
    assert found, message.body
    return f"/network/questions/answer/{found.group(1)}/"


def test_the_practice_page_links_to_asking(practice: Practice) -> None:
    html = Client().get("/practices/cigales-clubs/").content.decode()
    assert 'href="/network/questions/ask/cigales-clubs/"' in html
    assert "Ask the practitioners" in html


def test_asking_needs_a_signed_in_person(practice: Practice, federation: Any) -> None:
    response = ask(Client())
    assert response.status_code == 302 and "/accounts/" in response["Location"]
    assert not Thread.objects.exists() and not mail.outbox


def test_the_whole_exchange(practice: Practice, federation: Organisation, stakeholder: Any,
                            coordinator: Any, outsider: Any) -> None:
    asker = as_user(stakeholder)
    page = asker.get("/network/questions/ask/cigales-clubs/").content.decode()
    assert "Fédération des CIGALES" in page and 'name="subject"' in page

    response = ask(asker)
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/network/questions/{thread.pk}/"
    assert (thread.practice, thread.to_organisation, thread.asked_by) == (
        practice, federation, stakeholder)
    assert thread.status == "open"
    assert list(thread.messages.values_list("text", "author", "from_practitioners")) == [
        (QUESTION, stakeholder.pk, False)]

    # Mailed only to the person who agreed to be contacted, in English, with the link.
    assert [m.to for m in mail.outbox] == [["claire@cigales.example"]]
    sent = mail.outbox[0]
    assert sent.subject == "A question about your practice"
    assert QUESTION in sent.body and "Hello Claire Contactable" in sent.body
    link = answer_link(sent)
    assert link == f"/network/questions/answer/{thread.reply_token}/"
    assert "stakeholder@example.org" not in sent.body and "Sara" not in sent.body

    # The practitioner reads the thread without an account and answers.
    practitioner = Client()
    response = practitioner.get(link)
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert QUESTION in page and 'name="consent_to_keep"' in page
    assert "Sara Stakeholder" not in page
    mail.outbox.clear()
    response = practitioner.post(link, {
        "author_name": "Claire", "text": "The club buys back the share at its book value.",
        "consent_to_keep": "on"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == "answered"
    answer = ThreadMessage.objects.get(from_practitioners=True)
    assert (answer.author_name, answer.consent_to_keep, answer.author) == ("Claire", True, None)
    assert "book value" in practitioner.get(link).content.decode()

    # The asker is mailed and sees the answer.
    assert [m.to for m in mail.outbox] == [["stakeholder@example.org"]]
    assert f"/network/questions/{thread.pk}/" in mail.outbox[0].body
    page = asker.get(f"/network/questions/{thread.pk}/").content.decode()
    assert "book value" in page and "Claire (Fédération des CIGALES)" in page
    assert "Keep this answer" not in page  # only the staff keep insights
    assert "Repaying a leaving member" in asker.get("/network/questions/").content.decode()

    # Staff see every thread and keep the answer as an insight.
    staff = as_user(coordinator)
    assert "Repaying a leaving member" in staff.get("/network/questions/").content.decode()
    page = staff.get(f"/network/questions/{thread.pk}/").content.decode()
    assert "Keep this answer with the practice as an insight" in page
    response = staff.post(f"/network/questions/{thread.pk}/keep/", {"message": answer.pk})
    assert response.status_code == 302
    thread.refresh_from_db()
    interview = Interview.objects.get()
    assert thread.insight == interview and thread.status == "answered"
    assert interview.consent_given is True
    assert interview.question_set == QuestionSet.objects.get(
        practice=practice, title="Questions from the network")
    assert interview.organisation == "Fédération des CIGALES"
    assert interview.held_on == timezone.localdate(answer.created_at)
    assert "without my name" in interview.consent_text
    assert interview.held_on.isoformat() in interview.consent_text
    assert "Claire" not in interview.interviewee_role + interview.consent_text
    row = InterviewAnswer.objects.get()
    assert (row.interview, row.text) == (interview, answer.text)
    assert (row.question.text_en, row.question.text_sl) == (QUESTION, QUESTION)
    # The insight is on the practice's page, without the practitioner's name.
    html = Client().get("/practices/cigales-clubs/").content.decode()
    assert "book value" in html and "Claire" not in html

    # Keeping a second time is refused, plainly.
    page = staff.post(f"/network/questions/{thread.pk}/keep/", {"message": answer.pk},
                      follow=True).content.decode()
    assert "already kept" in page and Interview.objects.count() == 1

    # An outsider, a stranger and a wrong token get 404.
    assert as_user(outsider).get(f"/network/questions/{thread.pk}/").status_code == 404
    assert Client().get(f"/network/questions/{thread.pk}/").status_code == 404
    assert "Repaying" not in as_user(outsider).get("/network/questions/").content.decode()
    assert Client().get("/network/questions/answer/not-the-token/").status_code == 404
    assert as_user(outsider).post(f"/network/questions/{thread.pk}/keep/",
                                  {"message": answer.pk}).status_code == 404


def test_an_answer_without_consent_is_not_kept(practice: Practice, federation: Organisation,
                                               stakeholder: Any, admin: Any) -> None:
    ask(as_user(stakeholder))
    thread = Thread.objects.get()
    Client().post(f"/network/questions/answer/{thread.reply_token}/",
                  {"text": "Ask the regional association."})
    answer = ThreadMessage.objects.get(from_practitioners=True)
    assert answer.consent_to_keep is False and answer.author_name == ""
    staff = as_user(admin)
    page = staff.get(f"/network/questions/{thread.pk}/").content.decode()
    assert "Keep this answer" not in page and "The practitioners of Fédération" in page
    page = staff.post(f"/network/questions/{thread.pk}/keep/", {"message": answer.pk},
                      follow=True).content.decode()
    assert "did not agree to keep this answer" in page
    assert not Interview.objects.exists() and not QuestionSet.objects.exists()
    thread.refresh_from_db()
    assert thread.insight is None
    # The asker's own message is not an answer either.
    question = ThreadMessage.objects.get(from_practitioners=False)
    page = staff.post(f"/network/questions/{thread.pk}/keep/", {"message": question.pk},
                      follow=True).content.decode()
    assert "Only a practitioner" in page and not Interview.objects.exists()


def test_a_follow_up_mails_the_practitioners_again(practice: Practice, federation: Any,
                                                   stakeholder: Any) -> None:
    asker = as_user(stakeholder)
    ask(asker)
    thread = Thread.objects.get()
    mail.outbox.clear()
    response = asker.post(f"/network/questions/{thread.pk}/", {"text": "And for loans?"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["claire@cigales.example"]]
    assert "And for loans?" in mail.outbox[0].body
    assert thread.messages.count() == 2
    # An empty message shows the form again with the problem.
    assert asker.post(f"/network/questions/{thread.pk}/", {"text": " "}).status_code == 400


def test_a_practice_without_a_contact_organisation(practice: Practice, stakeholder: Any,
                                                   coordinator: Any) -> None:
    asker = as_user(stakeholder)
    page = asker.get("/network/questions/ask/cigales-clubs/").content.decode()
    assert "This practice has no contact organisation yet" in page
    page = asker.post("/network/questions/ask/cigales-clubs/",
                      {"subject": "Repaying a leaving member", "text": QUESTION},
                      follow=True).content.decode()
    assert "no contact organisation yet" in page and "staff have been told" in page
    assert not Thread.objects.exists()
    # The staff are told, with the question, so they can find the organisation.
    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]
    assert QUESTION in mail.outbox[0].body


def test_an_organisation_nobody_may_be_mailed_at(practice: Practice, stakeholder: Any,
                                                 admin: Any) -> None:
    silent = Organisation.objects.create(name="Club Silencieux",
                                         kind=Organisation.Kind.CITIZEN_CLUB, country="FR")
    silent.practices.add(practice)
    Person.objects.create(name="No Consent", organisation=silent, email="no@example.org")
    ask(as_user(stakeholder))
    thread = Thread.objects.get()
    # Stored; the staff, not the person without consent, get it with the answer link.
    assert [m.to for m in mail.outbox] == [["admin@example.org"]]
    assert f"/network/questions/answer/{thread.reply_token}/" in mail.outbox[0].body


def test_a_draft_practice_cannot_be_asked_about(stakeholder: Any) -> None:
    Practice.objects.create(slug="a-draft", title_en="A draft", country="SI")
    assert ask(as_user(stakeholder), slug="a-draft").status_code == 404
    assert not Thread.objects.exists()


def test_slovenian_pages(practice: Practice, federation: Any, stakeholder: Any) -> None:
    asker = as_user(stakeholder)
    asker.cookies["django_language"] = "sl"
    ask(asker)
    thread = Thread.objects.get()
    # The practitioner's mail stays in English (their first language is not Slovenian).
    assert mail.outbox[0].subject == "A question about your practice"
    response = asker.get(f"/network/questions/{thread.pk}/", HTTP_ACCEPT_LANGUAGE="sl")
    assert response.status_code == 200
