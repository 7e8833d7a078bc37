"""Pages of the impact app under /impact/ (each area in its own module)."""

from django.urls import include, path

app_name = "impact"

urlpatterns = [
    path("", include("microfuture.impact.urls_dashboards")),
    path("signals/", include("microfuture.impact.urls_signals")),
]
