"""The result page and its PDF show the answers they were computed from, and every contact is
a name with a working link, never a raw address (issue 9)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.utils import formats, translation

from microfuture.finder.models import Mechanism, Provider
from microfuture.finder.services import seed_catalogue

pytestmark = pytest.mark.django_db

ANSWERS = {"entity_type": "sole_trader", "country": "SI", "region": "SI041",
           "target_groups": ["unemployed", "youth"], "amount": "25000", "founded_on":
           "2024-03-01"}


def _english_date(day: date) -> str:
    """The page's own date format (docs: one date format per language)."""
    with translation.override("en"):
        return formats.date_format(day, "DATE_FORMAT")


def _answers_section(html: str) -> str:
    start = html.index('<section class="your-answers"')
    return html[start:html.index("</section>", start)]


def test_the_result_page_lists_each_answer_first(catalogue: Any) -> None:
    html = Client(HTTP_ACCEPT_LANGUAGE="en").get("/finder/results/", ANSWERS).content.decode()
    section = _answers_section(html)
    assert html.index("Your answers") < html.index("You can apply")
    pairs = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", section))
    assert pairs == {
        "Who is asking?": "A sole trader (s.p.)",
        "Do you have the status of a social enterprise (socialno podjetje)?": "not answered",
        "In which country is (or will be) the business?": "Slovenia",
        # A link with a region and no municipality (made before issue 11): the region shows.
        "In which region of Slovenia?": "Osrednjeslovenska",
        "In which municipality do you live, or is your business registered?": "not answered",
        "Does any of this describe you? Tick all that apply.":
            "I am registered as unemployed with the Employment Service (ZRSZ); I am under 30",
        "How many people work full time in the business?": "not answered",
        "When was the business registered?": _english_date(date(2024, 3, 1)),
        "How much money do you need, in euros?": "€25,000.00",
        "What is the money for?": "not answered",
        "What does the business do?": "not answered",
        "Your credit rating from AJPES (S.BON-1 or eS.BON), if you have one": "not answered",
        "Do you (or your business) have unpaid taxes or a blocked bank account?":
            "not answered",
        "How much de minimis aid have you received in the last three years, in euros?":
            "not answered",
    }


def test_the_answers_are_in_the_readers_language(catalogue: Any) -> None:
    html = Client(HTTP_ACCEPT_LANGUAGE="sl").get("/finder/results/", ANSWERS).content.decode()
    section = _answers_section(html)
    assert "Vaši odgovori" in section
    assert "Samostojni podjetnik (s.p.)" in section
    assert "Slovenija" in section
    assert "25.000,00 €" in section
    assert "brez odgovora" in section
    assert "not answered" not in section


def _pdf_text(content: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=content,
                          capture_output=True, check=True).stdout.decode()


def test_the_pdf_lists_each_answer_at_the_top(catalogue: Any) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/finder/results/pdf/", ANSWERS)
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert text.index("Your answers") < text.index("You can apply")
    for words in ("Who is asking?", "A sole trader (s.p.)", "Osrednjeslovenska",
                  "I am under 30", "€25,000.00", "not answered"):
        assert words in text, words


class _Contacts(HTMLParser):
    """The links and the text of each "Whom to contact" paragraph."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[dict[str, Any]] = []
        self._in: dict[str, Any] | None = None
        self._link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self._in = {"text": "", "links": []}
        elif tag == "a" and self._in is not None:
            self._link = [dict(attrs).get("href") or "", ""]

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._in["text"] += data
            if self._link is not None:
                self._link[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._in is not None and self._link is not None:
            self._in["links"].append(tuple(self._link))
            self._link = None
        elif tag == "p" and self._in is not None:
            if self._in["text"].startswith("Whom to contact:"):
                self.paragraphs.append(self._in)
            self._in = None


def test_every_contact_of_every_seeded_mechanism_is_a_named_working_link(club: Any) -> None:
    seed_catalogue()
    club.contact_email = "srce@example.org"
    club.save()
    # Contacts as curators type them: an address, a web address, a telephone number.
    Provider.objects.filter(slug="sef").update(contact="info@podjetniskisklad.si · 01 589 18 50")
    Mechanism.objects.filter(slug="sef-p7r").update(contact="www.marfis.si")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get("/finder/results/")
    assert page.status_code == 200
    html = page.content.decode()
    # Each catalogue entry says whom to contact; the savings clubs are one card whose lines
    # name each club (issue 15), linked to its address.
    shown = Mechanism.objects.filter(active=True).count()
    parser = _Contacts()
    parser.feed(html)
    assert len(parser.paragraphs) == shown
    links = [link for p in parser.paragraphs for link in p["links"]]
    links += re.findall(r'<a href="(mailto:[^"]+)">([^<]+)</a>',
                        html[html.index('class="club-lines"'):])
    links.append(("/clubs/enterprise/", "Apply to the club"))
    assert '<a href="/clubs/enterprise/">Apply to the club</a>' in html
    for paragraph in parser.paragraphs:
        text = paragraph["text"].removeprefix("Whom to contact:")
        assert not re.search(r"https?://|www\.|(^|\s)/\w", text), text
    for href, text in links:
        assert href.startswith(("mailto:", "tel:", "https://", "http://", "/")), href
        assert text.strip() and text != href and not text.startswith(("/", "http", "www")), text
    assert ("mailto:info@podjetniskisklad.si", "Slovene Enterprise Fund") in links
    assert ("tel:015891850", "01 589 18 50") in links
    assert ("https://www.marfis.si", "Details on marfis.si") in links
    assert ("mailto:srce@example.org", "Zadruga Srce") in links
    assert ("https://www.podjetniskisklad.si/p7-2024-mikrokrediti-2024/",
            "Details on podjetniskisklad.si") in links
    internal = {href for href, _ in links if href.startswith("/")}
    assert internal
    for href in internal:
        assert client.get(href, follow=True).status_code == 200, href


def test_the_pdf_prints_the_email_address_after_the_link(club: Any) -> None:
    seed_catalogue()
    club.contact_email = "srce@example.org"
    club.save()
    text = _pdf_text(Client(HTTP_ACCEPT_LANGUAGE="en").get("/finder/results/pdf/").content)
    assert "Zadruga Srce (srce@example.org)" in text
    assert "/clubs/enterprise/" not in text
    assert "Apply to the club" in text
