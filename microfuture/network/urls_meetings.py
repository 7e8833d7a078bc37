"""Pages of the network: meetings (`/network/meetings/`)."""

from django.urls import URLPattern, URLResolver, path

from microfuture.network import views_meetings as views
from microfuture.network.views_actions import meeting_outcomes

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.meeting_list, name="meetings"),
    path("new/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/calendar.ics", views.meeting_ics, name="meeting_ics"),
    path("<int:pk>/outcomes/", meeting_outcomes, name="meeting_outcomes"),  # actions
]
