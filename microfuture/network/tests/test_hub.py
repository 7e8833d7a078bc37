"""The network's front page: the way in to each part, only the parts the reader may open."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone


def page(client: Client, user: Any = None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get("/network/")
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_sees_the_public_parts_and_the_next_meeting(client: Client, agency: Any) -> None:
    from microfuture.network.models import Meeting

    start = timezone.now() + timedelta(days=3)
    Meeting.objects.create(kind=Meeting.Kind.INFO_SESSION, title_en="Info session in Litija",
                           title_sl="Informativni dan v Litiji", starts_at=start,
                           ends_at=start + timedelta(hours=2), place="Litija", public=True)
    html = page(client)
    for link in ("/network/organisations/", "/network/meetings/", "/network/actions/",
                 "/network/initiatives/", "/events/", "/network/interest/"):
        assert f'href="{link}"' in html
    assert "Info session in Litija" in html
    for hidden in ("/network/people/", "/network/questions/", "/network/report/",
                   "/network/interest/overview/"):
        assert f'href="{hidden}"' not in html


def test_signed_in_people_see_people_and_questions_not_the_report(
    client: Client, outsider: Any,
) -> None:
    html = page(client, outsider)
    assert 'href="/network/people/"' in html and 'href="/network/questions/"' in html
    assert 'href="/network/report/"' not in html


def test_coordinators_see_the_report_and_interest(client: Client, coordinator: Any) -> None:
    html = page(client, coordinator)
    assert 'href="/network/report/"' in html and 'href="/network/interest/overview/"' in html


def test_the_main_menu_leads_to_the_network(client: Client, db: Any) -> None:
    assert 'href="/network/"' in client.get("/").content.decode()
