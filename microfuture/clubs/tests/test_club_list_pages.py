"""The public list of clubs open to new projects comes in pages of 50, by name, with links
to the previous and next page that work without JavaScript."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from microfuture.clubs.models import Club
from microfuture.clubs.services import club_found

pytestmark = pytest.mark.django_db


def test_open_clubs_are_paged(outsider):
    for n in range(55):
        club_found(founder=outsider, founder_name="Oto", name=f"Klub {n:02d}", region="SI041",
                   start_date=date(2026, 1, 5))
    Club.objects.update(open_to_projects=True)  # what each manager's charter would say
    url = reverse("clubs:list")
    first = Client().get(url).content.decode()
    assert "Klub 00" in first and "Klub 49" in first and "Klub 50" not in first
    assert 'href="?page=2">Next page</a>' in first
    assert "Page 1 of 2" in first
    second = Client().get(url + "?page=2").content.decode()
    assert "Klub 50" in second and "Klub 54" in second and "Klub 49" not in second
    assert 'href="?page=1">Previous page</a>' in second
