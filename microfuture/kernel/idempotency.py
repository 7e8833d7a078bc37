"""`Idempotency-Key` for the API's requests that change money: a retry never books twice.

A client that timed out cannot know whether its request was recorded. Sent again with the same
`Idempotency-Key` header (any text up to 255 characters, e.g. a UUID), the request is answered
with the original status and body and records nothing. The same key with another request
(method, path, query or body) is a 409; so is a key whose first request has not finished.
Keys are per signed-in person and kept 24 hours (`KEPT`); an older key is forgotten when it is
next used, and `purge_idempotency_keys` deletes the old ones.

Why one transaction: the key row is inserted first, the endpoint runs inside the same
`transaction.atomic`, and its answer is stored before the commit. A crash leaves both the
money write and the key, or neither; a concurrent duplicate waits on the unique (user, key)
index until the first commits, then gets its answer (on PostgreSQL at most `IN_FLIGHT_WAIT_MS`,
then a 409 says the first is still being answered). Only a 2xx answer is kept: a refused
request wrote nothing, so it may simply be sent again.

Use: `@decorate_view(idempotent)` under the endpoint's `@router.post(...)`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, OperationalError, connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils import timezone

from microfuture.kernel.models import IdempotencyKey

HEADER = "Idempotency-Key"
#: How long a key is remembered (at least a day, so a client's retries the next morning work).
KEPT = dt.timedelta(hours=24)
MAX_KEY_LENGTH = 255
#: How long a retry waits for a first request with its key still running before a 409.
IN_FLIGHT_WAIT_MS = 5000

CONFLICT_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["detail"],
    "properties": {"detail": {"type": "string", "description": "One plain sentence."}},
}

#: What the OpenAPI document says of every operation that takes the header.
OPENAPI_EXTRA: dict[str, Any] = {
    "parameters": [{
        "name": HEADER, "in": "header", "required": False,
        "description": (
            "Any text up to 255 characters (a UUID). Sent again with the same request, the "
            "original status and body are answered and nothing is recorded twice (the header "
            "`Idempotent-Replayed: true` says so). Kept 24 hours."
        ),
        "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH},
    }],
    "responses": {"409": {
        "description": "The Idempotency-Key was used for another request, or its first "
                       "request is still being answered",
        "content": {"application/json": {"schema": CONFLICT_SCHEMA}},
    }},
}


def request_hash(request: HttpRequest) -> str:
    """What makes two requests "the same": method, path, query string, body and the person."""
    digest = hashlib.sha256()
    for part in (request.method or "", request.path, request.META.get("QUERY_STRING", ""),
                 str(request.user.pk)):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(request.body)
    return digest.hexdigest()


def _detail(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def _replay(row: IdempotencyKey, digest: str) -> HttpResponse:
    if row.request_hash != digest:
        return _detail(f"The {HEADER} {row.key!r} was already used for another request; "
                       "use a new key for a new request.", 409)
    if row.status is None:
        return _detail(f"The request with the {HEADER} {row.key!r} is still being answered; "
                       "try again in a moment.", 409)
    response = HttpResponse(bytes(row.body), status=row.status, content_type=row.content_type)
    response["Idempotent-Replayed"] = "true"
    return response


def _claim(request: HttpRequest, key: str, digest: str) -> IdempotencyKey | HttpResponse:
    """Insert the key row, or answer from the row already there. Runs in the outer atomic."""
    user: Any = request.user  # signed in: the wrapper checked
    IdempotencyKey.objects.filter(
        user=user, key=key, created_at__lt=timezone.now() - KEPT
    ).delete()
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # A duplicate's insert waits on the unique index for the first request: a
                # moment (then it replays the first's answer), not as long as the first takes.
                # SET LOCAL inside the savepoint is undone if the insert fails; reset after.
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL lock_timeout = '{IN_FLIGHT_WAIT_MS}ms'")
            claimed = IdempotencyKey.objects.create(user=user, key=key, request_hash=digest)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = DEFAULT")
            return claimed
    except IntegrityError:
        # Another request with this key committed first (on PostgreSQL we waited for it).
        pass
    except OperationalError as exc:
        # PostgreSQL's lock_timeout (55P03): the first request with this key is still running.
        if getattr(exc.__cause__, "sqlstate", None) != "55P03":  # psycopg 3
            raise
        return _detail(f"The request with the {HEADER} {key!r} is still being answered; "
                       "try again in a moment.", 409)
    row = IdempotencyKey.objects.filter(user=user, key=key).first()
    if row is None:
        # The first one was refused and let its key go: the client should simply retry.
        return _detail(f"The request with the {HEADER} {key!r} was just answered with a "
                       "refusal; try again.", 409)
    return _replay(row, digest)


def idempotent(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap a ninja operation's `run` (through `decorate_view`) to honour `Idempotency-Key`."""
    operation = getattr(run, "__self__", None)
    if operation is not None:
        extra = dict(getattr(operation, "openapi_extra", None) or {})
        extra.update(OPENAPI_EXTRA)
        operation.openapi_extra = extra

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        key = request.headers.get(HEADER)
        if key is None or not request.user.is_authenticated:
            # Nobody signed in: the endpoint answers 401 and records nothing.
            return run(request, *args, **kwargs)
        key = key.strip()
        if not key or len(key) > MAX_KEY_LENGTH:
            return _detail(f"The {HEADER} header must be 1 to {MAX_KEY_LENGTH} characters.", 400)
        try:
            digest = request_hash(request)
        except RequestDataTooBig:
            # Too large to be recorded at all: the endpoint answers it (413), nothing to keep.
            return run(request, *args, **kwargs)
        with transaction.atomic():
            claimed = _claim(request, key, digest)
            if isinstance(claimed, HttpResponse):
                return claimed
            response = run(request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                claimed.status = response.status_code
                claimed.body = getattr(response, "content", b"")
                claimed.content_type = response.get("Content-Type", "application/json")
                claimed.save(update_fields=["status", "body", "content_type"])
            elif response.status_code >= 500:
                # Whatever the endpoint wrote goes with its key: both or neither.
                transaction.set_rollback(True)
            else:
                # Refused: nothing was recorded, so the same request may come again.
                claimed.delete()
            return response

    return wrapper


def purge_expired(*, now: dt.datetime | None = None) -> int:
    """Delete the keys older than `KEPT`; returns how many."""
    cutoff = (now or timezone.now()) - KEPT
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
