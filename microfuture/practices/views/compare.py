"""Two to four practices side by side."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from microfuture.practices.models import Practice
from microfuture.practices.templatetags.practice_labels import (
    COUNTRY_NAMES,
    KIND_LABELS,
    TARGET_GROUP_LABELS,
    WEIGHT_LABELS,
    in_language,
    region_label,
    unit_label,
)
from microfuture.practices.views.common import factor_rows, visible_practice

COMPARE_MIN, COMPARE_MAX = 2, 4


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):  # the page's one date format (docs/formats.md)
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _compare_rows(practices: list[Practice]) -> list[tuple[str, list[Any]]]:
    def each(fn: Any) -> list[Any]:
        return [fn(p) for p in practices]

    def factors(p: Practice) -> str:
        return "; ".join(f"{r['name']} ({WEIGHT_LABELS[r['weight']]})" for r in factor_rows(p))

    def indicators(p: Practice) -> str:
        return "; ".join(
            f"{in_language(i, 'name')}: {i.value} {unit_label(i.unit)}".strip()
            + (f" ({i.year})" if i.year else "") for i in p.indicators.all())

    rows: list[tuple[str, list[Any]]] = [
        (_("Summary"), each(lambda p: in_language(p, "summary"))),
        (_("Country"), each(lambda p: str(COUNTRY_NAMES.get(p.country, p.country)))),
        (_("Region"), each(lambda p: region_label(p.region) if p.region else "")),
        (_("City"), each(lambda p: p.city)),
        (_("Main institution"), each(lambda p: p.main_institution)),
        (_("Started on"), each(lambda p: p.started_on)),
        (_("Ended on"), each(lambda p: p.ended_on or _("still running"))),
        (_("Kinds of mechanism"), each(
            lambda p: [str(KIND_LABELS.get(k, k)) for k in p.mechanism_kinds])),
        (_("Target groups"), each(
            lambda p: [str(TARGET_GROUP_LABELS.get(g, g)) for g in p.target_groups])),
        (_("Description"), each(lambda p: in_language(p, "description"))),
        (_("Resources needed"), each(lambda p: in_language(p, "resources_needed"))),
        (_("Evidence of success"), each(lambda p: in_language(p, "evidence"))),
        (_("Figures"), each(indicators)),
        (_("Difficulties encountered"), each(lambda p: in_language(p, "difficulties"))),
        (_("Potential for transfer"), each(lambda p: in_language(p, "transfer_potential"))),
        (_("Success factors"), each(factors)),
        (_("Lessons from failures"), each(lambda p: in_language(p, "lessons"))),
        (_("Status"), each(lambda p: p.get_status_display())),
        (_("Expert opinion"), each(lambda p: in_language(p, "expert_opinion"))),
    ]
    return [(label, [_text(v) for v in values]) for label, values in rows]


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    slugs = list(dict.fromkeys(s.strip() for s in request.GET.getlist("p") if s.strip()))
    if not COMPARE_MIN <= len(slugs) <= COMPARE_MAX:
        return render(request, "practices/compare.html", {
            "refused": True, "picked": len(slugs),
            "back": reverse("practices:list"),
        }, status=400)
    practices = [visible_practice(request, slug) for slug in slugs]
    return render(request, "practices/compare.html", {
        "practices": practices, "rows": _compare_rows(practices),
    })
