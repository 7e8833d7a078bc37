"""The meeting pages: the public record for everyone, people only as `sees_person` allows,
e-mail addresses never, and only staff write (dates typed the Slovenian way)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from microfuture.network import services_meetings
from microfuture.network.models import (
    ActionItem,
    Decision,
    Document,
    Meeting,
    Participant,
)

LJ = ZoneInfo("Europe/Ljubljana")


@pytest.fixture
def with_people(meeting: Meeting, listed_person: Any, unlisted_person: Any) -> Meeting:
    Participant.objects.create(meeting=meeting, person=listed_person, attended=True)
    Participant.objects.create(meeting=meeting, person=unlisted_person, attended=True)
    decision = meeting.decisions.get()
    ActionItem.objects.create(title="Pripraviti predlog pilotnih klubov",
                              owner_person=unlisted_person, due_on=dt.date(2024, 10, 1),
                              meeting=meeting, decision=decision)
    ActionItem.objects.create(title="Predstaviti klube bankam", owner_person=listed_person,
                              due_on=dt.date(2024, 11, 1), meeting=meeting,
                              decision=decision)
    return meeting


def _page(client: Client, meeting: Meeting, lang: str = "en") -> str:
    response = client.get(f"/network/meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_sees_the_record_but_no_person(client: Client, with_people: Meeting) -> None:
    html = _page(client, with_people)
    assert "3rd MICROFUTURE stakeholder meeting" in html
    assert "24 July 2024, 10:00 – 13:00" in html
    assert "Razvojni center Srca Slovenije" in html  # organiser and participant
    assert "Ministrstvo za gospodarstvo, turizem in šport" in html
    assert "Prenesti prakso Clubs CIGALES v Slovenijo." in html
    item = ActionItem.objects.get(title="Pripraviti predlog pilotnih klubov")
    assert f'<a href="/network/actions/{item.pk}/">Pripraviti predlog pilotnih klubov</a>' in html
    assert f'href="/network/meetings/{with_people.pk}/outcomes/"' in html
    assert f'href="/network/meetings/{with_people.pk}/calendar.ics"' in html
    for secret in ("Petra Listed", "Urban Unlisted", "@example.org", "+386"):
        assert secret not in html
    assert "And 2 more people, not named here." in html
    # The owner who is not visible is shown by organisation.
    assert "<td>Ministrstvo za gospodarstvo, turizem in šport</td>" in html
    assert 'name="action"' not in html


def test_a_member_sees_listed_people_only(client: Client, with_people: Meeting,
                                          outsider: Any) -> None:
    client.force_login(outsider)
    html = _page(client, with_people)
    assert "Petra Listed" in html
    assert "Urban Unlisted" not in html
    assert "@example.org" not in html
    assert "And 1 more person, not named here." in html


def test_staff_see_everyone_and_the_forms(client: Client, with_people: Meeting,
                                          coordinator: Any) -> None:
    client.force_login(coordinator)
    html = _page(client, with_people)
    assert "Petra Listed" in html and "Urban Unlisted" in html
    assert "not named here" not in html
    assert "@example.org" not in html
    for action in ("invite", "attendance", "document", "minutes", "decision",
                   "send_invitations", "cancel"):
        assert f'value="{action}"' in html


def test_the_page_in_slovenian(client: Client, meeting: Meeting) -> None:
    html = _page(client, meeting, "sl")
    assert "3. srečanje deležnikov MICROFUTURE" in html
    assert "24. 7. 2024, 10:00" in html


def test_the_list_newest_first_with_filters(client: Client, meeting: Meeting, agency: Any,
                                            admin: Any) -> None:
    visit = services_meetings.meeting_create(
        actor=admin, kind=Meeting.Kind.STUDY_VISIT, title_sl="", title_en="Study visit to Lyon",
        starts_at=dt.datetime(2025, 3, 4, 9, 0, tzinfo=LJ),
        ends_at=dt.datetime(2025, 3, 5, 17, 0, tzinfo=LJ), place="Lyon",
    )
    html = client.get("/network/meetings/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.index("Study visit to Lyon") < html.index("3rd MICROFUTURE stakeholder")
    html = client.get("/network/meetings/?kind=study_visit").content.decode()
    assert "Study visit to Lyon" in html and "3rd MICROFUTURE" not in html
    html = client.get("/network/meetings/?year=2024").content.decode()
    assert "Study visit to Lyon" not in html and "3rd MICROFUTURE" in html
    html = client.get("/network/meetings/?year=1999&kind=nonsense").content.decode()
    assert "Study visit to Lyon" in html and "3rd MICROFUTURE" in html
    assert client.get(f"/network/meetings/{visit.pk}/").status_code == 200
    assert client.get("/network/meetings/999/").status_code == 404


def test_staff_schedule_a_meeting_typed_the_slovenian_way(
    client: Client, coordinator: Any, agency: Any,
) -> None:
    client.force_login(coordinator)
    form = {"kind": "learning_event", "title_sl": "Medregionalni dogodek", "title_en": "",
            "start_day": "4. 3. 2025", "start_time": "9:00", "end_day": "5.3.2025",
            "end_time": "17:30", "place": "Lyon", "url": "", "organiser": agency.pk,
            "language": "sl", "agenda": "1. Obisk klubov CIGALES"}
    response = client.post("/network/meetings/new/", form, HTTP_ACCEPT_LANGUAGE="sl")
    meeting = Meeting.objects.get(title_sl="Medregionalni dogodek")
    assert response.status_code == 302
    assert response["Location"] == f"/network/meetings/{meeting.pk}/"
    assert meeting.starts_at == dt.datetime(2025, 3, 4, 9, 0, tzinfo=LJ)
    assert meeting.ends_at == dt.datetime(2025, 3, 5, 17, 30, tzinfo=LJ)
    assert meeting.organiser == agency and meeting.sequence == 0
    assert meeting.created_by == coordinator

    # The edit form shows the dates back as typed, and an edit of the time raises sequence.
    html = client.get(f"/network/meetings/{meeting.pk}/edit/",
                      HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert 'value="4. 3. 2025"' in html and 'value="5. 3. 2025"' in html
    response = client.post(f"/network/meetings/{meeting.pk}/edit/",
                           {**form, "start_time": "10:00"}, HTTP_ACCEPT_LANGUAGE="sl")
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == dt.datetime(2025, 3, 4, 10, 0, tzinfo=LJ)
    assert meeting.sequence == 1


def test_an_end_before_the_start_is_refused_plainly(client: Client, admin: Any) -> None:
    client.force_login(admin)
    response = client.post("/network/meetings/new/", {
        "kind": "stakeholder_meeting", "title_sl": "", "title_en": "Meeting",
        "start_day": "24 July 2024", "start_time": "13:00", "end_time": "10:00",
        "language": "en"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "The meeting cannot end before it starts." in response.content.decode()
    response = client.post("/network/meetings/new/", {
        "kind": "stakeholder_meeting", "title_sl": "", "title_en": "",
        "start_day": "2024-13-45", "start_time": "10:00", "end_time": "12:00",
        "language": "en"}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Give the meeting a title, in Slovenian or in English." in html
    assert "Write a date like 24 July 2024." in html
    assert not Meeting.objects.exists()


def test_staff_run_the_meeting_from_its_page(
    client: Client, meeting: Meeting, admin: Any, listed_person: Any, unlisted_person: Any,
) -> None:
    client.force_login(admin)
    url = f"/network/meetings/{meeting.pk}/"
    assert client.post(url, {"action": "invite", "people": [listed_person.pk,
                                                            unlisted_person.pk]}
                       ).status_code == 302
    assert meeting.participants.filter(person__isnull=False).count() == 2
    petra = meeting.participants.get(person=listed_person)
    agency_row = meeting.participants.get(organisation=meeting.organiser)
    assert client.post(url, {"action": "attendance",
                             "attended": [petra.pk, agency_row.pk]}).status_code == 302
    assert set(meeting.participants.filter(attended=True).values_list("pk", flat=True)) == {
        petra.pk, agency_row.pk}
    assert client.post(url, {"action": "document", "title": "Slides",
                             "url": "https://example.org/slides.pdf"}).status_code == 302
    assert Document.objects.get(meeting=meeting).title == "Slides"
    assert client.post(url, {"action": "minutes", "minutes": "Zapisnik."}).status_code == 302
    assert client.post(url, {"action": "decision", "text": "Druga odločitev.",
                             "language": "sl"}).status_code == 302
    assert list(Decision.objects.filter(meeting=meeting).values_list("position", "text")) == [
        (1, "Prenesti prakso Clubs CIGALES v Slovenijo."), (2, "Druga odločitev.")]
    meeting.refresh_from_db()
    assert meeting.minutes == "Zapisnik." and meeting.sequence == 0
    # A form that does not validate shows its problem on the page and changes nothing.
    response = client.post(url, {"action": "document", "title": "", "url": "not a link"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Enter a valid URL." in response.content.decode()
    assert Document.objects.filter(meeting=meeting).count() == 1
    assert client.post(url, {"action": "cancel"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None and meeting.sequence == 1


@pytest.mark.parametrize("who", ["anonymous", "outsider", "curator"])
def test_only_staff_write(client: Client, meeting: Meeting, who: str, request: Any) -> None:
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = f"/network/meetings/{meeting.pk}/"
    assert client.post(url, {"action": "minutes", "minutes": "Forged."}).status_code == 403
    assert client.post(url, {"action": "cancel"}).status_code == 403
    # Anonymous readers are first asked to sign in; signed in without the role, refused.
    refused = 302 if who == "anonymous" else 403
    assert client.get("/network/meetings/new/").status_code == refused
    assert client.get(f"/network/meetings/{meeting.pk}/edit/").status_code == refused
    meeting.refresh_from_db()
    assert meeting.minutes == "" and meeting.cancelled_at is None
    html = client.get("/network/meetings/").content.decode()
    assert "/network/meetings/new/" not in html


@pytest.mark.parametrize("who", ["anonymous", "outsider", "coordinator"])
def test_the_page_takes_the_same_queries_however_big_the_meeting(
    client: Client, meeting: Meeting, agency: Any, who: str, request: Any,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from microfuture.network.models import Organisation, Person

    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/network/meetings/{meeting.pk}/").status_code == 200
        return len(queries)

    small = count()
    for n in range(5):
        organisation = Organisation.objects.create(name=f"Organisation {n}",
                                                   kind=Organisation.Kind.SOCIAL_ENTERPRISE)
        person = Person.objects.create(name=f"Person {n}", organisation=organisation,
                                       consent_on=dt.date(2026, 1, 1), consent_listed=True)
        Participant.objects.create(meeting=meeting, organisation=organisation)
        Participant.objects.create(meeting=meeting, person=person, attended=True)
        decision = Decision.objects.create(meeting=meeting, position=n + 2, text=f"D{n}")
        ActionItem.objects.create(title=f"Item {n}", owner_person=person, due_on=dt.date(2025, 1, 1),
                                  meeting=meeting, decision=decision)
        Document.objects.create(meeting=meeting, title=f"Doc {n}", url="https://example.org/")
    assert count() == small
