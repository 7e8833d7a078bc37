"""Every page of the network, read by each persona: the one table of who opens what.

`P` public (200 for everyone), `M` signed-in people (anonymous readers are sent to sign in),
`S` staff only (anonymous: sign in; signed in without a role: 403), `N` a record the reader may
not know is a 404 like a missing one (a person's page, a question's thread). Writes are tested with each area's own tests; this
table keeps the reading rules of docs/network.md ("Who sees what") in one place.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

ANON, OUTSIDER, COORDINATOR, ADMIN = "anonymous", "outsider", "coordinator", "admin"
#: The ministry role (issue 13) reads aggregates only: in the network it is a signed-in person
#: like any other, never staff (`permissions.is_staff`). Its fixture is `ministry_reader`:
#: `ministry` is the ministry organisation here (conftest.py).
MINISTRY = "ministry"
PERSONAS = (ANON, OUTSIDER, COORDINATOR, ADMIN, MINISTRY)


@pytest.fixture
def world(agency: Any, ministry: Any, listed_person: Any, unlisted_person: Any,
          meeting: Any, outsider: Any, coordinator: Any, admin: Any,
          ministry_reader: Any) -> dict[str, Any]:
    from microfuture.network.models import (
        ActionItem,
        Initiative,
        Meeting,
        Registration,
        Thread,
        ThreadMessage,
    )
    from microfuture.practices.models import Practice

    practice = Practice.objects.create(slug="cigales", title_en="CIGALES clubs", country="FR",
                                       status=Practice.Status.APPROVED)
    agency.practices.add(practice)
    item = ActionItem.objects.create(title="Publish the CIGALES record", due_on=date(2024, 9, 30),
                                     owner_organisation=agency, meeting=meeting)
    initiative = Initiative.objects.create(title_en="First pilot clubs")
    start = timezone.now() + timedelta(days=10)
    event = Meeting.objects.create(kind=Meeting.Kind.INFO_SESSION, title_en="Info evening",
                                   starts_at=start, ends_at=start + timedelta(hours=2),
                                   public=True, region="SI041", place="Ljubljana")
    founding = Meeting.objects.create(kind=Meeting.Kind.FOUNDING_MEETING,
                                      title_en="Founding meeting", starts_at=start,
                                      ends_at=start + timedelta(hours=2), region="SI041")
    registration = Registration.objects.create(
        meeting=event, name="Rina Registered", email="rina@example.org",
        consent_at=timezone.now(), consent_text="I agree.")
    thread = Thread.objects.create(practice=practice, to_organisation=agency, asked_by=admin,
                                   subject="How do you repay a leaving member?")
    ThreadMessage.objects.create(thread=thread, author=admin, text="How?")
    users = {ANON: None, OUTSIDER: outsider, COORDINATOR: coordinator, ADMIN: admin,
             MINISTRY: ministry_reader}
    return {"users": users, "org": agency, "listed": listed_person,
            "unlisted": unlisted_person, "meeting": meeting, "item": item,
            "initiative": initiative, "event": event, "founding": founding,
            "registration": registration, "thread": thread, "practice": practice}


def pages(w: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        ("/network/", "P"),
        ("/network/organisations/", "P"),
        (f"/network/organisations/{w['org'].pk}/", "P"),
        ("/network/organisations/new/", "S"),
        (f"/network/organisations/{w['org'].pk}/edit/", "S"),
        ("/network/people/", "M"),
        (f"/network/people/{w['listed'].pk}/", "M-listed"),
        (f"/network/people/{w['unlisted'].pk}/", "N-unlisted"),
        ("/network/people/new/", "S"),
        (f"/network/people/{w['listed'].pk}/edit/", "S"),
        ("/network/meetings/", "P"),
        (f"/network/meetings/{w['meeting'].pk}/", "P"),
        (f"/network/meetings/{w['meeting'].pk}/calendar.ics", "P"),
        (f"/network/meetings/{w['meeting'].pk}/outcomes/", "P"),
        ("/network/meetings/new/", "S"),
        (f"/network/meetings/{w['meeting'].pk}/edit/", "S"),
        ("/network/actions/", "P"),
        (f"/network/actions/{w['item'].pk}/", "P"),
        ("/network/actions/new/", "S"),
        ("/network/initiatives/", "P"),
        (f"/network/initiatives/{w['initiative'].pk}/", "P"),
        ("/network/initiatives/new/", "S"),
        (f"/network/initiatives/{w['initiative'].pk}/edit/", "S"),
        ("/network/report/", "S"),
        ("/network/questions/", "M"),
        (f"/network/questions/{w['thread'].pk}/", "N-thread"),
        (f"/network/questions/ask/{w['practice'].slug}/", "M"),
        (f"/network/questions/answer/{w['thread'].reply_token}/", "P"),
        ("/network/questions/answer/not-a-token/", "404"),
        ("/network/interest/", "P"),
        ("/network/interest/overview/", "S"),
        (f"/network/interest/founding/{w['founding'].pk}/", "S"),
        ("/events/", "P"),
        ("/events/calendar.ics", "P"),
        (f"/events/{w['event'].pk}/", "P"),
        (f"/events/{w['meeting'].pk}/", "404"),  # not a public event
        (f"/events/cancel/{w['registration'].token}/", "P"),
        (f"/events/{w['event'].pk}/registrations/", "S"),
        (f"/events/{w['event'].pk}/registrations.csv", "S"),
    ]


def expected(rule: str, persona: str) -> int:
    signed_in = persona != ANON
    staff = persona in (COORDINATOR, ADMIN)
    if rule == "P":
        return 200
    if rule == "404":
        return 404
    if rule == "M":
        return 200 if signed_in else 302
    if rule == "M-listed":  # a person's page is a 404 for whoever may not see them
        return 200 if signed_in else 404
    if rule == "S":
        return 200 if staff else (403 if signed_in else 302)
    if rule == "N-unlisted":  # only staff see a person who has not agreed to be listed
        return 200 if staff else 404
    if rule == "N-thread":  # the asker (admin here) and staff; to anyone else it is unknown
        return 200 if staff else 404
    raise AssertionError(rule)


def test_who_opens_which_network_page(client: Client, world: dict[str, Any]) -> None:
    wrong = []
    for persona in PERSONAS:
        user = world["users"][persona]
        client.logout()
        if user is not None:
            client.force_login(user)
        for url, rule in pages(world):
            status = client.get(url).status_code
            if status != expected(rule, persona):
                wrong.append(f"{persona} {url}: {status}, expected {expected(rule, persona)}")
    assert not wrong, "\n".join(wrong)


def test_no_public_page_shows_anyones_contact_details(
    client: Client, world: dict[str, Any],
) -> None:
    """Anonymous readers never see an e-mail address, a phone or an unlisted name."""
    secrets = ["petra@example.org", "urban@example.org", "rina@example.org",
               "+386 1 000 00 00", "+386 1 111 11 11", "Urban Unlisted", "Rina Registered"]
    for url, rule in pages(world):
        if rule != "P" or "cancel" in url:
            continue
        body = client.get(url).content.decode()
        shown = [s for s in secrets if s in body]
        assert not shown, f"{url} shows {shown}"


def test_the_ministry_role_is_not_network_staff(
    client: Client, world: dict[str, Any],
) -> None:
    """Staff see unlisted people and registrations; the ministry reads neither."""
    from microfuture.network.permissions import coordinator_regions, is_staff, sees_person

    ministry = world["users"][MINISTRY]
    assert not is_staff(ministry) and coordinator_regions(ministry) == set()
    assert not sees_person(ministry, world["unlisted"])
    client.force_login(ministry)
    for url in (f"/events/{world['event'].pk}/registrations/",
                f"/events/{world['event'].pk}/registrations.csv"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"rina@example.org" not in response.content
        assert b"Rina Registered" not in response.content
    page = client.get(f"/network/people/{world['unlisted'].pk}/")
    assert page.status_code == 404 and b"Urban Unlisted" not in page.content
