"""The network's period report: what it did between two dates, in the shape an Interreg
Europe progress report asks (stakeholder involvement, good practices identified, activities
and events, follow-up of the action plan). Counts only: no name, e-mail or other personal
data of anyone is in the report.

A period is two dates, both included, in Slovenian time (a meeting at 23:30 on 30 June is in
the first half-year). The presets are calendar half-years: Interreg Europe projects report by
six-month periods, and MICROFUTURE ran from March 2023 (`/work/shared/domain/practices.md`),
so the presets start with the first half of 2023. Each figure is defined next to its
computation in `period_report`; docs/network.md, "Reporting", says the same in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from microfuture.network.models import (
    ActionItem,
    Decision,
    Meeting,
    Organisation,
    Participant,
    Registration,
    StatusChange,
)
from microfuture.network.selectors_initiatives import initiatives_active_between
from microfuture.practices.models import Interview, Practice

LJUBLJANA = ZoneInfo("Europe/Ljubljana")
FIRST_HALF_YEAR = (2023, 1)


# The period ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    start: dt.date  # first day, included
    end: dt.date    # last day, included

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time(0), tzinfo=LJUBLJANA)

    @property
    def ends_before(self) -> dt.datetime:
        """The first moment after the period: midnight after its last day."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(0),
                                   tzinfo=LJUBLJANA)


def half_year(year: int, half: int) -> Period:
    if half == 1:
        return Period(dt.date(year, 1, 1), dt.date(year, 6, 30))
    return Period(dt.date(year, 7, 1), dt.date(year, 12, 31))


def last_full_half_year(today: dt.date) -> Period:
    """The latest calendar half-year that has ended before `today`."""
    if today.month >= 7:
        return half_year(today.year, 1)
    return half_year(today.year - 1, 2)


def half_year_code(year: int, half: int) -> str:
    return f"{year}-{half}"


def parse_half_year(code: str) -> Period | None:
    """`2026-1` (January to June 2026) or `2026-2`; None for anything else."""
    year, sep, half = code.partition("-")
    if not sep or not year.isdigit() or len(year) != 4 or half not in ("1", "2"):
        return None
    return half_year(int(year), int(half))


def half_years(today: dt.date) -> list[tuple[str, Period]]:
    """Every half-year from the first preset to the one `today` is in, newest first."""
    year, half = FIRST_HALF_YEAR
    found = []
    current = (today.year, 1 if today.month <= 6 else 2)
    while (year, half) <= current:
        found.append((half_year_code(year, half), half_year(year, half)))
        year, half = (year, 2) if half == 1 else (year + 1, 1)
    return found[::-1]


# The indicators -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    code: str
    title: Promise


SECTIONS = (
    Section("stakeholder_involvement", _("Stakeholder involvement")),
    Section("good_practices", _("Good practices identified")),
    Section("activities", _("Activities and events")),
    Section("action_plan", _("Follow-up of the action plan")),
)


@dataclass(frozen=True)
class Indicator:
    code: str           # stable: the CSV's and the API's key
    section: str        # a Section's code
    label: Any  # a lazy text, worded when shown
    value: int
    detail: bool = False  # one kind of a total above it (indented on the page)


@dataclass(frozen=True)
class Report:
    period: Period
    indicators: tuple[Indicator, ...]

    def value(self, code: str) -> int:
        return next(i.value for i in self.indicators if i.code == code)

    def sections(self) -> list[tuple[Section, list[Indicator]]]:
        return [(s, [i for i in self.indicators if i.section == s.code]) for s in SECTIONS]


def _by_kind(label: Callable[[str], Any], counts: dict[str, int],
             choices: list[tuple[str, Any]], prefix: str, section: str) -> list[Indicator]:
    return [Indicator(f"{prefix}.{code}", section, label(name), counts.get(code, 0), True)
            for code, name in choices]


class _KindLabel:
    """'Meetings held: Study visit' in the reader's language, worded when shown."""

    def __init__(self, words: Promise, kind: Promise | str) -> None:
        self.words, self.kind = words, kind

    def __str__(self) -> str:
        return str(self.words) % {"kind": self.kind}


def _status_at(item: ActionItem, moment: dt.datetime) -> str:
    """An item's status at a moment, from its status history (the services write a row for
    each change); an item without history has had its present status all along."""
    changes = list(item.history.all())  # prefetched, oldest first
    before = [c for c in changes if c.changed_at < moment]
    if before:
        return before[-1].new_status
    if changes:
        return changes[0].old_status or ActionItem.Status.OPEN
    return item.status


def period_report(period: Period) -> Report:
    """Every figure of the report for the period (a constant number of queries)."""
    since, until = period.starts_at, period.ends_before
    in_period = {"starts_at__gte": since, "starts_at__lt": until}

    # Meetings held: not cancelled, starting within the period.
    held = Meeting.objects.filter(cancelled_at__isnull=True, **in_period)
    meetings_by_kind = dict(held.values_list("kind").annotate(n=Count("id")).order_by())
    public = held.filter(public=True)

    # Organisations engaged: those that attended a meeting held in the period, themselves or
    # through one of their people.
    attended = Participant.objects.filter(meeting__in=held, attended=True)
    organisation_ids = set(
        attended.filter(organisation__isnull=False).values_list("organisation_id", flat=True))
    organisation_ids |= set(
        attended.filter(person__organisation__isnull=False)
        .values_list("person__organisation_id", flat=True))
    organisations_by_kind = dict(
        Organisation.objects.filter(pk__in=organisation_ids).values_list("kind")
        .annotate(n=Count("id")).order_by())
    # People engaged: the directory's people who attended a meeting held in the period.
    people = attended.filter(person__isnull=False).values("person_id").distinct().count()

    # Action items at the period's end: overdue when due on or before its last day and
    # still open (or in progress) at midnight after it.
    due_items = (ActionItem.objects.filter(created_at__lt=until, due_on__lte=period.end)
                 .prefetch_related("history"))
    overdue = sum(1 for item in due_items
                  if _status_at(item, until) not in ActionItem.CLOSED)
    done = (StatusChange.objects
            .filter(new_status=ActionItem.Status.DONE, changed_at__gte=since,
                    changed_at__lt=until)
            .values("item_id").distinct().count())

    stake, practices, activities, plan = (s.code for s in SECTIONS)
    indicators = [
        Indicator("organisations_engaged", stake, _("Organisations engaged"),
                  sum(organisations_by_kind.values())),
        *_by_kind(lambda kind: _KindLabel(_("Organisations engaged: %(kind)s"), kind),
                  organisations_by_kind, Organisation.Kind.choices,
                  "organisations_engaged", stake),
        Indicator("people_engaged", stake, _("People engaged (attended a meeting)"), people),
        Indicator("practices_added", practices, _("Good practices added (published)"),
                  Practice.objects.filter(created_at__gte=since, created_at__lt=until,
                                          status__in=Practice.PUBLIC).count()),
        Indicator("interviews_added", practices, _("Practitioner interviews added"),
                  Interview.objects.filter(created_at__gte=since, created_at__lt=until)
                  .count()),
        Indicator("meetings_held", activities, _("Meetings held"),
                  sum(meetings_by_kind.values())),
        *_by_kind(lambda kind: _KindLabel(_("Meetings held: %(kind)s"), kind),
                  meetings_by_kind, Meeting.Kind.choices, "meetings_held", activities),
        Indicator("public_events", activities, _("Public events held"), public.count()),
        Indicator("event_registrations", activities, _("Registrations for public events"),
                  Registration.objects.filter(meeting__in=public, cancelled_at__isnull=True)
                  .count()),
        Indicator("decisions_taken", plan, _("Decisions taken"),
                  Decision.objects.filter(meeting__in=held).count()),
        Indicator("action_items_created", plan, _("Action items agreed"),
                  ActionItem.objects.filter(created_at__gte=since, created_at__lt=until)
                  .count()),
        Indicator("action_items_done", plan, _("Action items done"), done),
        Indicator("action_items_overdue", plan,
                  _("Action items overdue at the end of the period"),
                  overdue),
        Indicator("initiatives_active", plan, _("Joint initiatives under way"),
                  initiatives_active_between(period.start, period.end).count()),
    ]
    return Report(period=period, indicators=tuple(indicators))
