"""What the library's pages share: the posted data, the 403, the practice the person may
see (a 404 otherwise), the region choices and a practice's factor rows.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from microfuture.practices import selectors
from microfuture.practices.models import Practice
from microfuture.practices.templatetags.practice_labels import in_language, region_label


def posted(request: HttpRequest) -> Any:
    """The POST data, or None on GET (so an empty POST still shows the form's errors)."""
    return request.POST if request.method == "POST" else None


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def visible_practice(request: HttpRequest, slug: str) -> Practice:
    """The practice if the person may see it; a 404 otherwise (drafts stay unknown)."""
    return selectors.practice_for(request.user, slug)


def region_choices() -> list[tuple[str, str]]:
    out = []
    for region in selectors.region_profiles():
        code = region["code"] if isinstance(region, dict) else region.code
        name = region["name"] if isinstance(region, dict) else region.name
        out.append((str(code), region_label(str(code), str(name))))
    return out


def factor_rows(practice: Practice) -> list[dict[str, Any]]:
    return [
        {"key": pf.factor.key, "name": in_language(pf.factor, "name") or pf.factor.key,
         "category": pf.factor.category, "weight": pf.weight}
        for pf in practice.practice_factors.select_related("factor")
    ]
