"""Mail of the network's meetings: plain text, with the meeting's iCalendar file attached.

Each mail is written after the transaction commits (so a rolled-back send mails nobody), in
the recipient's language when their directory record names Slovenian or English first, else
in the language active when it was queued. The `.ics` is built in the same language.
"""

from __future__ import annotations

from collections.abc import Sequence
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from microfuture.network.ics import calendar_bytes
from microfuture.network.models import Meeting, Person
from microfuture.network.templatetags.network_text import local_text

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def mail_language(person: Person) -> str:
    """The person's first language if we write it (sl, en), else the page's language."""
    for code in person.languages or []:
        if isinstance(code, str) and code[:2] in {"sl", "en"}:
            return code[:2]
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


def ics_filename(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}.ics"


def meeting_mail_on_commit(
    *, person: Person, meeting: Meeting, subject: str, template: str, site_url: str,
    attach_calendar: bool = True, extra: dict[str, object] | None = None,
) -> None:
    """Queue one mail to `person` about `meeting`. `subject` is an English message marked
    with `gettext_noop` and a `%(title)s` placeholder, translated when the mail is written."""
    language = mail_language(person)
    to = [person.email]

    def send() -> None:
        with translation.override(language):
            title = local_text(meeting, "title", language)[0]
            context: dict[str, object] = {
                "person": person, "meeting": meeting, "title": title,
                "page": site_url.rstrip("/") + meeting_path(meeting), **(extra or {}),
            }
            message = EmailMessage(
                subject=_(subject) % {"title": title},
                body=render_to_string(template, context),
                to=to,
            )
            if attach_calendar:
                message.attach(calendar_part(meeting, site_url=site_url, language=language))
            message.send()

    transaction.on_commit(send)


def calendar_part(meeting: Meeting, *, site_url: str, language: str) -> MIMEText:
    """The `.ics` as a `text/calendar; method=PUBLISH` attachment (built by hand: Django's
    `attach()` would add a second `charset` to a content type that already has parameters)."""
    ics = calendar_bytes([meeting], site_url=site_url, language=language)
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", "PUBLISH")
    part.add_header("Content-Disposition", "attachment", filename=ics_filename(meeting))
    return part


def meeting_path(meeting: Meeting) -> str:
    from django.urls import reverse

    return reverse("network:meeting", args=[meeting.pk])


__all__: Sequence[str] = ["ICS_CONTENT_TYPE", "ics_filename", "mail_language",
                          "meeting_mail_on_commit", "meeting_path"]
