"""Reads of knowledge exchange: who sees which question thread, the threads a reader sees,
a thread by its answer link, and the people of an organisation who may be mailed.

Who sees a thread (docs/network.md, "Knowledge exchange"): the network's staff see every
thread; the person who asked sees their own; the practitioners see it through the secret link
mailed to them (no account). Anybody else is told it does not exist (404), like a missing one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from microfuture.network import permissions
from microfuture.network.models import Organisation, Person, Thread, ThreadMessage


def sees_thread(user: Any, thread: Thread) -> bool:
    if permissions.is_staff(user):
        return True
    return permissions.is_member(user) and thread.asked_by_id == user.pk


def threads_seen_by(user: Any) -> QuerySet[Thread]:
    """Staff: every thread; a signed-in person: the questions they asked; anyone else: none."""
    threads = (Thread.objects.select_related("practice", "to_organisation")
               .annotate(replies=Count("messages")))
    if permissions.is_staff(user):
        return threads
    if permissions.is_member(user):
        return threads.filter(asked_by=user)
    return threads.none()


def thread_seen_by(user: Any, pk: int) -> Thread:
    thread = (Thread.objects.select_related("practice", "to_organisation", "asked_by",
                                            "asker_organisation", "insight")
              .filter(pk=pk).first())
    if thread is None or not sees_thread(user, thread):
        raise Http404("No such question.")
    return thread


def thread_by_token(token: str) -> Thread:
    """The thread a practitioner's link opens; a wrong token is a 404."""
    thread = (Thread.objects.select_related("practice", "to_organisation", "asker_organisation",
                                            "insight")
              .filter(reply_token=token).first())
    if thread is None or not token:
        raise Http404("No such question.")
    return thread


def thread_messages(thread: Thread) -> list[ThreadMessage]:
    return list(thread.messages.select_related("author").order_by("created_at", "id"))


def the_question(thread: Thread) -> ThreadMessage | None:
    """The first message: the question as the stakeholder asked it."""
    return thread.messages.order_by("created_at", "id").first()


def contact_organisation(practice: Any) -> Organisation | None:
    """The organisation a practice's questions go to: the first (by name) of the directory's
    organisations that run it."""
    return practice.organisations.order_by("name", "id").first()  # type: ignore[no-any-return]


def contactable_people(organisation: Organisation) -> list[Person]:
    """The organisation's people who agreed to be contacted by e-mail (`Person.contactable`)."""
    people = organisation.people.filter(consent_contacted=True, erased_at__isnull=True
                                        ).exclude(email="").order_by("name", "id")
    return [p for p in people if p.contactable]


def asker_organisation(user: Any) -> Organisation | None:
    """The organisation the asker belongs to in the directory, if they are in it."""
    person = (Person.objects.select_related("organisation")
              .filter(user=user, erased_at__isnull=True, organisation__isnull=False)
              .order_by("id").first())
    return person.organisation if person is not None else None
