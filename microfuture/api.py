"""The JSON API root: every app adds its router here, under /api/v1/."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import django_auth

api = NinjaAPI(
    title="Microfuture Hub API",
    version="1",
    description="Solidarity investment clubs, good practices, finance finder and impact data.",
    urls_namespace="api-v1",
)


def _reason(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": reason}, status=status)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    parts = []
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", []) if p not in ("body", "payload"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", ""))
    return api.create_response(
        request, {"detail": "; ".join(parts) or "Invalid input.", "errors": exc.errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _reason(request, "Sign in first.", 401)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _reason(request, str(exc) or "You do not have permission to do this.", 403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _reason(request, str(exc) or "Not found.", 404)


__all__ = ["api", "django_auth"]
