"""The guides' pages through plain HTTP: the index by the people's questions, a guide in both
languages and in a curator's third language, its out-of-date notice, where to go next, its
sources, print view and PDF; 404 for what a reader may not see."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from microfuture.guides.models import GlossaryTerm, Guide, GuideText

pytestmark = pytest.mark.django_db

BODY_EN = """## Who it is for

People who start a small business.

## What to prepare

- [ ] Your business plan.
- [ ] Your identity card.

## What can go wrong

You may not repay. Read [the finder](/finder/) first."""

BODY_SL = """## Komu je namenjeno

Ljudem, ki začenjajo majhen posel.

## Kaj pripraviti

- [ ] Poslovni načrt.
- [ ] Osebna izkaznica."""


@pytest.fixture(autouse=True)
def _only_our_guides(db: Any) -> None:
    """The repository's guides may be seeded at migrate: each test sees only its own."""
    Guide.objects.all().delete()
    GlossaryTerm.objects.all().delete()


def make_guide(slug: str, *, kind: str | None = None, questions: tuple[str, ...] = (),
               published: bool = True, checked_on: date | None = None,
               position: int = 100, extra: dict[str, str] | None = None) -> Guide:
    guide = Guide.objects.create(
        slug=slug, kind=kind, questions=list(questions), published=published, position=position,
        checked_on=checked_on or timezone.localdate(),
        sources=[{"title": "Slovene Enterprise Fund", "url": "https://www.podjetniskisklad.si/"}])
    GuideText.objects.create(guide=guide, language="en", title=f"{slug} in English",
                             summary=f"What {slug} is. Who uses it.", body=BODY_EN)
    GuideText.objects.create(guide=guide, language="sl", title=f"{slug} po slovensko",
                             summary=f"Kaj je {slug}. Kdo ga uporablja.", body=BODY_SL)
    for code, title in (extra or {}).items():
        GuideText.objects.create(guide=guide, language=code, title=title,
                                 summary="Коротко.", body="## Для кого\n\nДля людей.")
    return guide


def en(client: Client, url: str, **params: str) -> Any:
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")


def sl(client: Client, url: str, **params: str) -> Any:
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE="sl")


def test_index_groups_by_question_and_lists_every_published_guide(client: Client) -> None:
    make_guide("microloan", kind="microloan", questions=("idea_no_money", "unemployed"),
               position=10)
    make_guide("grant", kind="grant", questions=("idea_no_money",), position=50)
    make_guide("business-plan", questions=("unemployed",))
    make_guide("secret", questions=("idea_no_money",), published=False)
    response = en(client, "/guides/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html and "I have an idea but no money" in html
    # a guide answering two questions is under both
    assert html.count('href="/guides/microloan/"') == 3  # two questions + the list of all
    assert "secret" not in html
    assert 'href="/finder/"' in html and 'href="/glossary/"' in html
    assert 'action="/guides/search/"' in html and 'name="q"' in html
    # the finder's kind order: grant (cheapest) before microloan, whatever the position
    everything = html[html.index('id="all-heading"'):]
    assert everything.index("grant in English") < everything.index("microloan in English")
    assert everything.index("microloan in English") < everything.index("business-plan in")


def test_index_in_slovenian(client: Client) -> None:
    make_guide("microloan", kind="microloan", questions=("idea_no_money",))
    html = sl(client, "/guides/").content.decode()
    assert '<html lang="sl">' in html
    assert "microloan po slovensko" in html and "microloan in English" not in html


def test_guide_page_in_english(client: Client) -> None:
    guide = make_guide("business-plan", questions=("unemployed",))
    response = en(client, "/guides/business-plan/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="guide-title">business-plan in English</h1>' in html
    assert "What business-plan is. Who uses it." in html
    assert f"Checked on {guide.checked_on.day}" in html
    assert "may be out of date" not in html
    assert '<h2 id="s1">Who it is for</h2>' in html
    assert '<ul class="checklist"><li>Your business plan.</li>' in html
    assert '<a href="/finder/">the finder</a>' in html
    assert "Where to go next" in html
    assert '<a href="https://www.podjetniskisklad.si/">Slovene Enterprise Fund</a>' in html
    assert 'href="/guides/business-plan/pdf/"' in html
    assert 'href="/guides/business-plan/?print=1"' in html
    assert '<article class="guide" lang="en"' in html


def test_guide_page_in_slovenian(client: Client) -> None:
    make_guide("business-plan")
    html = sl(client, "/guides/business-plan/").content.decode()
    assert '<html lang="sl">' in html
    assert "business-plan po slovensko" in html
    assert "Komu je namenjeno" in html and "Who it is for" not in html
    assert '<article class="guide" lang="sl"' in html


@pytest.mark.parametrize(("months", "stale"), [(13, True), (11, False)])
def test_an_old_guide_says_it_may_be_out_of_date(client: Client, months: int,
                                                 stale: bool) -> None:
    today = timezone.localdate()
    year, month = today.year, today.month - months
    while month < 1:
        year, month = year - 1, month + 12
    make_guide("old", checked_on=date(year, month, min(today.day, 28)))
    html = en(client, "/guides/old/").content.decode()
    assert ("may be out of date" in html) is stale


def test_a_third_language_is_offered_and_shown_with_its_code(client: Client) -> None:
    make_guide("microloan", kind="microloan", extra={"uk": "Мікропозика"})
    html = en(client, "/guides/microloan/").content.decode()
    assert 'href="/guides/microloan/?lang=uk"' in html
    assert "Українська" in html
    other = en(client, "/guides/microloan/", lang="uk")
    assert other.status_code == 200
    text = other.content.decode()
    assert '<article class="guide" lang="uk"' in text
    assert "Мікропозика" in text and "Для кого" in text
    assert "Where to go next" in text  # the page's own words stay in English
    assert 'href="/guides/microloan/"' in text  # back to the page's language


def test_what_a_reader_may_not_see_is_not_found(client: Client, curator: Any) -> None:
    make_guide("draft", published=False)
    make_guide("live")
    assert en(client, "/guides/nothing/").status_code == 404
    assert en(client, "/guides/draft/").status_code == 404
    assert en(client, "/guides/live/", lang="de").status_code == 404
    assert en(client, "/guides/live/", lang="xx-nonsense").status_code == 404
    assert en(client, "/guides/draft/pdf/").status_code == 404
    client.force_login(curator)
    preview = en(client, "/guides/draft/")
    assert preview.status_code == 200
    assert "Not published" in preview.content.decode()


def test_a_kind_guide_leads_to_the_finder_and_the_providers(client: Client) -> None:
    from microfuture.finder.models import Mechanism, Provider

    fund = Provider.objects.create(slug="sef", name_en="Slovene Enterprise Fund",
                                   name_sl="Slovenski podjetniški sklad", kind="public_fund")
    Mechanism.objects.create(slug="p7", provider=fund, name_en="P7 microloans",
                             name_sl="P7 mikrokrediti", kind="microloan")
    Mechanism.objects.create(slug="gone", provider=fund, name_en="Old microloans",
                             kind="microloan", active=False)
    Mechanism.objects.create(slug="p1", provider=fund, name_en="Guarantees", kind="guarantee")
    make_guide("microloan", kind="microloan")
    html = en(client, "/guides/microloan/").content.decode()
    assert 'href="/finder/mechanisms/?kind=microloan"' in html
    assert "Slovene Enterprise Fund" in html
    assert '<a href="/finder/mechanisms/p7/">P7 microloans</a>' in html
    assert "Old microloans" not in html and "/finder/mechanisms/p1/" not in html
    assert "P7 mikrokrediti" in sl(client, "/guides/microloan/").content.decode()


def test_a_task_guide_leads_to_related_guides(client: Client) -> None:
    make_guide("business-plan", questions=("unemployed",))
    make_guide("microloan", kind="microloan", questions=("unemployed", "idea_no_money"))
    make_guide("club-member", questions=("invest_savings",))
    html = en(client, "/guides/business-plan/").content.decode()
    nxt = html[html.index("Where to go next"):]
    assert 'href="/guides/microloan/"' in nxt
    assert "/guides/club-member/" not in nxt
    assert 'href="/finder/"' in nxt


def test_the_print_view_and_the_pdf(client: Client) -> None:
    make_guide("microloan", kind="microloan")
    printing = en(client, "/guides/microloan/", print="1")
    assert printing.status_code == 200
    assert 'class="guide-page print-view"' in printing.content.decode()
    pdf = en(client, "/guides/microloan/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert en(client, "/guides/microloan/pdf/", lang="sl").content.startswith(b"%PDF")


def test_the_main_menu_leads_to_the_guides(client: Client) -> None:
    html = en(client, "/").content.decode()
    assert 'href="/guides/"' in html
    assert ">Guides<" in html


def test_more_than_twelve_months_counts_by_the_calendar() -> None:
    from microfuture.guides.selectors import is_stale

    assert is_stale(date(2025, 2, 28), today=date(2026, 3, 1))
    assert not is_stale(date(2025, 3, 1), today=date(2026, 3, 1))
    assert not is_stale(date(2024, 2, 29) + timedelta(days=1), today=date(2025, 3, 1))
    # a year before 29 February is 28 February: that day is not yet "more than" a year
    assert not is_stale(date(2023, 2, 28), today=date(2024, 2, 29))
    assert is_stale(date(2023, 2, 27), today=date(2024, 2, 29))
