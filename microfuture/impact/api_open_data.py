"""The impact API: open_data."""

from ninja import Router

router = Router()
