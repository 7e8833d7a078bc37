"""Charts of the dashboards as SVG drawn on the server (`../shared/specs/impact.md` §3): pure
functions from a series of (label, value) to an SVG string; no ORM, no JavaScript, no CDN.

Each chart is an image with a name: `<svg role="img" aria-labelledby=…>` with a `<title>` and a
`<desc>`, and every point or bar carries its own `<title>` with the value as the reader writes
it (`fmt`, given by the caller in the page's language), so that the numbers in the picture are
the numbers of the data table beside it. The SVG has a `viewBox` and `width="100%"`: it scales
to a 360 px phone. Values are `Decimal` (or None for a gap); coordinates are computed in
`Decimal` and written with one decimal, never through a float.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from xml.sax.saxutils import escape, quoteattr

WIDTH = Decimal(640)
HEIGHT = Decimal(300)
LEFT = Decimal(96)    # room for the value axis' labels
RIGHT = Decimal(16)
TOP = Decimal(16)
BOTTOM = Decimal(48)  # room for the category or date labels
_ONE = Decimal("0.1")

Point = tuple[str, Decimal | None]
Formatter = Callable[[Decimal], str]


def _n(value: Decimal) -> str:
    """A coordinate with one decimal."""
    return str(value.quantize(_ONE, rounding=ROUND_HALF_EVEN))


def _scale(values: Sequence[Decimal]) -> tuple[Decimal, Decimal]:
    """The value axis: from min(0, lowest) to max(0, highest); a flat series gets room."""
    low = min([Decimal(0), *values])
    high = max([Decimal(0), *values])
    if high == low:
        high = low + 1
    return low, high


def _y(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    plot = HEIGHT - TOP - BOTTOM
    return TOP + plot - (value - low) * plot / (high - low)


def _open(chart_id: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" class="chart" id={quoteattr(chart_id)} '
        f'aria-labelledby={quoteattr(f"{chart_id}-title {chart_id}-desc")}>',
        f'<title id={quoteattr(chart_id + "-title")}>{escape(title)}</title>',
        f'<desc id={quoteattr(chart_id + "-desc")}>{escape(desc)}</desc>',
    ]


def _axes(low: Decimal, high: Decimal, fmt: Formatter) -> list[str]:
    """The value axis with its lowest, zero and highest value written beside it."""
    parts = [
        f'<line x1="{_n(LEFT)}" y1="{_n(TOP)}" x2="{_n(LEFT)}" y2="{_n(HEIGHT - BOTTOM)}" '
        'stroke="#555" stroke-width="1"/>',
    ]
    for tick in sorted({low, Decimal(0), high}):
        y = _y(tick, low, high)
        parts.append(
            f'<line x1="{_n(LEFT)}" y1="{_n(y)}" x2="{_n(WIDTH - RIGHT)}" y2="{_n(y)}" '
            f'stroke="#ccc" stroke-width="1"/>'
            f'<text x="{_n(LEFT - 6)}" y="{_n(y + 5)}" text-anchor="end" font-size="14" '
            f'fill="#222">{escape(fmt(tick))}</text>'
        )
    return parts


def _x_labels(labels: Sequence[str], xs: Sequence[Decimal]) -> list[str]:
    """The first, the middle and the last label (all of them when there are few)."""
    if not labels:
        return []
    shown = range(len(labels)) if len(labels) <= 6 else sorted(
        {0, len(labels) // 2, len(labels) - 1})
    y = HEIGHT - BOTTOM + 22
    parts = []
    for i in shown:
        anchor = "start" if i == 0 and len(labels) > 1 else (
            "end" if i == len(labels) - 1 and len(labels) > 1 else "middle")
        parts.append(f'<text x="{_n(xs[i])}" y="{_n(y)}" text-anchor="{anchor}" font-size="14" '
                     f'fill="#222">{escape(labels[i])}</text>')
    return parts


def line_chart(*, chart_id: str, title: str, desc: str, points: Sequence[Point],
               fmt: Formatter) -> str:
    """A trend over time: one line through the points in order (a None value is a gap)."""
    parts = _open(chart_id, title, desc)
    values = [v for _, v in points if v is not None]
    low, high = _scale(values)
    parts += _axes(low, high, fmt)
    plot_w = WIDTH - LEFT - RIGHT
    steps = max(len(points) - 1, 1)
    xs = [LEFT + (plot_w * i / steps if len(points) > 1 else plot_w / 2)
          for i in range(len(points))]
    run: list[str] = []
    runs: list[list[str]] = []
    for x, (_, value) in zip(xs, points, strict=True):
        if value is None:
            if run:
                runs.append(run)
            run = []
            continue
        run.append(f"{_n(x)},{_n(_y(value, low, high))}")
    if run:
        runs.append(run)
    for line in runs:
        if len(line) > 1:
            parts.append(f'<polyline points="{" ".join(line)}" fill="none" stroke="#1f5fa8" '
                         'stroke-width="3"/>')
    for x, (label, value) in zip(xs, points, strict=True):
        if value is None:
            continue
        parts.append(
            f'<circle cx="{_n(x)}" cy="{_n(_y(value, low, high))}" r="4" fill="#1f5fa8">'
            f"<title>{escape(label)}: {escape(fmt(value))}</title></circle>"
        )
    parts += _x_labels([label for label, _ in points], xs)
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(*, chart_id: str, title: str, desc: str, points: Sequence[Point],
              fmt: Formatter) -> str:
    """Values by category: one bar each, its value written above it (a None value, e.g. a
    figure not shown, has no bar)."""
    parts = _open(chart_id, title, desc)
    values = [v for _, v in points if v is not None]
    low, high = _scale(values)
    parts += _axes(low, high, fmt)
    plot_w = WIDTH - LEFT - RIGHT
    slot = plot_w / max(len(points), 1)
    bar_w = slot * Decimal("0.6")
    zero = _y(Decimal(0), low, high)
    xs = [LEFT + slot * i + slot / 2 for i in range(len(points))]
    for x, (label, value) in zip(xs, points, strict=True):
        if value is None:
            continue
        y = _y(value, low, high)
        top, height = (y, zero - y) if value >= 0 else (zero, y - zero)
        parts.append(
            f'<rect x="{_n(x - bar_w / 2)}" y="{_n(top)}" width="{_n(bar_w)}" '
            f'height="{_n(height)}" fill="#1f5fa8">'
            f"<title>{escape(label)}: {escape(fmt(value))}</title></rect>"
        )
    if len(points) <= 6:
        parts += _x_labels([label for label, _ in points], xs)
    parts.append("</svg>")
    return "".join(parts)
