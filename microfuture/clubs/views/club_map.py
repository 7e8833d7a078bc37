"""The map of clubs: Slovenia's statistical regions with the clubs open to new projects in
each, and the municipalities of each region (who lives where can find their region)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from microfuture.clubs import selectors_map
from microfuture.maps import SLOVENIA_ATTRIBUTION, RegionMark, slovenia_svg
from microfuture.municipalities import MUNICIPALITY_CENTROIDS, municipalities_in
from microfuture.regions import REGIONS


@require_GET
def club_map(request: HttpRequest) -> HttpResponse:
    by_region = selectors_map.open_clubs_by_region()
    marks: dict[str, RegionMark] = {}
    regions = []
    for code, name in sorted(REGIONS.items(), key=lambda item: item[1]):
        clubs = by_region.get(code, [])
        count = len(clubs)
        label = (
            ngettext("%(region)s: %(count)d club open to new projects",
                     "%(region)s: %(count)d clubs open to new projects", count)
            % {"region": name, "count": count}
            if count else _("%(region)s: no club open to new projects yet") % {"region": name}
        )
        marks[code] = RegionMark(name=label, shown=str(count) if count else "",
                                 url=f"#region-{code}", filled=count > 0)
        regions.append({"code": code, "name": name, "clubs": clubs,
                        "municipalities": municipalities_in(code)})
    svg = slovenia_svg(
        marks,
        title=_("Clubs open to new projects, by region"),
        description=_("Slovenia's twelve statistical regions. A region in green has at "
                      "least one club open to new projects; the number under its name is "
                      "how many. Grey dots are the centres of the municipalities. Each "
                      "region links to its part of the list below the map."),
        points=list(MUNICIPALITY_CENTROIDS.values()),
        svg_id="club-map",
    )
    return render(request, "clubs/club_map.html", {
        # slovenia_svg escapes every text it puts in the drawing.
        "svg": mark_safe(svg),
        "regions": regions,
        "attribution": SLOVENIA_ATTRIBUTION,
        "total": len({club.pk for clubs in by_region.values() for club in clubs}),
    })
