"""What a page asks many times, answered once per request: who the reader is in a club, which
regions they coordinate (docs/performance.md, "One answer per request").

A club page asks several permission questions (may the reader see the club, record money, run
governance, read which members' figures) and each one used to read the reader's membership and
coordinator grants again. `remembered(key, compute)` keeps the answer for the rest of the
request, and only while `RequestMemoMiddleware` has opened a memo for it: a GET or HEAD request,
which changes no rights. Anything else (a POST, a command, a test calling a service) computes
every time, so a write is never followed by a stale answer in the same request.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("request_memo", default=None)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, kept under `key` for the rest of a read-only request."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[no-any-return]


class RequestMemoMiddleware:
    """Opens a memo for each GET or HEAD request and drops it when the response is made."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
