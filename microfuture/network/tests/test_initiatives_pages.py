"""Joint initiatives' pages: the public list and page, and the staff's forms."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microfuture.network.models import ActionItem, Initiative, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilot(agency: Any, ministry: Any, meeting: Any) -> Initiative:
    bank = Organisation.objects.create(name="Delavska hranilnica",
                                       kind=Organisation.Kind.FINANCIAL_INSTITUTION)
    initiative = Initiative.objects.create(
        title_sl="Prvi pilotni klubi", title_en="The first pilot clubs",
        goal_sl="Ustanoviti prve tri klube.", goal_en="Found the first three clubs.",
        status=Initiative.Status.ACTIVE, started_on=date(2024, 9, 1))
    initiative.partners.set([agency, ministry, bank])
    initiative.meetings.set([meeting])
    ActionItem.objects.create(title="Pripraviti vzorčno pogodbo", owner_organisation=agency,
                              due_on=date(2024, 10, 15), initiative=initiative)
    return initiative


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anyone_sees_the_list_and_filters_it_by_status(client: Client, pilot: Initiative) -> None:
    Initiative.objects.create(title_en="A finished one", status=Initiative.Status.COMPLETED)
    page = client.get("/network/initiatives/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "The first pilot clubs" in text and "A finished one" in text
    assert "Delavska hranilnica" in text
    assert "New joint initiative" not in text

    completed = client.get("/network/initiatives/?status=completed").content.decode()
    assert "A finished one" in completed and "The first pilot clubs" not in completed
    # An unknown status shows every initiative rather than failing.
    assert "The first pilot clubs" in client.get("/network/initiatives/?status=x").content.decode()


def test_the_page_is_in_the_readers_language(client: Client, pilot: Initiative) -> None:
    sl = client.get(f"/network/initiatives/{pilot.pk}/", HTTP_ACCEPT_LANGUAGE="sl")
    assert "Prvi pilotni klubi" in sl.content.decode()
    assert "Ustanoviti prve tri klube." in sl.content.decode()
    assert "1. 9. 2024" in sl.content.decode()
    en = client.get(f"/network/initiatives/{pilot.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    text = en.content.decode()
    assert "The first pilot clubs" in text and "Found the first three clubs." in text
    # partners, the meeting, the item with its status and due date
    assert "Ministrstvo za gospodarstvo, turizem in šport" in text
    assert "3rd MICROFUTURE stakeholder meeting" in text
    assert "Pripraviti vzorčno pogodbo" in text and "15 October 2024" in text
    assert "<td>Open</td>" in text
    assert "Change the status" not in text


def test_a_title_in_one_language_falls_back_to_it(client: Client) -> None:
    only_sl = Initiative.objects.create(title_sl="Samo slovensko")
    assert "Samo slovensko" in client.get(f"/network/initiatives/{only_sl.pk}/",
                                          HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_an_unknown_initiative_is_404(client: Client) -> None:
    assert client.get("/network/initiatives/999/").status_code == 404


def test_staff_create_an_initiative_with_partners_and_meetings(
        admin: Any, agency: Any, ministry: Any, meeting: Any) -> None:
    page = signed_in(admin).post("/network/initiatives/new/", {
        "title_sl": "", "title_en": "The first pilot clubs", "goal_en": "Three clubs.",
        "status": "planned", "partners": [agency.pk, ministry.pk], "meetings": [meeting.pk],
        "started_on": "", "ended_on": "",
    })
    initiative = Initiative.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/network/initiatives/{initiative.pk}/"
    assert initiative.title_en == "The first pilot clubs" and initiative.status == "planned"
    assert set(initiative.partners.all()) == {agency, ministry}
    assert list(initiative.meetings.all()) == [meeting]
    assert initiative.started_on is None


def test_a_title_is_required_in_one_language(coordinator: Any) -> None:
    page = signed_in(coordinator).post("/network/initiatives/new/", {
        "title_sl": " ", "title_en": "", "status": "planned"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert "Give the initiative a title in Slovenian or in English." in page.content.decode()
    assert not Initiative.objects.exists()


def test_dates_are_typed_the_slovenian_way(coordinator: Any) -> None:
    page = signed_in(coordinator).post("/network/initiatives/new/", {
        "title_sl": "Pilot", "status": "completed", "started_on": "1. 9. 2024",
        "ended_on": "30.6.2025"}, HTTP_ACCEPT_LANGUAGE="sl")
    assert page.status_code == 302
    initiative = Initiative.objects.get()
    assert (initiative.started_on, initiative.ended_on) == (date(2024, 9, 1), date(2025, 6, 30))
    edit = signed_in(coordinator).get(f"/network/initiatives/{initiative.pk}/edit/",
                                      HTTP_ACCEPT_LANGUAGE="sl")
    assert 'value="1. 9. 2024"' in edit.content.decode()


def test_an_end_before_the_start_is_refused(coordinator: Any) -> None:
    page = signed_in(coordinator).post("/network/initiatives/new/", {
        "title_en": "Pilot", "status": "completed", "started_on": "2025-09-01",
        "ended_on": "2025-06-30"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert "An initiative cannot end before it started." in page.content.decode()
    assert not Initiative.objects.exists()


def test_staff_edit_and_change_the_status_and_the_dates_follow(
        coordinator: Any, pilot: Initiative, agency: Any) -> None:
    client = signed_in(coordinator)
    assert "Change the status" in client.get(f"/network/initiatives/{pilot.pk}/").content.decode()
    page = client.post(f"/network/initiatives/{pilot.pk}/edit/", {
        "title_sl": "Prvi pilotni klubi", "title_en": "First pilot clubs",
        "status": "active", "started_on": "2024-09-01", "partners": [agency.pk]})
    assert page.status_code == 302
    pilot.refresh_from_db()
    assert pilot.title_en == "First pilot clubs" and list(pilot.partners.all()) == [agency]
    assert list(pilot.meetings.all()) == []

    client.post(f"/network/initiatives/{pilot.pk}/status/", {"status": "completed"})
    pilot.refresh_from_db()
    assert pilot.status == "completed"
    assert pilot.started_on == date(2024, 9, 1) and pilot.ended_on == timezone.localdate()

    client.post(f"/network/initiatives/{pilot.pk}/status/", {"status": "active"})
    pilot.refresh_from_db()
    assert pilot.status == "active" and pilot.ended_on is None

    refused = client.post(f"/network/initiatives/{pilot.pk}/status/", {"status": "gone"},
                          HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "Choose one of the statuses offered." in refused.content.decode()
    pilot.refresh_from_db()
    assert pilot.status == "active"


def test_planned_to_active_sets_the_start(coordinator: Any) -> None:
    planned = Initiative.objects.create(title_en="Later")
    signed_in(coordinator).post(f"/network/initiatives/{planned.pk}/status/",
                                {"status": "active"})
    planned.refresh_from_db()
    assert planned.started_on == timezone.localdate() and planned.ended_on is None


@pytest.mark.parametrize("url", ["/network/initiatives/new/", "/network/initiatives/{pk}/edit/"])
def test_only_staff_write(client: Client, outsider: Any, curator: Any, pilot: Initiative,
                          url: str) -> None:
    url = url.format(pk=pilot.pk)
    assert client.get(url).status_code == 302  # to sign in
    assert signed_in(outsider).get(url).status_code == 403
    assert signed_in(curator).get(url).status_code == 403
    assert signed_in(outsider).post(url, {"title_en": "Mine", "status": "active"}
                                    ).status_code == 403
    status = signed_in(outsider).post(f"/network/initiatives/{pilot.pk}/status/",
                                      {"status": "stopped"})
    assert status.status_code == 403
    pilot.refresh_from_db()
    assert pilot.status == "active" and Initiative.objects.count() == 1


def test_the_service_refuses_someone_not_staff(outsider: Any) -> None:
    from microfuture.network.errors import NetworkError
    from microfuture.network.services_initiatives import initiative_create

    with pytest.raises(NetworkError):
        initiative_create(actor=outsider, title_en="Mine")
    assert not Initiative.objects.exists()


def test_the_page_links_partners_meetings_and_items(client: Client, pilot: Initiative,
                                                    agency: Any, meeting: Any) -> None:
    text = client.get(f"/network/initiatives/{pilot.pk}/").content.decode()
    item = pilot.action_items.get()
    for url in (reverse("network:organisation", args=[agency.pk]),
                reverse("network:meeting", args=[meeting.pk]),
                reverse("network:action", args=[item.pk])):
        assert f'href="{url}"' in text


def test_the_pages_run_a_constant_number_of_queries(
        client: Client, pilot: Initiative, agency: Any, ministry: Any, meeting: Any,
        django_assert_max_num_queries: Any) -> None:
    for n in range(10):
        more = Initiative.objects.create(title_en=f"Initiative {n}", status="active")
        more.partners.set([agency, ministry])
        more.meetings.set([meeting])
        ActionItem.objects.create(title=f"Item {n}", owner_organisation=agency,
                                  due_on=date(2025, 1, 1), initiative=pilot)
    with django_assert_max_num_queries(8):
        assert client.get("/network/initiatives/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"/network/initiatives/{pilot.pk}/").status_code == 200
