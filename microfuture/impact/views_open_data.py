"""The open-data page (/open-data/) and its downloads: the platform's and the regions' figures
on a date as CSV, XLSX and JSON, each with the licence (CC BY 4.0). Public, no sign-in.

The figures are `selectors_open_data`'s, the same the API answers; a download's date and
region are ISO and a code in the address (`?date=2026-12-01&region=SI041`), as the page's links
write them, and a bad one is a 400 with a plain reason.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from microfuture.impact.forms_open_data import OpenDataChoiceForm
from microfuture.impact.selectors_open_data import (
    COLUMNS,
    FIGURES,
    LICENCE,
    LICENCE_LINK,
    LICENCE_URL,
    MIN_CLUBS,
    Area,
    Figure,
    OpenDataError,
    figures_answer,
    open_data_on,
    open_figures,
    parse_date,
    parse_region,
    regions_answer,
    rows,
)
from microfuture.impact.xlsx import Sheet, workbook_bytes


@dataclass(frozen=True)
class Cell:
    value: Any
    suppressed: bool


@dataclass(frozen=True)
class Line:
    figure: Figure
    cells: list[Cell]


def _signals_url() -> str | None:
    """The finder's policy signals page, once that page exists."""
    try:
        return reverse("impact:signals")
    except NoReverseMatch:
        return None


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = OpenDataChoiceForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "impact/open_data/index.html", {
            "form": form, "data": None, "licence": LICENCE, "licence_url": LICENCE_URL,
            "signals_url": _signals_url(), "definitions": FIGURES,
        }, status=400)
    on: date = form.cleaned_data["date"] if form.is_bound else timezone.localdate()
    region: str | None = (form.cleaned_data.get("region") or None) if form.is_bound else None
    data = open_data_on(on)
    if region:
        chosen = next((a for a in data.regions if a.region == region), None)
        areas = [data.platform, chosen or open_figures(on, region=region)]
    else:
        areas = [data.platform, *data.regions]
    lines = [Line(f, [Cell(f.value(a.figures), f.path[0] in a.suppressed) for a in areas])
             for f in FIGURES]
    day = on.isoformat()
    figures_query = urlencode({"date": day, **({"region": region} if region else {})})
    return render(request, "impact/open_data/index.html", {
        "form": form, "data": data, "on": on, "areas": areas, "lines": lines,
        "region": region, "figures_query": figures_query,
        "regions_query": urlencode({"date": day}), "any_suppressed": any(
            a.suppressed for a in areas), "min_clubs": MIN_CLUBS,
        "licence": LICENCE, "licence_url": LICENCE_URL, "signals_url": _signals_url(),
        "definitions": FIGURES,
    })


def _refuse(reason: str) -> HttpResponse:
    return HttpResponse(reason + "\n", status=400, content_type="text/plain; charset=utf-8")


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Link"] = LICENCE_LINK
    return response


def _csv(name: str, on: date, areas: list[Area]) -> HttpResponse:
    """One row per area, one column per figure (`invested.loan`: the path in the JSON), and
    on every row the suppressed keys and the licence with its address."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for row in rows(on, areas):
        writer.writerow(["" if v is None else v for v in row])
    return _attachment(response, f"{name}.csv")


def _number(value: Any, figure_kind: str) -> Any:
    if value is None or figure_kind == "count":
        return value
    return Decimal(value)


def _xlsx(name: str, sheet: str, on: date, areas: list[Area], title: str) -> HttpResponse:
    kinds = ["text"] * 3 + [f.kind for f in FIGURES] + ["text"] * 3
    data_rows = [[_number(v, k) if k != "text" else v for v, k in zip(row, kinds, strict=True)]
                 for row in rows(on, areas)]
    formats = {f.column: ("#,##0.00" if f.kind == "money" else "0.000000")
               for f in FIGURES if f.kind != "count"}
    about: list[tuple[str, Any]] = [
        (_("Data"), title),
        (_("Date"), on),
        (_("Licence"), LICENCE),
        (_("Licence text"), LICENCE_URL),
        (_("Attribution"), _("Microfuture Hub, open data")),
        (_("Source"), _("Computed from the clubs' books on the date; never typed in.")),
        (_("Suppressed figures"), _(
            "A region with fewer than %(n)d clubs on the date has its money figures and PAR30 "
            "left empty (named in the column suppressed), so that no club's or member's "
            "savings can be read off. The platform's figures are never suppressed.")
         % {"n": MIN_CLUBS}),
        (_("Personal data"), _("None: only sums and counts, no names of people.")),
        ("", ""),
        *((f.column, f"{f.label}: {f.definition}") for f in FIGURES),
    ]
    body = workbook_bytes([Sheet(sheet, COLUMNS, data_rows, formats)], about=about,
                          about_title=_("Licence and definitions"))
    response = HttpResponse(body, content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    return _attachment(response, f"{name}.xlsx")


def _json(name: str, answer: dict[str, Any]) -> HttpResponse:
    response = JsonResponse(answer, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return _attachment(response, f"{name}.json")


def _file_name(kind: str, on: date, region: str | None = None) -> str:
    return "-".join(p for p in ("open-data", kind, region or "", on.isoformat()) if p)


@require_GET
def figures_download(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        on = parse_date(request.GET.get("date"), today=timezone.localdate())
        region = parse_region(request.GET.get("region"))
    except OpenDataError as exc:
        return _refuse(str(exc))
    area = open_figures(on, region=region)
    name = _file_name("region" if region else "platform", on, region)
    if fmt == "csv":
        return _csv(name, on, [area])
    if fmt == "xlsx":
        title = (_("The figures of the region %(name)s") % {"name": area.name} if region
                 else _("The figures of the whole platform"))
        return _xlsx(name, "figures", on, [area], title)
    return _json(name, figures_answer(on, area))


@require_GET
def regions_download(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        on = parse_date(request.GET.get("date"), today=timezone.localdate())
    except OpenDataError as exc:
        return _refuse(str(exc))
    regions = open_data_on(on).regions
    name = _file_name("regions", on)
    if fmt == "csv":
        return _csv(name, on, regions)
    if fmt == "xlsx":
        return _xlsx(name, "regions", on, regions, _("The figures of every region with a club"))
    return _json(name, regions_answer(on, regions))

