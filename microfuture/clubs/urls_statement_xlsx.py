"""The club statement as XLSX (included by clubs/urls.py under /clubs/<slug>/)."""

from django.urls import path

from microfuture.clubs.views import statement_xlsx

urlpatterns = [
    path("statement/xlsx/", statement_xlsx.statement_xlsx_download, name="statement_xlsx"),
]
