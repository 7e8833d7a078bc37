"""URLs of a club's invitations page (included by clubs/urls.py under /clubs/<slug>/)."""

from django.urls import URLPattern, path

from microfuture.clubs.views import invitations

urlpatterns: list[URLPattern] = [
    path("invitations/", invitations.invitations, name="invitations"),
    path(
        "invitations/<int:pk>/cancel/", invitations.invitation_cancel_view,
        name="invitation_cancel",
    ),
]
