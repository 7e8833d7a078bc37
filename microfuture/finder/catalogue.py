"""The catalogue file: read and write the finder's providers and mechanisms as YAML or JSON.

Pure (no Django, no I/O). The file is one object `{"providers": [...], "mechanisms": [...]}`
(spec: shared/specs/finance-finder.md §1). Reading never stops at the first problem: it
returns every problem it finds, each with its place in the file (`mechanisms[3] (sef-p7).
regions[1]`, indices from 0) and a plain reason, as the conventions ask of every validator.
Only when there are no errors are the providers and mechanisms meant to be used. The strict
parsing, the readers of plain values and the YAML/JSON writing are `microfuture.datafile`'s,
shared with the practice library's files.

A mechanism in the file has the fields of `mechanism.Mechanism` (its `sources`, the URLs its
facts come from, included) plus `active` (false hides it from the finder), which is not a
criterion and travels beside the dataclasses in `CatalogueResult.active`; `.sources` repeats
each mechanism's sources by slug for older callers. Keeping the catalogue true (spec §5):
`verified_on`, `standing` (false: a call, which needs `open_until`), `open_until_estimated`,
`product` (the slug the calls of one product share) and `municipalities` (official 3-digit
codes, checked against `microfuture.municipalities`).
Amounts become `Decimal` through their text, never through float arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from microfuture.datafile import (
    COUNTRY_RE,
    FileError,
    Flow,
    Reader,
    dump,
    load,
    number_out,
    record_lines,
    text_out,
    with_lines,
)
from microfuture.finder.mechanism import (
    ENTITY_TYPES,
    KINDS,
    PROVIDER_KINDS,
    PURPOSES,
    TARGET_GROUPS,
    Mechanism,
    Provider,
)
from microfuture.kernel.text import Bilingual
from microfuture.municipalities import MUNICIPALITIES

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

REGION_RE = re.compile(r"^[A-Z]{2}[0-9A-Z]{3}$")  # NUTS 3, e.g. SI031, FR106
SECTOR_RE = re.compile(r"^[A-U]$")  # NACE Rev. 2 sections
MUNICIPALITY_RE = re.compile(r"^[0-9]{3}$")  # Slovenia's official municipality codes, 001…


PROVIDER_FIELDS = ("slug", "name", "kind", "country", "website", "contact")
# File fields of a mechanism: the dataclass's, less what is derived from the provider, plus
# `active`, which is not a criterion.
_DERIVED = ("provider_name",)
MECHANISM_FIELDS = (
    *(f.name for f in fields(Mechanism) if f.name not in _DERIVED),
    "active",
)
_TEXT_FIELDS = {"name", "summary", "how_to_apply", "rate", "collateral", "uncertain"}
_AMOUNT_FIELDS = {"amount_min", "amount_max"}
_DECIMAL_FIELDS = {"own_share_pct", "employees_min", "employees_max"}
_INT_FIELDS = {"term_months_max", "grace_months_max", "age_months_min", "age_months_max"}
_DATE_FIELDS = {"founded_before", "open_from", "open_until", "verified_on"}
_BOOL_FIELDS = {"requires_social_enterprise_status", "requires_no_tax_debts", "de_minimis",
                "open_until_estimated", "standing"}
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
    "municipalities": (lambda c: bool(MUNICIPALITY_RE.match(c)),
                       "is not an official municipality code (three digits, e.g. 060)"),
}
_MIN_MAX = (
    ("amount_min", "amount_max"),
    ("employees_min", "employees_max"),
    ("age_months_min", "age_months_max"),
    ("open_from", "open_until"),
)


# One problem in a catalogue file: `place` and `message` (the same shape for every file).
CatalogueError = FileError


@dataclass
class CatalogueResult:
    providers: list[Provider] = field(default_factory=list)
    mechanisms: list[Mechanism] = field(default_factory=list)
    errors: list[CatalogueError] = field(default_factory=list)
    # Per mechanism slug: its sources (also on the dataclass) and whether it is shown.
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    active: dict[str, bool] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


# Reading ---------------------------------------------------------------------------------


class _CatalogueReader(Reader):
    """The catalogue's records (providers, mechanisms) and the finder's own value limits."""

    slug_max = SLUG_MAX
    url_max = URL_MAX
    int_max = INT_MAX


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
            elif isinstance(code, int) and not isinstance(code, bool) and name == "municipalities":
                self.error(here, f"write the code in quotes ({code!r} reads as a number, "
                                 "e.g. \"060\")")
                ok = False
            elif not isinstance(code, str) or not check(code):
                self.error(here, f"{code!r} {reason}")
                ok = False
            elif name == "municipalities" and code not in MUNICIPALITIES:
                self.error(here, f"{code!r} is not the code of one of Slovenia's municipalities")
                ok = False
            elif code in result:
                self.error(here, f"{code!r} is listed twice")
                ok = False
            else:
                result.append(code)
        return tuple(result) if ok else None

    # Records ---------------------------------------------------------------------------

    def provider(self, place: str, item: Any) -> Provider | None:
        if not isinstance(item, Mapping):
            self.error(place, "a provider must be an object with slug, name and kind")
            return None
        slug = item.get("slug")
        if isinstance(slug, str) and slug.strip():
            place = f"{place} ({slug.strip()})"
        before = len(self.errors)
        self.unknown(place, item, PROVIDER_FIELDS, "the catalogue")
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

    def mechanism(self, place: str, item: Any) -> tuple[Mechanism, bool] | None:
        if not isinstance(item, Mapping):
            self.error(place, "a mechanism must be an object with slug, name, provider and kind")
            return None
        slug = item.get("slug")
        if isinstance(slug, str) and slug.strip():
            place = f"{place} ({slug.strip()})"
        before = len(self.errors)
        self.unknown(place, item, MECHANISM_FIELDS, "the catalogue")
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
            if key in ("slug", "provider", "product"):
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
            elif key in _BOOL_FIELDS:
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
        if values.get("standing") is False and values.get("open_until") is None:
            self.error(f"{place}.open_until",
                       "a call (standing: false) needs open_until: the closing date the source "
                       "gives, or your best estimate with open_until_estimated: true")
        if values.get("open_until_estimated") and values.get("open_until") is None:
            self.error(f"{place}.open_until_estimated",
                       "says the closing date is an estimate, but there is no open_until")
        if len(self.errors) > before or sources is None or active is None:
            return None
        return Mechanism(**values, sources=sources), active


def _show(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _items(reader: _CatalogueReader, data: Mapping[Any, Any], key: str) -> list[Any]:
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
    data = load(text, filename, result.errors)
    if data is None:
        return result
    if not isinstance(data, Mapping):
        result.errors.append(CatalogueError(
            "file", 'must be one object: {"providers": [...], "mechanisms": [...]}'))
        return result
    reader = _CatalogueReader()
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
    products: dict[str, str] = {}  # product slug -> the place of a mechanism that names it
    items = _items(reader, data, "mechanisms")
    for index, item in enumerate(items):
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
        product = item.get("product") if isinstance(item, Mapping) else None
        if isinstance(product, str) and product:
            products[product] = place
        if read is not None and not reader.errors:
            mechanism, active = read
            result.mechanisms.append(mechanism)
            result.sources[mechanism.slug] = mechanism.sources
            result.active[mechanism.slug] = active

    # A product's slug names its page (/finder/mechanisms/<slug>/), as a mechanism's slug
    # does: one slug must not name two different things.
    for item in items:
        if not isinstance(item, Mapping):
            continue
        slug = item.get("slug")
        if (isinstance(slug, str) and slug in products and item.get("product") != slug):
            reader.error(f"{products[slug]}.product",
                         f"{slug!r} is the slug of another mechanism ({mechanism_slugs[slug]}) "
                         "that is not one of this product's calls: choose another product slug, or "
                         f"give that mechanism product: {slug}")

    result.errors = with_lines(reader.errors, record_lines(text, filename))
    if result.errors:
        result.providers, result.mechanisms = [], []
        result.sources, result.active = {}, {}
    return result


# Writing ---------------------------------------------------------------------------------


def _provider_out(provider: Provider) -> dict[str, Any]:
    out: dict[str, Any] = {"slug": provider.slug, "name": text_out(provider.name),
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
        if f.name == "standing":
            if value is False:  # the default is a standing product; a call says so
                out[f.name] = False
            continue
        if f.name == "sources":
            continue
        if value is None or value == "" or value == () or value is False:
            continue
        if isinstance(value, Bilingual):
            if not value:
                continue
            out[f.name] = text_out(value)
        elif isinstance(value, Decimal):
            out[f.name] = number_out(value)
        elif isinstance(value, date):
            out[f.name] = value if fmt == "yaml" else value.isoformat()
        elif isinstance(value, tuple):
            out[f.name] = Flow(value) if fmt == "yaml" else list(value)
        else:
            out[f.name] = value
    urls = list(mechanism.sources or sources)
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
    (it is the provider's own name). A mechanism's sources are its own; `sources` (by slug)
    is used only for a mechanism that carries none.
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
    return dump(data, fmt)
