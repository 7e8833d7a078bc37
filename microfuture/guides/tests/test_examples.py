"""Worked-example directives: loan figures from the loan schedule, contributions, formats,
and the judging of a body (guides/examples.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from microfuture.guides import examples
from microfuture.guides.text import GuideTextError, expand, parse, to_plain

D = Decimal


def test_the_guides_example_loan_in_both_languages() -> None:
    # 10,000 EUR at 5 % over 60 months: 10000 × i / (1 − (1 + i)^−60), i = 5/1200 → 188.71.
    assert examples.resolve("loan.payment", (D(10000), D(5), D(60)), "sl") == "188,71 EUR"
    assert examples.resolve("loan.payment", (D(10000), D(5), D(60)), "en") == "188.71 EUR"
    assert examples.resolve("loan.interest", (D(10000), D(5), D(60)), "en") == "1,322.74 EUR"
    assert examples.resolve("loan.total", (D(10000), D(5), D(60)), "sl") == "11.322,74 EUR"


def test_grace_months_are_interest_only_and_cost_more() -> None:
    figures = examples.loan_figures(D(10000), D(5), 60, 6)
    assert figures.schedule[0].payment == D("41.67")  # 10000 × 5 / 1200
    assert figures.interest > examples.loan_figures(D(10000), D(5), 60).interest
    assert examples.resolve("loan.payment", (D(10000), D(5), D(60), D(6)), "en") == (
        f"{figures.payment:,.2f} EUR")
    assert figures.total == sum(row.payment for row in figures.schedule)


def test_the_level_payment_is_the_common_one_not_the_last() -> None:
    figures = examples.loan_figures(D(1000), D(7), 12)
    payments = [row.payment for row in figures.schedule]
    assert payments.count(figures.payment) >= len(payments) - 1


def test_another_language_uses_djangos_number_format() -> None:
    assert examples.resolve("loan.payment", (D(10000), D(5), D(60)), "de") == "188,71 EUR"
    assert examples.resolve("loan.interest", (D(10000), D(5), D(60)), "xx") == "1,322.74 EUR"


@pytest.mark.parametrize(("name", "numbers", "why"), [
    ("loan.payment", (D(10000), D(5)), "needs 3 or 4 numbers"),
    ("loan.payment", (D(0), D(5), D(60)), "more than zero"),
    ("loan.payment", (D("10.001"), D(5), D(60)), "at most 2 decimals"),
    ("loan.total", (D(10000), D(5), D("60.5")), "whole number"),
    ("loan.total", (D(10000), D(5), D(60), D(60)), "grace period"),
    ("loan.interest", (D(10000), D(500), D(60)), "more than 100"),
    ("sp.year", (D(1),), "takes no numbers"),
    ("loan.fee", (), "unknown directive"),
])
def test_unfit_directives_are_refused_in_plain_english(
        name: str, numbers: tuple[Decimal, ...], why: str) -> None:
    with pytest.raises(GuideTextError, match=why):
        examples.resolve(name, numbers, "en")


def test_contributions_are_rounded_per_part_and_added() -> None:
    table = examples.contributions()
    assert table.year >= 2026
    expected = Decimal(0)
    for part in table.parts:
        if part.rate is None:
            assert part.amount == part.amount.quantize(D("0.01"))
        else:
            assert part.amount == (table.minimum_base * part.rate / 100).quantize(D("0.01"))
        expected += part.amount
    assert table.total == expected
    assert examples.resolve("sp.contributions", (), "en") == f"{expected:,.2f} EUR"
    assert examples.resolve("sp.base", (), "en") == f"{table.minimum_base:,.2f} EUR"
    assert examples.resolve("sp.year", (), "sl") == str(table.year)
    assert all(s["url"].startswith("http") for s in table.sources) and table.sources


def test_directives_expand_inside_the_markup() -> None:
    body = "Monthly: {{ loan.payment 10000 5 60 }}.\n\n- In {{ sp.year }}: {{ sp.contributions }}"
    plain = to_plain(parse(body), "en", examples.resolve)
    assert "Monthly: 188.71 EUR." in plain and "{{" not in plain
    assert expand("{{ loan.payment 10000 5 60 }}", "sl", examples.resolve) == "188,71 EUR"


def test_problems_lists_every_problem_of_a_body() -> None:
    body = ("A {{ loan.payment 10000 5 }} and {{ foo.bar }} and {{ loan.payment 1,5 }}.\n\n"
            "[ok](https://example.org/) [ok](/guides/microloan/) [ok](/finder/#x) "
            "[bad](/no-such-page/) [bad](http://example.org/) [bad](//evil.example/)")
    found = examples.problems(body)
    assert len(found) == 6, found
    assert any("needs 3 or 4 numbers" in p for p in found)
    assert any("unknown directive {{ foo.bar }}" in p for p in found)
    assert any("cannot be read" in p for p in found)
    assert any("/no-such-page/ leads to no page" in p for p in found)
    assert any("http://example.org/" in p for p in found)
    assert any("//evil.example/" in p for p in found)
    assert examples.problems("Fine: {{ loan.total 5000 3.5 24 2 }}, [x](/glossary/).") == []
