"""The guides' JSON API (`../shared/specs/guides.md` §4), under /api/v1/."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["guides"])
