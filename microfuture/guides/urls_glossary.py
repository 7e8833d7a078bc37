from django.urls import path

from microfuture.guides import views

app_name = "glossary"

urlpatterns = [
    path("", views.glossary, name="index"),
]
