"""How well a practice would transfer to a region."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from microfuture.practices import permissions, selectors
from microfuture.practices.models import SuccessFactor
from microfuture.practices.templatetags.practice_labels import reader_language
from microfuture.practices.views.common import region_choices, visible_practice


@require_GET
def transferability(request: HttpRequest, slug: str) -> HttpResponse:
    practice = visible_practice(request, slug)
    regions = region_choices()
    code = request.GET.get("region", "").strip()
    if not code and regions:
        code = regions[0][0]
    result = None
    region_name = ""
    if code:
        if code not in dict(regions):
            raise Http404
        region_name = dict(regions)[code]
        result = selectors.transferability(practice, code, lang=reader_language())
        if permissions.can_read_curator_notes(request.user):
            notes = selectors.curator_notes(selectors.region_for(code))
            for row in result["factors"]:
                row["curator_note"] = notes.get(row["key"], "")
    # Preconditions make the score; the things a pilot builds are shown apart (transfer.py).
    factors = result["factors"] if result else []
    return render(request, "practices/transferability.html", {
        "practice": practice, "regions": regions, "region_code": code,
        "region_name": region_name, "result": result,
        "preconditions": [f for f in factors if f["kind"] == SuccessFactor.Kind.PRECONDITION],
        "pilot_factors": [f for f in factors if f["kind"] != SuccessFactor.Kind.PRECONDITION],
        "curator": permissions.can_read_curator_notes(request.user),
        "api_url": "/api/v1/practices/{}/transferability?{}".format(
            practice.slug, urlencode({"region": code})) if code else "",
    })
