"""Pages of the impact app: policy signals from the finder (docs/impact.md)."""

from django.urls import URLPattern, URLResolver, path

from microfuture.impact import views_signals as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.signals, name="signals"),
]
