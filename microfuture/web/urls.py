from django.urls import path

from microfuture.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/my-data/", views.my_data, name="my_data"),
]
