"""The site shell: home page and error pages (HTTP only)."""

from __future__ import annotations

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


#: The site's icon, read once: browsers ask for /favicon.ico whatever the page says.
_FAVICON = (Path(__file__).parent / "static" / "web" / "favicon.svg").read_bytes()


def favicon(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_FAVICON, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _error(request: HttpRequest, status: int) -> HttpResponse:
    return render(request, f"web/{status}.html", status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors or the database: whatever broke may be one of them.
    return HttpResponse(loader.get_template("web/500.html").render({}), status=500)
