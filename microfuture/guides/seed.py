"""Seeding the guides and the glossary from the repository's files (being built: issue 14)."""

from __future__ import annotations

from typing import Any


def connect_post_migrate(app_config: Any) -> None:
    """Being built: seeds missing guides and terms after every migrate."""
