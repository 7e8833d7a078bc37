"""URLs of the club's treasurer pages (included by clubs/urls.py under /clubs/<slug>/)."""

from django.urls import path

from microfuture.clubs.views import treasurer

urlpatterns = [
    path("statement/", treasurer.statement, name="statement"),
    path("statement/pdf/", treasurer.statement_pdf, name="statement_pdf"),
    path("statement/json/", treasurer.statement_json, name="statement_json"),
    path(
        "statement/member/<int:member_id>/", treasurer.member_statement,
        name="member_statement",
    ),
    path(
        "statement/member/<int:member_id>/pdf/", treasurer.member_statement_pdf,
        name="member_statement_pdf",
    ),
    path("record/", treasurer.record, name="record"),
    path("record/<slug:event_type>/", treasurer.record_event, name="record_event"),
    path("collection/", treasurer.collection, name="collection"),
    path("pledges/", treasurer.pledges, name="pledges"),
    path("journal/", treasurer.journal, name="journal"),
    path("journal/export/", treasurer.journal_export, name="journal_export"),
    path("events/", treasurer.events, name="events"),
    path("events/<int:seq>/reverse/", treasurer.reverse_event, name="reverse_event"),
]
