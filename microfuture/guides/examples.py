"""The guides' worked examples: what a directive `{{ name number … }}` puts in a text.

Every figure a guide shows is computed here, never typed in (`../shared/specs/guides.md` §1):

- `loan.payment AMOUNT RATE MONTHS [GRACE]`, `loan.interest …`, `loan.total …`: an annuity loan
  of AMOUNT EUR at RATE % a year over MONTHS months (the first GRACE of them interest only),
  from the platform's own `clubs.core.loans.loan_schedule`, disbursed on a fixed day
  (`DISBURSED`: the due dates do not change the figures). `payment` is the level monthly
  payment: the payment most instalments after the grace months share (the last one can differ
  by a few cents, because it repays whatever principal is left); `interest` is the sum of the
  interest of all instalments; `total` the sum of all payments.
- `sp.contributions`, `sp.base`, `sp.year`: a full-time sole trader's monthly minimum social
  contributions, from `guides/data/contributions.yaml` (`contributions()`).

Amounts are written the reader's way with "EUR": `188,71 EUR` (sl), `188.71 EUR` (en); any other
language through Django's `number_format` in that language. `problems(body)` judges a body
before it is saved or seeded: every problem, each in plain English.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.urls import Resolver404
from django.urls import resolve as resolve_url
from django.utils import formats, translation

from microfuture.clubs.core.errors import AccountingError
from microfuture.clubs.core.loans import Instalment, loan_schedule
from microfuture.clubs.core.money import CTX, round_cents
from microfuture.guides.text import DIRECTIVE, LINK, GuideTextError, directives, links
from microfuture.numbers import format_number

__all__ = [
    "CONTRIBUTIONS_FILE",
    "DISBURSED",
    "NAMES",
    "ContributionPart",
    "Contributions",
    "contributions",
    "format_eur",
    "loan_figures",
    "problems",
    "resolve",
]

#: The day every worked example's loan is paid out (any fixed day gives the same figures).
DISBURSED = date(2026, 1, 1)
CONTRIBUTIONS_FILE = Path(__file__).resolve().parent / "data" / "contributions.yaml"
NAMES = ("loan.payment", "loan.interest", "loan.total", "sp.contributions", "sp.base", "sp.year")


def format_eur(amount: Decimal, lang: str) -> str:
    """An amount with two decimals and "EUR", written as `lang` writes numbers."""
    code = (lang or "en").split("-")[0].lower()
    if code in ("sl", "en") or not translation.check_for_language(code):
        # Slovenian and English the platform's way; a code Django does not know, the English way.
        text = format_number(amount, code, places=2)
    else:
        # Another language a curator added: Django's own number format for it.
        with translation.override(code):
            text = formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
    return f"{text} EUR"


# --- loans ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoanFigures:
    payment: Decimal
    interest: Decimal
    total: Decimal
    schedule: tuple[Instalment, ...]


def _whole(value: Decimal, what: str) -> int:
    if value != value.to_integral_value():
        raise GuideTextError(f"{what} must be a whole number of months, not {value}")
    return int(value)


def loan_figures(amount: Decimal, rate: Decimal, months: int, grace: int = 0) -> LoanFigures:
    """The level payment, the total interest and the total repaid of an annuity loan."""
    try:
        schedule = loan_schedule(principal=amount, rate=rate, term=months, grace=grace,
                                 method="annuity", disbursed=DISBURSED)
    except AccountingError as exc:
        raise GuideTextError(f"the loan cannot be computed: {exc}") from None
    after_grace = [row.payment for row in schedule[grace:]]
    # The most common payment: the last one may differ by rounding; on a tie, the earlier one.
    counts = Counter(after_grace)
    payment = max(after_grace, key=lambda p: (counts[p], -after_grace.index(p)))
    interest = sum((row.interest for row in schedule), Decimal("0.00"))
    total = sum((row.payment for row in schedule), Decimal("0.00"))
    return LoanFigures(payment, interest, total, tuple(schedule))


def _loan(name: str, numbers: tuple[Decimal, ...], lang: str) -> str:
    if len(numbers) not in (3, 4):
        raise GuideTextError(
            f"{{{{ {name} }}}} needs 3 or 4 numbers (amount, yearly rate in %, months, "
            f"optional grace months), not {len(numbers)}")
    amount, rate = numbers[0], numbers[1]
    if amount <= 0 or amount != amount.quantize(Decimal("0.01"), context=CTX):
        raise GuideTextError(f"{{{{ {name} }}}}: the amount {amount} must be more than zero, "
                             "with at most 2 decimals")
    months = _whole(numbers[2], f"{{{{ {name} }}}}: the term")
    grace = _whole(numbers[3], f"{{{{ {name} }}}}: the grace period") if len(numbers) == 4 else 0
    figures = loan_figures(amount, rate, months, grace)
    value = {"loan.payment": figures.payment, "loan.interest": figures.interest,
             "loan.total": figures.total}[name]
    return format_eur(value, lang)


# --- a sole trader's minimum social contributions ------------------------------------------


@dataclass(frozen=True, slots=True)
class ContributionPart:
    key: str
    name: dict[str, str]
    rate: Decimal | None  # percent of the base, or None for a fixed amount
    amount: Decimal  # this part's monthly amount in EUR, rounded to the cent


@dataclass(frozen=True, slots=True)
class Contributions:
    year: int
    checked_on: date
    minimum_base: Decimal
    parts: tuple[ContributionPart, ...]
    total: Decimal
    sources: tuple[dict[str, str], ...]
    notes: dict[str, str]

    def part_name(self, part: ContributionPart, lang: str) -> str:
        return part.name.get(lang) or part.name.get("en") or part.key

    def note(self, lang: str) -> str:
        return self.notes.get(lang) or self.notes.get("en", "")


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, (bool, float)) or value is None:
        raise GuideTextError(f"contributions.yaml: {where} must be a number in quotes, "
                             f"such as \"24.35\", not {value!r}")
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise GuideTextError(f"contributions.yaml: {where} is not a number: {value!r}") from None
    if not number.is_finite() or number < 0:
        raise GuideTextError(f"contributions.yaml: {where} is not a number of 0 or more")
    return number


@functools.lru_cache(maxsize=4)
def _contributions(path: str, mtime_ns: int) -> Contributions:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GuideTextError(f"contributions.yaml cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise GuideTextError("contributions.yaml: expected a mapping with year, minimum_base, "
                             "parts")
    base = _decimal(data.get("minimum_base"), "minimum_base")
    parts: list[ContributionPart] = []
    for n, raw in enumerate(data.get("parts") or [], start=1):
        if not isinstance(raw, dict) or not raw.get("key"):
            raise GuideTextError(f"contributions.yaml: part {n} needs a key")
        names = raw.get("name") or {}
        name = {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {
            "en": str(names)}
        if "rate" in raw:
            rate = _decimal(raw["rate"], f"the rate of part {raw['key']}")
            # Each part is rounded to the cent on its own, then the parts are added: the way
            # each contribution is a line of its own on the payment order.
            amount = round_cents(CTX.divide(CTX.multiply(base, rate), Decimal(100)))
            parts.append(ContributionPart(str(raw["key"]), name, rate, amount))
        elif "amount" in raw:
            amount = round_cents(_decimal(raw["amount"], f"the amount of part {raw['key']}"))
            parts.append(ContributionPart(str(raw["key"]), name, None, amount))
        else:
            raise GuideTextError(f"contributions.yaml: part {raw['key']} needs a rate or an "
                                 "amount")
    if not parts:
        raise GuideTextError("contributions.yaml: no parts")
    try:
        year = int(data["year"])
        checked = data["checked_on"]
        checked_on = checked if isinstance(checked, date) else date.fromisoformat(str(checked))
    except (KeyError, TypeError, ValueError):
        raise GuideTextError("contributions.yaml: year and checked_on (YYYY-MM-DD) are "
                             "required") from None
    sources = tuple({"title": str(s.get("title", "")), "url": str(s.get("url", ""))}
                    for s in data.get("sources") or [] if isinstance(s, dict))
    notes_raw = data.get("notes") or {}
    notes = {str(k): " ".join(str(v).split()) for k, v in notes_raw.items()} if isinstance(
        notes_raw, dict) else {}
    total = sum((p.amount for p in parts), Decimal("0.00"))
    return Contributions(year, checked_on, base, tuple(parts), total, sources, notes)


def contributions() -> Contributions:
    """The contribution table of `guides/data/contributions.yaml` (read again when it changes)."""
    try:
        mtime = CONTRIBUTIONS_FILE.stat().st_mtime_ns
    except OSError:
        raise GuideTextError("contributions.yaml is missing (guides/data/contributions.yaml)"
                             ) from None
    return _contributions(str(CONTRIBUTIONS_FILE), mtime)


def _sp(name: str, numbers: tuple[Decimal, ...], lang: str) -> str:
    if numbers:
        raise GuideTextError(f"{{{{ {name} }}}} takes no numbers")
    table = contributions()
    if name == "sp.contributions":
        return format_eur(table.total, lang)
    if name == "sp.base":
        return format_eur(table.minimum_base, lang)
    return str(table.year)


def resolve(name: str, numbers: tuple[Decimal, ...], lang: str) -> str:
    """What the directive `{{ name numbers… }}` shows in language `lang` (text.Resolver)."""
    if name in ("loan.payment", "loan.interest", "loan.total"):
        return _loan(name, numbers, lang)
    if name in ("sp.contributions", "sp.base", "sp.year"):
        return _sp(name, numbers, lang)
    raise GuideTextError(f"unknown directive {{{{ {name} }}}}: use one of {', '.join(NAMES)}")


# --- judging a body ------------------------------------------------------------------------


def _link_problem(target: str) -> str | None:
    if target.startswith("https://") and len(target) > len("https://"):
        return None
    if target.startswith("/") and not target.startswith("//"):
        path = target.split("#", 1)[0].split("?", 1)[0] or "/"
        try:
            resolve_url(path)
        except Resolver404:
            return f"the link {target} leads to no page of the platform"
        return None
    return f"the link {target} must start with https:// or be a path of the platform (/…)"


def problems(body: str) -> list[str]:
    """Every problem of a body, each in plain English: directives that are unknown, have unfit
    numbers or cannot be read, and links that are neither https:// nor a page of the platform."""
    found: list[str] = []
    for name, numbers in directives(body):
        try:
            resolve(name, numbers, "en")
        except GuideTextError as exc:
            found.append(str(exc))
    stripped = DIRECTIVE.sub("", body)
    for piece in stripped.split("{{")[1:]:
        found.append("a directive that cannot be read: {{" + piece.split("}}")[0][:60]
                     + "}} (write {{ name number … }} with numbers such as 10000 or 5.5)")
    if stripped.count("}}") > stripped.count("{{"):
        found.append("a }} without its {{")
    for target in links(body):
        problem = _link_problem(target)
        if problem:
            found.append(problem)
    # A link whose brackets are broken shows as text: say so rather than let it pass.
    for m in LINK.finditer(body):
        if not m.group(1).strip():
            found.append(f"the link to {m.group(2)} has no words")
    return found
