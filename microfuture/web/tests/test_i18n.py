"""Slovenian and English: negotiation, the switcher, lang attributes, number formats."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from microfuture.web.templatetags.money import format_money, share_percent

pytestmark = pytest.mark.django_db


def test_browser_preferring_slovenian_gets_slovenian():
    html = Client(HTTP_ACCEPT_LANGUAGE="sl-SI,sl;q=0.9,en;q=0.5").get("/").content.decode()
    assert '<html lang="sl">' in html
    assert "Solidarno financiranje blizu doma" in html


def test_browser_preferring_english_or_other_gets_english():
    for header in ["en-GB,en;q=0.8", "de-DE"]:
        html = Client(HTTP_ACCEPT_LANGUAGE=header).get("/").content.decode()
        assert '<html lang="en">' in html
        assert "Solidarity finance, close to home" in html


def test_language_switcher_works_without_javascript():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/i18n/setlang/", {"language": "sl", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="sl">' in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()


def test_money_in_slovenian_and_english():
    with translation.override("sl"):
        assert format_money(Decimal("1234.5")) == "1.234,50 €"
        assert format_money(Decimal("-0.05")) == "-0,05 €"
        assert share_percent("0.250000") == "25,00 %"
    with translation.override("en"):
        assert format_money(Decimal("1234.5")) == "€1,234.50"
        assert format_money(Decimal("1234567.891")) == "€1,234,567.89"
