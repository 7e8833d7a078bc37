"""Guide pages (being built: issue 14)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def index(request: HttpRequest) -> HttpResponse:
    raise Http404


def guide(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def guide_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def glossary(request: HttpRequest) -> HttpResponse:
    raise Http404
