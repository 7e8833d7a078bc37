"""The network's period report (/network/report/, staff only): the page, in the reader's
language, and its CSV (`?format=csv`). The JSON is `GET /api/v1/network/report`."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from microfuture.network import permissions
from microfuture.network.forms_report import DatesForm, HalfYearForm
from microfuture.network.selectors_report import (
    Period,
    Report,
    half_years,
    last_full_half_year,
    parse_half_year,
    period_report,
)


def half_year_label(period: Period) -> str:
    words = (_("January to June %(year)s") if period.start.month == 1
             else _("July to December %(year)s"))
    return words % {"year": period.start.year}


def report_csv(report: Report) -> HttpResponse:
    """One row per indicator: its code, its label in the reader's language, the value and
    the period's dates (ISO, as every export)."""
    start, end = report.period.start.isoformat(), report.period.end.isoformat()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="network-report-{start}-{end}.csv"')
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(["indicator", "label", "value", "period_from", "period_to"])
    for indicator in report.indicators:
        writer.writerow([indicator.code, str(indicator.label), indicator.value, start, end])
    return response


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("Only the network's staff see the period report."))
    today = timezone.localdate()
    presets = half_years(today)
    choices = [(code, half_year_label(p)) for code, p in presets]
    default = last_full_half_year(today)
    half_form = HalfYearForm(choices=choices)
    dates_form = DatesForm()
    period: Period | None = default
    chosen = ""
    if "period" in request.GET:
        half_form = HalfYearForm(request.GET, choices=choices)
        found = parse_half_year(request.GET["period"]) if half_form.is_valid() else None
        period, chosen = found, request.GET["period"] if found else ""
    elif "from" in request.GET or "to" in request.GET:
        dates_form = DatesForm(request.GET)
        period = (Period(dates_form.cleaned_data["from"], dates_form.cleaned_data["to"])
                  if dates_form.is_valid() else None)
    else:
        chosen = next((code for code, p in presets if p == default), "")
    if period is None:
        return render(request, "network/report/report.html", {
            "half_form": half_form, "dates_form": dates_form,
            "form_list": [half_form, dates_form], "report": None,
        }, status=400)
    if not chosen:
        chosen = next((code for code, p in presets if p == period), "")
    if chosen:
        half_form = HalfYearForm(initial={"period": chosen}, choices=choices)
    if "from" not in request.GET:
        dates_form = DatesForm(initial={"from": period.start, "to": period.end})
    result = period_report(period)
    if request.GET.get("format") == "csv":
        return report_csv(result)
    return render(request, "network/report/report.html", {
        "half_form": half_form, "dates_form": dates_form, "report": result,
        "period_label": half_year_label(period) if chosen else _("%(start)s to %(end)s") % {
            "start": formats.date_format(period.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(period.end, "SHORT_DATE_FORMAT")},
        "csv_query": f"from={period.start.isoformat()}&to={period.end.isoformat()}&format=csv",
        "is_default": period == default,
    })
