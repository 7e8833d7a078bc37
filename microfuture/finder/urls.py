from django.urls import path

from microfuture.finder import views

app_name = "finder"

urlpatterns = [
    path("", views.start, name="start"),
    path("results/", views.results, name="results"),
    path("results/pdf/", views.results_pdf, name="results_pdf"),
]
