"""The network API: knowledge exchange (questions to the practitioners behind a practice).

Mounted under /api/v1/network/: `GET /questions` (the reader's own questions; the network's
staff get every one), `GET /questions/{id}` (one thread with its messages; 404 to anyone who
may not see it), `POST /questions` (`practice` slug, `subject`, `text`). Every endpoint needs
a signed-in session. Errors are `{"detail": "..."}`: 400 the question was refused (the
service's reason, e.g. a practice without a contact organisation), 401 not signed in,
404 no such published practice or question, 422 the input does not parse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from microfuture.api import django_auth
from microfuture.network import selectors_exchange, services_exchange
from microfuture.network.errors import NetworkError
from microfuture.network.models import Thread, ThreadMessage
from microfuture.practices.models import Practice

router = Router(tags=["network: knowledge exchange"])


class Error(Schema):
    detail: str


ERRORS: dict[int, Any] = {400: Error, 401: Error, 404: Error, 422: Error}


class QuestionIn(Schema):
    practice: str = Field(min_length=1, max_length=120, description="The practice's slug.")
    subject: str = Field(min_length=1, max_length=services_exchange.SUBJECT_MAX)
    text: str = Field(min_length=1, max_length=services_exchange.TEXT_MAX)


class MessageOut(Schema):
    id: int
    from_practitioners: bool
    author: str = Field(description="the practitioner's name if they gave it, else empty")
    text: str
    consent_to_keep: bool
    created_at: dt.datetime


class ThreadOut(Schema):
    id: int
    practice: str = Field(description="the practice's slug")
    organisation: str = Field(description="the contact organisation it was asked of")
    subject: str
    status: str = Field(description="open, answered or closed")
    insight: int | None = Field(description="the practices interview it was kept as")
    created_at: dt.datetime
    messages: int


class ThreadDetailOut(ThreadOut):
    thread: list[MessageOut]


def _out(thread: Thread, messages: int) -> dict[str, Any]:
    return {"id": thread.pk, "practice": thread.practice.slug,
            "organisation": thread.to_organisation.name, "subject": thread.subject,
            "status": thread.status, "insight": thread.insight_id,
            "created_at": thread.created_at, "messages": messages}


def _message(message: ThreadMessage) -> dict[str, Any]:
    return {"id": message.pk, "from_practitioners": message.from_practitioners,
            "author": message.author_name if message.from_practitioners else "",
            "text": message.text, "consent_to_keep": message.consent_to_keep,
            "created_at": message.created_at}


@router.get("/questions", response={200: list[ThreadOut], **ERRORS}, auth=django_auth)
def question_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The questions the reader asked (the network's staff: every question), newest first."""
    return [_out(t, getattr(t, "replies", 0))  # annotated by the selector
            for t in selectors_exchange.threads_seen_by(request.user)]


@router.get("/questions/{thread_id}", response={200: ThreadDetailOut, **ERRORS},
            auth=django_auth)
def question_detail(request: HttpRequest, thread_id: int) -> dict[str, Any]:
    thread = selectors_exchange.thread_seen_by(request.user, thread_id)
    messages = selectors_exchange.thread_messages(thread)
    return {**_out(thread, len(messages)), "thread": [_message(m) for m in messages]}


@router.post("/questions", response={201: ThreadDetailOut, **ERRORS}, auth=django_auth)
def question_ask(request: HttpRequest, payload: QuestionIn) -> Status[dict[str, Any]]:
    """Ask the practitioners behind a published practice; mailed to its contact
    organisation's people who agreed to be contacted."""
    practice = Practice.objects.filter(slug=payload.practice, status__in=Practice.PUBLIC).first()
    if practice is None:
        raise HttpError(404, "There is no published practice with this slug.")
    # The API answers in English (docs/api.md); the mails follow their readers' languages.
    with translation.override("en"):
        try:
            thread = services_exchange.thread_ask(
                practice=practice, asker=request.user, subject=payload.subject,
                text=payload.text, site_url=request.build_absolute_uri("/").rstrip("/"))
        except NetworkError as exc:
            raise HttpError(400, str(exc)) from exc
    messages = selectors_exchange.thread_messages(thread)
    return Status(201, {**_out(thread, len(messages)), "thread": [_message(m) for m in messages]})
