"""The policy-signals page: public, anonymous, a GET form; the same table as CSV
(`?format=csv` with the page's filters). docs/impact.md, "Policy signals from the finder"."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from microfuture.impact.forms_signals import SignalsFilterForm
from microfuture.impact.selectors_signals import (
    MIN_SEARCHES,
    Signals,
    last_twelve_months,
    signals_for,
)


def _csv(signals: Signals) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="finder-signals-{signals.since.isoformat()}-'
        f'{signals.until.isoformat()}.csv"')
    writer = csv.writer(response)
    writer.writerow(["from", "to", "applicant_type", "target_group", "criterion",
                     "criterion_label", "searches", "failed_searches", "share_percent"])
    for row in signals.rows:  # none when the cell has too few searches
        writer.writerow([signals.since.isoformat(), signals.until.isoformat(),
                         signals.applicant_type, signals.target_group, row.criterion,
                         row.label, signals.searches, row.failed, str(row.share)])
    return response


@require_GET
def signals(request: HttpRequest) -> HttpResponse:
    default_to = timezone.localdate()
    default_from, _ = last_twelve_months(default_to)
    form = SignalsFilterForm(request.GET or None,
                             initial={"from": default_from, "to": default_to})
    if form.is_bound and not form.is_valid():
        return render(request, "impact/signals/page.html", {
            "form": form, "signals": None, "min_searches": MIN_SEARCHES}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    # One end typed: `to` is today (or `from`, if later), `from` twelve months before `to`.
    until = data.get("to") or max(default_to, data.get("from") or default_to)
    since = data.get("from") or last_twelve_months(until)[0]
    result = signals_for(since=since, until=until,
                         applicant_type=data.get("applicant_type") or "",
                         target_group=data.get("target_group") or "")
    if request.GET.get("format") == "csv":
        return _csv(result)
    query = request.GET.copy()
    query["format"] = "csv"
    return render(request, "impact/signals/page.html", {
        "form": form, "signals": result, "min_searches": MIN_SEARCHES,
        "rows": [(row, result.sentence(row)) for row in result.rows],
        "csv_query": query.urlencode(),
    })
