"""A small accessibility smoke check run inside the page (no third-party scanner offline).

It checks what most often breaks WCAG 2.2 AA on a server-rendered page: the document
language, one main landmark, one h1 and no skipped heading levels, a skip link, an
accessible name for every control, link and image, and text contrast of at least 4.5:1.
"""

from __future__ import annotations

from typing import Any

CHECK_JS = r"""
() => {
  const problems = [];
  const html = document.documentElement;
  if (!['sl', 'en'].includes(html.lang)) problems.push('html lang is ' + html.lang);
  if (document.querySelectorAll('main').length !== 1) problems.push('not exactly one <main>');
  if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one <h1>');
  let last = 0;
  for (const h of document.querySelectorAll('h1,h2,h3,h4,h5,h6')) {
    const level = Number(h.tagName[1]);
    if (last && level > last + 1) problems.push('heading level skipped at ' + h.textContent.trim());
    last = level;
  }
  const skip = document.querySelector('a.skip-link');
  if (!skip || !document.querySelector(skip.getAttribute('href'))) problems.push('no working skip link');
  const named = (el) => {
    if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return true;
    if (el.id && document.querySelector('label[for="' + el.id + '"]')) return true;
    if (el.closest('label')) return true;
    if (el.title) return true;
    return false;
  };
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    if (!named(el)) problems.push('control without label: ' + (el.name || el.outerHTML.slice(0, 60)));
  }
  for (const el of document.querySelectorAll('a[href], button')) {
    if (!el.textContent.trim() && !el.getAttribute('aria-label') && !el.querySelector('img[alt]'))
      problems.push('link or button without text: ' + el.outerHTML.slice(0, 80));
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('img without alt');
  const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    while (el) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
      el = el.parentElement;
    }
    return [255, 255, 255];
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || el.closest('.skip-link, .visually-hidden')) continue;
    const a = lum(rgb(style.color).slice(0, 3)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ' for "' + node.textContent.trim().slice(0, 40) + '"');
  }
  return problems;
}
"""


def accessibility_problems(page: Any) -> list[str]:
    return list(page.evaluate(CHECK_JS))
