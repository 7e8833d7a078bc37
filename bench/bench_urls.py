"""The site's URLs plus `/bench/floor/`: the trivial view, the floor of the page bench."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from microfuture.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), *urlpatterns]
