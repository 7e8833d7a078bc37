"""The open-data page and its downloads under /open-data/."""

from django.urls import URLPattern, URLResolver, path  # noqa: F401

app_name = "open_data"

urlpatterns: list[URLPattern | URLResolver] = []
