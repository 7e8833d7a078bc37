"""Pages of knowledge exchange under /network/questions/ (views_exchange.py)."""

from django.urls import URLPattern, URLResolver, path

from microfuture.network import views_exchange

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views_exchange.thread_list, name="threads"),
    path("<int:pk>/", views_exchange.thread_detail, name="thread"),
    path("<int:pk>/keep/", views_exchange.thread_keep, name="thread_keep"),
    path("ask/<slug:slug>/", views_exchange.thread_new, name="thread_new"),
    path("answer/<str:token>/", views_exchange.thread_answer, name="thread_answer"),
]
