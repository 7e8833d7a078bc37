"""Reading a PDF back as text (poppler's pdftotext), for tests that check a PDF fits its page."""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: A4 in PDF points, and the 16 mm side margins of clubs/pdf_base.html.
A4_WIDTH, A4_HEIGHT = 595.28, 841.89
SIDE_MARGIN = 16 / 25.4 * 72


@dataclass(frozen=True)
class Word:
    text: str
    page: int
    x_min: float
    x_max: float


def _run(args: list[str], pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.pdf"
        path.write_bytes(pdf)
        return subprocess.run([*args, str(path), "-"], capture_output=True, text=True,
                              check=True).stdout


def layout_text(pdf: bytes) -> str:
    """The text as `pdftotext -layout` lays it out (text past a page's edge is lost)."""
    return _run(["pdftotext", "-layout"], pdf)


def pages_and_words(pdf: bytes) -> tuple[list[tuple[float, float]], list[Word]]:
    """Each page's (width, height) and every word with its horizontal place, in points."""
    out = _run(["pdftotext", "-bbox"], pdf)
    pages: list[tuple[float, float]] = []
    words: list[Word] = []
    for block in re.split(r"(?=<page )", out)[1:]:
        size = re.match(r'<page width="([\d.]+)" height="([\d.]+)"', block)
        assert size is not None
        pages.append((float(size[1]), float(size[2])))
        for x_min, x_max, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            block,
        ):
            words.append(Word(html.unescape(text), len(pages), float(x_min), float(x_max)))
    return pages, words


def fit_problems(pdf: bytes, headings: list[str]) -> list[str]:
    """What does not fit: a page that is not A4, a word past the right margin, a heading (each
    of its words, in order) missing from the text pdftotext reads back."""
    problems = []
    pages, words = pages_and_words(pdf)
    for number, (width, height) in enumerate(pages, start=1):
        if abs(width - A4_WIDTH) > 1 or abs(height - A4_HEIGHT) > 1:
            problems.append(f"page {number} is {width} × {height} pt, not A4 portrait")
    right = A4_WIDTH - SIDE_MARGIN + 1
    problems += [f"“{w.text}” on page {w.page} ends at {w.x_max:.1f} pt, past {right:.1f}"
                 for w in words if w.x_max > right]
    text = layout_text(pdf)
    tokens = text.split()
    for heading in headings:
        missing = [part for part in heading.split() if part not in tokens]
        if missing:
            problems.append(f"heading “{heading}”: {missing} not in the text")
    return problems
