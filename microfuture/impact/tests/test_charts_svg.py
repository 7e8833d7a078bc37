"""The charts are SVG drawn on the server: well-formed XML, an image with a title and a
description, every value of the series written in the picture as the reader writes it, scaled
to any width (viewBox, width 100%), and no script."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from xml.etree import ElementTree  # our own SVG, not untrusted input

from microfuture.impact.charts import bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def sl_money(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",") + " €"


POINTS = [("31. 1. 2026", Decimal("0")), ("28. 2. 2026", Decimal("40.00")),
          ("31. 3. 2026", Decimal("111.00"))]


def _parse(svg: str) -> Any:
    return ElementTree.fromstring(svg)  # noqa: S314


def test_a_line_chart_is_a_named_image_holding_the_numbers_of_its_table() -> None:
    svg = line_chart(chart_id="chart-nav", title="Net asset value <Srce & co>",
                     desc="One point per date.", points=POINTS, fmt=sl_money)
    root = _parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("width") == "100%"
    assert root.get("viewBox") == "0 0 640 300"
    assert root.get("aria-labelledby") == "chart-nav-title chart-nav-desc"
    assert root.find(f"{SVG}title").text == "Net asset value <Srce & co>"  # escaped, read back
    assert root.find(f"{SVG}desc").text == "One point per date."
    point_titles = [t.text for t in root.iter(f"{SVG}title")][1:]
    assert point_titles == ["31. 1. 2026: 0,00 €", "28. 2. 2026: 40,00 €",
                            "31. 3. 2026: 111,00 €"]
    assert len(list(root.iter(f"{SVG}polyline"))) == 1
    assert "script" not in svg and "http://" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_the_line_rises_with_the_values() -> None:
    root = _parse(line_chart(chart_id="c", title="t", desc="d", points=POINTS, fmt=sl_money))
    ys = [Decimal(c.get("cy")) for c in root.iter(f"{SVG}circle")]
    assert ys[0] > ys[1] > ys[2]  # SVG's y grows downwards
    xs = [Decimal(c.get("cx")) for c in root.iter(f"{SVG}circle")]
    assert xs == sorted(xs) and all(Decimal(96) <= x <= Decimal(624) for x in xs)


def test_a_gap_in_a_line_has_no_point_and_breaks_the_line() -> None:
    points = [("a", Decimal("1")), ("b", Decimal("2")), ("c", None), ("d", Decimal("3")),
              ("e", Decimal("4"))]
    root = _parse(line_chart(chart_id="c", title="t", desc="d", points=points, fmt=str))
    assert len(list(root.iter(f"{SVG}circle"))) == 4
    assert len(list(root.iter(f"{SVG}polyline"))) == 2


def test_a_bar_chart_has_one_bar_per_value_with_its_number() -> None:
    points = [("Equity", Decimal("0")), ("Loans", Decimal("1500.00")),
              ("Repayable advances", Decimal("250.50")), ("Participatory", None)]
    root = _parse(bar_chart(chart_id="chart-instruments", title="Invested by instrument",
                            desc="One bar per instrument.", points=points, fmt=sl_money))
    bars = list(root.iter(f"{SVG}rect"))
    assert [b.find(f"{SVG}title").text for b in bars] == [
        "Equity: 0,00 €", "Loans: 1500,00 €", "Repayable advances: 250,50 €"]
    heights = [Decimal(b.get("height")) for b in bars]
    assert heights[0] == 0 and heights[1] > heights[2] > 0
    assert abs(heights[1] / heights[2] - Decimal("1500") / Decimal("250.5")) < Decimal("0.01")


def test_negative_values_go_below_the_zero_line() -> None:
    root = _parse(bar_chart(chart_id="c", title="t", desc="d",
                            points=[("gain", Decimal("10")), ("loss", Decimal("-5"))], fmt=str))
    gain, loss = list(root.iter(f"{SVG}rect"))
    assert Decimal(gain.get("y")) + Decimal(gain.get("height")) == Decimal(loss.get("y"))


def test_an_empty_series_is_still_a_valid_named_image() -> None:
    root = _parse(line_chart(chart_id="c", title="Nothing yet", desc="No snapshot.", points=[],
                             fmt=str))
    assert root.find(f"{SVG}title").text == "Nothing yet"
    assert list(root.iter(f"{SVG}circle")) == []
