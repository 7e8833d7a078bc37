"""The network's JSON API under /api/v1/network/ (the spec's §7 contract; docs/api.md).

Each area has its own router module; this one only gathers them.
"""

from ninja import Router

from microfuture.network.api_actions import router as actions_router
from microfuture.network.api_directory import router as directory_router
from microfuture.network.api_events import router as events_router
from microfuture.network.api_exchange import router as exchange_router
from microfuture.network.api_initiatives import router as initiatives_router
from microfuture.network.api_meetings import router as meetings_router
from microfuture.network.api_report import router as report_router

router = Router(tags=["network"])
router.add_router("", meetings_router)
router.add_router("", actions_router)
router.add_router("", directory_router)
router.add_router("", exchange_router)
router.add_router("", initiatives_router)
router.add_router("", report_router)
router.add_router("", events_router)
