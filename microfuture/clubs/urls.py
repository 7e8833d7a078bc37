from django.urls import include, path

from microfuture.clubs.views import charter, club, club_map, invitations

app_name = "clubs"

urlpatterns = [
    path("", club.club_list, name="list"),
    path("new/", club.club_new, name="new"),
    path("region/", club.region_overview_page, name="region"),
    path("region/map/", club_map.club_map, name="map"),
    path("enterprise/", include("microfuture.clubs.urls_enterprise")),
    path("", include("microfuture.clubs.urls_outcomes")),
    path("interest/", include("microfuture.clubs.urls_interest")),
    path("invitation/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("<slug:slug>/", club.club_detail, name="detail"),
    path("<slug:slug>/charter/", charter.club_charter, name="charter"),
    path("<slug:slug>/roles/", charter.club_roles, name="roles"),
    path("<slug:slug>/payments/", charter.club_payments, name="payments"),
    path("<slug:slug>/members/", club.club_members, name="members"),
    path("<slug:slug>/me/", club.my_membership, name="me"),
    path("<slug:slug>/audit/", club.club_audit, name="audit"),
    path("<slug:slug>/", include("microfuture.clubs.urls_treasurer")),
    path("<slug:slug>/", include("microfuture.clubs.urls_statement_xlsx")),
    path("<slug:slug>/", include("microfuture.clubs.urls_governance")),
    path("<slug:slug>/", include("microfuture.clubs.urls_mentoring")),
    path("<slug:slug>/", include("microfuture.clubs.urls_invitations")),
    path("<slug:slug>/", include("microfuture.clubs.urls_exports")),
]
