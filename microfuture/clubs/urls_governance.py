"""URLs of the club's governance pages (included by clubs/urls.py under /clubs/<slug>/)."""

from django.urls import URLPattern, path

from microfuture.clubs.views import governance

urlpatterns: list[URLPattern] = [
    path("meetings/", governance.meetings, name="meetings"),
    path("meetings/<int:pk>/", governance.meeting, name="meeting"),
    path("proposals/", governance.proposals, name="proposals"),
    path("proposals/<int:pk>/", governance.proposal, name="proposal"),
]
