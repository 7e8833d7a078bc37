"""`send_action_reminders` (the spec's §7): one mail per owner of the items not done or
dropped that fall due within N days of the date or are overdue; once per item and date.
Through Django's e-mail backend (the locmem outbox), with a fixed date."""

# ruff: noqa: F811  (the fixtures imported from actions_fixtures are named as parameters)
from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from microfuture.network.models import Organisation, Person, Reminder
from microfuture.network.services_actions import item_create, item_set_status
from microfuture.network.tests.actions_fixtures import decision  # noqa: F401

pytestmark = pytest.mark.django_db

ON = "2024-09-10"


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_action_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def plan(admin: Any, decision: Any, agency: Any, ministry: Any, listed_person: Any,
         unlisted_person: Any) -> Any:
    """Items of Petra, of the agency (Petra and Ana may be contacted there, Bor not), of the
    ministry (nobody there may be contacted) and of Urban (not contactable), due around
    10 September 2024."""
    Person.objects.create(name="Ana Agency", organisation=agency, email="ana@example.org",
                          consent_on=date(2026, 3, 1), consent_contacted=True)
    Person.objects.create(name="Bor Quiet", organisation=agency, email="bor@example.org",
                          consent_on=date(2026, 3, 1), consent_listed=True)
    items = {}
    for key, title, due, owner in [
        ("overdue", "Send the minutes", date(2024, 8, 1), {"owner_person": listed_person}),
        ("today", "Ask CIGALES for a study visit", date(2024, 9, 10),
         {"owner_person": listed_person}),
        ("in3", "Book the venue", date(2024, 9, 13), {"owner_person": listed_person}),
        ("in4", "Print the leaflets", date(2024, 9, 14), {"owner_person": listed_person}),
        ("done", "Publish the report", date(2024, 8, 20), {"owner_person": listed_person}),
        ("agency", "Draft the pilot's budget", date(2024, 9, 12),
         {"owner_organisation": agency}),
        ("ministry", "Name a contact at the Ministry", date(2024, 9, 11),
         {"owner_organisation": ministry}),
        ("urban", "Check the legal form", date(2024, 9, 9), {"owner_person": unlisted_person}),
    ]:
        items[key] = item_create(actor=admin, title=title, due_on=due, decision=decision,
                                 **owner)
    item_set_status(actor=admin, item=items["done"], status="done")
    return items


def test_one_mail_per_owner_lists_the_items_due_soon_and_overdue(plan: Any) -> None:
    assert run("--date", ON) == "sent 2 reminders\n"
    by_to = {tuple(m.to): m for m in mail.outbox}
    assert set(by_to) == {("petra@example.org",), ("ana@example.org", "petra@example.org")}
    petra = by_to[("petra@example.org",)].body
    # Petra's first language is Slovenian, so her reminder is written in it.
    assert "Send the minutes" in petra and "zamuja 40 dni" in petra
    assert "Ask CIGALES for a study visit" in petra and "Book the venue" in petra
    assert "Print the leaflets" not in petra  # due in 4 days
    assert "Publish the report" not in petra  # done
    assert f"/network/actions/{plan['overdue'].pk}/" in petra
    agency = by_to[("ana@example.org", "petra@example.org")].body
    assert "Draft the pilot's budget" in agency and "Send the minutes" not in agency
    assert set(Reminder.objects.values_list("item__title", flat=True)) == {
        "Send the minutes", "Ask CIGALES for a study visit", "Book the venue",
        "Draft the pilot's budget"}


def test_a_second_run_for_the_same_date_sends_nothing(plan: Any) -> None:
    run("--date", ON)
    mail.outbox.clear()
    assert run("--date", ON) == "sent 0 reminders\n"
    assert mail.outbox == []
    assert Reminder.objects.count() == 4


def test_the_next_day_reminds_again_and_includes_what_came_into_the_window(plan: Any) -> None:
    run("--date", ON)
    mail.outbox.clear()
    assert run("--date", "2024-09-11") == "sent 2 reminders\n"
    petra = next(m for m in mail.outbox if m.to == ["petra@example.org"]).body
    assert "Print the leaflets" in petra and "Send the minutes" in petra


def test_days_before_widens_or_narrows_the_window(plan: Any) -> None:
    assert run("--date", ON, "--days-before", "0") == "sent 1 reminders\n"
    petra = mail.outbox[0].body
    assert "Send the minutes" in petra and "Ask CIGALES for a study visit" in petra
    assert "Book the venue" not in petra
    mail.outbox.clear()
    assert run("--date", ON, "--days-before", "4") == "sent 2 reminders\n"
    petra = next(m for m in mail.outbox if m.to == ["petra@example.org"]).body
    assert "Print the leaflets" in petra and "Book the venue" in petra
    assert "Send the minutes" not in petra  # already reminded for this date


def test_an_organisation_mail_goes_to_all_its_people_who_may_be_contacted(plan: Any,
                                                                          agency: Any) -> None:
    Person.objects.create(name="Cvetka Also", organisation=agency, email="cvetka@example.org",
                          consent_on=date(2026, 3, 1), consent_contacted=True)
    run("--date", ON)
    agency_mail = next(m for m in mail.outbox if "ana@example.org" in m.to)
    assert agency_mail.to == ["ana@example.org", "cvetka@example.org", "petra@example.org"]
    assert "Draft the pilot's budget" in agency_mail.body


def test_owners_nobody_may_mail_are_not_reminded_and_not_marked(plan: Any) -> None:
    run("--date", ON)
    assert not Reminder.objects.filter(item__in=[plan["ministry"], plan["urban"]]).exists()
    Person.objects.filter(name="Urban Unlisted").update(consent_on=date(2026, 3, 1),
                                                        consent_contacted=True)
    mail.outbox.clear()
    # Urban may now be mailed: for his own item and as the Ministry's one contactable person.
    assert run("--date", ON) == "sent 2 reminders\n"
    assert [m.to for m in mail.outbox] == [["urban@example.org"], ["urban@example.org"]]
    bodies = sorted(str(m.body) for m in mail.outbox)
    assert "Check the legal form" in bodies[0] + bodies[1]
    assert "Name a contact at the Ministry" in bodies[0] + bodies[1]


def test_nothing_due_sends_nothing(db: Any) -> None:
    assert run("--date", ON) == "sent 0 reminders\n"
    assert Organisation.objects.count() == 0 and mail.outbox == []


@pytest.mark.parametrize("args, reason", [
    (["--date", "10.9.2024"], "--date must be a date like 2026-12-01"),
    (["--date", "2024-02-30"], "--date must be a date like 2026-12-01"),
    (["--days-before", "-1"], "--days-before must be a whole number of days"),
    (["--days-before", "three"], "--days-before must be a whole number of days"),
])
def test_a_bad_option_is_refused_with_a_plain_reason(args: Any, reason: Any, db: Any) -> None:
    with pytest.raises(CommandError, match=reason):
        run(*args)
    assert mail.outbox == [] and not Reminder.objects.exists()
