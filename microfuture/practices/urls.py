"""URLs of the good-practice library, mounted at /practices/ (namespace "practices")."""

from django.urls import path

from microfuture.practices import views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("new/", views.practice_new, name="new"),
    path("compare/", views.compare, name="compare"),
    path("map/", views.practice_map, name="map"),
    path("regions/", views.region_list, name="regions"),
    path("regions/new/", views.region_new, name="region_new"),
    path("regions/<str:code>/", views.region_edit, name="region"),
    path("<slug:slug>/", views.practice_detail, name="detail"),
    path("<slug:slug>/edit/", views.practice_edit, name="edit"),
    path("<slug:slug>/transferability/", views.transferability, name="transferability"),
    path("<slug:slug>/submit/", views.practice_submit, name="submit"),
    path("<slug:slug>/approve/", views.practice_approve, name="approve"),
    path("<slug:slug>/send-back/", views.practice_send_back, name="send_back"),
    path("<slug:slug>/validate/", views.practice_validate, name="validate"),
    path("<slug:slug>/revisions/", views.revision_list, name="revisions"),
    path("<slug:slug>/revisions/<int:number>/", views.revision_detail, name="revision"),
    path("<slug:slug>/revisions/<int:number>/restore/", views.revision_restore,
         name="restore"),
    path("<slug:slug>/interviews/new/", views.interview_new, name="interview_new"),
]
