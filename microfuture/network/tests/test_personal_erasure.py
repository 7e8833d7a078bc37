"""Erasing a person from the network (GDPR Article 17; the spec's §7 `erase_person --email E`):
meetings, decisions, participants, items and club books keep their rows, anonymised as
"erased person #N"; the books still hold; a second erasure changes nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models
from django.db.models.functions import Cast
from django.test import Client
from django.urls import reverse

from microfuture.clubs.models import Member
from microfuture.clubs.selectors import club_problems
from microfuture.conftest import PASSWORD
from microfuture.network.models import (
    ActionItem,
    ClubInterest,
    Decision,
    Meeting,
    Participant,
    Person,
    Registration,
    StatusChange,
    ThreadMessage,
)
from microfuture.network.services_personal import network_erase
from microfuture.network.tests.personal_story import (
    EMAIL,
    FULL_NAME,
    IN_BOOKS,
    OTHER_EMAIL,
    OTHER_NAME,
    PHONE,
    tell,
)

pytestmark = pytest.mark.django_db

KEPT = (Meeting, Participant, Decision, ActionItem, StatusChange, Registration, ClubInterest,
        ThreadMessage, Person)


def traces(needle: str, app: str | None = None) -> set[str]:
    """Every text column (of the app's models, or of every model) containing `needle`."""
    found = set()
    models_ = apps.get_app_config(app).get_models() if app else apps.get_models()
    for model in models_:
        for field in model._meta.concrete_fields:
            if not isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                continue
            rows = model._default_manager.annotate(
                _text=Cast(field.name, models.TextField())).filter(_text__icontains=needle)
            if rows.exists() or (needle.upper() != needle and model._default_manager.annotate(
                    _text=Cast(field.name, models.TextField())).filter(
                        _text__contains=needle.upper()).exists()):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in KEPT}


def snapshot() -> list[Any]:
    return [list(model.objects.order_by("pk").values()) for model in KEPT]


def verified() -> None:
    out = StringIO()
    call_command("verify_ledger", stdout=out)
    assert "All invariants hold" in out.getvalue()
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "Every chain holds" in out.getvalue()


def test_erase_person_with_an_account(agency: Any, ministry: Any) -> None:
    story = tell(agency, ministry)
    before = counts()
    assert {"network.Meeting.minutes", "network.Decision.text", "network.Person.name",
            "network.Registration.name", "network.ThreadMessage.text"} <= traces(
        FULL_NAME, "network")
    member_id = Member.objects.get(club=story.club, name=IN_BOOKS).pk

    out = StringIO()
    call_command("erase_person", "--email", EMAIL, stdout=out)
    n = story.person.pk
    assert f"the name is now 'erased person #{member_id}'" in out.getvalue()  # the books
    assert f"the name is now 'erased person #{n}'" in out.getvalue()  # the network
    assert "still hold" in out.getvalue()

    for needle in (FULL_NAME, EMAIL, PHONE, "mihazup"):
        assert traces(needle) == set(), needle  # no model of any app keeps it
    assert counts() == before
    person = Person.objects.get(pk=n)
    assert (person.name, person.email, person.phone, person.role, person.languages) == (
        f"erased person #{n}", "", "", "", [])
    assert person.user is None and person.erased_at is not None
    assert not (person.consent_on or person.consent_listed or person.consent_contacted)
    assert person.organisation == agency
    assert Participant.objects.get(meeting=story.meeting, person=person).attended
    assert ActionItem.objects.get(pk=story.item.pk).owner_person == person
    meeting = Meeting.objects.get(pk=story.meeting.pk)
    assert meeting.minutes == (
        f"erased person #{n} (erased person #{n}, erased person #{n}) presented the clubs; "
        f"Mihaela from the ministry and {OTHER_NAME} asked questions. erased person #{n} "
        "will write.")
    assert Decision.objects.get(meeting=meeting).text == (
        f"erased person #{n} drafts the pilot's rules.")
    registration = Registration.objects.get(meeting=story.event, name=f"erased person #{n}")
    assert registration.email == "" and registration.cancelled_at is not None
    interest = ClubInterest.objects.get()
    assert (interest.name, interest.email, interest.note) == (f"erased person #{n}", "", "")
    assert interest.withdrawn_at is not None and interest.municipality == "060"
    assert ThreadMessage.objects.get(author=story.user).author_name == f"erased person #{n}"
    # The bystander is untouched.
    other = Person.objects.get(pk=story.other.pk)
    assert (other.name, other.email) == (OTHER_NAME, OTHER_EMAIL)
    assert Registration.objects.get(email=OTHER_EMAIL).cancelled_at is None
    assert club_problems(story.club) == []
    verified()

    # A second erasure: nobody is stored under the address any more, and nothing changes.
    after = snapshot()
    with pytest.raises(CommandError, match="Nobody is stored under the address"):
        call_command("erase_person", "--email", EMAIL)
    assert not network_erase(email=EMAIL, user=story.user).anything
    assert snapshot() == after


def test_erase_person_without_an_account(agency: Any, ministry: Any) -> None:
    story = tell(agency, ministry, with_account=False)
    before = counts()
    out = StringIO()
    call_command("erase_person", "--email", EMAIL.upper(), stdout=out)
    n = story.person.pk
    assert f"the name is now 'erased person #{n}'" in out.getvalue()
    assert "Erased account" not in out.getvalue()
    for needle in (FULL_NAME, EMAIL, PHONE):
        assert traces(needle, "network") == set(), needle
    assert counts() == before
    assert Registration.objects.get(meeting=story.event, name=f"erased person #{n}").email == ""
    assert Member.objects.get(club=story.club, name=IN_BOOKS)  # no account: books untouched
    verified()
    after = snapshot()
    assert not network_erase(email=EMAIL).anything
    assert snapshot() == after


def test_someone_only_registered_is_named_after_their_registration(
        agency: Any, ministry: Any) -> None:
    from microfuture.network.models import Meeting as M

    tell(agency, ministry, with_account=False)
    event = M.objects.get(public=True)
    only = Registration.objects.create(meeting=event, name="Rok Registered",
                                       email="rok@example.org", consent_at=event.starts_at,
                                       consent_text="Store my name.")
    M.objects.filter(pk=event.pk).update(minutes="Rok Registered won the raffle.")
    call_command("erase_person", "--email", "rok@example.org", stdout=StringIO())
    only.refresh_from_db()
    assert only.name == f"erased person #{only.pk}" and only.email == ""
    assert M.objects.get(pk=event.pk).minutes == f"erased person #{only.pk} won the raffle."
    assert traces("Rok Registered", "network") == set()


def test_a_namesake_keeps_their_name(agency: Any, ministry: Any) -> None:
    story = tell(agency, ministry, with_account=False)
    namesake = Person.objects.create(name=FULL_NAME, email="other.miha@example.org")
    network_erase(email=EMAIL)
    assert Person.objects.get(pk=namesake.pk).name == FULL_NAME
    assert Person.objects.get(pk=story.person.pk).name == f"erased person #{story.person.pk}"


def test_closing_one_s_own_account_erases_the_network_part(agency: Any, ministry: Any) -> None:
    story = tell(agency, ministry)
    client = Client()
    client.force_login(story.user)
    response = client.post(reverse("accounts:close"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(pk=story.person.pk)
    assert person.name == f"erased person #{person.pk}" and person.erased_at is not None
    for needle in (FULL_NAME, EMAIL, PHONE):
        assert traces(needle, "network") == set(), needle
    verified()
