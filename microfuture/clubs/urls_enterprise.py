"""URLs of the entrepreneur's pages (included by clubs/urls.py under /clubs/enterprise/)."""

from django.urls import URLPattern, path

from microfuture.clubs.views import enterprise

urlpatterns: list[URLPattern] = [
    path("", enterprise.enterprise_home, name="enterprise_home"),
    path("<slug:ent_slug>/", enterprise.enterprise_detail, name="enterprise_detail"),
]
