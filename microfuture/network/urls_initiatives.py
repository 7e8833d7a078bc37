"""Pages of the network: joint initiatives (/network/initiatives/)."""

from django.urls import URLPattern, URLResolver, path

from microfuture.network import views_initiatives as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.initiative_list, name="initiatives"),
    path("new/", views.initiative_new, name="initiative_new"),
    path("<int:pk>/", views.initiative_detail, name="initiative"),
    path("<int:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path("<int:pk>/status/", views.initiative_status, name="initiative_status"),
]
