"""Glossary marking: the first use on a page of each glossary term links to its definition
(`../shared/specs/guides.md` §2), without JavaScript.

`marker(lang)` returns a function from plain text to escaped HTML. Each call of that function
marks only terms it has not marked before, so one marker per page gives "first use on the page"
(the `{% glossed %}` tag keeps it on the request). A term is found by any of its word `forms`
(whole words, any case) or its abbreviation (as written, case and all): the longest candidate
wins where several start at the same place, and nothing is found inside another match. Word
boundaries are Unicode letters and digits, so `č`, `š`, `ž` are letters.

The compiled patterns are kept per language in the process; each `marker()` reads the
language's glossary rows in one query and compiles again only when they changed, so an edit in
the admin shows on the next page in every process.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.html import escape

from microfuture.guides.models import GlossaryText

__all__ = ["Marker", "marker", "term_index"]

Marker = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class _Entry:
    slug: str
    name: str
    abbr: str


#: A found term: where it starts and ends in the text, the text found, the entry, and whether
#: it was found as the abbreviation.
_Found = tuple[int, int, str, _Entry, bool]
#: Texts whose terms a compiled glossary keeps found (then it starts again).
_KEEP_FOUND = 20_000


@dataclass(frozen=True, slots=True)
class _Compiled:
    pattern: re.Pattern[str] | None
    abbrs: dict[str, _Entry]  # abbreviation as written -> entry
    forms: dict[str, _Entry]  # lower-case form -> entry
    # The terms found in each text already marked: the same texts (a mechanism's description,
    # a reason) come back on every page, and scanning one with the glossary's long pattern
    # costs far more than looking it up. Kept with the patterns, so a changed glossary starts
    # with none.
    found: dict[str, tuple[_Found, ...]] = field(default_factory=dict)

    def terms_in(self, text: str) -> tuple[_Found, ...]:
        known = self.found.get(text)
        if known is not None:
            return known
        assert self.pattern is not None
        hits = []
        for m in self.pattern.finditer(text):
            entry = self.abbrs.get(m.group(0))
            as_abbr = entry is not None
            if entry is None:
                entry = self.forms.get(" ".join(m.group(0).lower().split()))
            if entry is not None:
                hits.append((m.start(), m.end(), m.group(0), entry, as_abbr))
        if len(self.found) >= _KEEP_FOUND:
            self.found.clear()
        self.found[text] = result = tuple(hits)
        return result


_lock = threading.Lock()
_cache: dict[str, tuple[object, _Compiled]] = {}


def _rows(lang: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    rows = (GlossaryText.objects.filter(language=lang)
            .order_by("term__slug")
            .values_list("term__slug", "name", "abbr", "forms"))
    out = []
    for slug, name, abbr, forms in rows:
        cleaned = tuple(str(f).strip() for f in (forms if isinstance(forms, list) else [])
                        if str(f).strip())
        out.append((slug, name, (abbr or "").strip(), cleaned))
    return out


def _compile(rows: list[tuple[str, str, str, tuple[str, ...]]]) -> _Compiled:
    abbrs: dict[str, _Entry] = {}
    forms: dict[str, _Entry] = {}
    for slug, name, abbr, word_forms in rows:
        entry = _Entry(slug, name, abbr)
        if abbr:
            abbrs.setdefault(abbr, entry)
        for form in (name, *word_forms):
            key = " ".join(form.lower().split())
            # Never a form shorter than three letters (it would catch ordinary words).
            if len(key) >= 3:
                forms.setdefault(key, entry)
    candidates: list[tuple[int, str]] = []
    for abbr in abbrs:
        candidates.append((len(abbr), re.escape(abbr)))
    for form in forms:
        # A space in a form matches any run of white space in the text.
        body = r"\s+".join(re.escape(part) for part in form.split(" "))
        candidates.append((len(form), f"(?i:{body})"))
    if not candidates:
        return _Compiled(None, abbrs, forms)
    # Longest first, so that at one place the longest form wins ("unit value" before "unit").
    candidates.sort(key=lambda c: -c[0])
    alternation = "|".join(text for _length, text in candidates)
    pattern = re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")
    return _Compiled(pattern, abbrs, forms)


def term_index(lang: str) -> _Compiled:
    """The compiled glossary of a language (one query; compiled again only after a change)."""
    rows = _rows(lang)
    key = tuple(rows)
    with _lock:
        cached = _cache.get(lang)
        if cached is not None and cached[0] == key:
            return cached[1]
    compiled = _compile(rows)
    with _lock:
        _cache[lang] = (key, compiled)
    return compiled


def _link(entry: _Entry, found: str, as_abbr: bool) -> str:
    href = f"/glossary/#{entry.slug}"
    inner = str(escape(found))
    if as_abbr:
        inner = f'<abbr title="{escape(entry.name)}">{inner}</abbr>'
    return f'<a class="term" href="{escape(href)}">{inner}</a>'


def marker(lang: str) -> Marker:
    """A function: plain text → escaped HTML with the first use of each term linked.

    The glossary is read when the function is first called with some text (so a page without
    text to mark runs no query)."""
    code = (lang or "en").split("-")[0].lower()
    seen: set[str] = set()
    state: dict[str, _Compiled] = {}

    def mark(text: str) -> str:
        text = "" if text is None else str(text)
        if not text.strip():
            return str(escape(text))
        if "index" not in state:
            state["index"] = term_index(code)
        index = state["index"]
        if index.pattern is None:
            return str(escape(text))
        out: list[str] = []
        pos = 0
        for start, end, found, entry, as_abbr in index.terms_in(text):
            if entry.slug in seen:
                continue
            seen.add(entry.slug)
            out.append(str(escape(text[pos:start])))
            out.append(_link(entry, found, as_abbr))
            pos = end
        out.append(str(escape(text[pos:])))
        return "".join(out)

    return mark
