"""A person's copy of what the network keeps about them (GDPR Articles 15 and 20): the
operator's `export_person --email E` with and without an account, and the person's own
download (`/privacy/my-data/`)."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

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

NETWORK_KEYS = {"directory", "meetings", "action_items", "questions_asked", "messages",
                "status_changes", "registrations", "club_interest"}


def export(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("export_person", *args, stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_with_an_account_every_section_is_there_and_nothing_of_another_person(
        agency: Any, ministry: Any) -> None:
    story = tell(agency, ministry)
    data = export("--email", EMAIL.upper())
    assert data["account"]["username"] == "mihazup"
    assert [m["name_in_books"] for m in data["club_memberships"]] == [IN_BOOKS]
    network = data["network"]
    assert set(network) == NETWORK_KEYS
    [entry] = network["directory"]
    assert (entry["id"], entry["name"], entry["email"], entry["phone"]) == (
        story.person.pk, FULL_NAME, EMAIL.upper(), PHONE)
    assert (entry["consent_on"], entry["consent_listed"], entry["organisation"]) == (
        "2026-03-01", True, agency.name)
    assert [(m["meeting"]["id"], m["attended"]) for m in network["meetings"]] == [
        (story.meeting.pk, True)]
    assert [i["id"] for i in network["action_items"]] == [story.item.pk]
    assert [q["subject"] for q in network["questions_asked"]] == [
        "How do your clubs repay a leaving member?"]
    assert [m["text"] for m in network["messages"]] == [f"Regards, {FULL_NAME}"]  # not Jeanne's
    assert [(c["new_status"], c["note"]) for c in network["status_changes"]] == [
        ("in_progress", "Started.")]
    assert [(r["name"], r["email"]) for r in network["registrations"]] == [(FULL_NAME, EMAIL)]
    [interest] = network["club_interest"]
    assert (interest["municipality"], interest["invited_to"]["id"]) == ("060", story.event.pk)
    text = json.dumps(data, ensure_ascii=False)
    assert OTHER_NAME not in text and OTHER_EMAIL not in text
    # Named by the user name, the same copy.
    assert export("mihazup")["network"]["directory"][0]["id"] == story.person.pk


def test_without_an_account_the_network_section_alone(agency: Any, ministry: Any) -> None:
    story = tell(agency, ministry, with_account=False)
    data = export("--email", EMAIL)
    assert "account" not in data and "club_memberships" not in data
    assert set(data) == {"exported_at", "network"}
    network = data["network"]
    assert [p["id"] for p in network["directory"]] == [story.person.pk]
    assert [r["email"] for r in network["registrations"]] == [EMAIL]
    assert [c["name"] for c in network["club_interest"]] == [FULL_NAME]
    assert [i["id"] for i in network["action_items"]] == [story.item.pk]
    # Only an account asks questions, writes messages and changes statuses.
    assert network["questions_asked"] == network["messages"] == network["status_changes"] == []
    assert OTHER_EMAIL not in json.dumps(data)


def test_someone_only_registered_for_an_event_is_found_by_address(
        agency: Any, ministry: Any) -> None:
    tell(agency, ministry, with_account=False)
    data = export("--email", OTHER_EMAIL.upper())
    assert [r["name"] for r in data["network"]["registrations"]] == [OTHER_NAME]
    assert [p["name"] for p in data["network"]["directory"]] == [OTHER_NAME]


def test_an_address_nobody_is_stored_under_is_refused(agency: Any, ministry: Any) -> None:
    tell(agency, ministry, with_account=False)
    with pytest.raises(CommandError, match="Nobody is stored under the address"):
        call_command("export_person", "--email", "nobody@example.org")
    with pytest.raises(CommandError, match="Nobody is stored under the address"):
        call_command("erase_person", "--email", "nobody@example.org")


def test_the_own_download_has_the_network_section(agency: Any, ministry: Any) -> None:
    story = tell(agency, ministry)
    client = Client()
    client.force_login(story.user)
    response = client.get(reverse("web:my_data"))
    assert response.status_code == 200
    network = json.loads(response.content)["network"]
    assert [p["id"] for p in network["directory"]] == [story.person.pk]
    assert [r["name"] for r in network["registrations"]] == [FULL_NAME]
