"""A club's figures link their hard words to the glossary on first use (guides spec §2)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_club_page_links_nav_and_par30_to_the_glossary(club: Any, member: Any) -> None:
    client = Client()
    client.force_login(member)
    page = client.get(f"/clubs/{club.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<a class="term" href="/glossary/#net-asset-value">Net asset value</a>' in page
    assert 'href="/glossary/#par30"><abbr' in page
    # Marked once: the first use only.
    assert page.count('href="/glossary/#net-asset-value"') == 1


def test_in_slovenian_too(club: Any, member: Any) -> None:
    client = Client()
    client.force_login(member)
    page = client.get(f"/clubs/{club.slug}/", HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert '<a class="term" href="/glossary/#net-asset-value">Čista vrednost sredstev</a>' in page
