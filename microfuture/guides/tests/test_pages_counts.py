"""Anonymous counts (`../shared/specs/guides.md` §3): a published guide's page counts one read a
day, a finder link one referral from its place; nothing about the reader; the impact dashboard
shows them beside the other figures of the period."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from microfuture.guides.models import GlossaryTerm, Guide, GuideReferral, GuideText, GuideView
from microfuture.impact.selectors_beside import beside

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_ours(db: Any) -> None:
    Guide.objects.all().delete()
    GlossaryTerm.objects.all().delete()


def make_guide(slug: str, *, published: bool = True) -> Guide:
    g = Guide.objects.create(slug=slug, kind=slug if slug == "microloan" else None,
                             published=published, checked_on=timezone.localdate())
    GuideText.objects.create(guide=g, language="en", title="What is a microloan?",
                             summary="A small loan.", body="## Who\n\nAnyone.")
    GuideText.objects.create(guide=g, language="sl", title="Kaj je mikroposojilo?",
                             summary="Majhno posojilo.", body="## Komu\n\nVsem.")
    return g


def test_reads_and_referrals_are_counted_per_day(client: Client) -> None:
    guide = make_guide("microloan")
    today = timezone.localdate()
    client.get("/guides/microloan/")
    client.get("/guides/microloan/", {"from": "result"})
    client.get("/guides/microloan/", {"from": "near_miss"})
    client.get("/guides/microloan/", {"from": "result", "lang": "sl"})
    client.get("/guides/microloan/", {"from": "somewhere-else"})  # a read, not a referral
    assert list(GuideView.objects.values_list("guide", "day", "count")) == [(guide.pk, today, 5)]
    assert sorted(GuideReferral.objects.values_list("source", "count")) == [
        ("near_miss", 1), ("result", 2)]


def test_not_counted_again_print_pdf_calculator_or_unpublished(client: Client,
                                                               curator: Any) -> None:
    make_guide("microloan")
    client.get("/guides/microloan/", {"print": "1"})
    client.get("/guides/microloan/pdf/")
    client.get("/guides/microloan/", {"amount": "5000", "rate": "6", "months": "36"})
    client.get("/guides/nothing/", {"from": "result"})
    draft = make_guide("draft", published=False)
    client.force_login(curator)
    assert client.get("/guides/draft/").status_code == 200
    assert not GuideView.objects.exists() and not GuideReferral.objects.exists()
    assert draft.views.count() == 0


def test_nothing_about_the_reader(client: Client) -> None:
    make_guide("microloan")
    response = client.get("/guides/microloan/", {"from": "pathway"},
                          HTTP_USER_AGENT="Tester/1.0", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()
    # the count rows hold a guide, a day, a place and a number: nothing else
    assert {f.name for f in GuideView._meta.concrete_fields} == {"id", "guide", "day", "count"}
    assert {f.name for f in GuideReferral._meta.concrete_fields} == {
        "id", "guide", "day", "source", "count"}
    assert list(GuideReferral.objects.values_list("source", "count")) == [("pathway", 1)]


def test_the_impact_figures_show_guides_by_reads_and_referrals(client: Client) -> None:
    microloan = make_guide("microloan")
    plan = make_guide("business-plan")
    today = timezone.localdate()
    old = today - timedelta(days=400)
    GuideView.objects.create(guide=microloan, day=today - timedelta(days=3), count=7)
    GuideView.objects.create(guide=microloan, day=old, count=100)  # before the period
    GuideView.objects.create(guide=plan, day=today - timedelta(days=2), count=9)
    GuideReferral.objects.create(guide=microloan, day=today - timedelta(days=3),
                                 source="result", count=4)
    GuideReferral.objects.create(guide=microloan, day=today - timedelta(days=1),
                                 source="near_miss", count=2)
    got = beside(start=today - timedelta(days=365), end=today, on=today)
    assert [(g.slug, g.views, g.referred) for g in got.guides] == [
        ("business-plan", 9, 0), ("microloan", 7, 6)]
    assert got.guides[1].referrals == {"result": 4, "near_miss": 2, "pathway": 0,
                                       "mechanism": 0}
    assert [(code, n) for code, _label, n in got.guide_referrals] == [
        ("result", 4), ("near_miss", 2), ("pathway", 0), ("mechanism", 0)]
    html = client.get("/impact/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    section = html[html.index('id="guides-heading"'):html.index('id="network-heading"')]
    assert 'href="/guides/microloan/"' in section and "What is a microloan?" in section
    assert '<td class="num">7</td><td class="num">6</td>' in section
    assert '<td class="num">9</td><td class="num">0</td>' in section
    sl = client.get("/impact/", HTTP_ACCEPT_LANGUAGE="sl").content.decode()
    assert "Kaj je mikroposojilo?" in sl


def test_no_reads_in_the_period(client: Client) -> None:
    html = client.get("/impact/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No guide was read in the period." in html
