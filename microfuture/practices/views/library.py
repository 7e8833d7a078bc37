"""The library's list: full-text search with facets and pages."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from microfuture.practices import permissions
from microfuture.practices import search as practice_search
from microfuture.practices.models import Practice
from microfuture.practices.templatetags.practice_labels import (
    COUNTRY_NAMES,
    KIND_LABELS,
    TARGET_GROUP_LABELS,
    reader_language,
)

PER_PAGE = 20
RUNNING_VALUES = {"running": True, "ended": False}
FACETS = ("country", "kind", "target_group", "status", "running")
FACET_LEGENDS = {
    "country": gettext_lazy("Country"),
    "kind": gettext_lazy("Kind of mechanism"),
    "target_group": gettext_lazy("Target group"),
    "status": gettext_lazy("Status"),
    "running": gettext_lazy("Running or ended"),
}


def _running_count(counts: dict[Any, int], value: bool) -> int:
    names = ("running", "true", "True", "1", "yes") if value else (
        "ended", "false", "False", "0", "no")
    for key, count in counts.items():
        if key is value or str(key) in names:
            return int(count)
    return 0


def _facet_groups(facets: dict[str, dict[Any, int]], chosen: dict[str, str],
                  editor: bool) -> list[dict[str, Any]]:
    groups = []
    for name in FACETS:
        if name == "status" and not editor:
            continue
        counts = facets.get(name) or {}
        if name == "running":
            options = [("running", _("Running"), _running_count(counts, True)),
                       ("ended", _("Ended"), _running_count(counts, False))]
        else:
            labels: dict[str, Any] = {
                "country": COUNTRY_NAMES, "kind": KIND_LABELS,
                "target_group": TARGET_GROUP_LABELS,
                "status": dict(Practice.Status.choices),
            }[name]
            values = {str(k): int(v) for k, v in counts.items()}
            if chosen.get(name) and chosen[name] not in values:
                values[chosen[name]] = 0
            options = sorted(
                ((value, str(labels.get(value, value)), count)
                 for value, count in values.items()),
                key=lambda o: (-o[2], o[1]))
        groups.append({"name": name, "legend": FACET_LEGENDS[name], "options": options,
                       "chosen": chosen.get(name, "")})
    return groups


def _page_links(request: HttpRequest, page: int, pages: int) -> list[dict[str, Any]]:
    base = [(k, v) for k, values in request.GET.lists() if k != "page" for v in values]
    links: list[dict[str, Any]] = []
    for number in range(1, pages + 1):
        if pages > 9 and abs(number - page) > 2 and number not in (1, pages):
            if links and links[-1]["number"] is not None:
                links.append({"number": None, "url": "", "current": False})
            continue
        links.append({"number": number, "current": number == page,
                      "url": "?" + urlencode([*base, ("page", str(number))])})
    return links


@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    editor = permissions.is_editor(request.user)
    chosen = {name: request.GET.get(name, "").strip() for name in FACETS}
    if not editor:
        chosen["status"] = ""
    q = request.GET.get("q", "").strip()[:200]
    try:
        page = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page = 1
    result = practice_search.search(
        user=request.user, q=q, country=chosen["country"], kind=chosen["kind"],
        target_group=chosen["target_group"], status=chosen["status"],
        running=RUNNING_VALUES.get(chosen["running"]), page=page, per_page=PER_PAGE,
        lang=reader_language(),
    )
    pages = max(math.ceil(result.count / PER_PAGE), 1)
    links = _page_links(request, page, pages) if pages > 1 else []
    return render(request, "practices/practice_list.html", {
        "q": q, "hits": result.results, "count": result.count, "page": page, "pages": pages,
        "page_links": links,
        "prev_url": next((x["url"] for x in links if x["number"] == page - 1), ""),
        "next_url": next((x["url"] for x in links if x["number"] == page + 1), ""),
        "facet_groups": _facet_groups(result.facets or {}, chosen, editor),
        "filtered": bool(q or any(chosen.values())),
    })
