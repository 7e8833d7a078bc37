"""Pages of the network: the road to a club (/network/interest/)."""

from django.urls import URLPattern, URLResolver, path

from microfuture.network import views_interest

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views_interest.interest_new, name="interest_new"),
    path("thanks/", views_interest.interest_thanks, name="interest_thanks"),
    path("withdraw/<str:token>/", views_interest.interest_withdraw, name="interest_withdraw"),
    path("overview/", views_interest.interest_overview, name="interest_overview"),
    path("founding/<int:pk>/", views_interest.founding_meeting, name="interest_founding"),
]
