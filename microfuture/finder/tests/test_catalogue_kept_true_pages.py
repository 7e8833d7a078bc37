"""The stale rule on the result page and its PDF, and the public catalogue pages: a product
with its current or next call and its past calls, and the list of every active mechanism."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import formats, translation

from microfuture.finder.models import Mechanism
from microfuture.finder.tests.catalogue_true import iso, load, today

pytestmark = pytest.mark.django_db


def day(days: int, lang: str) -> str:
    with translation.override(lang):
        return formats.date_format(today() + timedelta(days=days), "SHORT_DATE_FORMAT")


def results(lang: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    response = client.get("/finder/results/", {"country": "SI", "entity_type": "company"})
    assert response.status_code == 200
    return response.content.decode()


def test_a_stale_mechanism_says_so_and_every_one_shows_its_check_and_sources() -> None:
    load()
    html = results("en")
    assert (f"Last checked on {day(-400, 'en')}: confirm with the provider before you apply."
            in html)
    assert f"Last checked on {day(-10, 'en')}." in html  # spot, fresh: no warning
    assert html.count("confirm with the provider before you apply") == 2  # old-grant, bare
    assert "Not checked by our curators yet: confirm with the provider before you apply." in html
    assert '<a href="https://www.podjetniskisklad.si/p7">podjetniskisklad.si</a>' in html
    assert '<a href="/finder/mechanisms/p7-2026/">More about P7 2026: its calls, past and next</a>' in html
    assert '<a href="/finder/mechanisms/spot/">More about SPOT</a>' in html
    assert f"about {day(400, 'en')} (estimate)" not in html  # the 2027 call is not open yet
    assert '<a href="/finder/mechanisms/">' in html  # the whole catalogue


def test_the_stale_rule_in_slovenian() -> None:
    load()
    html = results("sl")
    assert (f"Nazadnje preverjeno {day(-400, 'sl')}: pred oddajo vloge podatke preverite pri "
            "ponudniku." in html)
    assert f"Nazadnje preverjeno {day(-10, 'sl')}." in html
    assert ". 20" in day(-400, "sl")  # 1. 12. 2025: the Slovenian date format


def test_the_pdf_carries_the_stale_notice_and_the_source_addresses() -> None:
    load()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/finder/results/pdf/", {"country": "SI", "entity_type": "company"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    from django.template.loader import render_to_string

    from microfuture.finder import matching
    with translation.override("en"):
        result = matching.finder_result({"country": "SI", "entity_type": "company",
                                         "lang": "en"}, today=today())
        html = render_to_string("finder/results_pdf.html", {
            "result": result, "answer_lines": [], "pdf": True})
    assert f"Last checked on {day(-400, 'en')}: confirm with the provider" in html
    assert "(https://www.podjetniskisklad.si/p7)" in html  # the address, for paper


def test_a_closed_call_shows_its_kind_too() -> None:
    load()
    html = results("en")
    closed = html.split('id="m-p7-2025"')[1].split("</article>")[0]
    assert "Slovene Enterprise Fund · Microloan · up to €20,000" in closed
    assert f"The call closed on {day(-200, 'en')}" in closed


def test_an_estimated_closing_date_reads_as_an_estimate() -> None:
    load()
    Mechanism.objects.filter(slug="p7-2026").update(open_until_estimated=True)
    assert f"about {day(20, 'en')} (estimate)" in results("en")


def test_the_product_page_shows_the_open_call_and_the_past_one_as_history() -> None:
    load()
    html = Client(HTTP_ACCEPT_LANGUAGE="en").get("/finder/mechanisms/p7/").content.decode()
    assert "<h1>P7 2026</h1>" in html
    assert f"Open now, until {day(20, 'en')}" in html
    assert "Other current and coming calls" in html and "P7 2027" in html
    assert f"about {day(400, 'en')} (estimate)" in html
    past = html.split('id="past-calls"')[1]
    assert "P7 2025" in past and day(-200, "en") in past and "€20,000" in past
    assert f"Last checked on {day(-5, 'en')}." in html
    assert "the call you followed" not in html


def test_before_the_next_call_the_page_shows_it_and_after_every_call_the_last_one() -> None:
    load()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    between = client.get("/finder/mechanisms/p7/", {"on": iso(100)}).content.decode()
    assert "<h1>P7 2027</h1>" in between and f"Opens on {day(200, 'en')}" in between
    assert "P7 2026" in between.split('id="past-calls"')[1]
    after = client.get("/finder/mechanisms/p7/", {"on": iso(500)}).content.decode()
    assert "<h1>P7 2027</h1>" in after and f"Closed on {day(400, 'en')}" in after
    assert "No new call is announced yet" in after


def test_a_call_slug_shows_its_product_with_that_call_marked() -> None:
    load()
    html = Client(HTTP_ACCEPT_LANGUAGE="en").get("/finder/mechanisms/p7-2025/").content.decode()
    assert "<h1>P7 2026</h1>" in html
    assert "You followed a link to “P7 2025”" in html
    assert '<tr class="highlighted" aria-current="true">' in html
    marked = html.split('aria-current="true">')[1].split("</tr>")[0]
    assert "P7 2025" in marked and "the call you followed" in marked


def test_a_standing_service_has_its_own_page_and_unknown_slugs_are_404() -> None:
    load()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    html = client.get("/finder/mechanisms/spot/").content.decode()
    assert "<h1>SPOT</h1>" in html and "Always on offer" in html
    assert client.get("/finder/mechanisms/nothing-here/").status_code == 404
    Mechanism.objects.filter(slug="spot").update(active=False)
    assert client.get("/finder/mechanisms/spot/").status_code == 404


def test_the_catalogue_list_groups_by_kind_and_marks_closed_calls() -> None:
    load()
    Mechanism.objects.filter(slug="bare").update(active=False)
    html = Client(HTTP_ACCEPT_LANGUAGE="en").get("/finder/mechanisms/").content.decode()
    headings = [part.split("</h2>")[0].split(">")[-1] for part in html.split("<h2")[1:]]
    assert headings == ["Microloan", "Grant", "Advice and mentoring"]
    assert f"<strong>closed</strong>: Closed on {day(-200, 'en')}" in html
    assert '<a href="/finder/mechanisms/p7-2025/">P7 2025</a>' in html
    assert "Bare" not in html  # inactive: not listed


def test_the_catalogue_list_is_paged(monkeypatch: Any) -> None:
    load()
    monkeypatch.setattr("microfuture.finder.views_catalogue.PER_PAGE", 4)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    first = client.get("/finder/mechanisms/").content.decode()
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = client.get("/finder/mechanisms/", {"page": "2"}).content.decode()
    assert "SPOT" in second and "SPOT" not in first


def test_the_catalogue_pages_run_a_constant_number_of_queries(
        django_assert_num_queries: Any) -> None:
    load()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    with django_assert_num_queries(1):  # the active mechanisms with their providers
        assert client.get("/finder/mechanisms/").status_code == 200
    # which product the slug names; the product's calls; the glossary (terms marked, guides)
    with django_assert_num_queries(3):
        assert client.get("/finder/mechanisms/p7-2025/").status_code == 200
