"""Input at the edge: what every request must fit before any view, form or service sees it.

The NUL character (`\\x00`) is not text: PostgreSQL refuses it in every text column and
every query parameter, so a value holding one would reach the database and fail there (a
500). `NulInputMiddleware` refuses it wherever a request can carry text, once, for every page
and endpoint: the path, the query string, a form's fields and a JSON body. Pages answer 400
with the reason; the API answers 422 in its usual shape (`detail` and `errors`, one per field).
Uploaded files are checked by their readers, which name the line (docs/security.md, "Input
at the edge").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext

NUL = "\x00"

#: How a field holding NUL is refused (it completes the field's name, like the API's words).
NUL_MESSAGE = "must not contain the NUL character (\\x00)"

#: Under this path a 422 also carries `problems` (sentences), as the finder's own 422 does.
PROBLEM_LIST_PREFIX = "/api/v1/finder/"

__all__ = ["NUL", "NUL_MESSAGE", "NulInputMiddleware", "fields_with_nul", "lines_with_nul"]


def lines_with_nul(text: str) -> list[int]:
    """The numbers (from 1) of the lines of `text` that hold NUL."""
    if NUL not in text:
        return []
    return [number for number, line in enumerate(text.split("\n"), start=1) if NUL in line]


def _walk(value: Any, place: str) -> Iterator[str]:
    if isinstance(value, str):
        if NUL in value:
            yield place
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{place}.{key}" if place else str(key)
            if NUL in str(key):
                yield inner
            else:
                yield from _walk(item, inner)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{place}.{index}" if place else str(index))


def fields_with_nul(request: HttpRequest) -> list[str]:
    """Where the request carries NUL, named as a client would name it: `path`, a query or
    form field's name, a JSON body's field (`events.0.member`)."""
    places: list[str] = []
    if NUL in request.path:
        places.append("path")
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in v for v in values):
            places.append(key.replace(NUL, "\\x00"))
    if NUL in unquote(request.META.get("QUERY_STRING", "")) and not places:
        places.append("query")
    content_type = request.content_type or ""
    if request.method in {"POST", "PUT", "PATCH", "DELETE"}:
        try:
            if content_type == "application/x-www-form-urlencoded":
                for key, values in request.POST.lists():
                    if NUL in key or any(NUL in v for v in values):
                        places.append(key.replace(NUL, "\\x00"))
            elif content_type == "application/json" or content_type.endswith("+json"):
                body = request.body
                if b"\\u0000" in body or b"\x00" in body:
                    try:
                        data = json.loads(body)
                    except ValueError:
                        # Not JSON at all (or a raw NUL, which JSON refuses): the endpoint
                        # says the body is not valid JSON.
                        return places
                    places.extend(p.replace(NUL, "\\x00") or "body" for p in _walk(data, ""))
        except Exception:  # a body too big or cut off: the view answers it
            return places
    return places


class NulInputMiddleware:
    """Refuses any request that carries NUL in its path, query, form fields or JSON body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        places = fields_with_nul(request)
        if not places:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            errors = [{"field": place, "message": NUL_MESSAGE} for place in places]
            said = "; ".join(f"{e['field']} {e['message']}" for e in errors)
            body: dict[str, Any] = {"detail": f"The request was not accepted: {said}.",
                                    "errors": errors}
            if request.path.startswith(PROBLEM_LIST_PREFIX):
                # The finder's 422 lists its problems as sentences (`Problems` in finder/api.py).
                body["problems"] = [f"{e['field']} {e['message']}" for e in errors]
            return JsonResponse(body, status=422)
        reason = gettext("The request holds the NUL character (\\x00), which is not text: "
                         "remove it and try again.")
        return render(request, "web/400.html", {"reason": reason}, status=400)
