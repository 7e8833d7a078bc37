"""The practices file and the region-profiles file: read and write them as YAML or JSON.

Pure (no Django, no I/O), like the finder's catalogue file, and read and written with the
same pieces (`microfuture.datafile`): strict parsing (a key given twice is refused, JSON
decimals stay Decimal), the readers of plain values, the YAML and JSON writing. Two shapes
(spec §1, §3, §4):

* `{"practices": [...]}`: every field of a practice record; a text is a string (the same in
  both languages) or `{"sl": "…", "en": "…"}`; `indicators` are name/value/unit/year rows;
  `success_factors` are `{key, name, category, weight}`, the factor itself being one shared
  vocabulary, so a key given twice in one file with another name or category is an error;
* `{"regions": [{"code", "name", "answers": {KEY: {"answer", "note"}}}]}`: a region's answers
  to the success factors; an answer to a factor key that is not in the vocabulary is an error.

A third, small shape `{"factors": [{key, name, category}]}` carries the vocabulary alone.

Reading never stops at the first problem: it returns every problem with its place
(`practices[2] (cigales).success_factors[1].weight`, indices from 0) and a plain reason. Only
a file without problems is meant to be stored (all or nothing).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from microfuture.datafile import (
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
from microfuture.finder.mechanism import KINDS, TARGET_GROUPS
from microfuture.kernel.text import Bilingual
from microfuture.practices.transfer import ANSWERS, CATEGORIES, PRECONDITION, WEIGHTS
from microfuture.practices.transfer import KINDS as FACTOR_KINDS

__all__ = [
    "FileError",
    "Indicator",
    "PracticeData",
    "RegionData",
    "Vocabulary",
    "factor_fields",
    "read_factors",
    "read_practice",
    "read_practices",
    "read_region_profiles",
    "write_practices",
    "write_region_profiles",
]

STATUSES = ("draft", "submitted", "approved", "validated")
PUBLIC_STATUSES = ("approved", "validated")

# Longest values the database keeps (models.py).
SLUG_MAX = 120
FACTOR_KEY_MAX = 80
TITLE_MAX = 250
SUMMARY_MAX = 300
CITY_MAX = 120
INSTITUTION_MAX = 250
LANGUAGE_MAX = 8
NAME_MAX = 200
INDICATOR_VALUE_MAX = 40
INDICATOR_UNIT_MAX = 40
CONTACT_MAX = 200
REGION_CODE_MAX = 10
REGION_NAME_MAX = 150

NUTS_RE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")
REGION_CODE_RE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,8}$")
FACTOR_KEY_RE = re.compile(r"^[-a-z0-9_]+$")
YEAR_RE = re.compile(r"^[0-9]{4}$")
MONTH_RE = re.compile(r"^([0-9]{4})-([0-9]{2})$")

# The record's text fields, in file order; each is kept as `<model prefix>_sl/_en`.
TEXT_FIELDS: dict[str, str] = {
    "title": "title",
    "summary": "summary",
    "description": "description",
    "resources_needed": "resources_needed",
    "evidence_of_success": "evidence",
    "difficulties_encountered": "difficulties",
    "potential_for_transfer": "transfer_potential",
    "lessons_from_failures": "lessons",
    "expert_opinion": "expert_opinion",
    "uncertain": "uncertain",
}
_TEXT_LIMITS = {"title": TITLE_MAX, "summary": SUMMARY_MAX}

PRACTICE_FIELDS = (
    "slug", "title", "summary", "description", "original_language", "original_text",
    "country", "region", "city", "location", "main_institution", "started_on", "ended_on",
    "mechanism_kinds", "target_groups", "resources_needed", "evidence_of_success", "indicators",
    "difficulties_encountered", "potential_for_transfer", "success_factors",
    "lessons_from_failures", "sources", "contacts", "status", "expert_opinion", "uncertain",
    "presented",
)
INDICATOR_FIELDS = ("name", "value", "unit", "year")
FACTOR_FIELDS = ("key", "name", "category")
# In the vocabulary file a factor may also say its kind (precondition or built_by_pilot;
# precondition when left out). A practice file's factors never change a factor's kind.
VOCABULARY_FIELDS = (*FACTOR_FIELDS, "kind")
FACTOR_USE_FIELDS = ("key", "name", "category", "weight")
REGION_FIELDS = ("code", "name", "answers")
ANSWER_FIELDS = ("answer", "note", "note_sl", "curator_note")


NO_TEXT = Bilingual()  # frozen, so one shared empty value is safe as a default


@dataclass(frozen=True)
class Indicator:
    """A figure of the evidence of success: "clubs created / 1100 / count / 2023"."""

    name: Bilingual
    value: str
    unit: str = ""
    year: int | None = None


@dataclass(frozen=True)
class Factor:
    """A success factor of the shared vocabulary."""

    key: str
    name: Bilingual
    category: str
    kind: str = PRECONDITION


@dataclass(frozen=True)
class FactorWeight:
    """A factor as one practice uses it, with its weight (1 helps, 2 important, 3 essential)."""

    factor: Factor
    weight: int


@dataclass(frozen=True)
class PracticeData:
    slug: str
    title: Bilingual
    country: str
    summary: Bilingual = NO_TEXT
    description: Bilingual = NO_TEXT
    original_language: str = ""
    original_text: str = ""
    region: str = ""
    city: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    main_institution: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    mechanism_kinds: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    resources_needed: Bilingual = NO_TEXT
    evidence_of_success: Bilingual = NO_TEXT
    indicators: tuple[Indicator, ...] = ()
    difficulties_encountered: Bilingual = NO_TEXT
    potential_for_transfer: Bilingual = NO_TEXT
    success_factors: tuple[FactorWeight, ...] = ()
    lessons_from_failures: Bilingual = NO_TEXT
    sources: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    status: str = "draft"
    expert_opinion: Bilingual = NO_TEXT
    uncertain: Bilingual = NO_TEXT
    presented: bool = False


@dataclass(frozen=True)
class RegionAnswer:
    """A region's answer to a success factor. `note` is for every reader; `curator_note`
    (our own reading of the sources, what was not researched) only for the library's
    editors."""

    answer: str
    note: str = ""
    curator_note: str = ""
    note_sl: str = ""  # the note in Slovenian; `note` is in English

    def note_in(self, lang: str) -> str:
        return (self.note_sl or self.note) if lang == "sl" else (self.note or self.note_sl)


# Curators' markers in a note: "[INFERRED gap, …]", "[UNCERTAIN]", and sentences that say
# something was not researched. They are our working notes, not facts for visitors.
_MARKER_RE = re.compile(r"\s*\[(?:INFERRED|UNCERTAIN)[^\]]*\]")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_PREFIX_RE = re.compile(r"^(National rule, as for [^:]+:)\s*")


def split_curator_note(text: str) -> tuple[str, str]:
    """Split a note into the words for visitors and the curator's part: bracketed markers
    are taken out (their content goes to the curator's part), and a sentence that says
    something was not researched goes to the curator's part whole."""
    text = (text or "").strip()
    prefix = ""
    match = _PREFIX_RE.match(text)
    if match:
        prefix, text = match.group(1), text[match.end():]
    curator: list[str] = [m.group(0).strip()[1:-1] for m in _MARKER_RE.finditer(text)]
    public_text = _MARKER_RE.sub("", text)
    public: list[str] = []
    for sentence in _SENTENCE_RE.split(public_text):
        if "not researched" in sentence.lower():
            curator.insert(0, sentence.strip())
        elif sentence.strip():
            public.append(sentence.strip())
    shown = " ".join(public)
    if shown and prefix:
        shown = f"{prefix} {shown}"
    elif prefix and curator:
        curator.insert(0, prefix)
    return shown, " ".join(curator)


@dataclass(frozen=True)
class RegionData:
    code: str
    name: str
    answers: Mapping[str, RegionAnswer] = field(default_factory=dict)


@dataclass
class PracticesResult:
    practices: list[PracticeData] = field(default_factory=list)
    # The factors the file names, once each (the shared vocabulary as the file gives it).
    factors: list[Factor] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class FactorsResult:
    factors: list[Factor] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)


@dataclass
class RegionsResult:
    regions: list[RegionData] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class Vocabulary:
    """The factors seen so far in one file: a key must keep one name and one category."""

    def __init__(self) -> None:
        self.factors: dict[str, tuple[Factor, str]] = {}

    def check(self, reader: Reader, place: str, factor: Factor) -> None:
        first = self.factors.get(factor.key)
        if first is None:
            self.factors[factor.key] = (factor, place)
            return
        known, where = first
        if known.category != factor.category:
            reader.error(f"{place}.category",
                         f"the factor {factor.key!r} is {known.category!r} at {where}; a factor "
                         "has one category in the whole library")
        if known.name != factor.name:
            reader.error(f"{place}.name",
                         f"the factor {factor.key!r} has another name at {where}; a factor has "
                         "one name in the whole library")


# Reading --------------------------------------------------------------------------------


class _PracticeReader(Reader):
    def any_date(self, place: str, value: Any) -> date | None:
        # A year alone ("1983") or a month ("2018-05") means its first day: the sources often
        # give no more, and the record says so rather than inventing a day.
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return date(value, 1, 1)
        if isinstance(value, str):
            text = value.strip()
            if YEAR_RE.match(text):
                return date(int(text), 1, 1)
            month = MONTH_RE.match(text)
            if month and 1 <= int(month.group(2)) <= 12:
                return date(int(month.group(1)), int(month.group(2)), 1)
        return self.date(place, value)

    def coordinate(self, place: str, value: Any, limit: int) -> Decimal | None:
        number: Decimal | None = None
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(str(value))
        elif isinstance(value, str):
            try:
                number = Decimal(value.strip())
            except InvalidOperation:
                number = None
        if number is None or not number.is_finite():
            self.error(place, "must be a number (decimal degrees)")
            return None
        if not -limit <= number <= limit:
            self.error(place, f"must be between -{limit} and {limit} degrees")
            return None
        if number != number.quantize(Decimal("0.000001"), rounding="ROUND_FLOOR"):
            self.error(place, "has more than 6 decimals")
            return None
        return number

    def code_list(self, place: str, value: Any, allowed: Collection[str]) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value] if value else []
        if not isinstance(value, list):
            self.error(place, "must be a list")
            return ()
        result: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or item not in allowed:
                self.error(f"{place}[{index}]", f"{item!r} is not one of " + ", ".join(allowed))
            elif item in result:
                self.error(f"{place}[{index}]", f"{item!r} is listed twice")
            else:
                result.append(item)
        return tuple(result)

    def strings(self, place: str, value: Any, limit: int) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.error(place, "must be a list")
            return ()
        result: list[str] = []
        for index, item in enumerate(value):
            text = self.string(f"{place}[{index}]", item, limit)
            if text == "":
                self.error(f"{place}[{index}]", "is empty")
            elif text is not None:
                result.append(text)
        return tuple(result)

    def factor(self, place: str, item: Any, fields: Collection[str]) -> Factor | None:
        if not isinstance(item, Mapping):
            self.error(place, "a success factor must be an object with "
                       + ", ".join(fields))
            return None
        before = len(self.errors)
        self.unknown(place, item, fields, "a success factor")
        for required in FACTOR_FIELDS:
            if item.get(required) in (None, ""):
                self.error(f"{place}.{required}", "is required")
        values: dict[str, Any] = {}
        if item.get("key") not in (None, ""):
            text = self.string(f"{place}.key", item["key"], FACTOR_KEY_MAX)
            if text is not None and not FACTOR_KEY_RE.match(text):
                self.error(f"{place}.key",
                           f"{text!r} is not a factor key (small letters, digits, - and _)")
            values["key"] = text
        if item.get("name") not in (None, ""):
            name = self.text(f"{place}.name", item["name"], NAME_MAX)
            if name is not None and not name:
                self.error(f"{place}.name", "is required")
            values["name"] = name
        if item.get("category") not in (None, ""):
            values["category"] = self.choice(f"{place}.category", item["category"], CATEGORIES)
        if "kind" in fields and item.get("kind") not in (None, ""):
            values["kind"] = self.choice(f"{place}.kind", item["kind"], FACTOR_KINDS)
        if len(self.errors) > before:
            return None
        return Factor(**values)

    def indicator(self, place: str, item: Any) -> Indicator | None:
        if not isinstance(item, Mapping):
            self.error(place, "an indicator must be an object with name, value, unit and year")
            return None
        before = len(self.errors)
        self.unknown(place, item, INDICATOR_FIELDS, "an indicator")
        for required in ("name", "value"):
            if item.get(required) in (None, ""):
                self.error(f"{place}.{required}", "is required")
        name = self.text(f"{place}.name", item["name"], NAME_MAX) if item.get("name") else None
        value = item.get("value")
        shown = ""
        if value not in (None, ""):
            number = self.number(f"{place}.value", value) if not isinstance(value, str) else None
            if isinstance(value, str):
                try:
                    if not Decimal(value.strip()).is_finite():
                        raise InvalidOperation
                    shown = value.strip()
                except InvalidOperation:
                    self.error(f"{place}.value", f"{value!r} is not a number")
            elif number is not None:
                shown = format(number.normalize(), "f") if number != number.to_integral_value() \
                    else str(int(number))
            if len(shown) > INDICATOR_VALUE_MAX:
                self.error(f"{place}.value", f"is longer than {INDICATOR_VALUE_MAX} characters")
        unit = ""
        if item.get("unit") not in (None, ""):
            unit = self.string(f"{place}.unit", item["unit"], INDICATOR_UNIT_MAX) or ""
        year: int | None = None
        if item.get("year") is not None:
            year = self.integer(f"{place}.year", item["year"])
            if year is not None and not 1800 <= year <= 2200:
                self.error(f"{place}.year", f"{year} is not a year")
        if len(self.errors) > before or name is None:
            return None
        return Indicator(name=name, value=shown, unit=unit, year=year)

    def practice(self, place: str, item: Any, vocabulary: Vocabulary) -> PracticeData | None:
        if not isinstance(item, Mapping):
            self.error(place, "a practice must be an object with slug, title and country")
            return None
        slug = item.get("slug")
        if isinstance(slug, str) and slug.strip():
            place = f"{place} ({slug.strip()})"
        before = len(self.errors)
        self.unknown(place, item, PRACTICE_FIELDS, "a practice")
        for required in ("slug", "title", "country"):
            if item.get(required) in (None, ""):
                self.error(f"{place}.{required}", "is required")
        values: dict[str, Any] = {}
        for key, value in item.items():
            if key not in PRACTICE_FIELDS or value is None:
                continue
            here = f"{place}.{key}"
            if key == "slug":
                if value != "":
                    text = self.slug(here, value)
                    if text is not None and len(text) > SLUG_MAX:
                        self.error(here, f"is longer than {SLUG_MAX} characters")
                    values[key] = text
            elif key in TEXT_FIELDS:
                values[key] = self.text(here, value, _TEXT_LIMITS.get(key))
                if key == "title" and values[key] is not None and not values[key] \
                        and value != "":
                    self.error(here, "is required")
            elif key == "original_language":
                values[key] = self.string(here, value, LANGUAGE_MAX)
            elif key == "original_text":
                values[key] = self.string(here, value, 1_000_000)
            elif key == "country":
                if value != "":
                    values[key] = self.country(here, value)
            elif key == "region":
                text = self.string(here, value, 5)
                if text and not NUTS_RE.match(text):
                    self.error(here, f"{text!r} is not a NUTS code (e.g. FR106, SE124)")
                values[key] = text
            elif key == "city":
                values[key] = self.string(here, value, CITY_MAX)
            elif key == "main_institution":
                values[key] = self.string(here, value, INSTITUTION_MAX)
            elif key == "location":
                self.location(here, value, values)
            elif key in ("started_on", "ended_on"):
                values[key] = self.any_date(here, value) if value != "" else None
            elif key == "mechanism_kinds":
                values[key] = self.code_list(here, value, KINDS)
            elif key == "target_groups":
                values[key] = self.code_list(here, value, TARGET_GROUPS)
            elif key == "indicators":
                values[key] = self.indicators(here, value)
            elif key == "success_factors":
                values[key] = self.factor_uses(here, value, vocabulary)
            elif key == "sources":
                values[key] = self.urls(here, value)
            elif key == "contacts":
                values[key] = self.strings(here, value, CONTACT_MAX)
            elif key == "status":
                values[key] = self.choice(here, value, STATUSES)
            elif key == "presented":
                values[key] = self.boolean(here, value)
        started, ended = values.get("started_on"), values.get("ended_on")
        if started is not None and ended is not None and ended < started:
            self.error(f"{place}.ended_on",
                       f"ends ({ended.isoformat()}) before it starts ({started.isoformat()})")
        if values.get("status") == "validated" and not values.get("expert_opinion"):
            self.error(f"{place}.expert_opinion", "a validated practice needs an expert opinion")
        if len(self.errors) > before:
            return None
        return PracticeData(**values)

    def location(self, place: str, value: Any, values: dict[str, Any]) -> None:
        if not isinstance(value, Mapping):
            self.error(place, 'must be {"lat": …, "lon": …}')
            return
        self.unknown(place, value, ("lat", "lon"), "a location")
        for key in ("lat", "lon"):
            if value.get(key) is None:
                self.error(f"{place}.{key}", "is required")
        if value.get("lat") is not None:
            values["latitude"] = self.coordinate(f"{place}.lat", value["lat"], 90)
        if value.get("lon") is not None:
            values["longitude"] = self.coordinate(f"{place}.lon", value["lon"], 180)

    def indicators(self, place: str, value: Any) -> tuple[Indicator, ...]:
        if not isinstance(value, list):
            self.error(place, "must be a list")
            return ()
        rows = [self.indicator(f"{place}[{i}]", item) for i, item in enumerate(value)]
        return tuple(row for row in rows if row is not None)

    def factor_uses(self, place: str, value: Any,
                    vocabulary: Vocabulary) -> tuple[FactorWeight, ...]:
        if not isinstance(value, list):
            self.error(place, "must be a list")
            return ()
        uses: list[FactorWeight] = []
        keys: dict[str, str] = {}
        for index, item in enumerate(value):
            here = f"{place}[{index}]"
            factor = self.factor(here, item, FACTOR_USE_FIELDS)
            weight: int | None = None
            if isinstance(item, Mapping):
                if item.get("weight") is None:
                    self.error(f"{here}.weight", "is required (1 helps, 2 important, "
                               "3 essential)")
                else:
                    weight = self.integer(f"{here}.weight", item["weight"])
                    if weight is not None and weight not in WEIGHTS:
                        self.error(f"{here}.weight",
                                   f"{weight} is not 1 (helps), 2 (important) or 3 (essential)")
                        weight = None
            if factor is None:
                continue
            if factor.key in keys:
                self.error(f"{here}.key",
                           f"the factor {factor.key!r} is also listed at {keys[factor.key]}")
                continue
            keys[factor.key] = here
            vocabulary.check(self, here, factor)
            if weight is not None:
                uses.append(FactorWeight(factor, weight))
        return tuple(uses)


def _load(text: str | bytes, filename: str, top: str,
          errors: list[FileError]) -> list[Any] | None:
    """The list under the file's one key, or None (with the errors recorded)."""
    data = load(text, filename, errors)
    if data is None:
        return None
    if not isinstance(data, Mapping) or top not in data:
        errors.append(FileError("file", f'must be one object: {{"{top}": [...]}}'))
        return None
    for key in data:
        if key != top:
            errors.append(FileError(str(key), f"is not part of this file (only {top})"))
    items = data[top]
    if items is None:
        return []
    if not isinstance(items, list):
        errors.append(FileError(top, "must be a list"))
        return None
    return items


def read_practice(item: Any, *, place: str = "practice") -> tuple[PracticeData | None,
                                                                  list[FileError]]:
    """One practice given as a file's object (a form, an API body, a revision's data)."""
    reader = _PracticeReader()
    data = reader.practice(place, item, Vocabulary())
    return (data if not reader.errors else None), reader.errors


def read_practices(text: str | bytes, *, filename: str = "") -> PracticesResult:
    """Read a practices file; every problem is returned in `errors` with its place."""
    result = PracticesResult()
    items = _load(text, filename, "practices", result.errors)
    if items is None:
        return result
    reader = _PracticeReader()
    reader.errors = result.errors
    vocabulary = Vocabulary()
    slugs: dict[str, str] = {}
    for index, item in enumerate(items):
        place = f"practices[{index}]"
        practice = reader.practice(place, item, vocabulary)
        slug = item.get("slug") if isinstance(item, Mapping) else None
        if isinstance(slug, str) and slug.strip():
            slug = slug.strip()
            if slug in slugs:
                reader.error(f"{place} ({slug}).slug",
                             f"the slug {slug!r} is also used by {slugs[slug]}")
            else:
                slugs[slug] = f"{place} ({slug})"
        if practice is not None:
            result.practices.append(practice)
    if result.errors:
        result.practices = []
        result.errors[:] = with_lines(result.errors, record_lines(text, filename))
    else:
        result.factors = [factor for factor, _place in vocabulary.factors.values()]
    return result


def read_factors(text: str | bytes, *, filename: str = "") -> FactorsResult:
    """Read a vocabulary file `{"factors": [{key, name, category}]}`."""
    result = FactorsResult()
    items = _load(text, filename, "factors", result.errors)
    if items is None:
        return result
    reader = _PracticeReader()
    reader.errors = result.errors
    vocabulary = Vocabulary()
    for index, item in enumerate(items):
        place = f"factors[{index}]"
        factor = reader.factor(place, item, VOCABULARY_FIELDS)
        if factor is None:
            continue
        if factor.key in vocabulary.factors:
            reader.error(f"{place}.key",
                         f"the factor {factor.key!r} is also listed at "
                         f"{vocabulary.factors[factor.key][1]}")
            continue
        vocabulary.check(reader, place, factor)
        result.factors.append(factor)
    if result.errors:
        result.factors = []
    return result


def read_region_profiles(text: str | bytes, *, filename: str = "",
                         known_factors: Collection[str] = frozenset()) -> RegionsResult:
    """Read a region-profiles file; an answer to a factor not in `known_factors` is an error."""
    result = RegionsResult()
    items = _load(text, filename, "regions", result.errors)
    if items is None:
        return result
    reader = _PracticeReader()
    reader.errors = result.errors
    codes: dict[str, str] = {}
    for index, item in enumerate(items):
        place = f"regions[{index}]"
        if not isinstance(item, Mapping):
            reader.error(place, "a region must be an object with code, name and answers")
            continue
        code = item.get("code")
        if isinstance(code, str) and code.strip():
            place = f"{place} ({code.strip()})"
        before = len(reader.errors)
        reader.unknown(place, item, REGION_FIELDS, "a region profile")
        for required in ("code", "name"):
            if item.get(required) in (None, ""):
                reader.error(f"{place}.{required}", "is required")
        code_text = name_text = None
        if item.get("code") not in (None, ""):
            code_text = reader.string(f"{place}.code", item["code"], REGION_CODE_MAX)
            if code_text and not REGION_CODE_RE.match(code_text):
                reader.error(f"{place}.code", f"{code_text!r} is not a country or NUTS code "
                             "in capitals (e.g. SI, SI041)")
            elif code_text in codes:
                reader.error(f"{place}.code", f"the code {code_text!r} is also used by "
                             f"{codes[code_text]}")
            elif code_text:
                codes[code_text] = place
        if item.get("name") not in (None, ""):
            name_text = reader.string(f"{place}.name", item["name"], REGION_NAME_MAX)
        answers: dict[str, RegionAnswer] = {}
        given = item.get("answers")
        if given is not None and not isinstance(given, Mapping):
            reader.error(f"{place}.answers", 'must be {"FACTOR-KEY": {"answer": …, "note": …}}')
        elif given:
            for key, value in given.items():
                here = f"{place}.answers.{key}"
                if not isinstance(key, str) or key not in known_factors:
                    reader.error(here, f"{key!r} is not a success factor of the library")
                    continue
                answer = _region_answer(reader, here, value)
                if answer is not None:
                    answers[key] = answer
        if len(reader.errors) == before and code_text and name_text:
            result.regions.append(RegionData(code=code_text, name=name_text, answers=answers))
    if result.errors:
        result.regions = []
        result.errors[:] = with_lines(result.errors, record_lines(text, filename))
    return result


def _region_answer(reader: _PracticeReader, place: str, value: Any) -> RegionAnswer | None:
    if isinstance(value, str):  # a bare answer, without a note
        value = {"answer": value}
    if not isinstance(value, Mapping):
        reader.error(place, 'must be {"answer": "present|partial|absent|unknown", "note": "…"}')
        return None
    reader.unknown(place, value, ANSWER_FIELDS, "an answer")
    answer = reader.choice(f"{place}.answer", value.get("answer"), ANSWERS)
    note = curator_note = note_sl = ""
    if value.get("note") not in (None, ""):
        note = reader.string(f"{place}.note", value["note"], 10_000) or ""
    if value.get("note_sl") not in (None, ""):
        note_sl = reader.string(f"{place}.note_sl", value["note_sl"], 10_000) or ""
    if value.get("curator_note") not in (None, ""):
        curator_note = reader.string(f"{place}.curator_note", value["curator_note"],
                                     10_000) or ""
    if answer is None:
        return None
    return RegionAnswer(answer=answer, note=note, curator_note=curator_note, note_sl=note_sl)


# Writing --------------------------------------------------------------------------------


def canonical(practice: PracticeData) -> PracticeData:
    """The record with its factors in the order kept in the database (essential first, then
    by key): the order of factors in a file carries no meaning."""
    uses = tuple(sorted(practice.success_factors, key=lambda u: (-u.weight, u.factor.key)))
    return replace(practice, success_factors=uses)


def factor_fields(factor: Factor) -> dict[str, Any]:
    return {"key": factor.key, "name": text_out(factor.name), "category": factor.category}


def practice_out(practice: PracticeData, fmt: str = "json") -> dict[str, Any]:
    """A practice as a file's object; empty fields are left out (read back as empty)."""
    p = practice
    out: dict[str, Any] = {"slug": p.slug}
    for name in PRACTICE_FIELDS[1:]:
        if name in TEXT_FIELDS:
            text: Bilingual = getattr(p, name)
            if text:
                out[name] = text_out(text)
        elif name == "location":
            if p.latitude is not None and p.longitude is not None:
                out[name] = {"lat": number_out(p.latitude), "lon": number_out(p.longitude)}
        elif name in ("started_on", "ended_on"):
            day: date | None = getattr(p, name)
            if day is not None:
                out[name] = day.isoformat()
        elif name in ("mechanism_kinds", "target_groups"):
            codes = getattr(p, name)
            if codes:
                out[name] = Flow(codes) if fmt == "yaml" else list(codes)
        elif name == "indicators":
            if p.indicators:
                out[name] = [_indicator_out(i) for i in p.indicators]
        elif name == "success_factors":
            if p.success_factors:
                out[name] = [{**factor_fields(u.factor), "weight": u.weight}
                             for u in p.success_factors]
        elif name in ("sources", "contacts"):
            if getattr(p, name):
                out[name] = list(getattr(p, name))
        elif name == "status":
            out[name] = p.status
        elif name == "presented":
            if p.presented:
                out[name] = True
        else:
            value = getattr(p, name)
            if value:
                out[name] = value
    return out


def _indicator_out(indicator: Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {"name": text_out(indicator.name), "value": indicator.value}
    if indicator.unit:
        out["unit"] = indicator.unit
    if indicator.year is not None:
        out["year"] = indicator.year
    return out


def write_practices(practices: Iterable[PracticeData], *,
                    fmt: Literal["yaml", "json"] = "yaml") -> str:
    """The practices as a file that `read_practices` reads back into equal values."""
    return dump({"practices": [practice_out(p, fmt) for p in practices]}, fmt)


def write_region_profiles(regions: Iterable[RegionData], *,
                          fmt: Literal["yaml", "json"] = "yaml") -> str:
    out = []
    for region in regions:
        answers: dict[str, Any] = {}
        for key, answer in region.answers.items():
            answers[key] = {"answer": answer.answer,
                            **({"note": answer.note} if answer.note else {}),
                            **({"note_sl": answer.note_sl} if answer.note_sl else {}),
                            **({"curator_note": answer.curator_note}
                               if answer.curator_note else {})}
        out.append({"code": region.code, "name": region.name, "answers": answers})
    return dump({"regions": out}, fmt)
