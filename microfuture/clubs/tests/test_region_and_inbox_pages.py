"""The regional overview and the requests inbox come in pages of 50, with links to the
previous and next page that work without JavaScript (issue 10: every long list page is paged;
the inbox used to stop at 500 requests, the overview had no end)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from microfuture.clubs.models import Club, InterestRequest
from microfuture.clubs.services import club_found
from microfuture.conftest import make_user

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_regional_overview_is_paged(coordinator: Any, outsider: Any) -> None:
    for n in range(55):
        club_found(founder=outsider, founder_name="Oto", name=f"Klub {n:02d}", region="SI041",
                   start_date=date(2026, 1, 5))
    club_found(founder=outsider, founder_name="Oto", name="Klub Gorenjska", region="SI042",
               start_date=date(2026, 1, 5))
    url = reverse("clubs:region")
    first = _client(coordinator).get(url).content.decode()
    assert "Klub 00" in first and "Klub 49" in first and "Klub 50" not in first
    assert 'href="?page=2">Next page</a>' in first and "Page 1 of 2" in first
    second = _client(coordinator).get(url + "?page=2").content.decode()
    assert "Klub 50" in second and "Klub 54" in second and "Klub 49" not in second
    assert 'href="?page=1">Previous page</a>' in second and "Page 2 of 2" in second
    assert "Klub Gorenjska" not in first + second  # not their region
    # A page past the end shows the last one, as the other paged lists do.
    assert "Klub 54" in _client(coordinator).get(url + "?page=9").content.decode()


def test_a_short_overview_has_no_page_links(coordinator: Any, outsider: Any) -> None:
    club_found(founder=outsider, founder_name="Oto", name="Klub Edini", region="SI041",
               start_date=date(2026, 1, 5))
    page = _client(coordinator).get(reverse("clubs:region")).content.decode()
    assert "Klub Edini" in page and "Page 1 of" not in page


def _asked(n: int) -> None:
    for i in range(n):
        InterestRequest.objects.create(
            user=make_user(f"asker{i:02d}", full_name=f"Asker {i:02d}"),
            kind=InterestRequest.Kind.JOIN_CLUB, region="SI041", message=f"Request {i:02d}.")


def test_the_requests_inbox_is_paged(coordinator: Any) -> None:
    _asked(55)
    url = reverse("clubs:interest_inbox")
    first = _client(coordinator).get(url).content.decode()
    second = _client(coordinator).get(url + "?page=2").content.decode()
    on_first = set(re.findall(r"Request (\d\d)\.", first))
    on_second = set(re.findall(r"Request (\d\d)\.", second))
    assert (len(on_first), len(on_second)) == (50, 5)
    assert on_first | on_second == {f"{i:02d}" for i in range(55)}  # each exactly once
    assert 'href="?page=2">Next page</a>' in first and "Page 1 of 2" in first
    assert 'href="?page=1">Previous page</a>' in second
    # Waiting requests come first: a handled one goes to the end.
    InterestRequest.objects.filter(message="Request 54.").update(
        handled_at="2026-06-01T10:00:00Z", handled_by=coordinator)
    assert "Request 54." in _client(coordinator).get(url + "?page=2").content.decode()


def test_a_short_inbox_has_no_page_links(coordinator: Any) -> None:
    _asked(3)
    page = _client(coordinator).get(reverse("clubs:interest_inbox")).content.decode()
    assert "Request 02." in page and "Page 1 of" not in page
    assert Club.objects.count() == 0
