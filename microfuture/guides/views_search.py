"""Searching the guides (being built: issue 14)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def search(request: HttpRequest) -> HttpResponse:
    raise Http404
