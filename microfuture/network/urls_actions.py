"""Pages of the network: the regional action plan (`/network/actions/`). What came of a
meeting (`/network/meetings/<pk>/outcomes/`, `network:meeting_outcomes`) is also this area's
page, routed in `urls_meetings.py` for its address."""

from django.urls import URLPattern, URLResolver, path

from microfuture.network import views_actions as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.plan, name="plan"),
    path("new/", views.action_new, name="action_new"),
    path("<int:pk>/", views.action, name="action"),
]
