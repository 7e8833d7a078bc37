"""Club pages write numbers and dates the reader's way: units `155,539000` and dates
`1. 2. 2026` in Slovenian, `155.539000` and `1 February 2026` in English; one date format per
page and no English month name on a Slovenian page."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from microfuture.clubs.core import Event
from microfuture.clubs.models import Member
from microfuture.clubs.services import club_record_events

pytestmark = pytest.mark.django_db

ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?")
#: Any date-like text: 1. 2. 2026, 1.2.2026, 2026-02-01, 01/02/2026, 1 February 2026, Feb. 1, 2026
DATES = re.compile(
    r"\b\d{1,2}\. ?\d{1,2}\. ?\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b"
    r"|\b\d{1,2}\.? [A-Za-z]+\.? \d{4}\b|\b[A-Z][a-z]+\.? \d{1,2}, \d{4}\b")


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<input\b[^>]*>", " ", html)  # values in boxes are typed forms, not shown
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html.replace("&nbsp;", " "))


def reader(user: Any, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def saved(club, treasurer):
    club_record_events(club=club, recorded_by=treasurer, events=[
        Event(date=date(2026, 2, 1), type="contribution", member="Miha",
              amount=Decimal("1555.39")),
        Event(date=date(2026, 2, 1), type="contribution", member="Nina", amount=Decimal("20")),
    ])
    return club


PAGES = ["statement/?date=2026-03-01", "events/", "me/", "record/contribution/",
         "statement/member/{miha}/?date=2026-03-01"]


@pytest.mark.parametrize("path", PAGES)
def test_slovenian_pages_have_one_date_format_and_no_english_months(saved, treasurer, member,
                                                                    path):
    miha = Member.objects.get(club=saved, name="Miha").pk
    who = member if path == "me/" else treasurer
    html = reader(who, "sl").get(f"/clubs/{saved.slug}/{path.format(miha=miha)}").content
    text = visible_text(html.decode())
    assert ENGLISH_MONTHS.findall(text) == []
    found = DATES.findall(text)
    assert found, text[:2000]
    assert all(re.fullmatch(r"\d{1,2}\. \d{1,2}\. \d{4}", d) for d in found), found


@pytest.mark.parametrize("path", PAGES)
def test_english_pages_have_one_date_format(saved, treasurer, member, path):
    miha = Member.objects.get(club=saved, name="Miha").pk
    who = member if path == "me/" else treasurer
    html = reader(who, "en").get(f"/clubs/{saved.slug}/{path.format(miha=miha)}").content
    found = DATES.findall(visible_text(html.decode()))
    assert found
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", d) for d in found), found


def test_units_are_written_the_reader_s_way(saved, treasurer, member):
    # 1,555.39 at 10.00 a unit is 155.539 units; 20.00 is 2 units.
    sl = visible_text(reader(treasurer, "sl").get(
        f"/clubs/{saved.slug}/statement/?date=2026-03-01").content.decode())
    assert "155,539000" in sl and "155.539000" not in sl
    assert "157,539000" in sl  # units outstanding
    assert "10,000000" in sl  # the value of one unit
    en = visible_text(reader(treasurer, "en").get(
        f"/clubs/{saved.slug}/statement/?date=2026-03-01").content.decode())
    assert "155.539000" in en and "157.539000" in en
    mine = visible_text(reader(member, "sl").get(f"/clubs/{saved.slug}/me/").content.decode())
    assert "155,539000" in mine
