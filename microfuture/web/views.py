"""The site shell: home page and error pages (HTTP only)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

from microfuture.accounts.privacy import PRIVACY_NOTICE_VERSION
from microfuture.web.personal import person_data


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice: who keeps what about whom, why, how long, and people's rights."""
    return render(request, "web/privacy.html", {
        "version": PRIVACY_NOTICE_VERSION,
        "contact_email": settings.PRIVACY_CONTACT_EMAIL,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
    })


#: The site's icon, read once: browsers ask for /favicon.ico whatever the page says.
_FAVICON = (Path(__file__).parent / "static" / "web" / "favicon.svg").read_bytes()


def favicon(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_FAVICON, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own data as a JSON file (GDPR Articles 15 and 20)."""
    data = person_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="microfuture-my-data.json"'
    return response


def _plain_error(status: int) -> HttpResponse:
    # Needs no static file, context processor or database: see web/error_plain.html.
    html = loader.get_template("web/error_plain.html").render({"status": status})
    return HttpResponse(html, status=status)


def _error(request: HttpRequest, status: int) -> HttpResponse:
    try:
        return render(request, f"web/{status}.html", status=status)
    except Exception:  # e.g. static files not collected: answer the status, plainly
        return _plain_error(status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors, the database or static files: whatever broke may
    # be one of them.
    return _plain_error(500)
