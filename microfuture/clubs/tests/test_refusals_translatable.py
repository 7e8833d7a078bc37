"""Every refusal of the money core can be put into Slovenian, and stays so.

A scan of the core's source (and of the money services) fails on any refusal built from an
f-string or from a literal that `makemessages` cannot find: each must be
`EventRejected(gettext_noop("... {name} ..."), name=...)`, with exactly the parameters its
template names. The catalogue must then hold a Slovenian sentence for every template, with
the same placeholders, and a Slovenian word for every code of the core's vocabulary.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from microfuture.clubs.core import EVENT_TYPES, INSTRUMENTS
from microfuture.clubs.core.events import FIELD_NAMES
from microfuture.clubs.messages import VOCABULARY

ROOT = Path(__file__).resolve().parents[3]
CORE = sorted((ROOT / "microfuture" / "clubs" / "core").glob("*.py"))
SERVICES = sorted((ROOT / "microfuture" / "clubs" / "services").glob("*.py"))
CATALOGUE = ROOT / "locale" / "sl" / "LC_MESSAGES" / "django.po"

#: Calls whose first argument is a message template.
TEMPLATED = {"AccountingError", "EventRejected", "Text"}
MARK = "gettext_noop"


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _marked(node: ast.expr) -> list[str] | None:
    """The templates of `gettext_noop("…")`, or of a choice between two such; else None."""
    if isinstance(node, ast.IfExp):
        body, orelse = _marked(node.body), _marked(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if (
        isinstance(node, ast.Call) and _callee(node) == MARK and len(node.args) == 1
        and not node.keywords and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return [node.args[0].value]
    return None


def _placeholders(template: str) -> set[tuple[str, str | None]]:
    return {
        (name, conversion)
        for _text, name, _spec, conversion in string.Formatter().parse(template)
        if name is not None
    }


#: The classes that carry a template build their `Text` from the template they were given.
MACHINERY = {"AccountingError", "EventRejected", "Text", "JournalError"}


def _calls(tree: ast.AST) -> Iterator[ast.Call]:
    """Every call, except those inside the classes that carry a template."""
    inside = {
        id(node)
        for cls in ast.walk(tree)
        if isinstance(cls, ast.ClassDef) and cls.name in MACHINERY
        for node in ast.walk(cls)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and id(node) not in inside:
            yield node


def scan(source: str, where: str, *, core: bool = True) -> tuple[list[str], list[str]]:
    """(problems, templates) of one module: every refusal built without a marked template."""
    tree = ast.parse(source)
    problems: list[str] = []
    templates: list[str] = []
    for call in _calls(tree):
        name = _callee(call)
        place = f"{where}:{call.lineno}"
        if name == MARK:
            found = _marked(call)
            if found is None:
                problems.append(f"{place}: {MARK}() takes one plain string literal")
            else:
                templates += found
            continue
        if name == "ClubError" and call.args:
            first = call.args[0]
            plain = isinstance(first, ast.JoinedStr) or (
                isinstance(first, ast.Constant) and isinstance(first.value, str)
            ) or (isinstance(first, ast.BinOp) and isinstance(first.left, ast.JoinedStr | ast.Constant))
            if plain:
                problems.append(
                    f"{place}: ClubError(...) from a plain or f-string; use "
                    f"ClubError(Text({MARK}(...), ...)) or a gettext() translation"
                )
            continue
        if core and name == "JournalError" and isinstance(call.func, ast.Name):
            problems.append(f"{place}: make a JournalError with JournalError.of(line, Text(...))")
            continue
        if name not in TEMPLATED:
            continue
        if any(isinstance(node, ast.JoinedStr) for arg in call.args for node in ast.walk(arg)) or any(
            isinstance(node, ast.JoinedStr) for kw in call.keywords for node in ast.walk(kw.value)
        ):
            problems.append(f"{place}: {name}(...) is built with an f-string")
            continue
        if not call.args:
            problems.append(f"{place}: {name}() needs a template")
            continue
        first = call.args[0]
        found = _marked(first)
        if found is None:
            again = (
                name != "Text" and isinstance(first, ast.Attribute) and first.attr == "text"
                and len(call.args) == 1 and not call.keywords
            )
            if not again:  # `EventRejected(exc.text)` passes on a refusal already checked
                problems.append(
                    f"{place}: {name}(...) must take {MARK}(\"a literal template\") first"
                )
            continue
        if len(call.args) > 1:
            problems.append(f"{place}: {name}(...) takes its parameters by name")
            continue
        if any(kw.arg is None for kw in call.keywords):
            continue  # **params: not checkable here
        given = {kw.arg for kw in call.keywords if kw.arg is not None}
        for template in found:
            named = {field for field, _conversion in _placeholders(template)}
            if named != given:
                problems.append(
                    f"{place}: the template names {sorted(named)} but the call gives "
                    f"{sorted(given)}"
                )
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Name | ast.Attribute):
            raised = node.exc.id if isinstance(node.exc, ast.Name) else node.exc.attr
            if raised in {"AccountingError", "EventRejected"}:
                problems.append(f"{where}:{node.lineno}: raise {raised} without a message")
    return problems, templates


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgstr: str = ""
    flags: set[str] = field(default_factory=set)


def catalogue() -> list[Entry]:
    """The entries of the Slovenian .po file (a plural one with its first form)."""
    entries: list[Entry] = []
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        parts: dict[str, str] = {}
        flags: set[str] = set()
        key = ""
        for line in block.splitlines():
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                parts[key] += ast.literal_eval(line)  # PO strings escape as Python's do
            else:
                key, _, rest = line.partition(" ")
                parts[key] = ast.literal_eval(rest)
        if parts.get("msgid"):
            entries.append(Entry(
                msgctxt=parts.get("msgctxt"), msgid=parts["msgid"],
                msgstr=parts.get("msgstr", parts.get("msgstr[0]", "")), flags=flags,
            ))
    return entries


def _scan_all() -> tuple[list[str], list[str]]:
    problems: list[str] = []
    templates: list[str] = []
    for path in CORE + SERVICES:
        found, marked = scan(
            path.read_text(), str(path.relative_to(ROOT)), core=path in CORE
        )
        problems += found
        templates += marked
    return problems, templates


def test_every_refusal_of_the_core_is_built_from_a_marked_template():
    problems, templates = _scan_all()
    assert problems == []
    # The scan did see the core's refusals (about 90 templates today), not an empty tree.
    assert len(set(templates)) > 80


@pytest.mark.parametrize(
    ("source", "complaint"),
    [
        ('raise EventRejected(f"{m} has not joined the club")', "f-string"),
        ('raise EventRejected("a join needs a member name")', "literal template"),
        ('raise AccountingError("cash " + "would go negative")', "literal template"),
        ('raise EventRejected(gettext_noop(f"{m} left"), m=m)', "f-string"),
        ('raise EventRejected(gettext_noop("{m} left on {d}"), m=m)', "the template names"),
        ('raise EventRejected(gettext_noop("{m} left"), m)', "by name"),
        ('errors.append(JournalError(1, "the file is empty"))', "JournalError.of"),
        ('row_errors.append(Text(message))', "literal template"),
        ('raise ClubError(f"A club called {name!r} already exists.")', "ClubError"),
        ('raise ClubError("Unknown role.")', "ClubError"),
        ('gettext_noop("a" + b)', "one plain string literal"),
    ],
)
def test_the_scan_catches_an_untranslatable_refusal(source, complaint):
    problems, _templates = scan(source, "example.py")
    assert problems and complaint in " ".join(problems)


def test_the_scan_lets_marked_refusals_through():
    source = """
raise EventRejected(gettext_noop("{member} has not joined the club"), member=name)
raise EventRejected(
    gettext_noop("must be 0 or more") if zero else gettext_noop("must be more than zero")
)
raise EventRejected(exc.text) from None
errors.append(JournalError.of(line, Text(gettext_noop("the date is missing"))))
raise ClubError(_("Unknown region."))
"""
    problems, templates = scan(source, "example.py")
    assert problems == []
    assert templates == [
        "{member} has not joined the club", "must be 0 or more", "must be more than zero",
        "the date is missing",
    ]


def test_every_template_has_a_slovenian_sentence_with_the_same_placeholders():
    _problems, templates = _scan_all()
    sentences = {entry.msgid: entry for entry in catalogue() if entry.msgctxt is None}
    assert len(sentences) > 1000  # the reader did read the catalogue
    for template in set(templates):
        entry = sentences.get(template)
        assert entry is not None, f"not in the catalogue: {template!r} (run make messages)"
        assert entry.msgstr and "fuzzy" not in entry.flags, f"no Slovenian for {template!r}"
        assert _placeholders(entry.msgstr) == _placeholders(template), entry.msgstr
        assert entry.msgstr != template, f"left in English: {template!r}"


def test_every_word_of_the_core_s_vocabulary_has_a_slovenian_word():
    codes = (
        {("event", code) for code in EVENT_TYPES}
        | {("field", code) for code in FIELD_NAMES}
        | {("instrument", code) for code in INSTRUMENTS}
    )
    assert codes == set(VOCABULARY)
    contexts = {"money event type", "money event field", "instrument"}
    words = [e for e in catalogue() if e.msgctxt in contexts]
    assert len(words) == len(VOCABULARY)
    assert all(e.msgstr and "fuzzy" not in e.flags for e in words)
