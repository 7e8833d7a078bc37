"""The impact API: dashboards."""

from ninja import Router

router = Router()
