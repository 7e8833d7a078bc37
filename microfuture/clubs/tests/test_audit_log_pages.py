"""The audit log page comes in pages of 100 rows, latest first, with links to newer and
older rows that work without JavaScript; its oldest rows stay reachable."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from microfuture.clubs.models import AuditLog
from microfuture.clubs.services.audit import audit

pytestmark = pytest.mark.django_db


def test_the_audit_log_is_paged_with_links(club, manager):
    for n in range(120):
        audit(club=club, actor=manager, action="club.note", n=n)
    total = AuditLog.objects.filter(club=club).count()
    assert total > 100
    browser = Client()
    browser.force_login(manager)
    url = reverse("clubs:audit", args=[club.slug])
    first = browser.get(url).content.decode()
    assert first.count("<tr>") - 1 == 100  # the header row and 100 rows
    assert 'href="?page=2">Older entries</a>' in first
    assert "Newer entries" not in first
    assert "Page 1 of 2" in first
    second = browser.get(url + "?page=2").content.decode()
    assert second.count("<tr>") - 1 == total - 100
    assert 'href="?page=1">Newer entries</a>' in second
    assert "Older entries" not in second
    # Out of range: the last page, never an error.
    assert browser.get(url + "?page=99").content.decode().count("<tr>") - 1 == total - 100


def test_the_page_links_are_in_slovenian(club, manager):
    for n in range(101):
        audit(club=club, actor=manager, action="club.note", n=n)
    browser = Client(HTTP_ACCEPT_LANGUAGE="sl")
    browser.force_login(manager)
    page = browser.get(reverse("clubs:audit", args=[club.slug])).content.decode()
    assert "Starejši zapisi" in page
