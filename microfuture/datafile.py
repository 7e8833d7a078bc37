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
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import yaml

# A bilingual text is a plain value of the finder's pure core; this module only reads and
# writes it.
from microfuture.finder.mechanism import Text

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
    "dump",
    "load",
    "number_out",
    "parse",
    "text_out",
]

COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
URL_RE = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class FileError:
    """One problem in a file: where it is and what is wrong, in plain words."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


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


def _parse_json(text: str) -> Any:
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=NotANumber,
            object_pairs_hook=_json_pairs,
        )
    except json.JSONDecodeError as exc:
        raise FileSyntaxError(f"line {exc.lineno}, column {exc.colno}",
                              f"this is not valid JSON: {exc.msg}") from None


def _parse_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
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
    try:
        data = parse(text, filename)
    except FileSyntaxError as exc:
        errors.append(FileError(exc.place, exc.message))
        return None
    if data is None:
        errors.append(FileError("file", "is empty"))
    return data


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

    def text(self, place: str, value: Any, limit: int | None = None) -> Text | None:
        if isinstance(value, str):
            result = Text(sl=value.strip(), en=value.strip())
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
            result = Text(sl=parts["sl"], en=parts["en"])
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


def text_out(value: Text) -> dict[str, str]:
    return {"sl": value.sl, "en": value.en}


def dump(data: Mapping[str, Any], fmt: Literal["yaml", "json"]) -> str:
    """The data as indented JSON, or as block YAML in the mapping's own key order."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt != "yaml":
        raise ValueError(f"unknown file format {fmt!r} (yaml or json)")
    return yaml.dump(dict(data), Dumper=Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)
