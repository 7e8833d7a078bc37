"""URLs of the good-practice library, mounted at /practices/ (namespace "practices")."""

from django.urls import path

from microfuture.practices.views import (
    compare,
    detail,
    editing,
    interviews,
    library,
    practice_map,
    regions,
    revisions,
    transferability,
    workflow,
)

app_name = "practices"

urlpatterns = [
    path("", library.practice_list, name="list"),
    path("new/", editing.practice_new, name="new"),
    path("compare/", compare.compare, name="compare"),
    path("map/", practice_map.practice_map, name="map"),
    path("regions/", regions.region_list, name="regions"),
    path("regions/new/", regions.region_new, name="region_new"),
    path("regions/<str:code>/", regions.region_edit, name="region"),
    path("<slug:slug>/", detail.practice_detail, name="detail"),
    path("<slug:slug>/edit/", editing.practice_edit, name="edit"),
    path("<slug:slug>/transferability/", transferability.transferability,
         name="transferability"),
    path("<slug:slug>/submit/", workflow.practice_submit, name="submit"),
    path("<slug:slug>/approve/", workflow.practice_approve, name="approve"),
    path("<slug:slug>/send-back/", workflow.practice_send_back, name="send_back"),
    path("<slug:slug>/validate/", workflow.practice_validate, name="validate"),
    path("<slug:slug>/revisions/", revisions.revision_list, name="revisions"),
    path("<slug:slug>/revisions/<int:number>/", revisions.revision_detail, name="revision"),
    path("<slug:slug>/revisions/<int:number>/restore/", revisions.revision_restore,
         name="restore"),
    path("<slug:slug>/interviews/new/", interviews.interview_new, name="interview_new"),
]
