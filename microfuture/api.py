"""The JSON API root: every app adds its router here, under /api/v1/ (docs/api.md).

This module holds what every endpoint shares: the index at /api/v1/, the session
authentication that answers 401 before anything else when nobody is signed in, and the
exception handlers that turn every refusal into a plain English `{"detail": ...}`
(validation errors also list each field with a plain message). `ApiErrorsMiddleware` gives
the same JSON shape to what never reaches ninja (unknown paths, a method a path does not take).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth

API_PREFIX = "/api/"
API_ROOT = "/api/v1/"

#: The scheme named in `WWW-Authenticate` on a 401: the API signs in with the site's session
#: cookie (sign in on the web page first), not with a token.
AUTH_SCHEME = 'Session realm="Microfuture Hub"'

#: The 422 body in the OpenAPI document: `errors` is there when ninja refused the input (a
#: view's own 422 may have only `detail`).
INVALID_SCHEMA: dict[str, Any] = {
    "title": "Invalid",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {"type": "string", "description": "One plain sentence."},
        "errors": {"type": "array", "items": {
            "type": "object", "required": ["field", "message"],
            "properties": {
                "field": {"type": "string"},
                "message": {"type": "string",
                            "description": "Plain words that complete the field's name."},
            },
        }},
    },
}


class HubAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document declares the 422 that every validated operation may
    answer, with the body `validation_error` gives it."""

    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Invalid"] = INVALID_SCHEMA
        invalid = {"description": "The request does not fit: each field's problem in plain words",
                   "content": {"application/json": {"schema": {
                       "$ref": "#/components/schemas/Invalid"}}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                validated = operation.get("parameters") or operation.get("requestBody")
                responses = operation.setdefault("responses", {})
                # ninja keys the responses by int, JSON turns them into strings
                key = next((k for k in responses if str(k) == "422"), 422)
                declared = responses.get(key)
                if validated and (declared is None or _only_detail(declared, components)):
                    responses[key] = invalid
        return schema


def _only_detail(response: dict[str, Any], components: dict[str, Any]) -> bool:
    """Whether a declared response is the plain `{"detail": ...}` (which `Invalid` extends)."""
    body = response.get("content", {}).get("application/json", {}).get("schema", {})
    ref = body.get("$ref", "")
    if ref:
        body = components.get(ref.rsplit("/", 1)[-1], {})
    return set(body.get("properties", {})) == {"detail"}


api = HubAPI(
    title="Microfuture Hub API",
    version="1",
    description=(
        "Solidarity investment clubs, good practices, finance finder and impact data. "
        "Endpoints that need a signed-in person use the site's session cookie: without it "
        "they answer 401, signed in without the right 403. Every error is JSON with a plain "
        "`detail`; a 422 also lists each field with a plain message."
    ),
    urls_namespace="api-v1",
)


class SignedInSession(SessionAuth):
    """Django's session as ninja's `django_auth`, but nobody signed in is 401, not 403.

    ninja checks CSRF before it asks who is signed in, so an unsafe request without a
    session got "CSRF check Failed" (403). Without a signed-in person there is nothing a
    forged request could act for, so the CSRF check is left for signed-in requests.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


#: Every endpoint that needs a signed-in person uses this (`auth=django_auth`).
django_auth = SignedInSession()


def _reason(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": reason}, status=status)


def _sign_in_first(request: HttpRequest) -> HttpResponse:
    response = _reason(request, "Sign in first.", 401)
    response["WWW-Authenticate"] = AUTH_SCHEME
    return response


# Validation errors in plain words ------------------------------------------------------------

_AMOUNT = "must look like an amount with a decimal point and at most two decimals, e.g. 25 or 25.50"
_NUMBER = "must look like a number with a decimal point, e.g. 5 or 5.25"

#: Plain words for the patterns the endpoints use. A pattern that is a list of words
#: (`^(yes|no|abstain)$`) is worded by `_pattern_message` itself; a test checks that every
#: pattern in the OpenAPI document is worded.
PATTERN_WORDS: dict[str, str] = {
    r"^[0-9]+(\.[0-9]{1,2})?$": _AMOUNT,
    r"^[0-9]{1,12}(\.[0-9]{1,2})?$": _AMOUNT,
    r"^\d{1,12}(\.\d{1,2})?$": _AMOUNT,
    r"^[0-9]+(\.[0-9]+)?$": _NUMBER,
    r"^\d{1,3}(\.\d{1,4})?$": _NUMBER,
    r"^[A-Z]{3}$": "must look like three capital letters, e.g. EUR",
}
PATTERN_FALLBACK = "does not have the expected form (see the field in /api/v1/docs)"
_CHOICES = re.compile(r"^\^\(([\w|-]+)\)\$$")


def _choices(words: list[str]) -> str:
    shown = [f'"{w}"' if w else '"" (empty)' for w in words]
    return "must be one of " + ", ".join(shown)


def _pattern_message(pattern: str) -> str:
    if pattern in PATTERN_WORDS:
        return PATTERN_WORDS[pattern]
    choices = _CHOICES.match(pattern)
    if choices:
        return _choices(choices.group(1).split("|"))
    return PATTERN_FALLBACK


def _plain_number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def plain_message(error: dict[str, Any]) -> str:
    """One pydantic error as plain words that complete the field's name."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "string_pattern_mismatch":
        return _pattern_message(str(ctx.get("pattern", "")))
    if kind in {"literal_error", "enum"}:
        return _choices(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
    if kind == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return "must not be empty"
        return f"is too short: at least {ctx.get('min_length')} characters"
    if kind == "too_long":
        return f"has too many items: at most {ctx.get('max_length')}"
    if kind == "too_short":
        return f"has too few items: at least {ctx.get('min_length')}"
    if kind.startswith(("int_parsing", "int_type", "int_from_float")):
        return "must be a whole number"
    if kind.startswith(("float_", "decimal_")):
        return "must be a number"
    if kind.startswith("bool_"):
        return "must be true or false"
    if kind.startswith("datetime_"):
        return "must be a date and time like 2026-01-31T14:00:00Z"
    if kind.startswith("date_"):
        return "must be a date like 2026-01-31"
    if kind == "string_type":
        return "must be a text"
    if kind in {"list_type", "tuple_type", "set_type"}:
        return "must be a list"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "must be a JSON object"
    if kind == "json_invalid":
        return "is not valid JSON"
    if kind == "extra_forbidden":
        return "is not a field of this request"
    bounds = {
        "greater_than_equal": ("ge", "must be {} or more"),
        "greater_than": ("gt", "must be more than {}"),
        "less_than_equal": ("le", "must be {} or less"),
        "less_than": ("lt", "must be less than {}"),
    }
    if kind in bounds:
        key, words = bounds[kind]
        return words.format(_plain_number(ctx.get(key)))
    if kind == "value_error":
        # Our own validators raise ValueError with a plain sentence; pydantic prefixes it.
        return str(error.get("msg", "")).removeprefix("Value error, ") or "is not valid"
    return "is not valid"


def field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    """`("body", "payload", "events", 0, "amount")` → `events.0.amount`.

    The first part says where the value was (body, query, path); in the body the second is
    the Python name of the view's parameter, which means nothing to a client.
    """
    parts = list(loc)
    source = parts.pop(0) if parts else ""
    if source == "body" and parts:
        parts.pop(0)
    return ".".join(str(p) for p in parts) or ("body" if source == "body" else str(source))


def plain_errors(errors: list[dict[str, Any]]) -> dict[str, Any]:
    problems = [{"field": field_name(e.get("loc", ())), "message": plain_message(e)}
                for e in errors]
    said = "; ".join(f"{p['field']} {p['message']}" for p in problems)
    detail = f"The request was not accepted: {said}." if said else "The request was not accepted."
    return {"detail": detail, "errors": problems}


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, plain_errors(list(exc.errors)), status=422)


@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _sign_in_first(request)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    if not request.user.is_authenticated:
        # A signed-in person might be allowed: the answer to nobody is "sign in".
        return _sign_in_first(request)
    return _reason(request, str(exc) or "You do not have permission to do this.", 403)


def import_too_large() -> str:
    mb = format(settings.IMPORT_MAX_BYTES / (1024 * 1024), "g")
    return (f"The file is larger than {mb} MB, the most an import accepts: nothing was "
            "imported.")


@api.exception_handler(RequestDataTooBig)
def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE (twice the import limit): 413, not Django's 400.
    return _reason(request, import_too_large(), 413)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _reason(request, str(exc) or "Not found.", 404)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403 and "CSRF" in exc.message:
        return _reason(request, "The request was refused: the CSRF token is missing or "
                       "wrong (send the csrftoken cookie's value in X-CSRFToken).", 403)
    if exc.status_code == 400 and exc.message == "Cannot parse request body":
        return _reason(request, "The request's body is not valid JSON.", 400)
    return _reason(request, str(exc) or "The request was not accepted.", exc.status_code)


# The index ----------------------------------------------------------------------------------


class Link(Schema):
    href: str
    title: str


class Index(Schema):
    name: str
    version: str
    description: str
    docs: Link
    openapi: Link
    areas: list[Link]


@api.get("/", response={200: Index}, summary="The API's index: where its documents are",
         tags=["index"])
def index(request: HttpRequest) -> Index:
    """The API's name, its documentation and OpenAPI document, and its areas."""
    areas = [("accounts/me", "The signed-in person and their roles"),
             ("clubs/", "Solidarity investment clubs"),
             ("finder/match", "Finance finder (POST a profile)"),
             ("practices/", "Good-practice library")]
    return Index(
        name=api.title, version=api.version,
        description="JSON API of Microfuture Hub. Errors are JSON with a plain `detail`; "
                    "endpoints for signed-in people use the site's session cookie.",
        docs=Link(href=f"{API_ROOT}docs", title="Interactive documentation"),
        openapi=Link(href=f"{API_ROOT}openapi.json", title="OpenAPI document"),
        areas=[Link(href=f"{API_ROOT}{path}", title=title) for path, title in areas],
    )


# What never reaches ninja -------------------------------------------------------------------


class ApiErrorsMiddleware:
    """Under /api/, a 4xx that is not JSON (unknown path, method not taken) becomes JSON.

    Django answers an unknown path with the HTML 404 page and ninja a method a path does
    not take with a bare 405; a client of the API expects `{"detail": ...}` for both.
    Placed above CommonMiddleware, so a missing trailing slash is still redirected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (not request.path.startswith(API_PREFIX) or not 400 <= response.status_code < 500
                or response.get("Content-Type", "").startswith("application/json")):
            return response
        if response.status_code == 404:
            detail = (f"There is nothing at {request.path}. The API's index is at {API_ROOT} "
                      f"and its documentation at {API_ROOT}docs.")
        elif response.status_code == 405:
            allowed = response.get("Allow", "")
            detail = f"{request.path} does not take {request.method}; it takes {allowed}."
        else:
            detail = f"The request was not accepted ({response.status_code})."
        replaced = JsonResponse({"detail": detail}, status=response.status_code)
        for header in ("Allow", "WWW-Authenticate"):
            if header in response:
                replaced[header] = response[header]
        return replaced


__all__ = ["ApiErrorsMiddleware", "api", "django_auth"]
