"""Pathways: one or two steps a person can take that would open a mechanism to them.

The finder's groups say what a person can use today. A pathway says what they could use after
a step they can take themselves ("register as a sole trader through SPOT, then count yourself
as its employee: the SEF microloan opens"), in order, with the date of each step and where to
go (issue 11 §5; docs/finder.md, "Pathways").

Pure (no Django, no I/O, no clock): a step is one record (`Step`) that says when it can be
taken, what it changes in the profile, how it is worded and where to go. `pathways` applies
every valid sequence of one or two steps to the profile, runs the finder's own `core.match`
before and after, and keeps the mechanisms that are eligible or possible only after, each
under the smallest step sets that open it.
"""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import permutations
from typing import Any

from microfuture.finder import core
from microfuture.finder.mechanism import KIND_ORDER, Mechanism, Profile
from microfuture.kernel.collation import name_key
from microfuture.kernel.text import Bilingual

# Where to go, said once (sources: field-review.md §1.2–1.3; spot.gov.si, evem.gov.si,
# ess.gov.si, ajpes.si).
WHERE_SPOT = Bilingual(
    "Točka SPOT (brezplačno; seznam točk je na spot.gov.si) ali sami na portalu e-VEM "
    "(evem.gov.si) z digitalnim potrdilom. Brezplačno svetovanje pred tem: SPOT Svetovanje "
    "v vaši regiji.",
    "A SPOT point (free of charge; the list is on spot.gov.si), or yourself on the e-VEM "
    "portal (evem.gov.si) with a digital certificate. Free advice first: SPOT Svetovanje in "
    "your region.")
WHERE_ZRSZ = Bilingual(
    "Območna služba ali urad za delo Zavoda RS za zaposlovanje (ZRSZ) v vašem kraju ali "
    "e-storitve na ess.gov.si.",
    "The local office of the Employment Service of Slovenia (ZRSZ) or its e-services on "
    "ess.gov.si.")
WHERE_AJPES = Bilingual(
    "AJPES (ajpes.si), ki izdaja bonitetni oceni S.BON-1 in eS.BON; storitev je plačljiva.",
    "AJPES (ajpes.si), which issues the S.BON-1 and eS.BON ratings; it charges for them.")
WHERE_NOWHERE = Bilingual(
    "Ničesar vam ni treba oddati: to upoštevate, ko odgovarjate na vprašanja in izpolnjujete "
    "vlogo.",
    "Nothing to file: you count it this way in your answers and in the application.")


@dataclass(frozen=True)
class Step:
    """One thing a person can do, as one record: when it can be taken, what it changes in the
    profile, and how it is worded.

    `applies(profile)` says whether the step makes sense for the profile as it is at that
    point (after the steps before it); `day(profile)` is the first day it is done (the
    profile's `on` is the day before it); `apply(profile, day)` is the profile after it, as
    of `day`. `after` names the steps that, when both are taken, must come first.
    """

    code: str
    applies: Callable[[Profile], bool]
    day: Callable[[Profile], date | None]
    apply: Callable[[Profile, date], Profile]
    text: Callable[[Profile, date], Bilingual]
    where: Bilingual
    after: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()  # the criteria (catalogue fields) the step can turn to met
    months: int | None = None  # for a wait: the age in months it waits for
    # Done on paper (how you count yourself), not a place to go or a wait: it joins any
    # pathway where it helps and is not one of the pathway's "one or two steps".
    on_paper: bool = False


@dataclass(frozen=True)
class TakenStep:
    """A step in a pathway, with the day it is done (or from when it holds)."""

    code: str
    on: date
    text: Bilingual
    where: Bilingual


@dataclass(frozen=True)
class Opened:
    """A mechanism a pathway opens, and the group it lands in after the steps."""

    mechanism: Mechanism
    group: str  # "eligible" or "possible"
    unknown: tuple[str, ...]  # what still has to be settled when it is "possible"


@dataclass(frozen=True)
class Pathway:
    steps: tuple[TakenStep, ...]
    opens: tuple[Opened, ...]


# --- dates ------------------------------------------------------------------------------------

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def _day_text(day: date) -> Bilingual:
    return Bilingual(f"{day.day}. {day.month}. {day.year}",
                     f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}")


def first_day_of_age(founded_on: date, months: int, *, not_before: date) -> date | None:
    """The first day, not before `not_before`, on which a business founded on `founded_on` is
    `months` complete months old (the finder's own count: `core.complete_months`)."""
    year, month = divmod(founded_on.month - 1 + months, 12)
    year += founded_on.year
    if not 1 <= year <= date.max.year:
        return None
    last = calendar.monthrange(year, month + 1)[1]
    if founded_on.day <= last:
        day = date(year, month + 1, founded_on.day)
    elif month + 1 < 12:  # the day number does not exist that month: the month counts after it
        day = date(year, month + 2, 1)
    elif year < date.max.year:
        day = date(year + 1, 1, 1)
    else:
        return None
    return max(day, not_before)


def latest_founding(age_months: int, on: date) -> date | None:
    """The latest founding date that still gives `age_months` complete months on `on`: the
    date a wait can safely count from when only the age was given."""
    year, month = divmod(on.month - 1 - age_months, 12)
    year += on.year
    if not 1 <= year <= date.max.year:
        return None
    day = date(year, month + 1, min(on.day, calendar.monthrange(year, month + 1)[1]))
    while day < on and core.complete_months(day + timedelta(days=1), on) >= age_months:
        day += timedelta(days=1)
    return day


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _founded(p: Profile) -> date | None:
    if p.founded_on is not None:
        return p.founded_on
    age = p.age_months
    if isinstance(age, int) and not isinstance(age, bool) and age >= 0 and p.on is not None:
        return latest_founding(age, p.on)
    return None


# --- the steps ----------------------------------------------------------------------------------


def _entity(p: Profile) -> str:
    return p.entity_type.strip().lower() if isinstance(p.entity_type, str) else ""


def _groups(p: Profile) -> set[str]:
    return {g.strip().lower() for g in p.target_groups if isinstance(g, str)}


def _today(p: Profile) -> date | None:
    return p.on


def _spot_apply(p: Profile, day: date) -> Profile:
    # The sole trader counts as registered on the step's day (the earliest it can be), has
    # no employees yet (counting oneself is the separate step: only when working full time),
    # and cannot hold the social-enterprise status, which needs a legal person (ZSocP).
    return dataclasses.replace(
        p, entity_type="sole_trader", founded_on=day, age_months=None, on=day,
        social_enterprise_status=False,
        employees=p.employees if p.employees is not None else Decimal(0))


# Registering a business ends the unemployment benefit and affects social assistance, and
# the Employment Service's self-employment programmes ask for a registration as unemployed
# and a workshop first (field-review.md §1.2, §3.3): an unemployed person is told so.
UNEMPLOYED_CAUTION = Bilingual(
    "Z registracijo prenehate biti brezposelni: izgubite denarno nadomestilo, spremeni se "
    "lahko denarna socialna pomoč. Če želite subvencijo Zavoda za samozaposlitev, se "
    "najprej s svetovalcem ali svetovalko dogovorite, kdaj se registrirate.",
    "Registering ends your unemployment: you lose the unemployment benefit, and social "
    "assistance may change. If you want the Employment Service's self-employment subsidy, "
    "agree with your adviser first on when to register.")


def _spot_text(p: Profile, day: date) -> Bilingual:
    text = Bilingual(
        "Registrirajte se kot samostojni podjetnik (s.p.) prek točke SPOT ali portala e-VEM; "
        "registracija je brezplačna.",
        "Register as a sole trader (s.p.) through a SPOT point or the e-VEM portal; "
        "registration is free of charge.")
    if _groups(p) & {"unemployed", "long_term_unemployed"}:
        text = Bilingual(f"{text.sl} {UNEMPLOYED_CAUTION.sl}", f"{text.en} {UNEMPLOYED_CAUTION.en}")
    return text


SPOT = Step(
    code="register_sole_trader",
    applies=lambda p: _entity(p) == "individual",
    day=_today,
    apply=_spot_apply,
    text=_spot_text,
    where=WHERE_SPOT,
    after=("register_unemployed",),
    changes=("entity_types", "age_months_max", "founded_before"),
)


def _zrsz_applies(p: Profile) -> bool:
    # Only a person who is not registered in business can register as unemployed: a sole
    # trader working in the business is not unemployed, so this step never follows SPOT.
    return _entity(p) == "individual" and not _groups(p) & {"unemployed", "long_term_unemployed"}


ZRSZ = Step(
    code="register_unemployed",
    applies=_zrsz_applies,
    day=_today,
    apply=lambda p, day: dataclasses.replace(
        p, target_groups=(*p.target_groups, "unemployed"), on=day),
    text=lambda p, day: Bilingual(
        "Če ste brez dela, se prijavite v evidenco brezposelnih pri Zavodu RS za "
        "zaposlovanje. Programi za samozaposlitev običajno zahtevajo nekaj mesecev prijave in "
        "delavnico, preden registrirate dejavnost: vprašajte svojo svetovalko ali svetovalca.",
        "If you are out of work, register as unemployed with the Employment Service of "
        "Slovenia. Self-employment programmes usually ask for some months of registration and "
        "a workshop before you register a business: ask your adviser."),
    where=WHERE_ZRSZ,
    changes=("target_groups",),
)


def _count_applies(p: Profile) -> bool:
    employees = p.employees
    return _entity(p) == "sole_trader" and (
        employees is None or (isinstance(employees, Decimal) and employees.is_finite()
                              and employees < 1))


COUNT_SELF = Step(
    code="count_yourself",
    applies=_count_applies,
    day=_today,
    apply=lambda p, day: dataclasses.replace(
        p, employees=(p.employees or Decimal(0)) + 1, on=day),
    text=lambda p, day: Bilingual(
        "Če v svoji dejavnosti delate s polnim delovnim časom, se štejete kot ena zaposlena "
        "oseba za polni delovni čas (tako nosilca s.p. šteje tudi Slovenski podjetniški sklad).",
        "If you work in your business full time, you count as one full-time employee (the "
        "Slovene Enterprise Fund counts a sole trader this way too)."),
    where=WHERE_NOWHERE,
    after=("register_sole_trader",),
    changes=("employees_min",),
    on_paper=True,
)


def _rating_applies(p: Profile) -> bool:
    # A rating already given that a mechanism does not accept: a current S.BON, made from
    # the latest annual report, may differ. Only a registered business can get one.
    rating = p.credit_rating
    return _entity(p) not in ("", "individual") and isinstance(rating, str) and bool(rating.strip())


SBON = Step(
    code="get_credit_rating",
    applies=_rating_applies,
    day=_today,
    # The new rating is not known until AJPES issues it: the mechanisms that ask for one
    # become "possible", and the rating decides.
    apply=lambda p, day: dataclasses.replace(p, credit_rating=None, on=day),
    text=lambda p, day: Bilingual(
        "Pridobite novo bonitetno oceno S.BON-1 ali eS.BON pri AJPES, izdelano iz zadnjega "
        "letnega poročila. Lestvica gre od SB1 (najboljša) do SB10 (najslabša); o dostopu "
        "odloči ocena, zato preverite, katero najslabšo oceno ponudnik še sprejme.",
        "Get a new S.BON-1 or eS.BON credit rating from AJPES, made from your latest annual "
        "report. The scale runs from SB1 (best) to SB10 (worst); the rating decides, so check "
        "the worst rating the provider still accepts."),
    where=WHERE_AJPES,
    after=("register_sole_trader",),
    changes=("credit_rating_min",),
)


def wait_step(months: int) -> Step:
    """Wait until the business is `months` complete months old: the founding date stays,
    the profile's day moves to the first day the age is reached."""

    def when(p: Profile) -> date | None:
        founded = _founded(p)
        if founded is None or p.on is None:
            return None
        return first_day_of_age(founded, months, not_before=p.on)

    def applies(p: Profile) -> bool:
        founded = _founded(p)
        return (founded is not None and p.on is not None
                and core.complete_months(founded, p.on) < months)

    def apply(p: Profile, day: date) -> Profile:
        return dataclasses.replace(p, founded_on=_founded(p), age_months=None, on=day)

    return Step(
        code="wait_months",
        applies=applies,
        day=when,
        apply=apply,
        text=lambda p, day: Bilingual(
            f"Počakajte, da je vaša dejavnost stara {months} {_sl_months(months)}: "
            f"to bo {_day_text(day).sl}.",
            f"Wait until your business is {months} {'month' if months == 1 else 'months'} "
            f"old: that is on {_day_text(day).en}."),
        where=Bilingual("Dejavnost mora ves ta čas poslovati pod isto davčno številko.",
                        "The business must keep trading under the same tax number all this time."),
        after=("register_sole_trader", "register_unemployed"),
        changes=("age_months_min",),
        months=months,
    )


def _sl_months(n: int) -> str:
    tail = n % 100
    if tail == 1:
        return "mesec"
    if tail == 2:
        return "meseca"
    if tail in (3, 4):
        return "mesece"
    return "mesecev"


STEPS: tuple[Step, ...] = (ZRSZ, SPOT, COUNT_SELF, SBON)
STEP_CODES: tuple[str, ...] = (*(s.code for s in STEPS), "wait_months")
# What any step can change: a mechanism that fails anything else stays closed to every pathway.
CHANGEABLE = frozenset(c for s in (*STEPS, wait_step(1)) for c in s.changes)


# --- pathways ---------------------------------------------------------------------------------


def _shown(result: core.MatchResult) -> set[str]:
    return {e.mechanism.slug for group in (result.eligible, result.possible, result.closed)
            for e in group}


def _ages(mechanisms: Sequence[Mechanism]) -> list[int]:
    ages = set()
    for m in mechanisms:
        a = m.age_months_min
        if isinstance(a, int) and not isinstance(a, bool) and a > 0:
            ages.add(a)
    return sorted(ages)


def _run(profile: Profile, steps: Sequence[Step]) -> tuple[Profile, tuple[TakenStep, ...]] | None:
    """The profile after the steps in this order, or None when the order is not valid."""
    codes = [s.code for s in steps]
    taken = []
    for i, step in enumerate(steps):
        if any(code in codes[i + 1:] for code in step.after):
            return None  # a step that must come first comes later
        if not step.applies(profile):
            return None
        day = step.day(profile)
        if day is None:
            return None
        taken.append(TakenStep(step.code, day, step.text(profile, day), step.where))
        profile = step.apply(profile, day)
    return profile, tuple(taken)


def _sequences(steps: Sequence[Step]) -> list[tuple[Step, ...]]:
    """Every order of one or two steps (never two waits), each also with a step done on
    paper put in at each place, earliest first; and the paper step alone."""
    real = [s for s in steps if not s.on_paper]
    paper = [s for s in steps if s.on_paper]
    bases: list[tuple[Step, ...]] = [(s,) for s in real]
    bases += [pair for pair in permutations(real, 2) if pair[0].code != pair[1].code]
    sequences: list[tuple[Step, ...]] = [(s,) for s in paper]
    for base in bases:
        sequences.append(base)
        for extra in paper:
            sequences += [(*base[:i], extra, *base[i:]) for i in range(len(base) + 1)]
    return sequences


def _covers(small: tuple[TakenStep, ...], big: tuple[TakenStep, ...]) -> bool:
    """Whether the step set `small` is no more than `big`: each of its steps is in `big`
    (a wait counts as in `big` when `big` waits as long or longer)."""
    if small == big or len(small) > len(big):
        return False
    rest = list(big)
    for step in small:
        match = next((b for b in rest if b.code == step.code
                      and (step.code != "wait_months" or step.on <= b.on)), None)
        if match is None:
            return False
        rest.remove(match)
    return True


def _kind_index(m: Mechanism) -> int:
    return KIND_ORDER.index(m.kind) if m.kind in KIND_ORDER else len(KIND_ORDER)


def _name_key(m: Mechanism, lang: str) -> tuple[Any, ...]:
    name = m.name.get(lang) if isinstance(m.name, Bilingual) else str(m.name)
    return (name_key(name, lang), m.slug)


def pathways(mechanisms: Sequence[Mechanism], profile: Profile, *,
             matched: core.MatchResult | None = None) -> list[Pathway]:
    """Every smallest set of one or two steps (plus counting yourself as the employee where
    that helps) that opens a mechanism, grouped by step set.

    A mechanism is opened when it is eligible or possible after the steps (and so open on
    the day of the last step) and was not eligible, possible or closed-but-fitting before.
    Pathways are ordered by their number of steps, then by the cheapest kind they open
    (the finder's kind order), then by the last step's date and the steps' codes.

    `matched` is `core.match(mechanisms, profile)` when the caller has it already (the
    finder's answer): the match before the steps is then not run a second time.
    """
    on, founded = _as_date(profile.on), _as_date(profile.founded_on)
    if on is None:
        return []  # no clock here: the caller says which day it is
    if matched is None or (profile.on, profile.founded_on) != (on, founded):
        # An odd value counts as not given, as in the core; a datetime counts as its day.
        profile = dataclasses.replace(profile, on=on, founded_on=founded)
        matched = core.match(mechanisms, profile)
    lang = profile.lang if profile.lang in ("sl", "en") else "en"
    before = _shown(matched)
    # Only what is not shown today, and fails only criteria a step can change, can be
    # opened; matching is per mechanism, so the runs after the steps need only these.
    candidates = [m for m in mechanisms if m.slug not in before
                  and CHANGEABLE.issuperset(core.evaluate(m, profile).not_met)]
    if not candidates:
        return []
    steps: list[Step] = [*STEPS, *(wait_step(a) for a in _ages(candidates))]
    sequences = _sequences(steps)
    # For each step set (its taken steps), the mechanisms it opens.
    opened: dict[tuple[TakenStep, ...], dict[str, Opened]] = {}
    seen_sets: set[frozenset[tuple[str, int | None]]] = set()
    for sequence in sequences:
        key = frozenset((s.code, s.months) for s in sequence)
        if key in seen_sets:
            continue  # the same set in another order: the first valid order is kept
        run = _run(profile, sequence)
        if run is None:
            continue
        seen_sets.add(key)
        after_profile, taken = run
        result = core.match(candidates, after_profile)
        new = {e.mechanism.slug: Opened(e.mechanism, group, e.unknown)
               for group, entries in (("eligible", result.eligible),
                                      ("possible", result.possible))
               for e in entries if e.mechanism.slug not in before}
        if new:
            opened[taken] = new
    # Keep a mechanism only under the smallest step sets that open it.
    kept: list[Pathway] = []
    for taken, opens in opened.items():
        minimal = [o for slug, o in opens.items()
                   if not any(slug in other_opens and _covers(other, taken)
                              for other, other_opens in opened.items())]
        if minimal:
            minimal.sort(key=lambda o: (_kind_index(o.mechanism), _name_key(o.mechanism, lang)))
            kept.append(Pathway(steps=taken, opens=tuple(minimal)))
    kept.sort(key=lambda p: (len(p.steps), _kind_index(p.opens[0].mechanism),
                             p.steps[-1].on, tuple(s.code for s in p.steps),
                             tuple(s.on for s in p.steps)))
    return kept


def pathways_json(found: Sequence[Pathway], lang: str) -> list[dict[str, Any]]:
    """The API's `pathways`: `[{"steps": [{"step", "text", "where", "on"}], "opens": [slugs]}]`."""
    return [
        {"steps": [{"step": s.code, "text": s.text.get(lang), "where": s.where.get(lang),
                    "on": s.on.isoformat()} for s in p.steps],
         "opens": [o.mechanism.slug for o in p.opens]}
        for p in found
    ]
