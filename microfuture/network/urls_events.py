"""The public events page under /events/ (awareness events: info sessions, workshops, pitch
events), with registration and cancellation by link, the iCalendar feed, and the organiser's
registration list."""

from django.urls import URLPattern, URLResolver, path

from microfuture.network import views_events

app_name = "events"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views_events.event_list, name="list"),
    path("calendar.ics", views_events.events_feed, name="feed"),
    path("<int:pk>/", views_events.event_detail, name="event"),
    path("<int:pk>/registered/", views_events.event_registered, name="registered"),
    path("<int:pk>/registrations/", views_events.registration_list, name="registrations"),
    path("<int:pk>/registrations.csv", views_events.registration_csv,
         name="registrations_csv"),
    path("<int:pk>/registrations/<int:registration>/attended/",
         views_events.registration_attended, name="registration_attended"),
    path("cancel/<str:token>/", views_events.registration_cancel, name="cancel"),
]
