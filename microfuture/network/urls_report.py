"""Pages of the network: the period report (/network/report/, staff only)."""

from django.urls import URLPattern, URLResolver, path

from microfuture.network import views_report as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.report, name="report"),
]
