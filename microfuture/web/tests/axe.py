"""axe-core and a sideways-scroll check, run inside a Playwright page (tests only).

axe-core is vendored (see `vendor/axe-core-*/README.md`) so the tests need no network. It is
given to the page through the DevTools protocol (an init script, or `page.evaluate`), which
the site's Content Security Policy (`script-src 'self'`) does not govern, so the pages are
checked under their real CSP: an inline script tag (`add_script_tag`) would be refused, and
bypassing the CSP would also let inline styles apply that real visitors never get.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

AXE_VERSION = "4.14.1"
AXE_DIR = Path(__file__).parent / "vendor" / f"axe-core-{AXE_VERSION}"

# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no wcag22a tag: 2.2's new A rules sit
# under wcag22aa or are not automatable).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The rules whose verdict depends on the viewport's width: a table box scrolls only when the
# table is wider than the screen, and targets move closer together when the layout narrows.
NARROW_RULES = ["scrollable-region-focusable", "target-size"]

RUN_AXE_JS = """
async ([type, values]) => {
  const results = await axe.run(document, {
    runOnly: {type, values}, resultTypes: ['violations'],
  });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact || '', help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}
"""

# Which elements stick out past the right edge of the viewport, outermost first, leaving out
# those inside a box that scrolls or clips sideways (a keyboard-reachable table wrapper).
WIDE_ELEMENTS_JS = """
() => {
  const width = window.innerWidth;
  // A box clips what it contains only if it is (or holds) the element's containing block:
  // an absolutely positioned element inside a scrolling table box that is not positioned
  // still widens the page.
  const clipped = (el) => {
    const position = getComputedStyle(el).position;
    if (position === 'fixed') return false;
    let needPositioned = position === 'absolute';
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (needPositioned) {
        if (style.position === 'static') continue;
        needPositioned = false;
      }
      if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.classList.length ? '.' + [...el.classList].join('.') : '') +
    (el.textContent.trim() ? ' "' + el.textContent.trim().slice(0, 40) + '"' : '');
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5 || clipped(el)) continue;
    if (wide.some((w) => w.el.contains(el))) continue;
    wide.push({el, text: name(el) + ' (right edge at ' + Math.round(box.right) + ' px)'});
  }
  if (!wide.length) {  // no box sticks out: look for content spilling out of its box
    for (const el of document.body.querySelectorAll('*')) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' &&
          el.getBoundingClientRect().left + el.scrollWidth > width && !clipped(el)) {
        wide.push({el, text: name(el).slice(0, 80) + ' (content ' + el.scrollWidth + ' px wide)'});
      }
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width,
          wide: wide.slice(0, 5).map((w) => w.text)};
}
"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:4]) + (" …" if len(self.targets) > 4 else "")
        return f"{self.rule} ({self.impact}): {self.help} — {shown}"


@cache
def axe_source() -> str:
    return (AXE_DIR / "axe.min.js").read_text(encoding="utf-8")


def install_axe(context: Any) -> None:
    """Load axe-core into every page of a browser context as it opens: much cheaper than
    sending the 650 kB script into each page again (Chromium keeps it compiled)."""
    context.add_init_script(script=axe_source())


def axe_violations(page: Any, rules: list[str] | None = None) -> list[Violation]:
    """Run axe-core on the page as it is now: WCAG 2.2 A and AA rules, or only `rules`."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    return [
        Violation(v["id"], v["impact"], v["help"], tuple(v["targets"]))
        for v in page.evaluate(RUN_AXE_JS, ["rule", rules] if rules else ["tag", WCAG_TAGS])
    ]


def sideways_overflow(page: Any) -> str:
    """Empty when the page fits its viewport's width; else what sticks out."""
    found = page.evaluate(WIDE_ELEMENTS_JS)
    if found["scrollWidth"] <= found["width"] and not found["wide"]:
        return ""
    return (f"scrollWidth {found['scrollWidth']} px in a {found['width']} px viewport; "
            f"too wide: {', '.join(found['wide']) or 'nothing visible'}")
