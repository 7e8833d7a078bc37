"""The network API: events."""

from ninja import Router

router = Router()
