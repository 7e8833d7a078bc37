"""`GET /api/v1/practices?q=&country=&kind=&target_group=&status=&running=&page=&per_page=&lang=`
(spec §4): the list of practices with full-text search and facets.

The practices API (api.py) mounts this with `router.add_router("", search_router)`.
Parameters are read as text and checked here, so a bad one is always a 422 with a plain
`detail` sentence, whichever API the router is mounted on.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from microfuture.practices.models import Practice
from microfuture.practices.search import search

router = Router(tags=["practices"])

TRUE = {"1", "true", "yes", "running"}
FALSE = {"0", "false", "no", "ended"}
STATUSES = {s.value for s in Practice.Status}


class Problem(Schema):
    detail: str


class Highlight(Schema):
    title: str
    summary: str


class PracticeHit(Schema):
    slug: str
    title: str
    summary: str
    country: str
    kinds: list[str]
    target_groups: list[str]
    status: str
    highlight: Highlight


class PracticeList(Schema):
    count: int
    results: list[PracticeHit]
    facets: dict[str, dict[str, int]]


class ListParams(Schema):
    q: str = ""
    country: str = ""
    kind: str = ""
    target_group: str = ""
    status: str = ""
    running: str = ""
    page: str = "1"
    per_page: str = "20"
    lang: str = "en"


class BadParam(ValueError):
    pass


def _int(name: str, raw: str, low: int, high: int | None) -> int:
    text = (raw or "").strip()
    if not re.fullmatch(r"\d{1,9}", text):
        raise BadParam(f"{name} must be a whole number.")
    value = int(text)
    if value < low or (high is not None and value > high):
        limit = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise BadParam(f"{name} must be {limit}.")
    return value


def parse(params: ListParams) -> dict[str, Any]:
    """The keyword arguments of `search()`, or BadParam with a sentence for the caller."""
    lang = (params.lang or "en").strip().lower()
    if lang not in ("sl", "en"):
        raise BadParam("lang must be sl or en.")
    country = params.country.strip()
    if country and not re.fullmatch(r"[A-Za-z]{2}", country):
        raise BadParam("country must be a two-letter country code, such as FR.")
    status = params.status.strip().lower()
    if status and status not in STATUSES:
        raise BadParam(f"status must be one of: {', '.join(sorted(STATUSES))}.")
    running_text = params.running.strip().lower()
    running: bool | None = None
    if running_text in TRUE:
        running = True
    elif running_text in FALSE:
        running = False
    elif running_text:
        raise BadParam("running must be true or false.")
    for name in ("kind", "target_group"):
        if len(getattr(params, name)) > 120:
            raise BadParam(f"{name} is too long.")
    return {
        "q": params.q,
        "country": country.upper(),
        "kind": params.kind.strip(),
        "target_group": params.target_group.strip(),
        "status": status,
        "running": running,
        "page": _int("page", params.page, 1, None),
        "per_page": _int("per_page", params.per_page, 1, 100),
        "lang": lang,
    }


def _text(practice: Practice, name: str, lang: str) -> str:
    other = "sl" if lang == "en" else "en"
    value: str = getattr(practice, f"{name}_{lang}") or getattr(practice, f"{name}_{other}")
    return value


def _strings(values: Any) -> list[str]:
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


@router.get("/", response={200: PracticeList, 422: Problem}, summary="List and search practices")
def list_practices(request: HttpRequest, params: Query[ListParams]) -> Any:
    """Practices the caller may see, most relevant first when `q` is given (else by title),
    with facet counts. Anonymous callers see only approved and validated records.

    `highlight.title` / `highlight.summary` are HTML: the text escaped, matches in `<mark>`.
    """
    try:
        kwargs = parse(params)
    except BadParam as exc:
        return Status(422, Problem(detail=str(exc)))
    result = search(user=request.user, **kwargs)
    lang = kwargs["lang"]
    return {
        "count": result.count,
        "results": [
            {
                "slug": hit.practice.slug,
                "title": _text(hit.practice, "title", lang),
                "summary": _text(hit.practice, "summary", lang),
                "country": hit.practice.country,
                "kinds": _strings(hit.practice.mechanism_kinds),
                "target_groups": _strings(hit.practice.target_groups),
                "status": hit.practice.status,
                "highlight": {"title": hit.title_html, "summary": hit.summary_html},
            }
            for hit in result.results
        ],
        "facets": result.facets,
    }
