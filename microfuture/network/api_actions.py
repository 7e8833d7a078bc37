"""The network API: actions."""

from ninja import Router

router = Router()
