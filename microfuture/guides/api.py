"""The guides' JSON API (`../shared/specs/guides.md` §4), under /api/v1/: the published guides,
one guide's words as plain text in both languages, and the glossary. Public: no sign-in (no
`auth`), read only, nothing counted."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from microfuture.guides import selectors
from microfuture.guides.models import Guide

router = Router(tags=["guides"])


class GuideError(Schema):
    detail: str


class GuideLanguages(Schema):
    sl: str
    en: str


class GuideListed(Schema):
    slug: str
    kind: str | None
    title: GuideLanguages
    url: str


class GuideSource(Schema):
    title: str
    url: str


class GuideDetail(Schema):
    slug: str
    kind: str | None
    title: GuideLanguages
    text: GuideLanguages
    checked_on: str
    sources: list[GuideSource]
    url: str


class GuideGlossaryTerm(Schema):
    term: GuideLanguages
    definition: GuideLanguages
    url: str


def _titles(guide: Guide) -> dict[str, str]:
    return {"sl": selectors.guide_title(guide, "sl"), "en": selectors.guide_title(guide, "en")}


@router.get("/guides", response={200: list[GuideListed]}, summary="The published guides")
def guide_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every published guide: its slug, the finder kind it explains (null for a task guide),
    its title in Slovenian and English, and its page."""
    return [{"slug": g.slug, "kind": g.kind, "title": _titles(g), "url": g.get_absolute_url()}
            for g in selectors.published_guides()]


@router.get("/guides/{slug}", response={200: GuideDetail, 404: GuideError},
            summary="One guide's words as plain text")
def guide_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """A published guide: its words in Slovenian and English as plain text (the summary, then
    each heading, paragraph and list item, separated by blank lines; worked examples computed),
    the day it was checked and its sources. 404 when there is no such published guide."""
    guide = selectors.published_guides().filter(slug=slug).first()
    if guide is None:
        raise Http404("There is no published guide with this slug.")
    return {
        "slug": guide.slug, "kind": guide.kind, "title": _titles(guide),
        "text": {"sl": selectors.guide_plain(guide, "sl"),
                 "en": selectors.guide_plain(guide, "en")},
        "checked_on": guide.checked_on.isoformat(),
        "sources": [{"title": str(s.get("title", "")), "url": str(s.get("url", ""))}
                    for s in guide.sources or []],
        "url": guide.get_absolute_url(),
    }


@router.get("/glossary", response={200: list[GuideGlossaryTerm]}, summary="The glossary")
def glossary_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every glossary term with its name and definition in Slovenian and English, and its place
    on the glossary page."""
    out = []
    for term, texts in selectors.glossary_both():
        out.append({
            "term": {code: texts[code].name if code in texts else "" for code in ("sl", "en")},
            "definition": {code: texts[code].definition if code in texts else ""
                           for code in ("sl", "en")},
            "url": term.get_absolute_url(),
        })
    return out
