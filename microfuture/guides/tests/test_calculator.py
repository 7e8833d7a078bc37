"""'What it costs me' (guides/calculator.py, guides/_calculator.html)."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from microfuture.guides.calculator import calculator_context
from microfuture.guides.examples import contributions, format_eur


def render(query: str, lang: str) -> tuple[dict[str, Any], str]:
    ctx = calculator_context(QueryDict(query), lang)
    with translation.override(lang):
        return ctx, render_to_string("guides/_calculator.html", ctx)


def test_the_default_loan_and_the_real_monthly_cost_in_slovenian() -> None:
    ctx, html = render("", "sl")
    c = ctx["calculator"]
    assert c["loan"]["payment"] == "188,71 EUR" and c["loan"]["interest"] == "1.322,74 EUR"
    table = contributions()
    assert c["contributions"]["total"] == format_eur(table.total, "sl")
    assert c["monthly_cost"] == format_eur(table.total + c["loan"]["payment_value"], "sl")
    assert 'id="cost"' in html and 'action="#cost"' in html and "188,71 EUR" in html
    assert all(s["url"] in html for s in table.sources)


def test_numbers_typed_the_readers_way_and_the_first_instalments() -> None:
    ctx, html = render("amount=10.000&rate=5&months=60&grace=6&table=on", "sl")
    loan = ctx["calculator"]["loan"]
    assert loan["grace_payment"] == "41,67 EUR" and len(loan["rows"]) == 12
    assert "<table>" in html
    ctx, _ = render("amount=10%2C000.00&rate=5.5&months=24", "en")
    assert ctx["calculator"]["loan"]["amount"] == "10,000.00 EUR"


def test_bad_input_gives_a_message_per_field_and_computes_nothing() -> None:
    ctx, html = render("amount=abc&rate=500&months=0&grace=2", "en")
    c = ctx["calculator"]
    assert c["loan"] is None and c["monthly_cost"] is None and c["contributions"] is None
    assert set(c["form"].errors) == {"amount", "rate", "months"}
    assert 'role="alert"' in html and "Monthly payment" not in html
    ctx, _ = render("amount=1000&rate=5&months=6&grace=6", "en")
    assert ctx["calculator"]["loan"] is None and "grace" in ctx["calculator"]["form"].errors
