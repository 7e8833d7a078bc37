"""Pages of the impact app: dashboards, and each chart's table as CSV (docs/impact.md,
"Dashboards")."""

from django.urls import URLPattern, URLResolver, path

from microfuture.impact import views_dashboards as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.platform_dashboard, name="dashboard"),
    path("charts/<slug:chart>.csv", views.platform_dashboard, name="dashboard_csv"),
    path("ministry/", views.ministry_dashboard, name="ministry"),
    path("ministry/charts/<slug:chart>.csv", views.ministry_dashboard, name="ministry_csv"),
    path("regions/<str:code>/", views.region_dashboard, name="region"),
    path("regions/<str:code>/charts/<slug:chart>.csv", views.region_dashboard,
         name="region_csv"),
    path("clubs/<slug:slug>/", views.club_dashboard, name="club"),
    path("clubs/<slug:slug>/charts/<slug:chart>.csv", views.club_dashboard, name="club_csv"),
]
