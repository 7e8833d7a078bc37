"""`Cache-Control: no-store` on every answer that may carry money or personal data.

No shared cache (a proxy, a CDN) and no browser history may keep a club's figures, an
account page or a finder result. Rather than mark each such view, and forget one, the rule
is broad (docs/security.md, "Serving and caching"):

- every response to a signed-in person;
- every response under `/clubs/`, `/accounts/`, `/finder/results`, `/admin/`, `/privacy/my-data/`
  and `/api/`, except the API's public documents (`/api/v1/docs`, `/api/v1/openapi.json`).

Static files never reach this middleware: whitenoise answers them earlier, with their long,
immutable cache.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

PRIVATE_PREFIXES = (
    "/clubs/", "/accounts/", "/finder/results", "/admin/", "/privacy/my-data/", "/api/",
)
PUBLIC_DOCUMENTS = ("/api/v1/docs", "/api/v1/openapi.json")


def must_not_be_stored(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    path = request.path
    return path.startswith(PRIVATE_PREFIXES) and not path.startswith(PUBLIC_DOCUMENTS)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if must_not_be_stored(request):
            # no-store forbids keeping it; private and max-age=0 for old caches too.
            add_never_cache_headers(response)
        return response
