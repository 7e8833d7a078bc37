"""URLs of the club's downloads for other bookkeeping (included by clubs/urls.py under
/clubs/<slug>/)."""

from django.urls import path

from microfuture.clubs.views import exports

urlpatterns = [
    path("export/beancount/", exports.beancount_export, name="export_beancount"),
]
