"""The map of the practices (an SVG drawn by `mapping`), with the same practices listed
by country.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from microfuture.maps import europe_nuts
from microfuture.practices import mapping, selectors
from microfuture.practices.templatetags.practice_labels import COUNTRY_NAMES, in_language
from microfuture.regions import region_name as nuts_region_name


def _nuts_name(code: str) -> str:
    """A region's name (never its bare code): the platform's, else the NUTS file's."""
    name = nuts_region_name(code)
    if name != code:
        return name
    return next((r.name for r in europe_nuts() if r.code == code), code)


@require_GET
def practice_map(request: HttpRequest) -> HttpResponse:
    practices = list(selectors.visible_practices(request.user).order_by("country", "slug"))
    points: list[mapping.MapPoint] = []
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in practices:
        title = in_language(p, "title") or p.slug
        url = reverse("practices:detail", args=[p.slug])
        on_map = (p.latitude is not None and p.longitude is not None
                  and mapping.inside(p.latitude, p.longitude))
        if on_map:
            assert p.latitude is not None and p.longitude is not None
            points.append(mapping.MapPoint(label=title, url=url, latitude=p.latitude,
                                           longitude=p.longitude, marker=str(len(points) + 1)))
        by_country[p.country].append({"practice": p, "title": title, "url": url,
                                      "on_map": on_map,
                                      "marker": str(len(points)) if on_map else ""})
    in_region = Counter(p.region for p in practices if p.region)
    svg = mapping.build_svg(
        points, title=_("Map of the good practices"),
        description=_("Each point is a practice at its location; the same practices are "
                      "listed by country below the map. The regions (NUTS 3) where "
                      "practices are, are filled."),
        regions={code: ngettext("%(region)s: %(count)s practice",
                                "%(region)s: %(count)s practices", n)
                 % {"region": _nuts_name(code), "count": n}
                 for code, n in in_region.items()},
    )
    countries = sorted(by_country.items(),
                       key=lambda item: str(COUNTRY_NAMES.get(item[0], item[0])))
    return render(request, "practices/practice_map.html", {
        # mapping.build_svg escapes every text it puts in the drawing.
        "svg": mark_safe(svg),
        "countries": countries, "located": len(points),
    })
