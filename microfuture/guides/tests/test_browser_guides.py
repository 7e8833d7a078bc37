"""From a finder result to its guide, to a glossary word and back, in a real Chromium without
JavaScript (issue 14: "a browser test from a finder result to its guide to a glossary term and
back"). The guides and the glossary are the ones seeded from the repository's files."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from microfuture.guides import examples
from microfuture.web.tests.a11y import accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CATALOGUE = {
    "providers": [{"slug": "t-fund", "name": {"sl": "Preizkusni sklad", "en": "Test fund"},
                   "kind": "public_fund", "country": "SI"}],
    "mechanisms": [{"slug": "t-micro", "provider": "t-fund", "kind": "microloan",
                    "name": {"sl": "Preizkusni mikrokredit", "en": "Test microloan"},
                    "summary": {"sl": "Mikrokredit.", "en": "A small loan."},
                    "countries": ["SI"]}],
}


@pytest.fixture
def catalogue(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(CATALOGUE), encoding="utf-8")
    call_command("import_mechanisms", str(path), stdout=io.StringIO())


@pytest.fixture
def no_js_page(browser: Any) -> Any:
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 360, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def test_from_a_result_to_its_guide_to_a_glossary_word_and_back(no_js_page: Any,
                                                                live_server: Any,
                                                                catalogue: Any) -> None:
    page = no_js_page
    # The questionnaire, in English: a person in Ljubljana wanting 8,000 EUR to start up.
    page.goto(live_server.url + "/finder/")
    page.get_by_role("button", name="English").click()
    page.locator("input[name=entity_type][value=individual]").check()
    page.locator("select[name=country]").select_option("SI")
    page.locator("input[name=municipality]").fill("Ljubljana")
    page.locator("button[name=go][value=next]").click()
    page.locator("button[name=go][value=next]").click()
    page.locator("input[name=amount]").fill("8000")
    page.locator("input[name=purpose][value=start_up]").check()
    page.locator("button[name=go][value=results]").click()
    assert "/finder/results/" in page.url
    results_url = page.url
    assert accessibility_problems(page) == []

    # The card's link to the guide of its kind.
    card = page.locator("article.mechanism", has=page.get_by_role("heading",
                                                                  name="Test microloan"))
    card.get_by_role("link", name="Read the guide: Microloan").click()
    assert page.url == f"{live_server.url}/guides/microloan/?from=result"
    title = page.get_by_role("heading", level=1)
    assert title.inner_text() == "What is a microloan?"
    # The worked example, computed by the platform's loan schedule, is on the page.
    figures = examples.loan_figures(Decimal(10000), Decimal(5), 60)
    payment = examples.format_eur(figures.payment, "en")
    assert page.get_by_text(f"Monthly payment: {payment}").is_visible()
    guide_url = page.url

    # A glossary word, linked on its first use in the guide, leads to its definition.
    term = page.locator("article.guide .guide-body a.term").first
    href = term.get_attribute("href")
    assert href is not None and href.startswith("/glossary/#")
    slug = href.split("#", 1)[1]
    term.click()
    assert page.url == f"{live_server.url}/glossary/#{slug}"
    definition = page.locator(f"[id='{slug}']")
    assert definition.is_visible()
    assert definition.evaluate("e => e.getBoundingClientRect().top") < 800  # scrolled to it

    # Back to the guide, and back again to the result.
    page.go_back()
    assert page.url == guide_url
    assert page.get_by_role("heading", level=1).inner_text() == "What is a microloan?"
    page.go_back()
    assert page.url == results_url
    assert page.get_by_role("heading", name="Test microloan").is_visible()


@pytest.mark.parametrize("language", ["en-GB", "sl-SI"])
def test_the_search_page_is_accessible_and_fits_a_phone(browser: Any, live_server: Any,
                                                         language: str) -> None:
    context = browser.new_context(java_script_enabled=False, locale=language,
                                  viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/guides/search/")
    box = page.get_by_role("searchbox")
    box.fill("mikrokredit" if language.startswith("sl") else "microloan")
    box.press("Enter")
    assert page.locator("ol.guide-hits mark").first.is_visible()
    assert page.locator('a[href^="/practices/?q="]').is_visible()
    assert accessibility_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
