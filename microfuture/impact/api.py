"""The impact API: open data under /api/v1/open-data/ (spec §4) and the dashboards' figures
under /api/v1/impact/ (docs/api.md)."""

from microfuture.impact.api_dashboards import router as impact_router
from microfuture.impact.api_open_data import router as open_data_router

__all__ = ["impact_router", "open_data_router"]
