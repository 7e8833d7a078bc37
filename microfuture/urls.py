"""URL map of Microfuture Hub. Each app owns its URLs under its own prefix."""

from django.contrib import admin
from django.urls import include, path

from microfuture.accounts.api import router as accounts_router
from microfuture.api import api
from microfuture.clubs.api import router as clubs_router
from microfuture.finder.api import router as finder_router
from microfuture.guides.api import router as guides_router
from microfuture.impact.api import impact_router, open_data_router
from microfuture.network.api import router as network_router
from microfuture.practices.api import router as practices_router

api.add_router("/accounts/", accounts_router)
api.add_router("/clubs/", clubs_router)
api.add_router("/finder/", finder_router)
api.add_router("/practices", practices_router)
api.add_router("/network/", network_router)
api.add_router("/open-data/", open_data_router)
api.add_router("/impact/", impact_router)
api.add_router("", guides_router)  # /guides, /guides/{slug}, /glossary (spec guides §4)

urlpatterns = [
    path("", include("microfuture.web.urls")),
    path("accounts/", include("microfuture.accounts.urls")),
    path("clubs/", include("microfuture.clubs.urls")),
    path("finder/", include("microfuture.finder.urls")),
    path("practices/", include("microfuture.practices.urls")),
    path("network/", include("microfuture.network.urls")),
    path("events/", include("microfuture.network.urls_events")),
    path("impact/", include("microfuture.impact.urls")),
    path("open-data/", include("microfuture.impact.urls_open_data")),
    path("guides/", include("microfuture.guides.urls")),
    path("glossary/", include("microfuture.guides.urls_glossary")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler400 = "microfuture.web.views.bad_request"
handler403 = "microfuture.web.views.permission_denied"
handler404 = "microfuture.web.views.page_not_found"
handler500 = "microfuture.web.views.server_error"
