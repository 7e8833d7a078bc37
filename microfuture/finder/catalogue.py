"""The catalogue file: read and write the finder's providers and mechanisms as YAML or JSON.

Pure (no Django, no I/O). The file is one object `{"providers": [...], "mechanisms": [...]}`
(spec: shared/specs/finance-finder.md §1). Reading never stops at the first problem: it
returns every problem it finds, each with its place in the file (`mechanisms[3] (sef-p7).
regions[1]`, indices from 0) and a plain reason, as the conventions ask of every validator.
Only when there are no errors are the providers and mechanisms meant to be used.

Besides the fields of `mechanism.Mechanism`, a mechanism in the file may carry `sources`
(the URLs its facts come from) and `active` (false hides it from the finder); these are not
criteria, so they travel beside the dataclasses in `CatalogueResult.sources` and `.active`.
Amounts become `Decimal` through their text, never through float arithmetic.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import yaml

from microfuture.finder.mechanism import (
    ENTITY_TYPES,
    KINDS,
    PROVIDER_KINDS,
    PURPOSES,
    TARGET_GROUPS,
    Mechanism,
    Provider,
    Text,
)

__all__ = [
    "CatalogueError",
    "CatalogueResult",
    "read_catalogue",
    "write_catalogue",
]

# Longest values the database keeps (models.py uses the same numbers).
SLUG_MAX = 100
NAME_MAX = 200
SHORT_TEXT_MAX = 200  # rate, collateral
CODE_MAX = 20  # credit rating
URL_MAX = 500
CONTACT_MAX = 300
# The largest amount stored as integer cents in a 64-bit column, with room to spare.
AMOUNT_MAX = Decimal("1000000000000")
INT_MAX = 10_000

COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
REGION_RE = re.compile(r"^[A-Z]{2}[0-9A-Z]{3}$")  # NUTS 3, e.g. SI031, FR106
SECTOR_RE = re.compile(r"^[A-U]$")  # NACE Rev. 2 sections
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
URL_RE = re.compile(r"^https?://\S+$")

PROVIDER_FIELDS = ("slug", "name", "kind", "country", "website", "contact")
# File fields of a mechanism: the dataclass's, less what is derived from the provider, plus
# the two that are not criteria.
_DERIVED = ("provider_name",)
MECHANISM_FIELDS = (
    *(f.name for f in fields(Mechanism) if f.name not in _DERIVED),
    "sources",
    "active",
)
_TEXT_FIELDS = {"name", "summary", "how_to_apply", "rate", "collateral", "uncertain"}
_AMOUNT_FIELDS = {"amount_min", "amount_max"}
_DECIMAL_FIELDS = {"own_share_pct", "employees_min", "employees_max"}
_INT_FIELDS = {"term_months_max", "grace_months_max", "age_months_min", "age_months_max"}
_DATE_FIELDS = {"founded_before", "open_from", "open_until"}
_CODE_LISTS: dict[str, tuple[Callable[[str], bool], str]] = {
    "countries": (lambda c: bool(COUNTRY_RE.match(c)),
                  "is not an ISO 3166 country code in capitals (e.g. SI, FR, SE)"),
    "regions": (lambda c: bool(REGION_RE.match(c)),
                "is not a NUTS-3 region code (e.g. SI031 … SI044)"),
    "entity_types": (lambda c: c in ENTITY_TYPES, "is not one of " + ", ".join(ENTITY_TYPES)),
    "target_groups": (lambda c: c in TARGET_GROUPS, "is not one of " + ", ".join(TARGET_GROUPS)),
    "purposes": (lambda c: c in PURPOSES, "is not one of " + ", ".join(PURPOSES)),
    "excluded_sectors": (lambda c: bool(SECTOR_RE.match(c)),
                         "is not a NACE section letter (A to U)"),
}
_MIN_MAX = (
    ("amount_min", "amount_max"),
    ("employees_min", "employees_max"),
    ("age_months_min", "age_months_max"),
    ("open_from", "open_until"),
)


@dataclass(frozen=True)
class CatalogueError:
    """One problem in a catalogue file: where it is and what is wrong, in plain words."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


@dataclass
class CatalogueResult:
    providers: list[Provider] = field(default_factory=list)
    mechanisms: list[Mechanism] = field(default_factory=list)
    errors: list[CatalogueError] = field(default_factory=list)
    # Not criteria, so not on the dataclass: per mechanism slug.
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    active: dict[str, bool] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Syntax(Exception):
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
            raise _Syntax(f"line {mark.line + 1}", f"the key {key!r} is given twice")
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Syntax("file", f"the key {key!r} is given twice in one object")
        result[key] = value
    return result


class _NotANumber:
    """What JSON's NaN and Infinity become, so that they are refused as amounts."""

    def __init__(self, text: str) -> None:
        self.text = text


def _parse_json(text: str) -> Any:
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_NotANumber,
            object_pairs_hook=_json_pairs,
        )
    except json.JSONDecodeError as exc:
        raise _Syntax(f"line {exc.lineno}, column {exc.colno}",
                      f"this is not valid JSON: {exc.msg}") from None


def _parse_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        reason = exc.problem or exc.context or "unreadable"
        raise _Syntax(place, f"this is not valid YAML: {reason}") from None
    except yaml.YAMLError as exc:
        raise _Syntax("file", f"this is not valid YAML: {exc}") from None


def _parse(text: str, filename: str) -> Any:
    name = filename.lower()
    if name.endswith(".json"):
        return _parse_json(text)
    if name.endswith((".yaml", ".yml")):
        return _parse_yaml(text)
    try:
        return _parse_json(text)
    except _Syntax:
        return _parse_yaml(text)


# Reading ---------------------------------------------------------------------------------


class _Reader:
    def __init__(self) -> None:
        self.errors: list[CatalogueError] = []

    def error(self, place: str, message: str) -> None:
        self.errors.append(CatalogueError(place, message))

    # Values, each returning None (and recording an error) when the value is unusable.

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
        text = self.string(place, value, SLUG_MAX)
        if text is None:
            return None
        if not SLUG_RE.match(text):
            self.error(place, f"{text!r} is not a slug (letters, digits, - and _ only)")
            return None
        return text

    def url(self, place: str, value: Any) -> str | None:
        text = self.string(place, value, URL_MAX)
        if text and not URL_RE.match(text):
            self.error(place, f"{text!r} is not a web address (http:// or https://)")
            return None
        return text

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
        if isinstance(value, _NotANumber):
            self.error(place, f"{value.text} is not a number")
            return None
        if isinstance(value, (int, Decimal)):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(str(value))  # the number as written, not its binary value
        elif isinstance(value, str):
            try:
                if "_" in value:  # Decimal would read "1_000"; a catalogue should not
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

    def amount(self, place: str, value: Any) -> Decimal | None:
        number = self.number(place, value)
        if number is None:
            return None
        if number > AMOUNT_MAX:
            self.error(place, f"{number} is larger than any amount the finder keeps")
            return None
        if number != number.quantize(Decimal("0.01"), rounding="ROUND_FLOOR"):
            self.error(place, "an amount in euros has at most 2 decimals (cents)")
            return None
        return number

    def decimal(self, place: str, value: Any) -> Decimal | None:
        number = self.number(place, value)
        if number is None:
            return None
        if number > INT_MAX:
            self.error(place, f"{number} is too large")
            return None
        if number != number.quantize(Decimal("0.0001"), rounding="ROUND_FLOOR"):
            self.error(place, "has more than 4 decimals")
            return None
        return number

    def integer(self, place: str, value: Any) -> int | None:
        number = self.number(place, value)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.error(place, "must be a whole number")
            return None
        if number > INT_MAX:
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

    def codes(self, place: str, value: Any, name: str) -> tuple[str, ...] | None:
        if isinstance(value, str):
            value = [value] if value else []
        if not isinstance(value, list):
            self.error(place, "must be a list")
            return None
        check, reason = _CODE_LISTS[name]
        result: list[str] = []
        ok = True
        for index, code in enumerate(value):
            here = f"{place}[{index}]"
            if isinstance(code, bool) and name == "countries":
                self.error(here, "write the country code in quotes (YAML reads NO as false)")
                ok = False
            elif not isinstance(code, str) or not check(code):
                self.error(here, f"{code!r} {reason}")
                ok = False
            elif code in result:
                self.error(here, f"{code!r} is listed twice")
                ok = False
            else:
                result.append(code)
        return tuple(result) if ok else None

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

    # Records ---------------------------------------------------------------------------

    def unknown_fields(self, place: str, item: Mapping[Any, Any], known: Sequence[str]) -> None:
        for key in item:
            if key not in known:
                self.error(f"{place}.{key}", "is not a field of the catalogue (unknown field)")

    def provider(self, place: str, item: Any) -> Provider | None:
        if not isinstance(item, Mapping):
            self.error(place, "a provider must be an object with slug, name and kind")
            return None
        slug = item.get("slug")
        if isinstance(slug, str) and slug.strip():
            place = f"{place} ({slug.strip()})"
        before = len(self.errors)
        self.unknown_fields(place, item, PROVIDER_FIELDS)
        values: dict[str, Any] = {}
        for required in ("slug", "name", "kind"):
            if item.get(required) in (None, ""):
                self.error(f"{place}.{required}", "is required")
        if item.get("slug") not in (None, ""):
            values["slug"] = self.slug(f"{place}.slug", item["slug"])
        if item.get("name") not in (None, ""):
            name = self.text(f"{place}.name", item["name"], NAME_MAX)
            if name is not None and not name:
                self.error(f"{place}.name", "is required")
            values["name"] = name
        if item.get("kind") not in (None, ""):
            values["kind"] = self.choice(f"{place}.kind", item["kind"], PROVIDER_KINDS)
        if item.get("country") not in (None, ""):
            values["country"] = self.country(f"{place}.country", item["country"])
        if item.get("website") not in (None, ""):
            values["website"] = self.url(f"{place}.website", item["website"])
        if item.get("contact") not in (None, ""):
            values["contact"] = self.string(f"{place}.contact", item["contact"], CONTACT_MAX)
        if len(self.errors) > before:
            return None
        return Provider(**values)

    def mechanism(self, place: str, item: Any) -> tuple[Mechanism, tuple[str, ...], bool] | None:
        if not isinstance(item, Mapping):
            self.error(place, "a mechanism must be an object with slug, name, provider and kind")
            return None
        slug = item.get("slug")
        if isinstance(slug, str) and slug.strip():
            place = f"{place} ({slug.strip()})"
        before = len(self.errors)
        self.unknown_fields(place, item, MECHANISM_FIELDS)
        for required in ("slug", "name", "provider", "kind"):
            if item.get(required) in (None, ""):
                self.error(f"{place}.{required}", "is required")
        values: dict[str, Any] = {}
        sources: tuple[str, ...] | None = ()
        active: bool | None = True
        for key, value in item.items():
            if key not in MECHANISM_FIELDS or value is None:
                continue
            here = f"{place}.{key}"
            if key in ("slug", "provider"):
                if value != "":
                    values[key] = self.slug(here, value)
            elif key == "kind":
                if value != "":
                    values[key] = self.choice(here, value, KINDS)
            elif key in _TEXT_FIELDS:
                limit = NAME_MAX if key == "name" else (
                    SHORT_TEXT_MAX if key in ("rate", "collateral") else None)
                text = self.text(here, value, limit)
                if key == "name" and text is not None and not text and value != "":
                    self.error(here, "is required")
                values[key] = text
            elif key == "url":
                values[key] = self.url(here, value)
            elif key == "contact":
                values[key] = self.string(here, value, CONTACT_MAX)
            elif key == "credit_rating_min":
                values[key] = self.string(here, value, CODE_MAX)
            elif key in _AMOUNT_FIELDS:
                values[key] = self.amount(here, value)
            elif key in _DECIMAL_FIELDS:
                values[key] = self.decimal(here, value)
                if key == "own_share_pct" and values[key] is not None and values[key] > 100:
                    self.error(here, "a share is at most 100 (%)")
            elif key in _INT_FIELDS:
                values[key] = self.integer(here, value)
            elif key in _DATE_FIELDS:
                values[key] = self.date(here, value)
            elif key in _CODE_LISTS:
                values[key] = self.codes(here, value, key)
            elif key == "requires_social_enterprise_status":
                values[key] = self.boolean(here, value)
            elif key == "sources":
                sources = self.urls(here, value)
            elif key == "active":
                active = self.boolean(here, value)
        for low, high in _MIN_MAX:
            a, b = values.get(low), values.get(high)
            if a is not None and b is not None and a > b:
                self.error(f"{place}.{low}", f"{low} ({_show(a)}) is more than {high} ({_show(b)})")
        term, grace = values.get("term_months_max"), values.get("grace_months_max")
        if term is not None and grace is not None and grace > term:
            self.error(f"{place}.grace_months_max",
                       f"the grace period ({grace} months) is longer than the term ({term} months)")
        if len(self.errors) > before or sources is None or active is None:
            return None
        return Mechanism(**values), sources, active


def _show(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _items(reader: _Reader, data: Mapping[Any, Any], key: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        reader.error(key, "must be a list")
        return []
    return value


def read_catalogue(
    text: str | bytes,
    *,
    filename: str = "",
    known_providers: Collection[str] = frozenset(),
) -> CatalogueResult:
    """Read a catalogue file; every problem is returned in `errors` with its place.

    `known_providers` are slugs of providers that already exist (in the database), which a
    mechanism may name without the file describing them again.
    """
    result = CatalogueResult()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            result.errors.append(CatalogueError(
                "file", f"is not UTF-8 text (byte {exc.start + 1} cannot be read)"))
            return result
    try:
        data = _parse(text, filename)
    except _Syntax as exc:
        result.errors.append(CatalogueError(exc.place, exc.message))
        return result
    if data is None:
        result.errors.append(CatalogueError("file", "is empty"))
        return result
    if not isinstance(data, Mapping):
        result.errors.append(CatalogueError(
            "file", 'must be one object: {"providers": [...], "mechanisms": [...]}'))
        return result
    reader = _Reader()
    for key in data:
        if key not in ("providers", "mechanisms"):
            reader.error(str(key), "is not part of a catalogue (only providers and mechanisms)")

    provider_slugs: dict[str, str] = {}
    for index, item in enumerate(_items(reader, data, "providers")):
        place = f"providers[{index}]"
        provider = reader.provider(place, item)
        slug = item.get("slug") if isinstance(item, Mapping) else None
        if isinstance(slug, str) and slug.strip():
            slug = slug.strip()
            if slug in provider_slugs:
                reader.error(f"{place} ({slug}).slug",
                             f"the slug {slug!r} is also used by {provider_slugs[slug]}")
            else:
                provider_slugs[slug] = place
        if provider is not None and not reader.errors:
            result.providers.append(provider)

    mechanism_slugs: dict[str, str] = {}
    for index, item in enumerate(_items(reader, data, "mechanisms")):
        place = f"mechanisms[{index}]"
        read = reader.mechanism(place, item)
        slug = item.get("slug") if isinstance(item, Mapping) else None
        if isinstance(slug, str) and slug.strip():
            slug = slug.strip()
            place = f"{place} ({slug})"
            if slug in mechanism_slugs:
                reader.error(f"{place}.slug",
                             f"the slug {slug!r} is also used by {mechanism_slugs[slug]}")
            else:
                mechanism_slugs[slug] = place
        owner = item.get("provider") if isinstance(item, Mapping) else None
        if (isinstance(owner, str) and owner and owner not in provider_slugs
                and owner not in known_providers):
            reader.error(f"{place}.provider",
                         f"no provider {owner!r}: describe it under providers first")
        if read is not None and not reader.errors:
            mechanism, sources, active = read
            result.mechanisms.append(mechanism)
            result.sources[mechanism.slug] = sources
            result.active[mechanism.slug] = active

    result.errors = reader.errors
    if result.errors:
        result.providers, result.mechanisms = [], []
        result.sources, result.active = {}, {}
    return result


# Writing ---------------------------------------------------------------------------------


class _Flow(list[str]):
    """A list of codes, written on one line in YAML: `regions: [SI031, SI032]`."""


class _Dumper(yaml.SafeDumper):
    pass


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(_Flow, _represent_flow)


def _out_number(value: Decimal) -> int | str:
    # Whole numbers are written as numbers; others as text, so no reader turns them to floats.
    if value == value.to_integral_value():
        return int(value)
    return format(value.normalize(), "f")


def _out_text(value: Text) -> dict[str, str]:
    return {"sl": value.sl, "en": value.en}


def _provider_out(provider: Provider) -> dict[str, Any]:
    out: dict[str, Any] = {"slug": provider.slug, "name": _out_text(provider.name),
                           "kind": provider.kind}
    for key in ("country", "website", "contact"):
        if getattr(provider, key):
            out[key] = getattr(provider, key)
    return out


def _mechanism_out(mechanism: Mechanism, sources: Iterable[str], active: bool,
                   fmt: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(Mechanism):
        if f.name in _DERIVED:
            continue
        value = getattr(mechanism, f.name)
        if value is None or value == "" or value == () or value is False:
            continue
        if isinstance(value, Text):
            if not value:
                continue
            out[f.name] = _out_text(value)
        elif isinstance(value, Decimal):
            out[f.name] = _out_number(value)
        elif isinstance(value, date):
            out[f.name] = value if fmt == "yaml" else value.isoformat()
        elif isinstance(value, tuple):
            out[f.name] = _Flow(value) if fmt == "yaml" else list(value)
        else:
            out[f.name] = value
    urls = list(sources)
    if urls:
        out["sources"] = urls
    if not active:
        out["active"] = False
    return out


def write_catalogue(
    providers: Iterable[Provider],
    mechanisms: Iterable[Mechanism],
    *,
    fmt: Literal["yaml", "json"] = "yaml",
    sources: Mapping[str, Iterable[str]] | None = None,
    active: Mapping[str, bool] | None = None,
) -> str:
    """The catalogue as a file that `read_catalogue` reads back into equal dataclasses.

    Texts are written as {sl, en}; empty fields are left out; `provider_name` is not written
    (it is the provider's own name).
    """
    if fmt not in ("yaml", "json"):
        raise ValueError(f"unknown catalogue format {fmt!r} (yaml or json)")
    sources = sources or {}
    active = active or {}
    data = {
        "providers": [_provider_out(p) for p in providers],
        "mechanisms": [
            _mechanism_out(m, sources.get(m.slug, ()), active.get(m.slug, True), fmt)
            for m in mechanisms
        ],
    }
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)
