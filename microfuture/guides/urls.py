from django.urls import path

from microfuture.guides import views, views_search

app_name = "guides"

urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views_search.search, name="search"),
    path("<slug:slug>/", views.guide, name="guide"),
    path("<slug:slug>/pdf/", views.guide_pdf, name="pdf"),
]
