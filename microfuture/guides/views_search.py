"""Searching the guides (`../shared/specs/guides.md` §3): `/guides/search/?q=` lists the
published guides in the reader's language that hold every word, with the glossary terms that do,
and offers the same words to the good-practice library's search. HTTP only: search.py does the
work. An empty query shows the form alone."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from microfuture.guides import search as guide_search

MAX_QUERY = 200


def _lang() -> str:
    return "sl" if (translation.get_language() or "en").startswith("sl") else "en"


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    q = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    found = guide_search.search(q, _lang()) if q else None
    library = f"{reverse('practices:list')}?{urlencode({'q': q})}" if q else ""
    return render(request, "guides/search.html", {
        "q": q, "found": found, "library": library, "lang": _lang(),
    })
