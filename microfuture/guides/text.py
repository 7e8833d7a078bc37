"""The guides' markup, pure: parsing, worked-example directives, HTML, plain text, and the
plain-language measure (`../shared/specs/guides.md` §1, §4).

Markup (docs/guides.md): blocks separated by a blank line; `## ` and `### ` headings; lists
whose every line starts with `- ` (a checklist: `- [ ] `) or `1. `; any other block is a
paragraph (its lines joined). Inline: `**strong**` and `[text](target)`, the target `https://…`
or an internal path starting with `/`. Directives `{{ name arg … }}` are worked examples the
platform computes (`guides/examples.py` resolves them); nothing else is markup, and everything
is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.html import escape

__all__ = [
    "Block",
    "GuideTextError",
    "directives",
    "expand",
    "inline_html",
    "inline_plain",
    "links",
    "parse",
    "sentences",
    "to_html",
    "to_plain",
    "words",
]

#: A directive's resolver: (name, numbers, language) → the text to put in its place; raises
#: GuideTextError for an unknown name or unfit numbers.
Resolver = Callable[[str, tuple[Decimal, ...], str], str]
#: Glossary marking: plain text → HTML (escaped, terms linked on first use).
Marker = Callable[[str], str]

DIRECTIVE = re.compile(r"\{\{\s*([a-z]+(?:\.[a-z_]+)?)((?:\s+-?[0-9]+(?:\.[0-9]+)?)*)\s*\}\}")
LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
STRONG = re.compile(r"\*\*([^*\n]+)\*\*")
_ITEM = re.compile(r"^(- \[ \] |- |[0-9]+\. )")


class GuideTextError(ValueError):
    """A guide's text that cannot be shown: the message says where and why, in English."""


@dataclass(frozen=True, slots=True)
class Block:
    """One block: `h2`, `h3` or `p` with its `text`; `ul`, `ol` or `check` with its `items`."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()


def parse(body: str) -> list[Block]:
    """The blocks of a body (never raises: an odd block is a paragraph)."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.strip().split("\n") if line.strip()]
        if not lines:
            continue
        first = lines[0]
        if len(lines) == 1 and first.startswith("### "):
            blocks.append(Block("h3", first[4:].strip()))
        elif len(lines) == 1 and first.startswith("## "):
            blocks.append(Block("h2", first[3:].strip()))
        elif all(line.startswith("- [ ] ") for line in lines):
            blocks.append(Block("check", items=tuple(line[6:].strip() for line in lines)))
        elif all(line.startswith("- ") for line in lines):
            blocks.append(Block("ul", items=tuple(line[2:].strip() for line in lines)))
        elif all(re.match(r"^[0-9]+\. ", line) for line in lines):
            blocks.append(Block("ol", items=tuple(_ITEM.sub("", line, count=1).strip()
                                                  for line in lines)))
        else:
            blocks.append(Block("p", " ".join(lines)))
    return blocks


def _texts(blocks: list[Block]) -> list[str]:
    return [text for b in blocks for text in ((b.text,) if b.text else b.items)]


def directives(body: str) -> list[tuple[str, tuple[Decimal, ...]]]:
    """Every directive of a body, in order, with its numbers."""
    found = []
    for m in DIRECTIVE.finditer(body):
        try:
            numbers = tuple(Decimal(n) for n in m.group(2).split())
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            numbers = ()
        found.append((m.group(1), numbers))
    return found


def links(body: str) -> list[str]:
    """Every link target of a body, in order."""
    return [m.group(2) for m in LINK.finditer(body)]


def expand(text: str, lang: str, resolve: Resolver) -> str:
    """The text with each directive replaced by what `resolve` computes for it."""

    def one(m: re.Match[str]) -> str:
        numbers = tuple(Decimal(n) for n in m.group(2).split())
        return resolve(m.group(1), numbers, lang)

    return DIRECTIVE.sub(one, text)


def _safe_target(target: str) -> bool:
    return target.startswith("https://") or (target.startswith("/") and not target.startswith("//"))


def inline_html(text: str, mark: Marker | None = None) -> str:
    """One block's text (directives already expanded) as HTML: escaped, links and strong made,
    glossary terms marked by `mark` in the plain parts (never inside a link)."""
    plain = mark or (lambda s: str(escape(s)))
    out: list[str] = []
    pos = 0
    for m in LINK.finditer(text):
        out.append(_strong(text[pos:m.start()], plain))
        label, target = m.group(1), m.group(2)
        if _safe_target(target):
            out.append(f'<a href="{escape(target)}">{_strong(label, lambda s: str(escape(s)))}</a>')
        else:
            out.append(_strong(label, plain))
        pos = m.end()
    out.append(_strong(text[pos:], plain))
    return "".join(out)


def _strong(text: str, plain: Marker) -> str:
    out: list[str] = []
    pos = 0
    for m in STRONG.finditer(text):
        out.append(plain(text[pos:m.start()]))
        out.append(f"<strong>{plain(m.group(1))}</strong>")
        pos = m.end()
    out.append(plain(text[pos:]))
    return "".join(out)


def inline_plain(text: str) -> str:
    """One block's text without markup: a link keeps its words, `**` goes."""
    return STRONG.sub(r"\1", LINK.sub(r"\1", text))


def to_html(blocks: list[Block], lang: str, resolve: Resolver, mark: Marker | None = None,
            *, heading_ids: bool = True) -> str:
    """The blocks as HTML (headings h2/h3 with ids, lists, checklists as lists of boxes to tick
    on paper)."""
    out: list[str] = []
    for n, b in enumerate(blocks, start=1):
        if b.kind in ("h2", "h3"):
            anchor = f' id="s{n}"' if heading_ids else ""
            out.append(f"<{b.kind}{anchor}>{inline_html(expand(b.text, lang, resolve), mark)}"
                       f"</{b.kind}>")
        elif b.kind == "p":
            out.append(f"<p>{inline_html(expand(b.text, lang, resolve), mark)}</p>")
        else:
            tag = "ol" if b.kind == "ol" else "ul"
            css = ' class="checklist"' if b.kind == "check" else ""
            items = "".join(f"<li>{inline_html(expand(item, lang, resolve), mark)}</li>"
                            for item in b.items)
            out.append(f"<{tag}{css}>{items}</{tag}>")
    return "\n".join(out)


def to_plain(blocks: list[Block], lang: str, resolve: Resolver) -> str:
    """The blocks as plain text (spec §4): headings, paragraphs and list items separated by
    blank lines, no markup, directives computed. A heading or an item that does not end a
    sentence gets a full stop, so that read aloud it ends with a pause and counted by any tool
    it is a sentence of its own (as the plain-language measure counts it)."""
    return "\n\n".join(_ended(inline_plain(expand(text, lang, resolve)))
                       for text in _texts(blocks))


def _ended(text: str) -> str:
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…:;" else f"{text}."


# --- the plain-language measure (spec §1: at most 25 words a sentence, 15 on average) --------

#: Abbreviations whose full stop does not end a sentence.
_NOT_AN_END = ("d.o.o.", "s.p.", "so.p.", "npr.", "oz.", "tj.", "t.i.", "št.", "ipd.",
               "e.g.", "i.e.", "etc.", "approx.", "no.", "dr.", "mr.", "mrs.", "ms.", "čl.", "art.",
               "ur.", "l.")
_END = re.compile(r"(?<=[.!?])[\"'»”)]*\s+")


def sentences(plain: str) -> list[str]:
    """The sentences of a plain text: blocks (split at blank lines) are split after . ! ? that
    is followed by a space, unless the full stop belongs to a known abbreviation."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n", plain):
        block = " ".join(block.split())
        if not block:
            continue
        start = 0
        for m in _END.finditer(block):
            head = block[start:m.start()]
            last = head.rsplit(" ", 1)[-1].lower().lstrip("([«„“\"'")
            if last in _NOT_AN_END and m.end() < len(block):
                continue
            if head.strip():
                found.append(head.strip())
            start = m.end()
        if block[start:].strip():
            found.append(block[start:].strip())
    return found


def words(sentence: str) -> int:
    """Words of a sentence: whitespace-separated tokens holding a letter or a digit."""
    return sum(1 for token in sentence.split() if any(ch.isalnum() for ch in token))
