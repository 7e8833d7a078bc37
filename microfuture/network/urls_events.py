"""The public events page under /events/ (awareness events: info sessions, workshops, pitch
events), with registration and cancellation by link."""

from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "events"

urlpatterns: list[URLPattern | URLResolver] = []
