"""Pages of the impact app: dashboards (docs/impact.md, "Dashboards")."""

from django.urls import URLPattern, URLResolver, path

from microfuture.impact import views_dashboards as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.platform_dashboard, name="dashboard"),
    path("ministry/", views.ministry_dashboard, name="ministry"),
    path("regions/<str:code>/", views.region_dashboard, name="region"),
    path("clubs/<slug:slug>/", views.club_dashboard, name="club"),
]
