"""URLs of the club's mentoring pages (included by clubs/urls.py under /clubs/<slug>/)."""

from django.urls import URLPattern, path

from microfuture.clubs.views import mentoring

urlpatterns: list[URLPattern] = [
    path("mentoring/", mentoring.mentoring, name="mentoring"),
]
