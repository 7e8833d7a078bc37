"""The finance finder's matching core: read a profile, judge each criterion, group the results.

Pure (no Django, no I/O): the API, the `find_finance` command and the web page hand it the
plain values of `mechanism.py` and render what comes back. The rules are those of
shared/specs/finance-finder.md §2 (profile) and §3 (matching); choices where the spec is
silent are written down in docs/finder.md.

The matcher never raises, whatever odd values a `Profile` or `Mechanism` holds: each value is
cleaned once into a private view (a value it cannot read counts as not given), and the
verdicts are computed from those views. `match` first computes bare verdicts for every
mechanism and builds the wording only for those that land in a group, so that a catalogue of
thousands of mechanisms stays within a few tens of milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, InvalidOperation
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Any, Final, Generic, Literal, TypeVar

from microfuture.finder.freshness import is_stale
from microfuture.finder.mechanism import CRITERIA, KIND_ORDER, TARGET_GROUPS, Mechanism, Profile
from microfuture.kernel.collation import name_key
from microfuture.kernel.text import Bilingual
from microfuture.municipalities import Municipality, municipality_find, municipality_name
from microfuture.regions import region_name

Verdict = Literal["met", "not_met", "unknown"]
#: A criterion's wording: what the mechanism needs, what the applicant has, the sentence.
Wording = tuple[str, str, Bilingual]
MET: Final = "met"
NOT_MET: Final = "not_met"
UNKNOWN: Final = "unknown"

PROFILE_FIELDS = (
    "country", "region", "municipality", "entity_type", "social_enterprise_status", "employees",
    "founded_on", "age_months", "target_groups", "amount", "purpose", "credit_rating", "sector",
    "tax_debts", "de_minimis_received", "on", "lang",
)

# The general de minimis ceiling: EUR 300,000 of de minimis aid per single undertaking over any
# period of three years (Commission Regulation (EU) 2023/2831, Art. 3(2), in force since
# 1 January 2024; https://eur-lex.europa.eu/eli/reg/2023/2831/oj). Sectoral regulations
# (agriculture, fisheries, services of general economic interest) have their own ceilings.
DE_MINIMIS_CEILING: Final = Decimal(300_000)


class Refusal(str):
    """A problem with a profile that is not about its shape but about what it says: a
    municipality that does not exist, or a combination the law rules out (a sole trader with
    the social-enterprise status). The API answers these with 400, other problems with 422."""


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    """One criterion of one mechanism judged against one profile (§3)."""

    criterion: str
    verdict: Verdict
    needs: str  # what the mechanism asks, machine-neutral ("1", "2022-01-01", "SI031, SI032")
    has: str  # what the profile says, same form; "" when unknown
    message: Bilingual  # a plain sentence: needs, has, and what would change the answer


@dataclass(frozen=True)
class Evaluation:
    """Every criterion of a mechanism, in CRITERIA order, and the facts used to order it.

    `results` (needs, has and the sentences) is worded on first use: `match` judges the whole
    catalogue, but a page or the JSON answer reads the wording of few mechanisms.
    """

    mechanism: Mechanism
    verdicts: tuple[Verdict, ...]  # one per criterion, in CRITERIA order
    closed: bool
    covers_whole_amount: bool
    names_target_group: bool
    _facts: _Facts | None = field(default=None, repr=False, compare=False)
    _values: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def notes(self) -> list[Bilingual]:
        """What the applicant should know beyond the verdicts: the amount_max note (§3)."""
        if self._facts is None or self.covers_whole_amount:
            return []
        note = _amount_note(self._values[_AMOUNT_MAX], self._facts)
        return [note] if note is not None else []

    @cached_property
    def results(self) -> tuple[CriterionResult, ...]:
        if self._facts is None:
            return ()
        return _word(self._values, self._facts, self.verdicts)

    @property
    def not_met(self) -> tuple[str, ...]:
        return tuple(c for c, v in zip(CRITERIA, self.verdicts, strict=False) if v == NOT_MET)

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(c for c, v in zip(CRITERIA, self.verdicts, strict=False) if v == UNKNOWN)

    @property
    def group(self) -> str:
        """"eligible", "possible", "near_miss", "closed" or "" (not shown)."""
        return _group(self.closed, self.not_met, bool(self.unknown))

    def result(self, criterion: str) -> CriterionResult:
        for r in self.results:
            if r.criterion == criterion:
                return r
        raise KeyError(criterion)


@dataclass(frozen=True)
class MatchResult:
    on: date | None  # None only for a hand-built profile given without any date
    lang: str
    eligible: tuple[Evaluation, ...]
    possible: tuple[Evaluation, ...]
    near_misses: tuple[Evaluation, ...]
    closed: tuple[Evaluation, ...]


# --- small value helpers ------------------------------------------------------------------------

# Differences shown in messages (remaining amount, months to wait) are computed here: no
# trapped signals, so no odd magnitude can make the matcher raise.
_CTX = Context(prec=60, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])


def _minus(a: Decimal, b: Decimal | int) -> Decimal:
    return _CTX.subtract(a, Decimal(b))


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_RATING = re.compile(r"([A-Z]+)\s*-?\s*(\d+)")
_SECTION = re.compile(r"[A-Za-z]")


def _dec(value: object) -> Decimal | None:
    """A finite Decimal from an int, float (via str, never float arithmetic) or numeric text."""
    if type(value) is Decimal:  # the usual case, first
        return value if value.is_finite() else None
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, Decimal):
            number = value
        elif isinstance(value, int):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(str(value))
        elif isinstance(value, str):
            number = Decimal(value.strip())
        else:
            return None
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return number if number.is_finite() else None


def _day(value: object) -> date | None:
    if type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _text_value(value: object, *, upper: bool) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value:
        return None
    return value.upper() if upper else value.lower()


def _text_list(value: object, *, upper: bool) -> tuple[str, ...]:
    """The cleaned items of a list field, in the given order, without repeats."""
    if type(value) is tuple:
        if not value:
            return ()
        try:
            return _clean_tuple(value, upper)
        except TypeError:  # an unhashable item: clean it without the cache
            pass
    return _clean_items(value, upper=upper)


@lru_cache(maxsize=4096)
def _clean_tuple(value: tuple[object, ...], upper: bool) -> tuple[str, ...]:
    # Catalogue lists repeat a lot (("SI",), the same regions…): cleaned once each.
    return _clean_items(value, upper=upper)


def _clean_items(value: object, *, upper: bool) -> tuple[str, ...]:
    if isinstance(value, str):
        items: Iterable[object] = (value,)
    elif isinstance(value, (set, frozenset)):
        items = sorted(value, key=str)  # no given order: make one, for determinism
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return ()
    out: list[str] = []
    for item in items:
        text = _text_value(item if isinstance(item, str) else str(item), upper=upper)
        if text is not None and text not in out:
            out.append(text)
    return tuple(out)


def _canon_groups(groups: Iterable[str]) -> tuple[str, ...]:
    """Known target groups in vocabulary order, then unknown ones as given."""
    given = list(dict.fromkeys(groups))
    known = [g for g in TARGET_GROUPS if g in given]
    return (*known, *(g for g in given if g not in TARGET_GROUPS))


def _section(value: object) -> str | None:
    """The NACE section letter of a section letter or of a code that starts with it."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or not _SECTION.match(value[0]):
        return None
    return value[0].upper()


@lru_cache(maxsize=1024)
def _rating_key(rating: str | None) -> tuple[str, int] | None:
    """("SB", 7) for "SB7": a letter scale and a number, lower is better (SB1 beats SB10)."""
    if not rating:
        return None
    found = _RATING.fullmatch(rating.strip().upper())
    return (found.group(1), int(found.group(2))) if found else None


def complete_months(start: date, end: date) -> int:
    """Complete months from start to end: a month counts once its day number is reached.

    31 January → 28 February is 0, → 31 March is 2 (§3). Negative when end is earlier.
    """
    return ((end.year - start.year) * 12 + end.month - start.month
            - (1 if end.day < start.day else 0))


def _founding_range(age: int, on: date) -> tuple[date, date] | None:
    """The first and last founding date that gives `age` complete months on `on`, if any.

    complete_months(d, on) never grows as d grows, so the dates of one age are one run of
    days, found by two binary searches over the calendar.
    """
    first, last = 1, date.max.toordinal()

    def months(ordinal: int) -> int:
        return complete_months(date.fromordinal(ordinal), on)

    if months(last) > age or months(first) < age:
        return None
    lo, hi = first, last
    while lo < hi:  # smallest day with months <= age
        mid = (lo + hi) // 2
        if months(mid) <= age:
            hi = mid
        else:
            lo = mid + 1
    earliest = lo
    if months(earliest) != age:
        return None
    lo, hi = earliest, last
    while lo < hi:  # largest day with months >= age
        mid = (lo + hi + 1) // 2
        if months(mid) >= age:
            lo = mid
        else:
            hi = mid - 1
    return date.fromordinal(earliest), date.fromordinal(lo)


@lru_cache(maxsize=4096)
def plain_number(number: Decimal | int) -> str:
    """Minimal plain form: 1, 5000, 2.5 (no exponent, no trailing zeros)."""
    if isinstance(number, int):
        return str(number)
    if not number.is_finite():
        return str(number)
    if number == 0:
        return "0"
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    digit_list = list(digits)
    while digit_list and digit_list[-1] == 0 and exponent < 0:
        digit_list.pop()
        exponent += 1
    if exponent > 40 or exponent < -40:  # absurd magnitudes: keep the text short
        return str(number.normalize())
    return format(Decimal((sign, tuple(digit_list), exponent)), "f")


@lru_cache(maxsize=4096)
def _human_number(number: Decimal | int, lang: str) -> str:
    text = plain_number(number)
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    if "E" in whole or not whole.isdigit():
        return text
    group_sep, decimal_sep = (".", ",") if lang == "sl" else (",", ".")
    if len(whole) > 3:  # 5,000 / 5.000: grouped alike from four digits, for easy comparing
        groups = []
        while whole:
            groups.append(whole[-3:])
            whole = whole[:-3]
        whole = group_sep.join(reversed(groups))
    return ("-" if negative else "") + whole + (decimal_sep + fraction if fraction else "")


def _euros(number: Decimal, lang: str) -> str:
    return f"{_human_number(number, 'sl')} €" if lang == "sl" else f"€{_human_number(number, 'en')}"


def _eur(number: Decimal) -> Bilingual:
    return Bilingual(sl=_euros(number, "sl"), en=_euros(number, "en"))


def _num(number: Decimal | int) -> Bilingual:
    return Bilingual(sl=_human_number(number, "sl"), en=_human_number(number, "en"))


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def _human_date(day: date) -> Bilingual:
    return Bilingual(sl=f"{day.day}. {day.month}. {day.year}",
                     en=f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}")


def _sl_form(number: Decimal | int) -> int:
    """Slovenian number form: 1 (ednina), 2 (dvojina), 3 (3–4), 5 (5+, 0 and decimals)."""
    if isinstance(number, Decimal):
        if not number.is_finite() or abs(number.adjusted()) > 40:
            return 5
        if number != _CTX.to_integral_value(number):
            return 5
        number = int(number)
    rest = abs(number) % 100
    return 1 if rest == 1 else 2 if rest == 2 else 3 if rest in (3, 4) else 5


def _months(number: Decimal | int) -> Bilingual:
    """"3 months" / "3 mesece" (Slovenian accusative, as after "deluje" or "čez")."""
    sl_word = {1: "mesec", 2: "meseca", 3: "mesece", 5: "mesecev"}[_sl_form(number)]
    en_word = "month" if number == 1 else "months"
    return Bilingual(sl=f"{_human_number(number, 'sl')} {sl_word}",
                     en=f"{_human_number(number, 'en')} {en_word}")


# --- vocabulary in plain words --------------------------------------------------------------------

_ENTITY_LABELS = {
    "individual": Bilingual("posameznik, še brez registrirane dejavnosti",
                            "a person not yet registered"),
    "sole_trader": Bilingual("samostojni podjetnik (s.p.)", "sole trader (s.p.)"),
    "company": Bilingual("gospodarska družba (npr. d.o.o.)", "company (e.g. d.o.o.)"),
    "cooperative": Bilingual("zadruga", "cooperative"),
    "association": Bilingual("društvo", "association"),
    "institute": Bilingual("zavod", "institute"),
}
_GROUP_LABELS = {
    "unemployed": Bilingual("brezposelni", "unemployed people"),
    "long_term_unemployed": Bilingual("dolgotrajno brezposelni", "long-term unemployed people"),
    "youth": Bilingual("mladi", "young people"),
    "women": Bilingual("ženske", "women"),
    "migrants": Bilingual("migranti", "migrants"),
    "disability": Bilingual("invalidi", "people with disabilities"),
    "roma": Bilingual("Romi", "Roma"),
    "over_50": Bilingual("starejši od 50 let", "people over 50"),
    "minimum_income": Bilingual("prejemniki denarne socialne pomoči", "people on minimum income"),
    "social_economy": Bilingual("socialna ekonomija", "the social economy"),
}
_PURPOSE_LABELS = {
    "start_up": Bilingual("zagon dejavnosti", "starting up"),
    "investment": Bilingual("naložbe", "investment"),
    "working_capital": Bilingual("obratna sredstva", "working capital"),
    "equipment": Bilingual("oprema", "equipment"),
    "training": Bilingual("usposabljanje", "training"),
    "social_impact": Bilingual("družbeni učinek", "social impact"),
}


def _labels(values: Iterable[str], labels: dict[str, Bilingual]) -> Bilingual:
    items = [labels.get(v, Bilingual(v, v)) for v in values]
    return Bilingual(sl=", ".join(t.sl for t in items), en=", ".join(t.en for t in items))


# Countries a message may name, in both languages (a code not here is shown as it is).
_COUNTRY_NAMES: Final[dict[str, Bilingual]] = {
    "SI": Bilingual("Slovenija", "Slovenia"), "AT": Bilingual("Avstrija", "Austria"),
    "HR": Bilingual("Hrvaška", "Croatia"), "IT": Bilingual("Italija", "Italy"),
    "HU": Bilingual("Madžarska", "Hungary"), "DE": Bilingual("Nemčija", "Germany"),
    "FR": Bilingual("Francija", "France"), "RO": Bilingual("Romunija", "Romania"),
    "SE": Bilingual("Švedska", "Sweden"), "ES": Bilingual("Španija", "Spain"),
    "BE": Bilingual("Belgija", "Belgium"), "NL": Bilingual("Nizozemska", "Netherlands"),
    "PL": Bilingual("Poljska", "Poland"), "CZ": Bilingual("Češka", "Czechia"),
    "SK": Bilingual("Slovaška", "Slovakia"), "PT": Bilingual("Portugalska", "Portugal"),
}


def _country_names(values: Iterable[str]) -> Bilingual:
    """Countries by their names in each language: a message never names a bare code."""
    names = [_COUNTRY_NAMES.get(v, Bilingual(v, v)) for v in values if v]
    return Bilingual(", ".join(n.sl for n in names), ", ".join(n.en for n in names))


def _region_names(values: Iterable[str]) -> Bilingual:
    """Regions by their names (proper nouns, the same in both languages)."""
    joined = ", ".join(region_name(v) for v in values if v)
    return Bilingual(joined, joined)


# --- the cleaned views ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Facts:
    """A profile as the matcher reads it: cleaned, with the implications of §2 applied."""

    on: date | None  # the day the question is asked; None: no date given (never the clock)
    lang: str
    country: str | None
    region: str | None
    municipality: str | None  # official number, when the profile names a known one
    entity_type: str | None
    social: bool | None
    employees: Decimal | None
    founded_on: date | None
    age: int | None  # complete months on `on`: from founded_on, else the given age
    founding: tuple[date, date] | None  # founding dates consistent with an age-only answer
    groups: tuple[str, ...]
    group_set: frozenset[str]
    amount: Decimal | None
    purpose: str | None
    rating: str | None
    rating_key: tuple[str, int] | None
    sector: str | None
    tax_debts: bool | None
    de_minimis_received: Decimal | None
    # The wording of a criterion the mechanism leaves empty depends on the profile alone:
    # kept here, built once per profile (index in CRITERIA → result).
    empty_results: dict[int, CriterionResult] = field(default_factory=dict)
    # Mechanisms of one shape (a region's savings clubs set the same conditions) are worded
    # once: (cleaned values, verdicts) → results.
    worded: dict[tuple[Any, ...], tuple[CriterionResult, ...]] = field(default_factory=dict)


def _implied(
    entity_type: str | None,
    social: bool | None,
    employees: Decimal | None,
    founded_on: date | None,
    age: int | None,
    groups: Iterable[str],
) -> tuple[bool | None, Decimal | None, int | None, tuple[str, ...]]:
    """§2: what a profile implies unless it says otherwise (explicit answers win)."""
    if entity_type == "individual":
        social = False if social is None else social
        employees = Decimal(0) if employees is None else employees
        if founded_on is None and age is None:
            age = 0
    group_list = list(groups)
    if "long_term_unemployed" in group_list:
        group_list.append("unemployed")
    if social is True:
        group_list.append("social_economy")
    return social, employees, age, _canon_groups(group_list)


def _municipality(value: object) -> Municipality | None:
    """The municipality a profile names, by its official number or its name."""
    return municipality_find(value) if isinstance(value, str) else None


def _municipality_code(value: str) -> str:
    """A catalogue's municipality code in the official form: "61" and "061" are Ljubljana."""
    return f"{int(value):03d}" if value.isascii() and value.isdigit() else value


def _facts(profile: Profile, on: date | None = None) -> _Facts:
    on = _day(getattr(profile, "on", None)) or _day(on)
    lang = profile.lang if profile.lang in ("sl", "en") else "en"
    entity_type = _text_value(profile.entity_type, upper=False)
    social = profile.social_enterprise_status
    social = social if isinstance(social, bool) else None
    founded_on = _day(profile.founded_on)
    given_age = profile.age_months
    age: int | None = None
    if founded_on is None and isinstance(given_age, int) and not isinstance(given_age, bool):
        age = given_age
    social, employees, age, groups = _implied(
        entity_type, social, _dec(profile.employees), founded_on, age,
        _text_list(profile.target_groups, upper=False))
    founding = None
    if on is None:  # without a date, an age or a founding date cannot be turned into the other
        if founded_on is not None:
            age = None
    elif founded_on is not None:
        age = complete_months(founded_on, on)
    elif age is not None:
        founding = _founding_range(age, on)
    rating = _text_value(profile.credit_rating, upper=True)
    municipality = _municipality(getattr(profile, "municipality", None))
    region = _text_value(profile.region, upper=True)
    if region is None and municipality is not None:  # §5: the municipality sets the region
        region = municipality.region
    tax_debts = getattr(profile, "tax_debts", None)
    received = _dec(getattr(profile, "de_minimis_received", None))
    return _Facts(
        on=on, lang=lang,
        country=_text_value(profile.country, upper=True),
        region=region,
        # A name the table does not know is kept as given: it matches no list.
        municipality=(municipality.code if municipality is not None
                      else _text_value(getattr(profile, "municipality", None), upper=False)),
        tax_debts=tax_debts if isinstance(tax_debts, bool) else None,
        de_minimis_received=received if received is not None and received >= 0 else None,
        entity_type=entity_type, social=social, employees=employees,
        founded_on=founded_on, age=age, founding=founding,
        groups=groups, group_set=frozenset(groups),
        amount=_dec(profile.amount),
        purpose=_text_value(profile.purpose, upper=False),
        rating=rating, rating_key=_rating_key(rating),
        sector=_section(profile.sector),
    )


# --- verdicts -------------------------------------------------------------------------------------


def _in_list(values: tuple[str, ...], value: str | None) -> Verdict:
    if not values:
        return MET
    if value is None:
        return UNKNOWN
    return MET if value in values else NOT_MET


def _at_least(limit: Decimal | None, value: Decimal | int | None) -> Verdict:
    if limit is None:
        return MET
    if value is None:
        return UNKNOWN
    return MET if value >= limit else NOT_MET


def _at_most(limit: Decimal | None, value: Decimal | int | None) -> Verdict:
    if limit is None:
        return MET
    if value is None:
        return UNKNOWN
    return MET if value <= limit else NOT_MET


def _v_founded_before(limit: date | None, f: _Facts) -> Verdict:
    if limit is None:
        return MET
    if f.founded_on is not None:
        return MET if f.founded_on < limit else NOT_MET
    if f.founding is not None:  # only the age is known: decide when every date agrees
        earliest, latest = f.founding
        if latest < limit:
            return MET
        if earliest >= limit:
            return NOT_MET
    return UNKNOWN


def _v_rating(rating: str, f: _Facts) -> Verdict:
    if not rating:
        return MET
    needed = _rating_key(rating)
    if f.rating_key is None or needed is None or f.rating_key[0] != needed[0]:
        return UNKNOWN  # not given, or not comparable: only the provider can say
    return MET if f.rating_key[1] <= needed[1] else NOT_MET


def _v_groups(groups: tuple[str, ...], f: _Facts) -> Verdict:
    if not groups:
        return MET
    if not f.groups:
        return UNKNOWN  # an empty list says nothing: the applicant may not have answered
    return MET if any(g in f.group_set for g in groups) else NOT_MET


def _v_excluded(excluded: tuple[str, ...], f: _Facts) -> Verdict:
    if not excluded:
        return MET
    if f.sector is None:
        return UNKNOWN
    return NOT_MET if f.sector in excluded else MET


def _v_status(required: bool, f: _Facts) -> Verdict:
    if not required:
        return MET
    if f.social is None:
        return UNKNOWN
    return MET if f.social else NOT_MET


def _v_no_tax_debts(required: bool, f: _Facts) -> Verdict:
    if not required:
        return MET
    if f.tax_debts is None:
        return UNKNOWN
    return NOT_MET if f.tax_debts else MET


def _v_de_minimis(rule: tuple[bool, Decimal | None], f: _Facts) -> Verdict:
    """Not met when the aid received in three years plus this aid would pass the ceiling.

    The amount asked stands for this aid: for a grant it is the aid; for a loan or a guarantee
    the aid is only its subsidy element (the provider computes it), so this errs on the side
    of caution. Without an amount, the mechanism's maximum decides when it leaves room.
    """
    granted, maximum = rule
    if not granted:
        return MET
    received = f.de_minimis_received
    if received is None:
        return UNKNOWN
    if f.amount is not None:
        return NOT_MET if received + f.amount > DE_MINIMIS_CEILING else MET
    if received >= DE_MINIMIS_CEILING:
        return NOT_MET
    if maximum is not None and received + maximum <= DE_MINIMIS_CEILING:
        return MET
    return UNKNOWN


def _is_closed(read: _Read, on: date | None) -> bool:
    """Outside its call window on `on` (both ends inclusive). Without a date, a mechanism that
    has a window counts as closed: nothing can confirm that it is open."""
    start, end = read.open_from, read.open_until
    if on is None:
        return start is not None or end is not None
    return (start is not None and on < start) or (end is not None and on > end)


def _group(closed: bool, not_met: Sequence[str], any_unknown: bool) -> str:
    if not not_met:
        if closed:
            return "closed"
        return "possible" if any_unknown else "eligible"
    if len(not_met) == 1 and not_met[0] != "countries" and not closed:
        return "near_miss"
    return ""


# --- wording --------------------------------------------------------------------------------------

def _join(*parts: Bilingual) -> Bilingual:
    return Bilingual(sl=" ".join(p.sl for p in parts if p.sl),
                     en=" ".join(p.en for p in parts if p.en))


def _amount_note(maximum: Decimal | None, f: _Facts) -> Bilingual | None:
    if maximum is None or f.amount is None or f.amount <= maximum:
        return None
    top, asked, rest = _eur(maximum), _eur(f.amount), _eur(_minus(f.amount, maximum))
    return Bilingual(
        sl=f"Pokrije le do {top.sl} od {asked.sl}, ki jih potrebujete; za preostalih "
           f"{rest.sl} boste potrebovali še drug vir.",
        en=f"It covers only up to {top.en} of the {asked.en} you need; you will need another "
           f"source for the remaining {rest.en}.",
    )


def _w_amount_min(minimum: Decimal | None, f: _Facts, verdict: Verdict) -> Wording:
    if minimum is None:
        return "", _has_number(f.amount), Bilingual("Najmanjši znesek ni določen.",
                                                    "No minimum amount.")
    low = _eur(minimum)
    if verdict == UNKNOWN:
        return plain_number(minimum), "", Bilingual(
            f"Najmanjši znesek je {low.sl}; niste navedli, koliko potrebujete.",
            f"The smallest amount is {low.en}; you have not said how much you need.")
    assert f.amount is not None
    asked = _eur(f.amount)
    if verdict == MET:
        message = Bilingual(f"Znesek od {low.sl}; vi potrebujete {asked.sl}.",
                            f"Amounts from {low.en}; you need {asked.en}.")
    else:
        message = Bilingual(
            f"Najmanjši znesek je {low.sl}; vi potrebujete {asked.sl}. To bi se spremenilo, če "
            f"bi zaprosili za vsaj {low.sl}.",
            f"The smallest amount is {low.en}; you need {asked.en}. Asking for at least "
            f"{low.en} would change this.")
    return plain_number(minimum), plain_number(f.amount), message


def _w_amount_max(maximum: Decimal | None, f: _Facts, verdict: Verdict) -> Wording:
    has = _has_number(f.amount)
    if maximum is None:
        return "", has, Bilingual("Največji znesek ni določen.", "No maximum amount.")
    top = _eur(maximum)
    note = _amount_note(maximum, f)
    if note is not None:
        return plain_number(maximum), has, note
    if f.amount is None:
        return plain_number(maximum), has, Bilingual(f"Do {top.sl}.", f"Up to {top.en}.")
    asked = _eur(f.amount)
    return plain_number(maximum), has, Bilingual(f"Do {top.sl}; vi potrebujete {asked.sl}.",
                                                 f"Up to {top.en}; you need {asked.en}.")


def _has_number(value: Decimal | int | None) -> str:
    return "" if value is None else plain_number(value)


def _list_wording(
    values: tuple[str, ...],
    has_value: str | None,
    verdict: Verdict,
    needs_label: Bilingual,
    has_label: Bilingual,
    *,
    intro: Bilingual,
    yours: Bilingual,
    not_said: Bilingual,
    change: Bilingual,
    empty: Bilingual,
) -> Wording:
    needs = ", ".join(values)
    if not values:
        return "", has_value or "", empty
    if verdict == UNKNOWN:
        return needs, "", Bilingual(f"{intro.sl} {needs_label.sl}; {not_said.sl}",
                                    f"{intro.en} {needs_label.en}; {not_said.en}")
    message = Bilingual(f"{intro.sl} {needs_label.sl}; {yours.sl} {has_label.sl}.",
                        f"{intro.en} {needs_label.en}; {yours.en} {has_label.en}.")
    if verdict == NOT_MET:
        message = _join(message, change)
    return needs, has_value or "", message


def _w_countries(values: tuple[str, ...], f: _Facts, verdict: Verdict) -> Wording:
    return _list_wording(
        values, f.country, verdict, _country_names(values),
        _country_names([f.country or ""]),
        intro=Bilingual("Samo za prijavitelje iz držav:", "Only for applicants based in:"),
        yours=Bilingual("vaša država:", "you are based in"),
        not_said=Bilingual("niste navedli, v kateri državi ste.",
                           "you have not said which country you are based in."),
        change=Bilingual("Prijavijo se lahko le prijavitelji s sedežem ali prebivališčem v eni od "
                         "teh držav.", "Only applicants based in one of these countries can "
                                       "apply."),
        empty=Bilingual("Na voljo v vseh državah.", "Open in every country."))


def _w_regions(values: tuple[str, ...], f: _Facts, verdict: Verdict) -> Wording:
    return _list_wording(
        values, f.region, verdict, _region_names(values), _region_names([f.region or ""]),
        intro=Bilingual("Samo za regije:", "Only for the regions"),
        yours=Bilingual("vaša regija:", "yours is"),
        not_said=Bilingual("niste navedli, v kateri regiji ste.",
                           "you have not said which region you are in."),
        change=Bilingual("To bi se spremenilo s sedežem v eni od teh regij.",
                         "Being based in one of these regions would change this."),
        empty=Bilingual("Na voljo v vseh regijah.", "Open in every region."))


def _w_entity_types(values: tuple[str, ...], f: _Facts, verdict: Verdict) -> Wording:
    return _list_wording(
        values, f.entity_type, verdict, _labels(values, _ENTITY_LABELS),
        _labels([f.entity_type or ""], _ENTITY_LABELS),
        intro=Bilingual("Namenjeno za:", "Open to:"),
        yours=Bilingual("vi ste:", "you are:"),
        not_said=Bilingual("niste navedli, v kateri obliki delujete.",
                           "you have not said in which legal form you work."),
        change=Bilingual("To bi se spremenilo, če bi delovali v eni od teh oblik.",
                         "Working in one of these legal forms would change this."),
        empty=Bilingual("Namenjeno vsem pravnim oblikam.", "Open to every legal form."))


def _w_status(required: bool, f: _Facts, verdict: Verdict) -> Wording:
    has = "" if f.social is None else ("true" if f.social else "false")
    if not required:
        return "false", has, Bilingual("Status socialnega podjetja ni pogoj.",
                                       "No social-enterprise status needed.")
    need = Bilingual("Potreben je status socialnega podjetja;",
                     "Needs the social-enterprise status;")
    if verdict == UNKNOWN:
        return "true", "", _join(need, Bilingual("niste navedli, ali ga imate.",
                                                 "you have not said whether you have it."))
    if verdict == MET:
        return "true", has, _join(need, Bilingual("vi ga imate.", "you have it."))
    return "true", has, _join(need, Bilingual(
        "vi ga nimate. To bi se spremenilo, ko bi pridobili status socialnega podjetja po "
        "Zakonu o socialnem podjetništvu.",
        "you do not have it. Getting the status under the Social Entrepreneurship Act would "
        "change this."))


def _sl_employees_needed(n: Decimal) -> str:
    k = _human_number(n, "sl")
    return {
        1: f"Potrebna je vsaj {k} zaposlena oseba za polni delovni čas",
        2: f"Potrebni sta vsaj {k} zaposleni osebi za polni delovni čas",
        3: f"Potrebne so vsaj {k} zaposlene osebe za polni delovni čas",
        5: f"Potrebnih je vsaj {k} zaposlenih oseb za polni delovni čas",
    }[_sl_form(n)]


def _sl_you_have(h: Decimal) -> str:
    return f"vi imate {_human_number(h, 'sl')}" if _sl_form(h) == 1 else \
        f"vi jih imate {_human_number(h, 'sl')}"


def _employees_change(need: Decimal, has: Decimal) -> Bilingual:
    more = _minus(need, has)
    if abs(more.adjusted()) > 40 or more != _CTX.to_integral_value(more):
        n = _num(need)
        return Bilingual(f"To bi se spremenilo, ko bi število zaposlenih doseglo {n.sl}.",
                         f"Reaching {n.en} full-time equivalents would change this.")
    count = int(more)
    if count == 1:
        return Bilingual("Ena zaposlitev bi to spremenila." if has == 0 else
                         "Še ena zaposlitev bi to spremenila.",
                         "Hiring one employee would change this." if has == 0 else
                         "Hiring one more employee would change this.")
    k = _human_number(count, "sl")
    sl = {1: f"Še {k} zaposlitev bi to spremenila.", 2: f"Še {k} zaposlitvi bi to spremenili.",
          3: f"Še {k} zaposlitve bi to spremenile.",
          5: f"Še {k} zaposlitev bi to spremenilo."}[_sl_form(count)]
    return Bilingual(sl, f"Hiring {_human_number(count, 'en')} more employees would change this.")


def _w_employees_min(limit: Decimal | None, f: _Facts, verdict: Verdict) -> Wording:
    has = _has_number(f.employees)
    if limit is None:
        return "", has, Bilingual("Najmanjše število zaposlenih ni določeno.",
                                  "No minimum number of employees.")
    n = limit
    word = "employee" if n == 1 else "employees"
    need = Bilingual(_sl_employees_needed(n), f"Needs at least {_num(n).en} full-time {word}")
    if verdict == UNKNOWN or f.employees is None:
        return plain_number(n), "", Bilingual(f"{need.sl}; niste navedli, koliko zaposlenih imate.",
                                              f"{need.en}; you have not said how many you have.")
    message = Bilingual(f"{need.sl}; {_sl_you_have(f.employees)}.",
                        f"{need.en}; you have {_num(f.employees).en}.")
    if verdict == NOT_MET:
        message = _join(message, _employees_change(n, f.employees))
        if f.entity_type == "sole_trader" and f.employees < 1:
            message = _join(message, _SOLE_TRADER_COUNTS)
    return plain_number(n), has, message


# SEF counts the holder of a sole trader (s.p.) working full time as its employee (P7 2015
# call, stated outright; field review §1.1): a "you have 0" near miss would mislead them.
_SOLE_TRADER_COUNTS = Bilingual(
    "Samostojni podjetnik, ki v svoji dejavnosti dela polni delovni čas, velja za zaposleno "
    "osebo: če to velja za vas, štejete tudi sebe.",
    "A sole trader who works full time in the business counts as a full-time employee: if "
    "that is you, count yourself.")


def _w_employees_max(limit: Decimal | None, f: _Facts, verdict: Verdict) -> Wording:
    has = _has_number(f.employees)
    if limit is None:
        return "", has, Bilingual("Največje število zaposlenih ni določeno.",
                                  "No maximum number of employees.")
    n = _num(limit)
    need = Bilingual(f"Število zaposlenih za polni delovni čas je lahko največ {n.sl}",
                     f"Only for organisations with at most {n.en} full-time employees")
    if verdict == UNKNOWN or f.employees is None:
        return plain_number(limit), "", Bilingual(
            f"{need.sl}; niste navedli, koliko zaposlenih imate.",
            f"{need.en}; you have not said how many you have.")
    message = Bilingual(f"{need.sl}; {_sl_you_have(f.employees)}.",
                        f"{need.en}; you have {_num(f.employees).en}.")
    if verdict == NOT_MET:
        message = _join(message, Bilingual(
            f"Prijavi se lahko le organizacija z največ {n.sl} zaposlenimi.",
            f"Only an organisation with at most {n.en} can apply."))
    return plain_number(limit), has, message


def _w_age(
    limit: Decimal | None, f: _Facts, verdict: Verdict, *, minimum: bool
) -> Wording:
    has = "" if f.age is None else str(f.age)
    if limit is None:
        return "", has, (Bilingual("Najmanjša starost ni določena.", "No minimum age.") if minimum
                         else Bilingual("Največja starost ni določena.", "No maximum age."))
    span = _months(limit)
    need = (Bilingual(f"Namenjeno organizacijam, ki delujejo vsaj {span.sl}",
                      f"Only for organisations at least {span.en} old") if minimum
            else Bilingual(f"Namenjeno organizacijam, ki delujejo največ {span.sl}",
                           f"Only for organisations at most {span.en} old"))
    if verdict == UNKNOWN or f.age is None:
        return plain_number(limit), "", Bilingual(
            f"{need.sl}; niste navedli, kdaj je bila vaša registrirana.",
            f"{need.en}; you have not said when yours was registered.")
    age = _months(f.age)
    message = Bilingual(f"{need.sl}; vaša deluje {age.sl}.", f"{need.en}; yours is {age.en} old.")
    if verdict == NOT_MET:
        if minimum:
            wait = _months(_minus(limit, f.age))
            change = Bilingual(f"Čez {wait.sl} bi se to spremenilo.",
                               f"In {wait.en} this would change.")
        else:
            change = Bilingual("Prijavi se lahko le mlajša organizacija.",
                               "Only a younger organisation can apply.")
        message = _join(message, change)
    return plain_number(limit), has, message


def _w_founded_before(limit: date | None, f: _Facts, verdict: Verdict) -> Wording:
    if limit is None:
        has = f.founded_on.isoformat() if f.founded_on else ""
        return "", has, Bilingual("Datum ustanovitve ni pogoj.", "No founding date required.")
    before = _human_date(limit)
    need = Bilingual(f"Namenjeno organizacijam, ustanovljenim pred {before.sl}",
                     f"Only for organisations founded before {before.en}")
    needs = limit.isoformat()
    if verdict == UNKNOWN:
        if f.age is not None:
            age = _months(f.age)
            return needs, "", Bilingual(
                f"{need.sl}; iz starosti ({age.sl}) tega ne moremo presoditi, zato navedite "
                "točen datum ustanovitve.",
                f"{need.en}; its age ({age.en}) does not tell, so please give the exact date.")
        return needs, "", Bilingual(f"{need.sl}; niste navedli, kdaj je bila vaša ustanovljena.",
                                    f"{need.en}; you have not said when yours was founded.")
    if f.founded_on is not None:
        day = _human_date(f.founded_on)
        has = f.founded_on.isoformat()
        message = Bilingual(f"{need.sl}; vaša je bila ustanovljena {day.sl}.",
                            f"{need.en}; yours was founded on {day.en}.")
    else:
        age_months = f.age if f.age is not None else 0
        age = _months(age_months)
        has = str(age_months)
        message = Bilingual(f"{need.sl}; vaša deluje {age.sl}.",
                            f"{need.en}; yours is {age.en} old.")
    if verdict == NOT_MET:
        message = _join(message, Bilingual("Prijavi se lahko le organizacija, ustanovljena prej.",
                                           "Only an organisation founded earlier can apply."))
    return needs, has, message


def _w_groups(values: tuple[str, ...], f: _Facts, verdict: Verdict) -> Wording:
    return _list_wording(
        values, ", ".join(f.groups) or None, verdict,
        _labels(values, _GROUP_LABELS), _labels(f.groups, _GROUP_LABELS),
        intro=Bilingual("Namenjeno skupinam:", "For"),
        yours=Bilingual("vi ste navedli:", "you told us:"),
        not_said=Bilingual("niste navedli, ali spadate v katero od njih.",
                           "you have not said whether you belong to one of these groups."),
        change=Bilingual("To bi se spremenilo, če bi spadali v eno od teh skupin.",
                         "Belonging to one of these groups would change this."),
        empty=Bilingual("Odprto za vse.", "Open to everyone."))


def _w_purposes(values: tuple[str, ...], f: _Facts, verdict: Verdict) -> Wording:
    return _list_wording(
        values, f.purpose, verdict, _labels(values, _PURPOSE_LABELS),
        _labels([f.purpose or ""], _PURPOSE_LABELS),
        intro=Bilingual("Financira:", "Pays for"),
        yours=Bilingual("vi potrebujete denar za:", "you need the money for"),
        not_said=Bilingual("niste navedli, za kaj potrebujete denar.",
                           "you have not said what you need the money for."),
        change=Bilingual("To bi se spremenilo, če bi denar porabili za enega od teh namenov.",
                         "Using the money for one of these purposes would change this."),
        empty=Bilingual("Namen ni omejen.", "Any purpose."))


def _w_rating(rating: str, f: _Facts, verdict: Verdict) -> Wording:
    if not rating:
        return "", f.rating or "", Bilingual("Bonitetna ocena ni pogoj.",
                                             "No credit rating needed.")
    need = Bilingual(f"Potrebna je bonitetna ocena {rating} ali boljša",
                     f"Needs a credit rating of {rating} or better")
    if verdict == UNKNOWN:
        if f.rating is None:
            return rating, "", Bilingual(f"{need.sl}; niste navedli svoje bonitetne ocene.",
                                      f"{need.en}; you have not said your rating.")
        return rating, "", Bilingual(
            f"{need.sl}; vaše ocene {f.rating} ni mogoče primerjati s to lestvico, zato "
            "vprašajte ponudnika.",
            f"{need.en}; your rating {f.rating} is on another scale, so ask the provider.")
    has = f.rating or ""
    message = Bilingual(f"{need.sl}; vaša je {has}.", f"{need.en}; yours is {has}.")
    if verdict == NOT_MET:
        message = _join(message, Bilingual(f"To bi se spremenilo z oceno {rating} ali boljšo.",
                                           f"A rating of {rating} or better would change this."))
    return rating, has, message


def _w_excluded(values: tuple[str, ...], f: _Facts, verdict: Verdict) -> Wording:
    if not values:
        return "", f.sector or "", Bilingual("Odprto za vse dejavnosti.", "Open to every sector.")
    needs = ", ".join(values)
    need = Bilingual(f"Ni za dejavnosti s področij {needs}",
                     f"Not for activities in sectors {needs}")
    if verdict == UNKNOWN:
        return needs, "", Bilingual(f"{need.sl}; niste navedli svoje dejavnosti.",
                                    f"{need.en}; you have not said your sector.")
    has = f.sector or ""
    message = Bilingual(f"{need.sl}; vaša je s področja {has}.", f"{need.en}; yours is {has}.")
    if verdict == NOT_MET:
        message = _join(message, Bilingual("Spremenila bi ga le dejavnost z drugega področja.",
                                           "Only an activity in another sector would change this."))
    return needs, has, message


def _municipality_names(codes: Iterable[str]) -> Bilingual:
    """Municipalities by their names (proper nouns, the same in both languages)."""
    joined = ", ".join(municipality_name(c) for c in codes if c)
    return Bilingual(joined, joined)


# A list longer than this is named by its count: the border problem areas alone are dozens.
_NAMED_MUNICIPALITIES = 8


def _w_municipalities(values: tuple[str, ...], f: _Facts, verdict: Verdict) -> Wording:
    has = _municipality_names([f.municipality or ""])
    if len(values) <= _NAMED_MUNICIPALITIES:
        needed = _municipality_names(values)
        intro = Bilingual("Samo za občine:", "Only for the municipalities")
    else:
        n = _num(len(values))
        word = {1: "občino", 2: "občini", 3: "občine", 5: "občin"}[_sl_form(len(values))]
        needed = Bilingual(f"{n.sl} {word}, ki jih navaja ponudnik",
                           f"{n.en} municipalities named by the provider")
        intro = Bilingual("Samo za", "Only for")
    return _list_wording(
        values, f.municipality, verdict, needed, has,
        intro=intro,
        yours=Bilingual("vaša občina:", "yours is"),
        not_said=Bilingual("niste navedli, v kateri občini živite oziroma ima vaše podjetje sedež.",
                           "you have not said in which municipality you live or your business is "
                           "registered."),
        change=Bilingual("To bi se spremenilo s sedežem v eni od teh občin.",
                         "Being based in one of these municipalities would change this."),
        empty=Bilingual("Na voljo v vseh občinah.", "Open in every municipality."))


# Where a person with debts can get free help (issue 11 §4; sources in docs/finder.md).
DEBT_HELP = Bilingual(
    "Brezplačno pomoč pri dolgovih dobite na centru za socialno delo in v nevladnih "
    "programih dolžniškega svetovanja, npr. SOS dolgovi Inštituta Prelomi.",
    "Free help with debts: your centre for social work (center za socialno delo) and NGO "
    "debt-counselling programmes such as SOS dolgovi of Inštitut Prelomi.")


def _w_no_tax_debts(required: bool, f: _Facts, verdict: Verdict) -> Wording:
    has = "" if f.tax_debts is None else ("true" if f.tax_debts else "false")
    if not required:
        return "false", has, Bilingual("Neplačani davki niso ovira.", "Unpaid taxes are no bar.")
    need = Bilingual("Samo za prijavitelje brez neplačanih davkov in brez blokiranega računa;",
                     "Only for applicants with no unpaid taxes and no blocked account;")
    if verdict == UNKNOWN:
        return "true", "", _join(need, Bilingual("niste navedli, ali imate kaj od tega.",
                                                 "you have not said whether you have either."))
    if verdict == MET:
        return "true", has, _join(need, Bilingual("vi ju nimate.", "you have neither."))
    return "true", has, _join(need, Bilingual(
        "vi ste navedli, da ju imate. To bi se spremenilo, ko bi dolg poravnali ali se s "
        "Finančno upravo dogovorili za obročno plačilo.",
        "you told us you have. Paying the debt, or agreeing instalments with the Financial "
        "Administration (FURS), would change this."), DEBT_HELP)


def _w_de_minimis(rule: tuple[bool, Decimal | None], f: _Facts, verdict: Verdict) -> Wording:
    granted, _maximum = rule
    received = f.de_minimis_received
    has = _has_number(received)
    if not granted:
        return "", has, Bilingual("Ni pomoč de minimis.", "Not granted as de minimis aid.")
    ceiling = _eur(DE_MINIMIS_CEILING)
    need = Bilingual(f"Dodeli se kot pomoč de minimis: podjetje je v treh letih lahko prejme "
                     f"največ {ceiling.sl}",
                     f"Granted as de minimis aid: a business may receive at most {ceiling.en} of "
                     "it over three years")
    needs = plain_number(DE_MINIMIS_CEILING)
    if verdict == UNKNOWN or received is None:
        said = (Bilingual("niste navedli, koliko pomoči de minimis ste prejeli v zadnjih treh "
                          "letih.",
                          "you have not said how much de minimis aid you have received in the last "
                          "three years.") if received is None else
                Bilingual(f"prejeli ste {_eur(received).sl}; navedite, koliko potrebujete.",
                          f"you have received {_eur(received).en}; say how much you need."))
        return needs, "", Bilingual(f"{need.sl}; {said.sl}", f"{need.en}; {said.en}")
    got = _eur(received)
    if verdict == MET:
        if f.amount is None:
            return needs, has, Bilingual(f"{need.sl}; prejeli ste {got.sl}.",
                                         f"{need.en}; you have received {got.en}.")
        asked = _eur(f.amount)
        return needs, has, Bilingual(f"{need.sl}; prejeli ste {got.sl}, zato je dovolj prostora "
                                     f"za {asked.sl}.",
                                     f"{need.en}; you have received {got.en}, which leaves room "
                                     f"for "
                                     f"the {asked.en} you need.")
    room = _minus(DE_MINIMIS_CEILING, received)
    if room > 0:
        left = _eur(room)
        change = Bilingual(f"To bi se spremenilo, če bi zaprosili za največ {left.sl}.",
                           f"Asking for at most {left.en} would change this.")
    else:
        change = Bilingual("To se spremeni, ko bo del te pomoči starejši od treh let.",
                           "This changes once some of that aid is more than three years old.")
    message = Bilingual(f"{need.sl}; prejeli ste {got.sl}",
                        f"{need.en}; you have received {got.en}")
    if f.amount is not None:
        total = _eur(_CTX.add(received, f.amount))
        message = Bilingual(f"{message.sl}, s tem zneskom bi to bilo {total.sl}.",
                            f"{message.en}, and with this amount it would come to {total.en}.")
    else:
        message = Bilingual(f"{message.sl}.", f"{message.en}.")
    return needs, has, _join(message, change, Bilingual(
        "Pri posojilu ali garanciji šteje le del, ki je pomoč; izračuna ga ponudnik.",
        "For a loan or a guarantee only its aid element counts; the provider works it out."))


# --- the criteria: one record each ----------------------------------------------------------------

T = TypeVar("T")
Wording = Wording  # needs, has, message


@dataclass(frozen=True, slots=True)
class Criterion(Generic[T]):
    """One criterion of §3, whole: how a mechanism's value for it is read, judged and worded,
    when the mechanism leaves it empty, and which question settles it when it is unknown.

    `read` cleans the mechanism's field once, when the mechanism enters the matcher (a value it
    cannot read counts as empty); `judge`, `empty` and `word` work on that clean value only.
    """

    name: str  # the catalogue field (spec §3: "each catalogue field is one criterion")
    read: Callable[[Mechanism], T]
    judge: Callable[[T, _Facts], Verdict]
    empty: Callable[[T], bool]
    word: Callable[[T, _Facts, Verdict], Wording]
    question: Bilingual | None = None  # None: the general "tell us more" question


def _none(value: object) -> bool:
    return value is None


def _no(value: object) -> bool:
    return not value


_ASK_AMOUNT = Bilingual("Koliko denarja potrebujete (v evrih)?",
                        "How much money do you need, in euros?")
_ASK_EMPLOYEES = Bilingual("Koliko zaposlenih za polni delovni čas imate?",
                           "How many full-time employees do you have?")
_ASK_FOUNDED = Bilingual("Kdaj ste registrirali svojo dejavnost?",
                         "When was your business registered?")

# In catalogue field order: the order of checks, of `results` and of `unknown` lists.
REGISTRY: Final[tuple[Criterion[Any], ...]] = (
    Criterion(
        "amount_min", lambda m: _dec(m.amount_min),
        lambda low, f: _at_least(low, f.amount), _none, _w_amount_min, _ASK_AMOUNT),
    Criterion(
        # Above the maximum is still met, with a note in `reasons`; never unknown (§3).
        "amount_max", lambda m: _dec(m.amount_max),
        lambda top, f: MET, _none, _w_amount_max, _ASK_AMOUNT),
    Criterion(
        "countries", lambda m: _text_list(m.countries, upper=True),
        lambda values, f: _in_list(values, f.country), _no, _w_countries,
        Bilingual("V kateri državi živite oziroma ima vaša organizacija sedež?",
                  "In which country do you live, or is your organisation based?")),
    Criterion(
        "regions", lambda m: _text_list(m.regions, upper=True),
        lambda values, f: _in_list(values, f.region), _no, _w_regions,
        Bilingual("V kateri statistični regiji ste (npr. Osrednjeslovenska)?",
                  "In which statistical region are you based (e.g. Osrednjeslovenska)?")),
    Criterion(
        "municipalities",
        lambda m: tuple(_municipality_code(c) for c in _text_list(m.municipalities, upper=True)),
        lambda values, f: _in_list(values, f.municipality), _no, _w_municipalities,
        Bilingual("V kateri občini živite oziroma ima vaše podjetje sedež?",
                  "In which municipality do you live, or is your business registered?")),
    Criterion(
        "entity_types", lambda m: _text_list(m.entity_types, upper=False),
        lambda values, f: _in_list(values, f.entity_type), _no, _w_entity_types,
        Bilingual("Ali ste registrirani in v kateri obliki (s.p., d.o.o., zadruga, društvo, "
                  "zavod)?",
                  "Are you registered, and in which form (sole trader, company, cooperative, "
                  "association, institute)?")),
    Criterion(
        "requires_social_enterprise_status",
        lambda m: m.requires_social_enterprise_status is True,
        _v_status, _no, _w_status,
        Bilingual("Ali imate status socialnega podjetja?",
                  "Do you have the status of a social enterprise?")),
    Criterion(
        "employees_min", lambda m: _dec(m.employees_min),
        lambda limit, f: _at_least(limit, f.employees), _none, _w_employees_min,
        _ASK_EMPLOYEES),
    Criterion(
        "employees_max", lambda m: _dec(m.employees_max),
        lambda limit, f: _at_most(limit, f.employees), _none, _w_employees_max,
        _ASK_EMPLOYEES),
    Criterion(
        "age_months_min", lambda m: _dec(m.age_months_min),
        lambda limit, f: _at_least(limit, f.age), _none,
        lambda limit, f, verdict: _w_age(limit, f, verdict, minimum=True), _ASK_FOUNDED),
    Criterion(
        "age_months_max", lambda m: _dec(m.age_months_max),
        lambda limit, f: _at_most(limit, f.age), _none,
        lambda limit, f, verdict: _w_age(limit, f, verdict, minimum=False), _ASK_FOUNDED),
    Criterion(
        "founded_before", lambda m: _day(m.founded_before),
        _v_founded_before, _none, _w_founded_before, _ASK_FOUNDED),
    Criterion(
        "target_groups", lambda m: _text_list(m.target_groups, upper=False),
        _v_groups, _no, _w_groups,
        Bilingual("Ali kaj od tega velja za vas: brezposelni, mladi, ženska, migrant, invalid, "
                  "Rom, "
                  "starejši od 50 let, prejemnik denarne socialne pomoči, socialna ekonomija?",
                  "Do any of these describe you: unemployed, young, a woman, a migrant, with a "
                  "disability, Roma, over 50, on minimum income, in the social economy?")),
    Criterion(
        "purposes", lambda m: _text_list(m.purposes, upper=False),
        lambda values, f: _in_list(values, f.purpose), _no, _w_purposes,
        Bilingual("Za kaj potrebujete denar?", "What do you need the money for?")),
    Criterion(
        "credit_rating_min", lambda m: _text_value(m.credit_rating_min, upper=True) or "",
        _v_rating, _no, _w_rating,
        Bilingual("Kakšna je vaša bonitetna ocena (npr. SB5)?",
                  "What is your credit rating (e.g. SB5)?")),
    Criterion(
        "excluded_sectors", lambda m: _text_list(m.excluded_sectors, upper=True),
        _v_excluded, _no, _w_excluded,
        Bilingual("Kakšna je vaša glavna dejavnost (šifra SKD, npr. C10.71)?",
                  "What is your main activity (NACE code, e.g. C10.71)?")),
    Criterion(
        "requires_no_tax_debts", lambda m: m.requires_no_tax_debts is True,
        _v_no_tax_debts, _no, _w_no_tax_debts,
        Bilingual("Ali imate neplačane davke ali blokiran transakcijski račun?",
                  "Do you have unpaid taxes or a blocked bank account?")),
    Criterion(
        "de_minimis", lambda m: (m.de_minimis is True, _dec(m.amount_max)),
        _v_de_minimis, lambda rule: not rule[0], _w_de_minimis,
        Bilingual("Koliko državne pomoči de minimis ste prejeli v zadnjih treh letih (v evrih)?",
                  "How much de minimis state aid have you received in the last three years, in "
                  "euros?")),
)
if tuple(c.name for c in REGISTRY) != CRITERIA:  # the vocabulary of mechanism.py, same order
    raise ImportError("the criteria registry and mechanism.CRITERIA disagree")
_BY_NAME: Final[dict[str, Criterion[Any]]] = {c.name: c for c in REGISTRY}
_AMOUNT_MAX: Final = CRITERIA.index("amount_max")
_TARGET_GROUPS: Final = CRITERIA.index("target_groups")


@dataclass(frozen=True, slots=True)
class _Read:
    """A mechanism as the matcher reads it: one clean value per criterion, and its window."""

    values: tuple[Any, ...]  # in REGISTRY order
    open_from: date | None
    open_until: date | None


#: What the matcher reads of a mechanism: every field but the ones only shown to the person
#: (a new field is read unless it is listed here, so a new criterion can never be judged
#: from another mechanism's values).
_SHOWN_ONLY: Final = frozenset({
    "slug", "name", "provider", "kind", "summary", "how_to_apply", "url", "rate",
    "collateral", "verified_on", "sources", "standing", "product", "provider_name", "contact",
    "uncertain",
})
_SHAPE_FIELDS: Final = tuple(f.name for f in fields(Mechanism) if f.name not in _SHOWN_ONLY)
_SHAPE_GET: Final = attrgetter(*_SHAPE_FIELDS)
_PLAIN: Final = frozenset({str, bool, int, date, type(None), Decimal, tuple})


def _shape(m: Mechanism) -> tuple[Any, ...] | None:
    """The values the verdicts depend on, exactly (each with its type, so 1 is not True and
    a Decimal keeps its digits): mechanisms of one shape get the same verdicts and wording.
    None when a value is not a plain one (a list, a tuple of non-texts): then not shared."""
    values = _SHAPE_GET(m)
    kinds = tuple(map(type, values))
    if not _PLAIN.issuperset(kinds):
        return None
    if tuple in kinds and not all(type(item) is str
                                  for value in values if type(value) is tuple for item in value):
        return None
    if Decimal in kinds:
        values = tuple(str(v) if type(v) is Decimal else v for v in values)
    return (kinds, values)


def _read(m: Mechanism) -> _Read:
    return _Read(tuple(c.read(m) for c in REGISTRY), _day(m.open_from), _day(m.open_until))


def _judge(values: tuple[Any, ...], f: _Facts) -> tuple[Verdict, ...]:
    """The verdict of every criterion, in CRITERIA order (§3)."""
    return tuple(c.judge(value, f) for c, value in zip(REGISTRY, values, strict=True))


def _word(
    values: tuple[Any, ...], f: _Facts, verdicts: tuple[Verdict, ...]
) -> tuple[CriterionResult, ...]:
    key = (values, verdicts)
    try:
        found = f.worded.get(key)
    except TypeError:  # a value that cannot be hashed: worded each time
        return _word_each(values, f, verdicts)
    if found is None:
        found = f.worded[key] = _word_each(values, f, verdicts)
    return found


def _word_each(
    values: tuple[Any, ...], f: _Facts, verdicts: tuple[Verdict, ...]
) -> tuple[CriterionResult, ...]:
    results = []
    for i, (c, value, verdict) in enumerate(zip(REGISTRY, values, verdicts, strict=True)):
        empty = c.empty(value)
        result = f.empty_results.get(i) if empty else None
        if result is None:
            needs, has, message = c.word(value, f, verdict)
            result = CriterionResult(c.name, verdict, needs,
                                     "" if verdict == UNKNOWN else has, message)
            if empty:
                f.empty_results[i] = result
        results.append(result)
    return tuple(results)


def _evaluation(
    m: Mechanism, read: _Read, f: _Facts, verdicts: tuple[Verdict, ...], closed: bool
) -> Evaluation:
    top = read.values[_AMOUNT_MAX]
    # "Covers only part of it" is an amount above the maximum; below the minimum is a
    # failed amount_min, not a partial cover.
    return Evaluation(
        mechanism=m,
        verdicts=verdicts,
        closed=closed,
        covers_whole_amount=f.amount is None or top is None or f.amount <= top,
        names_target_group=any(g in f.group_set for g in read.values[_TARGET_GROUPS]),
        _facts=f,
        _values=read.values,
    )


# --- public API -----------------------------------------------------------------------------------


def evaluate(mechanism: Mechanism, profile: Profile, *, on: date | None = None) -> Evaluation:
    """Every criterion of one mechanism against one profile (§3), in CRITERIA order.

    The date is the profile's `on`, else the `on` given here; the core never reads the clock.
    """
    f = _facts(profile, on)
    read = _read(mechanism)
    return _evaluation(mechanism, read, f, _judge(read.values, f), _is_closed(read, f.on))


def _name(m: Mechanism, lang: str) -> str:
    name = m.name
    if isinstance(name, Bilingual):
        text = name.get(lang)
        return text if isinstance(text, str) else str(text)
    return name if isinstance(name, str) else str(name)


def _order_key(e: Evaluation, lang: str) -> tuple[object, ...]:
    m = e.mechanism
    kind = m.kind if m.kind in KIND_ORDER else None
    name = _name(m, lang)
    sort_name: object = name_key(name, lang)
    return (
        0 if e.covers_whole_amount else 1,
        0 if e.names_target_group else 1,
        KIND_ORDER.index(kind) if kind is not None else len(KIND_ORDER),
        sort_name,
        m.slug if isinstance(m.slug, str) else str(m.slug),
    )


def match(
    mechanisms: Sequence[Mechanism], profile: Profile, *, on: date | None = None
) -> MatchResult:
    """The mechanisms of the catalogue grouped and ordered for one profile (§3).

    The date is the profile's `on`, else the `on` given here; the core never reads the clock.
    """
    f = _facts(profile, on)
    groups: dict[str, list[Evaluation]] = {"eligible": [], "possible": [], "near_miss": [],
                                           "closed": []}
    # Mechanisms of one shape (the same conditions and window: a region's savings clubs) are
    # read, judged and grouped once; only their names and contacts differ.
    judged: dict[tuple[Any, ...], tuple[_Read, tuple[Verdict, ...], bool, str]] = {}
    for m in mechanisms:
        shape = _shape(m)
        known = judged.get(shape) if shape is not None else None
        if known is None:
            read = _read(m)  # each mechanism (shape) is read and cleaned once, here
            verdicts = _judge(read.values, f)
            closed = _is_closed(read, f.on)
            not_met = [c for c, verdict in zip(CRITERIA, verdicts, strict=True)
                       if verdict == NOT_MET] if NOT_MET in verdicts else []
            known = (read, verdicts, closed, _group(closed, not_met, UNKNOWN in verdicts))
            if shape is not None:
                judged[shape] = known
        read, verdicts, closed, group = known
        if group:
            groups[group].append(_evaluation(m, read, f, verdicts, closed))

    def ordered(items: list[Evaluation]) -> tuple[Evaluation, ...]:
        return tuple(sorted(items, key=lambda e: _order_key(e, f.lang)))

    return MatchResult(
        on=f.on, lang=f.lang,
        eligible=ordered(groups["eligible"]), possible=ordered(groups["possible"]),
        near_misses=ordered(groups["near_miss"]), closed=ordered(groups["closed"]),
    )


def reasons(evaluation: Evaluation, lang: str) -> list[str]:
    """Short sentences why a mechanism fits: each condition it sets and the profile meets."""
    out = [r.message.get(lang) for r in evaluation.results
           if r.verdict == MET and r.needs and r.needs != "false"]
    for note in evaluation.notes:
        text = note.get(lang)
        if text not in out:
            out.append(text)
    return out or [Bilingual("Nima posebnih pogojev: odprto je za vse.",
                             "It sets no conditions: it is open to everyone.").get(lang)]


def match_json(result: MatchResult,
               guide_url: Callable[[str], str] | None = None) -> dict[str, Any]:
    """Exactly the JSON answer of §3 (`POST /api/v1/finder/match`, `find_finance`), each
    mechanism with `verified_on` and `stale` (§5) and, given `guide_url` (kind → URL), the
    `guide` of its kind (guides spec §4)."""
    lang = result.lang

    def guide(m: Mechanism) -> dict[str, object]:
        return {"guide": guide_url(m.kind)} if guide_url is not None else {}

    def checked(m: Mechanism) -> dict[str, object]:
        # Spec §5: a mechanism not checked in the 12 months before `on` keeps its verdict and
        # its place, and says so; one never checked (or judged without a date) is stale.
        verified_on = _day(m.verified_on)
        stale = result.on is None or is_stale(verified_on, result.on)
        return {"verified_on": verified_on.isoformat() if verified_on else None,
                "stale": stale}

    def head(e: Evaluation) -> dict[str, object]:
        m = e.mechanism
        return {"mechanism": m.slug, "name": _name(m, lang), "kind": m.kind, **checked(m),
                **guide(m)}

    def failed(e: Evaluation) -> dict[str, object]:
        r = next(r for r in e.results if r.verdict == NOT_MET)
        return {"criterion": r.criterion, "needs": r.needs, "has": r.has,
                "message": r.message.get(lang)}

    def iso(value: object) -> str | None:
        day = _day(value)
        return day.isoformat() if day is not None else None

    return {
        "on": result.on.isoformat() if result.on is not None else None,
        "eligible": [{**head(e), "reasons": reasons(e, lang)} for e in result.eligible],
        "possible": [{**head(e), "unknown": list(e.unknown)} for e in result.possible],
        "near_misses": [{**head(e), "failed": failed(e)} for e in result.near_misses],
        "closed": [{"mechanism": e.mechanism.slug, "name": _name(e.mechanism, lang),
                    "open_from": iso(e.mechanism.open_from),
                    "open_until": iso(e.mechanism.open_until), **checked(e.mechanism),
                    **guide(e.mechanism)}
                   for e in result.closed],
    }


def questions_for(criterion: str) -> Bilingual:
    """The plain question whose answer would settle an `unknown` criterion."""
    record = _BY_NAME.get(criterion)
    if record is not None and record.question is not None:
        return record.question
    return Bilingual("Nam lahko poveste več o sebi?", "Can you tell us more about yourself?")


# --- reading a profile ----------------------------------------------------------------------------


def _number(data: dict[str, object], key: str, problems: list[str]) -> Decimal | None:
    value = data.get(key)
    if value is None:
        return None
    number = _dec(value)
    if number is None:
        problems.append(f"{key} must be a number")
        return None
    if number < 0:
        problems.append(f"{key} must be 0 or more")
        return None
    return number


def _date_field(data: dict[str, object], key: str, problems: list[str]) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    day = _day(value)
    if day is None:
        problems.append(f"{key} must be a date YYYY-MM-DD")
    return day


def _string(data: dict[str, object], key: str, problems: list[str], example: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(f"{key} must be a text, e.g. {example}")
        return None
    return value.strip() or None


def _yes_no(data: dict[str, object], key: str, problems: list[str]) -> bool | None:
    """true / false, or the strings "true" / "false" as an HTML form would send them."""
    value = data.get(key)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if value is not None:
        problems.append(f"{key} must be true or false")
    return None


def parse_profile(data: object, *, today: date) -> tuple[Profile, list[str]]:
    """A profile from JSON-like input (§2), and every problem found, in plain English.

    Never raises. A value of the wrong type or shape is a problem and is left out; a value
    outside the known vocabularies is kept (it simply matches nothing).
    """
    problems: list[str] = []
    if not isinstance(data, dict):
        return Profile(on=today), ["the profile must be a JSON object"]
    for key in data:
        if key not in PROFILE_FIELDS:
            problems.append(f"{key} is not a profile field")

    country = _string(data, "country", problems, "SI")
    region = _string(data, "region", problems, "SI041")
    entity_type = _string(data, "entity_type", problems, "sole_trader")
    purpose = _string(data, "purpose", problems, "investment")
    rating = _string(data, "credit_rating", problems, "SB5")

    social = _yes_no(data, "social_enterprise_status", problems)
    tax_debts = _yes_no(data, "tax_debts", problems)
    de_minimis_received = _number(data, "de_minimis_received", problems)

    municipality: Municipality | None = None
    raw_municipality = _string(data, "municipality", problems, "Litija or 060")
    if raw_municipality is not None:
        municipality = municipality_find(raw_municipality)
        if municipality is None:
            problems.append(Refusal(
                f'municipality: Slovenia has no municipality "{raw_municipality[:80]}"; give '
                "the name of one of its 212 municipalities (e.g. Litija) or its official "
                "number (e.g. 060)"))

    employees = _number(data, "employees", problems)
    amount = _number(data, "amount", problems)
    founded_on = _date_field(data, "founded_on", problems)
    on = _date_field(data, "on", problems) or today

    age: int | None = None
    raw_age = data.get("age_months")
    if raw_age is not None:
        number = _dec(raw_age)
        if number is None or number != number.to_integral_value():
            problems.append("age_months must be a whole number of months")
        elif number < 0:
            problems.append("age_months must be 0 or more")
        else:
            age = int(number)

    groups: list[str] = []
    raw_groups = data.get("target_groups")
    if isinstance(raw_groups, list):
        for item in raw_groups:
            if isinstance(item, str):
                if item.strip():
                    groups.append(item.strip().lower())
            else:
                problems.append("target_groups must be a list of names (texts)")
                break
    elif raw_groups is not None:
        problems.append("target_groups must be a list")

    sector: str | None = None
    raw_sector = data.get("sector")
    if raw_sector is not None:
        sector = _section(raw_sector)
        if sector is None and not (isinstance(raw_sector, str) and not raw_sector.strip()):
            problems.append("sector must be a NACE section letter or a code that starts "
                            "with it, e.g. C or C10.71")

    lang = "en"
    raw_lang = data.get("lang")
    if raw_lang is not None:
        if isinstance(raw_lang, str) and raw_lang.strip().lower() in ("sl", "en"):
            lang = raw_lang.strip().lower()
        else:
            problems.append("lang must be sl or en")

    entity = entity_type.lower() if entity_type else None
    if entity == "sole_trader" and social is True:
        # ZSocP: only a legal person can hold the status; a sole trader (s.p.) is a person.
        problems.append(Refusal(
            "social_enterprise_status: a sole trader (s.p.) cannot have the status of a social "
            "enterprise, which only a legal person (a company, cooperative, institute or "
            "association) can hold; answer false, or give the entity_type you have"))
    if region is None and municipality is not None:  # §5: the municipality sets the region
        region = municipality.region
    if founded_on is not None:
        age = None  # §2: founded_on wins when both are given
    social, employees, age, target_groups = _implied(entity, social, employees, founded_on,
                                                     age, groups)
    profile = Profile(
        country=country.upper() if country else None,
        region=region.upper() if region else None,
        municipality=municipality.code if municipality is not None else None,
        entity_type=entity,
        social_enterprise_status=social,
        employees=employees,
        founded_on=founded_on,
        age_months=age,
        target_groups=target_groups,
        amount=amount,
        purpose=purpose.lower() if purpose else None,
        credit_rating=rating.upper() if rating else None,
        sector=sector,
        tax_debts=tax_debts,
        de_minimis_received=de_minimis_received,
        on=on,
        lang=lang,
    )
    return profile, problems
