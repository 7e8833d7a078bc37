"""Where the person is: a small map of Slovenia for the result page, with the region of the
municipality they answered filled and the municipality marked at its centroid.

`where_map(answers)` is the result page's context for `finder/_where.html`: None when no
municipality was answered (or it is not one of Slovenia's 212), so the page shows nothing.
The map is `microfuture.maps.slovenia_svg` (GURS's regions, credit on the map); only the
result page shows it, not the PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from microfuture.maps import SLOVENIA_ATTRIBUTION, RegionMark, slovenia_svg
from microfuture.municipalities import MUNICIPALITY_CENTROIDS, municipality_find
from microfuture.regions import REGIONS


def where_map(answers: Mapping[str, Any]) -> dict[str, Any] | None:
    """{"svg", "caption", "attribution"} for the answered municipality, or None."""
    text = str(answers.get("municipality") or "")
    municipality = municipality_find(text) if text else None
    if municipality is None:
        return None
    region = REGIONS[municipality.region]
    caption = _("Your municipality: %(municipality)s, in the %(region)s region") % {
        "municipality": municipality.name, "region": region}
    lon, lat = MUNICIPALITY_CENTROIDS[municipality.code]
    svg = slovenia_svg(
        {municipality.region: RegionMark(
            name=_("%(region)s: the region of your municipality") % {"region": region},
            filled=True)},
        title=_("Where your municipality is"),
        description=_("Slovenia's statistical regions: the %(region)s region is filled and "
                      "%(municipality)s is marked with a point.") % {
            "region": region, "municipality": municipality.name},
        svg_id="finder-where-map",
        pin=(lon, lat, municipality.name),
    )
    # slovenia_svg escapes every text it puts in the drawing.
    return {"svg": mark_safe(svg), "caption": caption, "attribution": SLOVENIA_ATTRIBUTION}
