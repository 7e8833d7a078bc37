"""The action plan's writes: an item from a meeting or a decision, its status history, what
it led to, and who may write (staff only)."""

# ruff: noqa: F811  (the fixtures imported from actions_fixtures are named as parameters)
from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from microfuture.network.errors import NetworkError
from microfuture.network.models import ActionItem, Outcome, StatusChange
from microfuture.network.services_actions import (
    item_add_outcome,
    item_create,
    item_remove_outcome,
    item_set_status,
)
from microfuture.network.tests.actions_fixtures import (  # noqa: F401
    cigales,
    decision,
    draft_practice,
    interview,
    mechanism,
    pilot_club,
    pilot_initiative,
    study_visit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(coordinator: Any, decision: Any, agency: Any) -> Any:
    return item_create(actor=coordinator, title="Prepare a study visit to CIGALES",
                       due_on=date(2024, 10, 1), owner_organisation=agency, decision=decision,
                       note="Agreed at the meeting.")


def test_an_item_from_a_decision_belongs_to_its_meeting_and_starts_its_history(item: Any,
                                                                               coordinator: Any,
                                                                               meeting: Any,
                                                                               decision: Any) -> None:
    item.refresh_from_db()
    assert item.meeting == meeting and item.decision == decision
    assert item.status == "open" and item.region == "SI035"  # the owner's region
    assert item.created_by == coordinator
    assert [(c.old_status, c.new_status, c.note, c.changed_by) for c in item.history.all()] == [
        ("", "open", "Agreed at the meeting.", coordinator)]


def test_an_item_of_a_person_from_the_meeting_without_a_decision(admin: Any, meeting: Any,
                                                                 listed_person: Any) -> None:
    item = item_create(actor=admin, title="Send the minutes", due_on=date(2024, 7, 31),
                       owner_person=listed_person, meeting=meeting)
    assert item.decision is None and item.owner_person == listed_person
    assert item.history.count() == 1


@pytest.mark.parametrize("kwargs, message", [
    ({"owner": "none"}, "Name one owner"),
    ({"owner": "both"}, "Name one owner"),
    ({"title": "   "}, "Say what is to be done."),
    ({"title": "x" * 301}, "at most 300 characters"),
    ({"source": "none"}, "Say where the item came from"),
    ({"source": "other_meeting"}, "The decision was not taken at this meeting."),
])
def test_a_new_item_is_refused_with_a_plain_reason(kwargs: Any, message: Any, admin: Any,
                                                   meeting: Any, decision: Any, agency: Any,
                                                   listed_person: Any, study_visit: Any) -> None:
    args = {"actor": admin, "title": kwargs.get("title", "Do it"), "due_on": date(2024, 9, 1),
            "owner_organisation": agency, "decision": decision}
    if kwargs.get("owner") == "none":
        args.pop("owner_organisation")
    if kwargs.get("owner") == "both":
        args["owner_person"] = listed_person
    if kwargs.get("source") == "none":
        args.pop("decision")
    if kwargs.get("source") == "other_meeting":
        args["meeting"] = study_visit
    with pytest.raises(NetworkError, match=message):
        item_create(**args)
    assert ActionItem.objects.count() == 0 and StatusChange.objects.count() == 0


def test_every_status_change_is_appended_to_the_history(item: Any, coordinator: Any,
                                                        admin: Any) -> None:
    item_set_status(actor=coordinator, item=item, status="in_progress", note="Dates asked.")
    item_set_status(actor=admin, item=item, status="done", note="Visit held on 3 October.")
    item_set_status(actor=admin, item=item, status="open", note="A second visit is needed.")
    item.refresh_from_db()
    assert item.status == "open"
    assert [(c.old_status, c.new_status, c.note, c.changed_by) for c in item.history.all()] == [
        ("", "open", "Agreed at the meeting.", coordinator),
        ("open", "in_progress", "Dates asked.", coordinator),
        ("in_progress", "done", "Visit held on 3 October.", admin),
        ("done", "open", "A second visit is needed.", admin),
    ]


def test_the_same_status_or_an_unknown_one_is_refused_and_nothing_is_written(item: Any,
                                                                             admin: Any) -> None:
    with pytest.raises(NetworkError, match="already “Open”"):
        item_set_status(actor=admin, item=item, status="open")
    with pytest.raises(NetworkError, match="Choose one of the statuses"):
        item_set_status(actor=admin, item=item, status="finished")
    assert item.history.count() == 1


def test_an_item_leads_to_a_record_of_each_kind(item: Any, admin: Any, cigales: Any, interview: Any,
                                                pilot_club: Any, mechanism: Any, study_visit: Any,
                                                pilot_initiative: Any) -> None:
    for kind, record in [("practice", cigales), ("interview", interview), ("club", pilot_club),
                         ("mechanism", mechanism), ("meeting", study_visit),
                         ("initiative", pilot_initiative)]:
        outcome = item_add_outcome(actor=admin, item=item, kind=kind, record=record)
        assert outcome.target == record
    assert [o.kind for o in item.outcomes.all()] == [
        "practice", "interview", "club", "mechanism", "meeting", "initiative"]


def test_an_outcome_is_refused_without_a_record_of_its_kind_or_back_to_its_own_meeting(item: Any,
                                                                                       admin: Any,
                                                                                       cigales: Any,
                                                                                       meeting: Any) -> None:
    with pytest.raises(NetworkError, match="Choose the record"):
        item_add_outcome(actor=admin, item=item, kind="practice", record=None)
    with pytest.raises(NetworkError, match="not of the kind named"):
        item_add_outcome(actor=admin, item=item, kind="club", record=cigales)
    with pytest.raises(NetworkError, match="Choose what the item led to"):
        item_add_outcome(actor=admin, item=item, kind="book", record=cigales)
    with pytest.raises(NetworkError, match="cannot lead to the meeting it came from"):
        item_add_outcome(actor=admin, item=item, kind="meeting", record=meeting)
    item_add_outcome(actor=admin, item=item, kind="practice", record=cigales)
    with pytest.raises(NetworkError, match="already recorded"):
        item_add_outcome(actor=admin, item=item, kind="practice", record=cigales)
    assert Outcome.objects.count() == 1


def test_an_outcome_recorded_by_mistake_is_removed_and_the_record_stays(item: Any, admin: Any,
                                                                        cigales: Any) -> None:
    outcome = item_add_outcome(actor=admin, item=item, kind="practice", record=cigales)
    item_remove_outcome(actor=admin, outcome=outcome)
    assert not Outcome.objects.exists()
    cigales.refresh_from_db()


@pytest.mark.parametrize("who", ["outsider", "curator", "anonymous"])
def test_only_staff_write_the_plan(who: Any, request: Any, item: Any, decision: Any, agency: Any,
                                   cigales: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    actor = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(NetworkError, match="Only the network's staff"):
        item_create(actor=actor, title="x", due_on=date(2024, 9, 1),
                    owner_organisation=agency, decision=decision)
    with pytest.raises(NetworkError, match="Only the network's staff"):
        item_set_status(actor=actor, item=item, status="done")
    with pytest.raises(NetworkError, match="Only the network's staff"):
        item_add_outcome(actor=actor, item=item, kind="practice", record=cigales)
    item.refresh_from_db()
    assert item.status == "open" and item.history.count() == 1
    assert ActionItem.objects.count() == 1 and not Outcome.objects.exists()
