"""Pages of the stakeholder network under /network/ (each area in its own module)."""

from django.urls import include, path

from microfuture.network import views_hub

app_name = "network"

urlpatterns = [
    path("", views_hub.hub, name="home"),
    path("", include("microfuture.network.urls_directory")),
    path("meetings/", include("microfuture.network.urls_meetings")),
    path("actions/", include("microfuture.network.urls_actions")),
    path("questions/", include("microfuture.network.urls_exchange")),
    path("initiatives/", include("microfuture.network.urls_initiatives")),
    path("report/", include("microfuture.network.urls_report")),
    path("interest/", include("microfuture.network.urls_interest")),
]
