"""The dashboards (`../shared/specs/impact.md` §3): the platform's (public, as open data shows
it), the ministry's, a region's and a club's. Each shows the §1 figures at a date with their
definitions, and trends over a period from the snapshots, every chart an SVG drawn here with
a data table beside it and the same table as CSV (`<dashboard>/charts/<name>.csv`, with the
page's `date`, `from` and `to`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from microfuture.clubs.core.money import D
from microfuture.clubs.lookup import club_known_to
from microfuture.clubs.models import Club, Proposal
from microfuture.clubs.permissions import require
from microfuture.impact import charts
from microfuture.impact.figures import INSTRUMENTS, STATUSES
from microfuture.impact.permissions_dashboards import (
    may_read_club_dashboard,
    may_read_ministry_dashboard,
    may_read_region_dashboard,
    region_dashboards_readable,
)
from microfuture.impact.selectors import figures_on
from microfuture.impact.selectors_beside import Beside, beside
from microfuture.impact.selectors_dashboards import (
    MIN_CLUBS,
    RegionRow,
    TrendPoint,
    platform_on,
    trend,
)
from microfuture.impact.selectors_outcomes import Outcomes, outcomes_in_period
from microfuture.kernel.display import day, number, share_percent
from microfuture.kernel.money import format_money
from microfuture.regions import REGIONS, region_name

_HUNDRED = Decimal(100)
_MILLION = Decimal(1_000_000)

#: The instruments as the club's pages name them (`Proposal.Instrument`).
INSTRUMENT_LABELS = dict(Proposal.Instrument.choices)
STATUS_LABELS = dict(Club.Status.choices)


# The period: a date for the figures, from/to for the trends -----------------------------------

@dataclass(frozen=True)
class Period:
    on: date
    start: date
    end: date
    errors: list[str] = field(default_factory=list)

    def query(self) -> str:
        return f"date={self.on.isoformat()}&from={self.start.isoformat()}&to={self.end.isoformat()}"


def _year_before(day_: date) -> date:
    try:
        return day_.replace(year=day_.year - 1)
    except ValueError:  # 29 February
        return day_.replace(year=day_.year - 1, day=28)


def period_of(request: HttpRequest) -> Period:
    """`date` (default today), `from` and `to` (default the twelve months up to today). A date
    that cannot be read falls back to its default, and the page says so."""
    today = timezone.localdate()
    errors: list[str] = []

    def read(name: str, default: date, label: str) -> date:
        text = request.GET.get(name, "").strip()
        if not text:
            return default
        try:
            return date.fromisoformat(text)
        except ValueError:
            errors.append(_("%(field)s: “%(text)s” is not a date (write it as 2026-12-01); "
                            "the default is shown.") % {"field": label, "text": text})
            return default

    on = read("date", today, _("Figures on"))
    end = read("to", today, _("Trends to"))
    start = read("from", _year_before(end), _("Trends from"))
    if start > end:
        errors.append(_("The start of the period is after its end; the two are swapped."))
        start, end = end, start
    return Period(on=on, start=start, end=end, errors=errors)


# Charts with their tables --------------------------------------------------------------------

@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    svg: str
    columns: list[str]
    rows: list[list[str]]       # as the reader writes them (the table on the page)
    csv_rows: list[list[str]]   # plain numbers and ISO dates (the CSV)


def _money_fmt(currency: str) -> Callable[[Decimal], str]:
    return lambda value: format_money(value, currency, get_language())


def _percent_fmt(value: Decimal) -> str:
    return share_percent(value / _HUNDRED)


def _cents(cents: int) -> Decimal:
    return D(cents) / _HUNDRED


def trend_charts(points: list[TrendPoint], *, currency: str, whose: str) -> list[Chart]:
    money = _money_fmt(currency)
    labels = [day(p.date) for p in points]
    dates = [p.date.isoformat() for p in points]
    nav: list[Decimal | None] = [_cents(p.nav_cents) for p in points]
    savings: list[Decimal | None] = [_cents(p.savings_cents) for p in points]
    par = [None if p.par30_micro is None else D(p.par30_micro) / _MILLION for p in points]
    if points:
        span = _("from %(start)s to %(end)s, %(n)s snapshot dates") % {
            "start": labels[0], "end": labels[-1], "n": len(points)}
    else:
        span = _("no snapshot in the period")
    result = []
    specs: list[tuple[str, str, str, list[Decimal | None], Callable[[Decimal], str],
                      list[str]]] = [
        ("nav", _("Net asset value over time"), _("Net asset value"), nav, money,
         [f"{v:.2f}" for v in nav]),
        ("savings", _("Savings mobilised over time"), _("Savings mobilised"), savings, money,
         [f"{v:.2f}" for v in savings]),
        ("par30", _("PAR30 over time"), "PAR30",
         [None if v is None else v * _HUNDRED for v in par], _percent_fmt,
         ["" if v is None else f"{v:.6f}" for v in par]),
    ]
    for name, title, column, values, fmt, plain in specs:
        svg = charts.line_chart(
            chart_id=f"chart-{name}", title=f"{title} ({whose})",
            desc=_("A line through each snapshot date, %(span)s; the same numbers are in the "
                   "table below.") % {"span": span},
            points=list(zip(labels, values, strict=True)), fmt=fmt)
        result.append(Chart(
            name=name, title=title, svg=svg, columns=[_("Date"), column],
            rows=[[label, "–" if v is None else fmt(v)] for label, v in zip(labels, values,
                                                                           strict=True)],
            csv_rows=[["date", name], *[[d, p] for d, p in zip(dates, plain, strict=True)]],
        ))
    return result


def instruments_chart(figures: dict[str, Any], *, currency: str, whose: str) -> Chart | None:
    invested = figures.get("invested")
    if invested is None:
        return None
    money = _money_fmt(currency)
    points = [(str(INSTRUMENT_LABELS[k]), D(invested[k])) for k in INSTRUMENTS]
    title = _("Invested by instrument")
    svg = charts.bar_chart(
        chart_id="chart-instruments", title=f"{title} ({whose})",
        desc=_("One bar per instrument: the cost of every holding, at the date of the "
               "figures; the same numbers are in the table below."),
        points=points, fmt=money)
    return Chart(
        name="instruments", title=title, svg=svg, columns=[_("Instrument"), _("Invested")],
        rows=[[label, money(v)] for label, v in points if v is not None],
        csv_rows=[["instrument", "invested"], *[[k, invested[k]] for k in INSTRUMENTS]],
    )


def regions_chart(rows: list[RegionRow], *, currency: str) -> Chart:
    money = _money_fmt(currency)
    not_shown = _("not shown (fewer than %(n)s clubs)") % {"n": MIN_CLUBS}
    values = [(region_name(r.region),
               None if r.figures["savings_mobilised"] is None
               else D(r.figures["savings_mobilised"])) for r in rows]
    title = _("Savings mobilised by region")
    svg = charts.bar_chart(
        chart_id="chart-regions", title=title,
        desc=_("One bar per region with a club, at the date of the figures; a region whose "
               "money figures are not shown has no bar. The same numbers are in the table "
               "below."),
        points=values, fmt=money)
    return Chart(
        name="regions", title=title, svg=svg, columns=[_("Region"), _("Savings mobilised")],
        rows=[[label, not_shown if v is None else money(v)] for label, v in values],
        csv_rows=[["region", "region_name", "savings_mobilised"],
                  *[[r.region, region_name(r.region), r.figures["savings_mobilised"] or ""]
                    for r in rows]],
    )


def csv_response(chart: Chart, *, scope: str, period: Period) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{scope}-{chart.name}-{period.on.isoformat()}.csv"')
    writer = csv.writer(response)
    writer.writerows(chart.csv_rows)
    return response


# The figures of §1 with their definitions ----------------------------------------------------

DEFINITIONS: list[tuple[str, Any, Any]] = [
    ("members", gettext_lazy("Members"),
     gettext_lazy("Members with active status on the date (a dissolved club counts none).")),
    ("savings_mobilised", gettext_lazy("Savings mobilised"),
     gettext_lazy("Everything the members have paid in, up to the date.")),
    ("paid_out", gettext_lazy("Paid out to members"),
     gettext_lazy("What the clubs have paid back to members who left or at a share-out.")),
    ("invested", gettext_lazy("Invested"),
     gettext_lazy("The cost of every holding in an enterprise, by instrument.")),
    ("enterprises_backed", gettext_lazy("Enterprises backed"),
     gettext_lazy("Enterprises with at least one holding; one backed by two clubs counts "
                  "once.")),
    ("nav", gettext_lazy("Net asset value"),
     gettext_lazy("What the clubs own on the date: cash plus the value of their holdings.")),
    ("income", gettext_lazy("Income"),
     gettext_lazy("Interest, dividends and other income received.")),
    ("expenses", gettext_lazy("Expenses"), gettext_lazy("Costs the clubs paid.")),
    ("realised_gains", gettext_lazy("Realised gains"),
     gettext_lazy("Gains and losses on holdings sold or repaid.")),
    ("unrealised_gains", gettext_lazy("Unrealised gains"),
     gettext_lazy("The change in value of holdings still held, at their last valuation.")),
    ("principal_outstanding", gettext_lazy("Loan principal outstanding"),
     gettext_lazy("What enterprises still owe on open loans.")),
    ("par30", gettext_lazy("PAR30 (portfolio at risk)"),
     gettext_lazy("The share of the principal outstanding on open loans that is more than 30 "
                  "days late, over all the clubs together (not an average of the clubs' "
                  "shares); none when there is no open loan.")),
]


def figure_rows(figures: dict[str, Any], *, currency: str) -> list[dict[str, Any]]:
    money = _money_fmt(currency)
    """The figures as the page shows them: label, value in the reader's format, definition."""
    clubs = figures["clubs"]
    by_status = ", ".join(f"{STATUS_LABELS.get(s, s)}: {clubs[s]}" for s in STATUSES
                          if clubs.get(s))
    rows: list[dict[str, Any]] = [{
        "key": "clubs", "label": _("Clubs"), "value": str(clubs["total"]), "detail": by_status,
        "definition": _("Clubs that exist on the date (founded on or before it), by stage."),
    }]
    for key, label, definition in DEFINITIONS:
        value = figures[key]
        detail = ""
        if value is None:  # PAR30 without an open loan: it has no value
            shown = "–"
        elif key in ("members", "enterprises_backed"):
            shown = str(value)
        elif key == "par30":
            shown = share_percent(value)
        elif key == "invested":
            shown = money(value["total"])
            detail = ", ".join(f"{INSTRUMENT_LABELS[k]}: {money(value[k])}"
                               for k in INSTRUMENTS)
        else:
            shown = money(value)
        rows.append({"key": key, "label": label, "value": shown, "detail": detail,
                     "definition": definition})
    return rows


def outcome_rows(outcomes: Outcomes, *, currency: str) -> list[dict[str, Any]]:
    """What the enterprises report and the hours people give, over the period
    (`selectors_outcomes`), with their definitions."""
    money = _money_fmt(currency)
    leverage = D(outcomes.leverage_cents) / _HUNDRED
    rows: list[dict[str, Any]] = [
        {"key": "jobs_created", "label": _("Jobs created"), "value": number(outcomes.jobs_created),
         "definition": _("Jobs the backed enterprises created, as they report them each year.")},
        {"key": "jobs_kept", "label": _("Jobs kept"), "value": number(outcomes.jobs_kept),
         "definition": _("Jobs the backed enterprises held at the end of their latest reported "
                         "year.")},
        {"key": "jobs_target_groups", "label": _("Jobs held by people of the target groups"),
         "value": number(outcomes.jobs_target_groups),
         "definition": _("Of those jobs, the ones held by people of the finder's target "
                         "groups.")},
        {"key": "leverage", "label": _("Finance obtained after a club's investment"),
         "value": money(leverage),
         "definition": _("Bank, fund and public finance the backed enterprises obtained after a "
                         "club invested in them.")},
        {"key": "leverage_ratio", "label": _("Leverage"),
         "value": "–" if outcomes.leverage_ratio is None else number(outcomes.leverage_ratio, 2),
         "definition": _("Euros obtained for each euro of citizens' savings invested in the "
                         "same enterprises.")},
        {"key": "mentoring_hours", "label": _("Mentoring hours"),
         "value": number(outcomes.mentoring_hours, 2),
         "definition": _("Hours of mentoring recorded in the clubs' mentoring logs.")},
        {"key": "volunteer_hours", "label": _("Volunteer hours"),
         "value": number(outcomes.volunteer_hours, 2),
         "definition": _("Hours club officers and members gave as volunteers, as recorded.")},
    ]
    for s in outcomes.survival:
        rows.append({
            "key": f"survival_{s.years}", "label": ngettext(
                "Still trading after %(n)s year", "Still trading after %(n)s years",
                s.years) % {"n": s.years},
            "value": "–" if s.share is None else share_percent(s.share),
            "definition": _("Of the %(cohort)s enterprises first backed at least that long "
                            "ago, the share that reported trading in that year.") % {
                                "cohort": s.cohort}})
    return rows


# Pages ----------------------------------------------------------------------------------------

def _render(request: HttpRequest, *, scope: str, heading: str, intro: str, period: Period,
            figures: dict[str, Any], currency: str, chart_list: list[Chart],
            outcomes: Outcomes, chart_name: str | None,
            regions: list[dict[str, Any]] | None = None,
            beside_figures: Beside | None = None) -> HttpResponse:
    if chart_name is not None:
        for chart in chart_list:
            if chart.name == chart_name:
                return csv_response(chart, scope=scope, period=period)
        raise Http404(_("There is no such chart on this dashboard."))
    return render(request, "impact/dashboards/dashboard.html", {
        "heading": heading, "intro": intro, "period": period,
        "figure_rows": figure_rows(figures, currency=currency),
        "outcome_rows": outcome_rows(outcomes, currency=currency),
        "charts": chart_list, "regions": regions, "small_count": MIN_CLUBS,
        "csv_prefix": f"{request.path}charts/", "beside": beside_figures,
        "ministry_link": scope == "platform" and may_read_ministry_dashboard(request.user),
    })


def _region_table(rows: list[RegionRow], reader: Any, *, currency: str) -> list[dict[str, Any]]:
    money = _money_fmt(currency)
    not_shown = _("not shown")
    readable = region_dashboards_readable(reader)
    table = []
    for r in rows:
        f = r.figures
        table.append({
            "code": r.region, "name": region_name(r.region),
            "url": reverse("impact:region", args=[r.region]) if readable(r.region) else None,
            "clubs": f["clubs"]["total"], "members": f["members"],
            "enterprises": f["enterprises_backed"],
            "savings": not_shown if f["savings_mobilised"] is None
            else money(f["savings_mobilised"]),
            "nav": not_shown if f["nav"] is None else money(f["nav"]),
            "invested": not_shown if f["invested"] is None
            else money(f["invested"]["total"]),
            "par30": not_shown if "par30" in r.suppressed else share_percent(f["par30"]),
        })
    return table


def _platform(request: HttpRequest, *, ministry: bool, chart: str | None) -> HttpResponse:
    period = period_of(request)
    figures, rows = platform_on(period.on, public=not ministry)
    whose = _("the platform")
    chart_list = trend_charts(trend(period.start, period.end), currency="EUR", whose=whose)
    invested = instruments_chart(figures, currency="EUR", whose=whose)
    chart_list += [c for c in (invested, regions_chart(rows, currency="EUR")) if c is not None]
    if ministry:
        heading = _("The ministry's dashboard")
        intro = _("Figures of the platform and of every region, in full. Aggregates only: no "
                  "club is named with its money and nothing about any person is shown.")
    else:
        heading = _("What the clubs achieve")
        intro = _("Figures of every club on the platform together, and by region as open "
                  "data shows them: a region's money figures are not shown while it has fewer "
                  "than %(n)s clubs, so that no single club's savings can be read off.") % {
                      "n": MIN_CLUBS}
    return _render(request, scope="ministry" if ministry else "platform", heading=heading,
                   intro=intro, period=period, figures=figures, currency="EUR",
                   chart_list=chart_list,
                   outcomes=outcomes_in_period(period.start, period.end), chart_name=chart,
                   regions=_region_table(rows, request.user, currency="EUR"),
                   beside_figures=beside(start=period.start, end=period.end, on=period.on))


def platform_dashboard(request: HttpRequest, chart: str | None = None) -> HttpResponse:
    return _platform(request, ministry=False, chart=chart)


@login_required
def ministry_dashboard(request: HttpRequest, chart: str | None = None) -> HttpResponse:
    require(may_read_ministry_dashboard(request.user),
            _("Only the ministry's readers can see this dashboard."))
    return _platform(request, ministry=True, chart=chart)


@login_required
def region_dashboard(request: HttpRequest, code: str, chart: str | None = None) -> HttpResponse:
    if code not in REGIONS:
        raise Http404(_("There is no such region."))
    require(may_read_region_dashboard(request.user, code),
            _("Only the region's coordinators and the ministry can see this dashboard."))
    period = period_of(request)
    figures = figures_on(period.on, region=code)
    whose = region_name(code)
    chart_list = trend_charts(trend(period.start, period.end, region=code), currency="EUR",
                              whose=whose)
    invested = instruments_chart(figures, currency="EUR", whose=whose)
    if invested is not None:
        chart_list.append(invested)
    return _render(
        request, scope=f"region-{code}",
        heading=_("Region %(name)s") % {"name": whose},
        intro=_("Figures of the clubs whose seat is in the region, together. The clubs "
                "themselves are listed in the regional overview."),
        period=period, figures=figures, currency="EUR", chart_list=chart_list,
        outcomes=outcomes_in_period(period.start, period.end, region=code), chart_name=chart)


@login_required
def club_dashboard(request: HttpRequest, slug: str, chart: str | None = None) -> HttpResponse:
    club = club_known_to(request.user, slug)
    require(may_read_club_dashboard(request.user, club),
            _("Only the club's members and its region's coordinators can see this dashboard."))
    period = period_of(request)
    figures = figures_on(period.on, club=club)
    chart_list = trend_charts(trend(period.start, period.end, club=club),
                              currency=club.currency, whose=club.name)
    invested = instruments_chart(figures, currency=club.currency, whose=club.name)
    if invested is not None:
        chart_list.append(invested)
    return _render(
        request, scope=f"club-{club.slug}",
        heading=_("Dashboard of %(club)s") % {"club": club.name},
        intro=_("The club's figures on a date, from its statement of that date, and how they "
                "moved over the period."),
        period=period, figures=figures, currency=club.currency, chart_list=chart_list,
        outcomes=outcomes_in_period(period.start, period.end, club=club), chart_name=chart)
