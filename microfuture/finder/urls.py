from django.urls import path

from microfuture.finder import views, views_catalogue

app_name = "finder"

urlpatterns = [
    path("", views.start, name="start"),
    path("results/", views.results, name="results"),
    path("results/pdf/", views.results_pdf, name="results_pdf"),
    path("mechanisms/", views_catalogue.mechanism_list, name="mechanisms"),
    path("mechanisms/<slug:slug>/", views_catalogue.mechanism_page, name="mechanism"),
    path("review/", views_catalogue.review, name="review"),
]
