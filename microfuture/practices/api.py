"""JSON API of the good-practice library, mounted at /api/v1/practices/ (spec §3, §4).

Thin: find the record the caller may see (404 otherwise, whether it is missing or not
public: an outsider learns nothing about drafts), then call a selector. Texts are given in
both languages as {"sl", "en"}. The list with search and facets is in api_search.py, added
at the end of this module when it exists.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from pydantic import Field

from microfuture.practices import permissions, selectors
from microfuture.practices.models import Practice
from microfuture.practices.practice_file import practice_out

router = Router(tags=["practices"])


class Error(Schema):
    detail: str


ERRORS: dict[int, Any] = {404: Error, 422: Error}


class TransferabilityQuery(Schema):
    region: str = Field(min_length=1, max_length=10,
                        description="code of a region profile, e.g. SI or SI041")
    lang: str | None = Field(None, pattern=r"^(sl|en)$",
                             description="language of the factor names (default: the site's)")


def _record(practice: Practice, *, curator: bool = False) -> dict[str, Any]:
    """The record for the API. Curators' notes (`uncertain`) only for the library's editors;
    others get `unconfirmed`: true when some facts are not yet confirmed by the sources."""
    data = selectors.practice_data(practice)
    out = practice_out(data, "json")
    # Every text in both languages, even when empty, so that clients need not guess.
    for name in ("title", "summary", "description", "resources_needed", "evidence_of_success",
                 "difficulties_encountered", "potential_for_transfer", "lessons_from_failures",
                 "expert_opinion", "uncertain"):
        text = getattr(data, name)
        out[name] = {"sl": text.sl, "en": text.en}
    for name in ("original_language", "original_text", "region", "city", "main_institution"):
        out[name] = getattr(data, name)
    out.setdefault("location", None)
    out.setdefault("started_on", None)
    out.setdefault("ended_on", None)
    for name in ("mechanism_kinds", "target_groups", "indicators", "success_factors", "sources",
                 "contacts"):
        out.setdefault(name, [])
    out["unconfirmed"] = bool(data.uncertain)
    if not curator:
        out.pop("uncertain", None)
    out["running"] = practice.running
    out["validated"] = practice.status == Practice.Status.VALIDATED
    # Not confirmed as one of the eight practices MICROFUTURE presented (issue 11 §6).
    out["presented"] = data.presented
    out["candidate"] = not data.presented
    out["updated_at"] = practice.updated_at.isoformat()
    return out


@router.get("/{slug}", response={200: dict[str, Any], **ERRORS})
def practice_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """One practice with every field; 404 when there is none or it is not public to you."""
    return _record(selectors.practice_for(request.user, slug),
                   curator=permissions.can_read_curator_notes(request.user))


@router.get("/{slug}/transferability", response={200: dict[str, Any], **ERRORS})
def practice_transferability(request: HttpRequest, slug: str,
                             query: Query[TransferabilityQuery]) -> dict[str, Any]:
    """Score, blockers, open questions and every factor with the region's answer (spec §3);
    `pilot_tasks`: what a pilot would build, which never blocks a transfer. A region inherits
    its country's answers (`inherited_from`)."""
    practice = selectors.practice_for(request.user, slug)
    lang = query.lang or ("sl" if translation.get_language() == "sl" else "en")
    return selectors.transferability(practice, query.region.strip(), lang=lang)


# The list, search and facets are written in api_search.py.
from microfuture.practices.api_search import (  # noqa: E402
    PracticeList,
    Problem,
    list_practices,
)

# The list is served at the spec's address, /api/v1/practices (this router is mounted at
# "/practices"), and with a final slash too; nested routers always add the slash.
router.get("", response={200: PracticeList, 422: Problem}, summary="List and search practices")(
    list_practices
)
router.get("/", response={200: PracticeList, 422: Problem}, include_in_schema=False)(
    list_practices
)
