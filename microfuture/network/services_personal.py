"""Erasing a person from the network on their request (GDPR Article 17; the collaboration
spec's §7: "erased person #N").

Every row stays, so that meetings, participants, decisions, items and their history keep
their shape; what goes is what names or reaches the person. One number per person and
erasure, N, names them everywhere in the network (see `pseudonym_number`); each of their
directory entries is named after its own id. Free text anywhere in the network (minutes,
agendas, decisions, items, notes, threads, other entries) loses every whole-word mention of
their names, addresses and phone numbers, without regard to case, in favour of the same
pseudonym: the whole-word rule of the clubs' books (`clubs/services/erasure.py`), so that
"Mihaela" survives the erasure of "Miha".

The club books are not touched here: the clubs' own erasure (`member_pseudonymise`) names a
member by their member id when the account is closed or erased.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from microfuture.network.models import (
    ClubInterest,
    Person,
    Registration,
    Reminder,
    ThreadMessage,
)
from microfuture.network.selectors_personal import (
    addresses,
    by_address,
    interests_of,
    people_of,
    registrations_of,
)

#: Columns that hold codes or secrets, never a name: left alone by the free-text pass.
NOT_TEXT = {"uid", "token", "reply_token", "country", "region", "municipality", "url",
            "website"}
#: Columns that say who another row is about: the person's own rows are found by address or
#: account and erased whole; a namesake's row is not theirs and keeps its name.
IDENTITY = {"network.Person.name", "network.Person.email", "network.Registration.name",
            "network.Registration.email", "network.ClubInterest.name",
            "network.ClubInterest.email", "network.Reminder.email"}


PSEUDONYM = r"^erased person #[0-9]+$"


def pseudonym(number: int) -> str:
    return f"erased person #{number}"


@dataclass(frozen=True)
class NetworkErasure:
    """What an erasure changed (counts only: the old values are gone)."""

    pseudonym: str | None
    people: int
    registrations: int
    interests: int
    messages: int
    texts: int

    @property
    def anything(self) -> bool:
        return bool(self.people or self.registrations or self.interests or self.messages
                    or self.texts)


def pseudonym_number(people: list[Person], registrations: list[Registration],
                     interests: list[ClubInterest]) -> int | None:
    """N: the person's number in the directory (their first entry's id); someone who never was
    in the directory (they only registered for an event or said they would like to join a
    club) has the number of their first registration, else of their first interest record."""
    for rows in (people, registrations, interests):
        if rows:
            return min(row.pk for row in rows)
    return None


def _replacer(needles: Iterable[str], new: str) -> Callable[[str], str]:
    # Longest first, so that "Petra Novak" goes before "Petra" could break it in two.
    words = sorted({n for n in needles if n}, key=len, reverse=True)
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in words), re.IGNORECASE)

    def replace(value: str) -> str:
        return pattern.sub(new, value) if words else value

    return replace


def _variants(needle: str) -> set[str]:
    # SQLite folds the case of ASCII letters only: look for the usual spellings too.
    return {needle, needle.lower(), needle.upper(), needle.title()}


def _text_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField)) and not f.choices
        and f.name not in NOT_TEXT and f"{model._meta.label}.{f.name}" not in IDENTITY
    ]


def _rewrite_free_text(needles: list[str], new: str) -> int:
    """Replace the needles by `new` in every text column of every network model; the number
    of rows changed."""
    replace = _replacer(needles, new)
    changed = 0
    for model in apps.get_app_config("network").get_models():
        fields = _text_fields(model)
        if not fields:
            continue
        query = Q(pk__in=[])
        for field in fields:
            for needle in needles:
                for variant in _variants(needle):
                    query |= Q(**{f"{field}__icontains": variant})
        for row in model._default_manager.filter(query).values("pk", *fields):
            new_values = {f: replace(row[f]) for f in fields if isinstance(row[f], str)}
            new_values = {f: v for f, v in new_values.items() if v != row[f]}
            if new_values:
                model._default_manager.filter(pk=row["pk"]).update(**new_values)
                changed += 1
    return changed


@transaction.atomic
def network_erase(*, email: str | None = None, user: Any = None) -> NetworkErasure:
    """Erase what the network keeps about the person with this address and/or account.

    A second call finds nothing left and changes nothing.
    """
    now = timezone.now()
    people = list(people_of(user, email).select_for_update())
    registrations = list(registrations_of(user, email).exclude(email="").select_for_update())
    interests = list(interests_of(user, email).exclude(email="").select_for_update())
    has_account = user is not None and getattr(user, "pk", None) is not None
    # A message already signed with a pseudonym was erased before (the account's second
    # erasure, e.g. `erase_person` and then the account's own closing, finds nothing to do).
    messages = (
        ThreadMessage.objects.filter(author=user).exclude(author_name__regex=PSEUDONYM)
        if has_account else ThreadMessage.objects.none()
    )
    number = pseudonym_number(people, registrations, interests)
    if number is None and not messages.exists():
        return NetworkErasure(None, 0, 0, 0, 0, 0)
    if number is None:
        # Only messages written with an account: N is the account's number.
        number = user.pk
    new = pseudonym(number)

    names = {row.name for row in [*people, *registrations, *interests]}
    if has_account:
        names.add(getattr(user, "full_name", "") or "")
    emails = {e.strip() for e in [*addresses(user, email), *(p.email for p in people)]}
    needles = [n.strip() for n in names | emails | {p.phone for p in people}]
    # A name of one or two letters would wipe words out of everybody's text.
    needles = [n for n in needles if len(n) > 2 and not re.fullmatch(PSEUDONYM, n)]

    for person in people:
        person.name = pseudonym(person.pk)
        person.email = person.phone = person.role = person.consent_text = ""
        person.languages = []
        person.consent_on = None
        person.consent_listed = person.consent_contacted = False
        person.user = None
        person.erased_at = now
        person.save()
    for registration in registrations:
        registration.name, registration.email = new, ""
        registration.cancelled_at = registration.cancelled_at or now
        registration.save(update_fields=["name", "email", "cancelled_at"])
    for interest in interests:
        # The note is the person's own words: it goes whole.
        interest.name, interest.email, interest.note = new, "", ""
        interest.withdrawn_at = interest.withdrawn_at or now
        interest.save(update_fields=["name", "email", "note", "withdrawn_at"])
    message_count = messages.update(author_name=new)
    Reminder.objects.filter(by_address("email", sorted(emails - {""}))).update(email="")
    texts = _rewrite_free_text(needles, new) if needles else 0
    return NetworkErasure(new, len(people), len(registrations), len(interests), message_count,
                          texts)
