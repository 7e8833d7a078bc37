"""A URL map for tests only: the real one plus a view that fails, to see the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from microfuture.urls import handler400, handler403, handler404, handler500, urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret internal detail")


urlpatterns = [*urlpatterns, path("boom/", boom)]  # type: ignore[list-item]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
