"""URLs of what enterprises report and of a club's volunteer time (included by clubs/urls.py
under /clubs/): /clubs/enterprise/<slug>/reports/ and /clubs/<slug>/volunteer/."""

from django.urls import URLPattern, path

from microfuture.clubs.views import outcomes

urlpatterns: list[URLPattern] = [
    path("enterprise/<slug:ent_slug>/reports/", outcomes.enterprise_reports,
         name="enterprise_reports"),
    path("<slug:slug>/volunteer/", outcomes.volunteer_time, name="volunteer_time"),
]
