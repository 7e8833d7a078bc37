"""URLs of people's requests (included by clubs/urls.py under /clubs/interest/)."""

from django.urls import URLPattern, path

from microfuture.clubs.views import interest

urlpatterns: list[URLPattern] = [
    path("", interest.my_requests, name="interest"),
    path("join/", interest.join_club, name="interest_join"),
    path("inbox/", interest.inbox, name="interest_inbox"),
    path("<int:pk>/handled/", interest.mark_handled, name="interest_handled"),
]
