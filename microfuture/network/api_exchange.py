"""The network API: exchange."""

from ninja import Router

router = Router()
