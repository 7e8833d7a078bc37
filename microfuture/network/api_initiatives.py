"""The network API: initiatives."""

from ninja import Router

router = Router()
