"""Writes of knowledge exchange (spec §4): a stakeholder's question to the practitioners
behind a practice, their answers through a secret link, follow-ups, and an answer kept with
the practice as an insight (a practices `Interview`) with the practitioner's consent.

Every refusal is a `NetworkError` with a plain message in the reader's language; nothing has
changed when one is raised. Mail goes out after the transaction commits (`mail_on_commit`),
in the language active when it was written.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from microfuture.accounts.models import RoleGrant
from microfuture.accounts.services import mail_on_commit
from microfuture.network import permissions, selectors_exchange
from microfuture.network.errors import NetworkError
from microfuture.network.models import Thread, ThreadMessage
from microfuture.practices.models import (
    Interview,
    InterviewAnswer,
    Practice,
    Question,
    QuestionSet,
)

logger = logging.getLogger(__name__)

SUBJECT_MAX = 250
TEXT_MAX = 10_000
NAME_MAX = 200
QUESTION_MAX = 400  # practices.Question.text_sl / text_en

#: The question set an answer kept as an insight goes under (one per practice).
NETWORK_SET_TITLE = gettext_noop("Questions from the network")
#: What the practitioner ticks, in the words kept with the insight (the page shows the same
#: words in the reader's language).
CONSENT_WORDING = gettext_noop(
    "You may keep my answer with the practice as an insight, without my name.")


class NoContactOrganisation(NetworkError):
    """The practice has no contact organisation in the directory yet; the staff are told."""


def _clean(value: str, *, limit: int, empty: str, too_long: str) -> str:
    value = (value or "").strip()
    if not value:
        raise NetworkError(empty)
    if len(value) > limit:
        raise NetworkError(too_long)
    return value


def _staff_addresses() -> list[str]:
    """The network's staff with an address: administrators and regional coordinators."""
    user_model = get_user_model()
    coordinators = RoleGrant.objects.filter(role=RoleGrant.Role.COORDINATOR).values("user_id")
    return sorted(set(
        user_model.objects.filter(Q(is_superuser=True) | Q(pk__in=coordinators),
                                  is_active=True)
        .exclude(email="").values_list("email", flat=True)))


def _answer_url(site_url: str, thread: Thread) -> str:
    return site_url + reverse("network:thread_answer", args=[thread.reply_token])


def _thread_url(site_url: str, thread: Thread) -> str:
    return site_url + reverse("network:thread", args=[thread.pk])


def _mail_practitioners(thread: Thread, text: str, site_url: str, *, follow_up: bool) -> int:
    """Mail the question (or a follow-up) to the contact organisation's people who agreed to
    be contacted; when there is nobody, tell the staff so they pass it on. Returns how many
    practitioners were mailed."""
    people = selectors_exchange.contactable_people(thread.to_organisation)
    context = {"thread": thread, "practice": thread.practice, "text": text,
               "organisation": thread.to_organisation, "follow_up": follow_up,
               "answer_url": _answer_url(site_url, thread),
               "privacy_url": site_url + reverse("web:privacy")}
    for person in people:
        # Practitioners are often abroad: English unless Slovenian is their first language.
        languages = [str(code) for code in (person.languages or [])]
        with translation.override("sl" if languages[:1] == ["sl"] else "en"):
            mail_on_commit(to=person.email,
                           subject=gettext_noop("A question about your practice"),
                           template="network/email/question_to_practitioners.txt",
                           context={**context, "person": person})
    if not people:
        for address in _staff_addresses():
            mail_on_commit(to=address,
                           subject=gettext_noop("A question nobody could be mailed"),
                           template="network/email/question_nobody_to_mail.txt",
                           context={**context, "thread_url": _thread_url(site_url, thread)})
    return len(people)


def thread_ask(*, practice: Practice, asker: Any, subject: str, text: str,
               site_url: str) -> Thread:
    """A signed-in stakeholder asks the practitioners behind a public practice a question.

    It goes to the practice's contact organisation (the directory's organisations that run
    it, the first by name). Without one, nothing is stored, the staff are mailed the question
    and `NoContactOrganisation` says so.
    """
    if not permissions.is_member(asker):
        raise NetworkError(_("Sign in to ask the practitioners a question."))
    if not practice.is_public:
        raise NetworkError(_("Questions can be asked only about a published practice."))
    subject = _clean(subject, limit=SUBJECT_MAX, empty=_("Give your question a subject."),
                     too_long=_("The subject is at most 250 characters."))
    text = _clean(text, limit=TEXT_MAX, empty=_("Write your question."),
                  too_long=_("The question is at most 10,000 characters."))
    organisation = selectors_exchange.contact_organisation(practice)
    if organisation is None:
        for address in _staff_addresses():
            mail_on_commit(to=address,
                           subject=gettext_noop("A question for a practice without a contact"),
                           template="network/email/question_no_contact.txt",
                           context={"practice": practice, "subject": subject, "text": text,
                                    "asker": asker,
                                    "practice_url": site_url + reverse(
                                        "practices:detail", args=[practice.slug])})
        raise NoContactOrganisation(_(
            "This practice has no contact organisation yet, so your question could not be "
            "sent. The network's staff have been told and will find one."))
    with transaction.atomic():
        thread = Thread.objects.create(
            practice=practice, to_organisation=organisation, asked_by=asker,
            asker_organisation=selectors_exchange.asker_organisation(asker), subject=subject)
        ThreadMessage.objects.create(thread=thread, author=asker, text=text)
        mailed = _mail_practitioners(thread, text, site_url, follow_up=False)
    logger.info("Question %s about %r sent to %s (%d people).", thread.pk, practice.slug,
                organisation, mailed)
    return thread


def thread_follow_up(*, thread: Thread, actor: Any, text: str, site_url: str) -> ThreadMessage:
    """The asker (or the staff) add to the thread; the practitioners are mailed again."""
    if not selectors_exchange.sees_thread(actor, thread):
        raise NetworkError(_("Only the person who asked and the network's staff may write "
                             "here."))
    text = _clean(text, limit=TEXT_MAX, empty=_("Write your message."),
                  too_long=_("A message is at most 10,000 characters."))
    with transaction.atomic():
        locked = Thread.objects.select_for_update(of=("self",)).get(pk=thread.pk)
        if locked.status == Thread.Status.CLOSED:
            raise NetworkError(_("This question is closed."))
        message = ThreadMessage.objects.create(thread=locked, author=actor, text=text)
        locked.status = Thread.Status.OPEN
        locked.save(update_fields=["status"])
        _mail_practitioners(locked, text, site_url, follow_up=True)
    thread.refresh_from_db()
    return message


def thread_answer(*, thread: Thread, author_name: str, text: str, consent_to_keep: bool,
                  site_url: str) -> ThreadMessage:
    """A practitioner answers through the link mailed to them; the asker is mailed."""
    author_name = (author_name or "").strip()
    if len(author_name) > NAME_MAX:
        raise NetworkError(_("The name is at most 200 characters."))
    text = _clean(text, limit=TEXT_MAX, empty=_("Write your answer."),
                  too_long=_("An answer is at most 10,000 characters."))
    with transaction.atomic():
        # Only the thread's row is locked: the asker may have left (a nullable join).
        locked = (Thread.objects.select_for_update(of=("self",))
                  .select_related("asked_by", "practice").get(pk=thread.pk))
        if locked.status == Thread.Status.CLOSED:
            raise NetworkError(_("This question is closed."))
        message = ThreadMessage.objects.create(
            thread=locked, author_name=author_name, from_practitioners=True, text=text,
            consent_to_keep=bool(consent_to_keep))
        locked.status = Thread.Status.ANSWERED
        locked.save(update_fields=["status"])
        asker = locked.asked_by
        if asker is not None and asker.is_active and asker.email:
            mail_on_commit(to=asker.email,
                           subject=gettext_noop("The practitioners have answered your question"),
                           template="network/email/question_answered.txt",
                           context={"thread": locked, "practice": locked.practice,
                                    "thread_url": _thread_url(site_url, locked)})
    thread.refresh_from_db()
    return message


def thread_keep_insight(*, thread: Thread, message: ThreadMessage, actor: Any) -> Interview:
    """The staff keep a practitioner's answer with the practice as an insight: an `Interview`
    (with the practitioner's consent and no name) under the practice's question set
    "Questions from the network", one `Question` holding the thread's question and one
    `InterviewAnswer` with the answer.

    The practices service `interview_record` asks for a library editor; here the network's
    staff, who broker the exchange, keep it, with the same rules (consent, no name, a role, a
    date not in the future).
    """
    if not permissions.is_staff(actor):
        raise NetworkError(_("Only the network's staff may keep an answer as an insight."))
    with transaction.atomic():
        locked = (Thread.objects.select_for_update(of=("self",))
                  .select_related("practice", "to_organisation").get(pk=thread.pk))
        if message.thread_id != locked.pk or not message.from_practitioners:
            raise NetworkError(_("Only a practitioner's answer in this thread can be kept."))
        if not message.consent_to_keep:
            raise NetworkError(_(
                "The practitioner did not agree to keep this answer with the practice, so it "
                "stays in the thread only."))
        if locked.insight_id is not None:
            raise NetworkError(_("An answer of this thread is already kept as an insight."))
        question = selectors_exchange.the_question(locked)
        asked = (question.text if question is not None else "").strip()
        if not asked or len(asked) > QUESTION_MAX:
            # A long question is kept by its subject, which the asker wrote for it.
            asked = locked.subject[:QUESTION_MAX]
        question_set, _created = QuestionSet.objects.get_or_create(
            practice=locked.practice, title=NETWORK_SET_TITLE)
        position = question_set.questions.count()
        # The language of the question is not known: the same words in both fields, as the
        # practices service does for a question given as plain text.
        row = Question.objects.create(question_set=question_set, position=position,
                                      text_sl=asked, text_en=asked)
        answered_on = timezone.localdate(message.created_at)
        interview = Interview.objects.create(
            question_set=question_set,
            interviewee_role=_("Practitioner answering a question from the network"),
            organisation=locked.to_organisation.name[:200], held_on=answered_on,
            consent_given=True,
            consent_text=_("%(wording)s (ticked on %(date)s, when answering through the "
                           "network's question link)")
            % {"wording": _(CONSENT_WORDING), "date": answered_on.isoformat()},
            interviewer=actor)
        InterviewAnswer.objects.create(interview=interview, question=row, text=message.text)
        locked.insight = interview
        locked.status = Thread.Status.ANSWERED
        locked.save(update_fields=["insight", "status"])
    thread.refresh_from_db()
    logger.info("Answer %s of question %s kept as interview %s.", message.pk, thread.pk,
                interview.pk)
    return interview
