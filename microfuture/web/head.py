"""HEAD wherever GET works: pages and API alike (docs/api.md).

HTTP defines HEAD as GET without the body. Django's `require_GET` and ninja's GET operations
refuse it (405), so rather than remember `require_safe` on every view and keep ninja's
operations in step, one middleware answers a HEAD request as the GET it stands for and drops
the body. The status and headers (Content-Type, Content-Length, caching) are the GET's.
A GET never writes (CONVENTIONS.md), so answering HEAD by running it is safe.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase, StreamingHttpResponse


class HeadAsGetMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if isinstance(response, StreamingHttpResponse):
            response.close()
            response.streaming_content = []
        elif hasattr(response, "content"):
            if not response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response
