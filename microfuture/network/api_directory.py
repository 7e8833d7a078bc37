"""The network API: directory."""

from ninja import Router

router = Router()
