"""Strict reading and plain writing of the YAML and JSON files people import and export.

Pure (no Django, no I/O). The finder's catalogue (`finder/catalogue.py`) and the practice
library's files (`practices/practice_file.py`) are read and written through these pieces, so
that every file refuses the same mistakes with the same words:

* parsing refuses a key given twice in one mapping (PyYAML and `json` would keep the last),
  keeps JSON decimals as `Decimal`, and turns JSON's NaN and Infinity into `NotANumber`, which
  no number reader accepts;
* `Reader` records each problem as a `FileError` (place, plain reason) and carries on, so a
  file's readers can return every problem, not the first;
* writing gives YAML with lists of codes on one line (`Flow`), or indented JSON, and numbers
  that no reader turns into floats.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import yaml

# A bilingual text is a plain value of the finder's pure core; this module only reads and
# writes it.
from microfuture.kernel.text import Bilingual

__all__ = [
    "COUNTRY_RE",
    "SLUG_RE",
    "URL_RE",
    "Dumper",
    "FileError",
    "FileSyntaxError",
    "Flow",
    "NotANumber",
    "Reader",
    "cleared_fields",
    "dump",
    "load",
    "number_out",
    "parse",
    "record_lines",
    "text_out",
    "with_lines",
]

COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
URL_RE = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class FileError:
    """One problem in a file: where it is and what is wrong, in plain words; `line` is the
    line (from 1) where the record it belongs to starts, when the reader knows it."""

    place: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line is not None else ""
        return f"{self.place}: {self.message}{where}"


class FileSyntaxError(Exception):
    """The text is not JSON or YAML that may be read (at `place`, for `message`)."""

    def __init__(self, place: str, message: str) -> None:
        super().__init__(message)
        self.place = place
        self.message = message


# Parsing ---------------------------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML that refuses a key given twice in one mapping (PyYAML keeps the last)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if not isinstance(key, Hashable):
            continue  # construct_mapping below refuses it with its own message
        if key in seen:
            mark = key_node.start_mark
            raise FileSyntaxError(f"line {mark.line + 1}", f"the key {key!r} is given twice")
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _construct_timestamp(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    """A YAML date, or a syntax error at its place for an impossible one (2024-13-01), which
    PyYAML would let escape as a bare ValueError."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a real date ({exc})", node.start_mark
        ) from None


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise FileSyntaxError("file", f"the key {key!r} is given twice in one object")
        result[key] = value
    return result


class NotANumber:
    """What JSON's NaN and Infinity become, so that they are refused as amounts."""

    def __init__(self, text: str) -> None:
        self.text = text


# No file of ours nests deeper than a handful of levels; a deeper one is an attack or a
# mistake, and Python's parsers would overflow the stack on it (RecursionError).
MAX_DEPTH = 50
# YAML aliases (*name) repeat an anchored node (&name); each one may add at most this many
# nodes in all, so that a few lines of aliases to aliases cannot grow into billions of values
# ("billion laughs") when the data is walked.
MAX_ALIAS_NODES = 10_000
_TOO_DEEP = f"is nested more than {MAX_DEPTH} levels deep; no file of ours is, so it is refused"


def _depth(data: Any) -> int:
    """How deep lists and mappings nest in the data (walked without recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, Mapping):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def _parse_json(text: str) -> Any:
    try:
        data = json.loads(
            text,
            parse_float=Decimal,
            parse_constant=NotANumber,
            object_pairs_hook=_json_pairs,
        )
    except json.JSONDecodeError as exc:
        raise FileSyntaxError(f"line {exc.lineno}, column {exc.colno}",
                              f"this is not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise FileSyntaxError("file", _TOO_DEEP) from None
    if _depth(data) > MAX_DEPTH:
        raise FileSyntaxError("file", _TOO_DEEP)
    return data


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 0


def _scan_yaml(text: str) -> dict[tuple[str, int], int]:
    """Refuse YAML nested deeper than MAX_DEPTH or whose aliases grow it by more than
    MAX_ALIAS_NODES nodes (before anything is built); return the line where each item of
    the top mapping's lists starts: {("practices", 0): 3, ...}."""
    lines: dict[tuple[str, int], int] = {}
    depth = 0
    nodes = 0  # nodes so far, each alias counted as the nodes it repeats
    added = 0  # nodes added by aliases
    starts: list[tuple[str | None, int]] = []  # (anchor, nodes) of each open collection
    sizes: dict[str, int] = {}
    top_key: str | None = None
    expect_key = True  # inside the top mapping: is the next node a key?
    index = 0
    try:
        for event in yaml.parse(text, Loader=_StrictLoader):
            is_start = isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
            is_node = is_start or isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent))
            if is_node and depth == 2 and top_key is not None:
                lines[(top_key, index)] = _line(event)
                index += 1
            if is_node and depth == 1:
                if expect_key:
                    top_key = event.value if isinstance(event, yaml.ScalarEvent) else None
                    index = 0
                expect_key = not expect_key
            if isinstance(event, yaml.AliasEvent):
                size = sizes.get(str(event.anchor), 1)
                nodes += size
                added += size
                if added > MAX_ALIAS_NODES:
                    raise FileSyntaxError(
                        f"line {_line(event)}",
                        f"its aliases (*name) repeat more than {MAX_ALIAS_NODES} values; "
                        "write the values out instead")
            elif is_node:
                nodes += 1
                if isinstance(event, yaml.ScalarEvent) and event.anchor:
                    sizes[event.anchor] = 1
            if is_start:
                depth += 1
                if depth > MAX_DEPTH:
                    raise FileSyntaxError(f"line {_line(event)}", _TOO_DEEP)
                starts.append((getattr(event, "anchor", None), nodes - 1))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                anchor, start = starts.pop()
                if anchor:
                    sizes[anchor] = nodes - start
    except yaml.YAMLError:
        return lines  # the parser proper says what is wrong, with its place
    return lines


def _parse_yaml(text: str) -> Any:
    _scan_yaml(text)
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:
        raise FileSyntaxError("file", _TOO_DEEP) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        reason = exc.problem or exc.context or "unreadable"
        raise FileSyntaxError(place, f"this is not valid YAML: {reason}") from None
    except yaml.YAMLError as exc:
        raise FileSyntaxError("file", f"this is not valid YAML: {exc}") from None


def parse(text: str, filename: str) -> Any:
    """The file's data: JSON or YAML by the file's extension; without one, JSON if it reads
    as JSON, else YAML. Raises `FileSyntaxError`."""
    name = filename.lower()
    if name.endswith(".json"):
        return _parse_json(text)
    if name.endswith((".yaml", ".yml")):
        return _parse_yaml(text)
    try:
        return _parse_json(text)
    except FileSyntaxError:
        return _parse_yaml(text)


def load(text: str | bytes, filename: str, errors: list[FileError]) -> Any:
    """The file's data (bytes are read as UTF-8), or None with the problem added to `errors`:
    text that is not UTF-8, is not valid JSON or YAML, or is empty."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            errors.append(FileError(
                "file", f"is not UTF-8 text (byte {exc.start + 1} cannot be read)"))
            return None
    # NUL is not text (PostgreSQL refuses it in any text column): each line holding one, or
    # each value a JSON escape (\u0000) makes hold one, is an error, and nothing is read.
    nul_lines = [n for n, line in enumerate(text.split("\n"), start=1) if "\x00" in line]
    if nul_lines:
        errors.extend(FileError(f"line {n}", _NUL) for n in nul_lines)
        return None
    try:
        data = parse(text, filename)
    except FileSyntaxError as exc:
        errors.append(FileError(exc.place, exc.message))
        return None
    if data is None:
        errors.append(FileError("file", "is empty"))
    nul_places = list(_nul_places(data, ""))
    if nul_places:
        errors.extend(FileError(place or "file", _NUL) for place in nul_places)
        return None
    return data


_NUL = "holds the NUL character (\\x00), which is not text"


def _nul_places(value: Any, place: str) -> Any:
    if isinstance(value, str):
        if "\x00" in value:
            yield place
    elif isinstance(value, dict):
        for key, item in value.items():
            name = str(key).replace("\x00", "\\x00")
            inner = f"{place}.{name}" if place else name
            if "\x00" in str(key):
                yield inner
            else:
                yield from _nul_places(item, inner)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_places(item, f"{place}[{index}]")


def record_lines(text: str | bytes, filename: str) -> dict[tuple[str, int], int]:
    """Where each record of a YAML file starts: {("practices", 0): line, ...} for the items
    of the lists under the file's top keys (empty for JSON, which says no lines)."""
    name = filename.lower()
    if name.endswith(".json"):
        return {}
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            return {}
    if not name.endswith((".yaml", ".yml")) and text.lstrip()[:1] in ("{", "["):
        return {}
    try:
        return _scan_yaml(text)
    except FileSyntaxError:
        return {}


_RECORD_RE = re.compile(r"^(\w+)\[(\d+)\]")


def with_lines(errors: Sequence[FileError], lines: Mapping[tuple[str, int], int]
               ) -> list[FileError]:
    """The errors, each placed in a record (`practices[3]…`) given its record's line."""
    result: list[FileError] = []
    for error in errors:
        match = _RECORD_RE.match(error.place)
        line = lines.get((match[1], int(match[2]))) if match else None
        if line is not None and error.line is None:
            error = FileError(error.place, error.message, line)
        result.append(error)
    return result


# Reading ---------------------------------------------------------------------------------


class Reader:
    """Reads the values of a file's records; each reader returns None (and records an error)
    when the value is unusable. A file's reader subclasses it with its records."""

    # The longest slug and web address, and the largest whole number; a file's reader may
    # set its own.
    slug_max = 100
    url_max = 500
    int_max = 10_000

    def __init__(self) -> None:
        self.errors: list[FileError] = []

    def error(self, place: str, message: str) -> None:
        self.errors.append(FileError(place, message))

    def unknown(self, place: str, item: Mapping[Any, Any], known: Collection[str],
                what: str) -> None:
        for key in item:
            if key not in known:
                self.error(f"{place}.{key}", f"is not a field of {what} (unknown field)")

    def text(self, place: str, value: Any, limit: int | None = None) -> Bilingual | None:
        if isinstance(value, str):
            result = Bilingual(sl=value.strip(), en=value.strip())
        elif isinstance(value, Mapping):
            unknown = [k for k in value if k not in ("sl", "en")]
            for key in unknown:
                self.error(f"{place}.{key}", "a text has only the languages sl and en")
            parts: dict[str, str] = {}
            for lang in ("sl", "en"):
                part = value.get(lang)
                if part is None:
                    parts[lang] = ""
                elif isinstance(part, str):
                    parts[lang] = part.strip()
                else:
                    self.error(f"{place}.{lang}", "must be text")
                    return None
            if unknown:
                return None
            result = Bilingual(sl=parts["sl"], en=parts["en"])
        else:
            self.error(place, 'must be text, or {"sl": "…", "en": "…"}')
            return None
        if limit is not None and max(len(result.sl), len(result.en)) > limit:
            self.error(place, f"is longer than {limit} characters")
            return None
        return result

    def string(self, place: str, value: Any, limit: int) -> str | None:
        if not isinstance(value, str):
            self.error(place, "must be text")
            return None
        text: str = value.strip()
        if len(text) > limit:
            self.error(place, f"is longer than {limit} characters")
            return None
        return text

    def slug(self, place: str, value: Any) -> str | None:
        text = self.string(place, value, self.slug_max)
        if text is None:
            return None
        if not SLUG_RE.match(text):
            self.error(place, f"{text!r} is not a slug (letters, digits, - and _ only)")
            return None
        return text

    def url(self, place: str, value: Any) -> str | None:
        text = self.string(place, value, self.url_max)
        if text and not URL_RE.match(text):
            self.error(place, f"{text!r} is not a web address (http:// or https://)")
            return None
        return text

    def urls(self, place: str, value: Any) -> tuple[str, ...] | None:
        if isinstance(value, str):
            value = [value] if value.strip() else []
        if not isinstance(value, list):
            self.error(place, "must be a list of web addresses")
            return None
        result: list[str] = []
        ok = True
        for index, item in enumerate(value):
            url = self.url(f"{place}[{index}]", item)
            if url is None or not url:
                if url == "":
                    self.error(f"{place}[{index}]", "is empty")
                ok = False
            else:
                result.append(url)
        return tuple(result) if ok else None

    def choice(self, place: str, value: Any, allowed: Sequence[str]) -> str | None:
        if not isinstance(value, str) or value not in allowed:
            self.error(place, f"{value!r} is not one of " + ", ".join(allowed))
            return None
        return value

    def country(self, place: str, value: Any) -> str | None:
        if isinstance(value, bool):  # YAML 1.1 reads a bare NO (Norway) as false
            self.error(place, "write the country code in quotes (YAML reads NO as false)")
            return None
        if not isinstance(value, str) or not COUNTRY_RE.match(value):
            self.error(place, f"{value!r} is not an ISO 3166 country code in capitals (e.g. SI)")
            return None
        return value

    def number(self, place: str, value: Any) -> Decimal | None:
        if isinstance(value, bool) or value is None:
            self.error(place, "must be a number")
            return None
        if isinstance(value, NotANumber):
            self.error(place, f"{value.text} is not a number")
            return None
        if isinstance(value, (int, Decimal)):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(str(value))  # the number as written, not its binary value
        elif isinstance(value, str):
            try:
                if "_" in value:  # Decimal would read "1_000"; a file should not
                    raise InvalidOperation
                number = Decimal(value.strip())
            except InvalidOperation:
                self.error(place, f"{value!r} is not a number")
                return None
        else:
            self.error(place, "must be a number")
            return None
        if not number.is_finite():
            self.error(place, f"{value!r} is not a number")
            return None
        if number < 0:
            self.error(place, "must not be negative")
            return None
        return number

    def integer(self, place: str, value: Any) -> int | None:
        number = self.number(place, value)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.error(place, "must be a whole number")
            return None
        if number > self.int_max:
            self.error(place, f"{number} is too large")
            return None
        return int(number)

    def boolean(self, place: str, value: Any) -> bool | None:
        if not isinstance(value, bool):
            self.error(place, "must be true or false")
            return None
        return value

    def date(self, place: str, value: Any) -> date | None:
        if isinstance(value, datetime):
            self.error(place, "must be a date (YYYY-MM-DD) without a time")
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(place, f"{value!r} is not a date (YYYY-MM-DD)")
        return None


# Upserting -------------------------------------------------------------------------------


def _filled(value: Any) -> bool:
    return value is not None and value != "" and value != () and value != [] and value != {}


def cleared_fields(old: Any, new: Any) -> list[str]:
    """The fields that have a value in `old` and none in `new` (two records of one
    dataclass): what an upsert of `new` would blank. A text counts per language
    (`summary.en`), a mapping per key (`answers.co-ownership`)."""
    cleared: list[str] = []
    for item in fields(old):
        before, after = getattr(old, item.name), getattr(new, item.name)
        if isinstance(before, Bilingual):
            after = after if isinstance(after, Bilingual) else Bilingual()
            cleared += [f"{item.name}.{lang}" for lang in ("sl", "en")
                        if getattr(before, lang) and not getattr(after, lang)]
        elif isinstance(before, Mapping) and isinstance(after, Mapping):
            for key, value in before.items():
                if key not in after:
                    cleared.append(f"{item.name}.{key}")
                elif is_dataclass(value):
                    cleared += [f"{item.name}.{key}.{name}"
                                for name in cleared_fields(value, after[key])]
        elif _filled(before) and not _filled(after):
            cleared.append(item.name)
    return cleared


# Writing ---------------------------------------------------------------------------------


class Flow(list[str]):
    """A list of codes, written on one line in YAML: `regions: [SI031, SI032]`."""


class Dumper(yaml.SafeDumper):
    """Safe YAML that writes a `Flow` on one line."""


def _represent_flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


Dumper.add_representer(Flow, _represent_flow)


def number_out(value: Decimal) -> int | str:
    # Whole numbers are written as numbers; others as text, so no reader turns them to floats.
    if value == value.to_integral_value():
        return int(value)
    return format(value.normalize(), "f")


def text_out(value: Bilingual) -> dict[str, str]:
    return {"sl": value.sl, "en": value.en}


def dump(data: Mapping[str, Any], fmt: Literal["yaml", "json"]) -> str:
    """The data as indented JSON, or as block YAML in the mapping's own key order."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt != "yaml":
        raise ValueError(f"unknown file format {fmt!r} (yaml or json)")
    return yaml.dump(dict(data), Dumper=Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)
